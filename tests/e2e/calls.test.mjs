// Running the beta, calls and spreadsheets: rows copied from a spreadsheet
// (tab-separated) and a CSV file added to volumetrics; the calls calendar
// proposed from the realistic deployment's dates, its cadence changed, a call
// noted with an action, a call added, and the .ics file downloaded and read.
// axe-core checks every page; screenshots land in test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate, OUTPUT } from './harness.mjs';
import { storedState, STORAGE_KEY, DEPLOYMENT_ID } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);
const deploymentUrl = (query) => `${live.server.url}?deployment=${DEPLOYMENT_ID}&${query}`;

/** A page with the realistic deployment saved, as if the user had worked on it. */
async function withRealisticState() {
  const opened = await openPage(live.browser, live.server.origin);
  const { page } = opened;
  await page.goto(live.server.url);
  await appReady(page);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, storedState()]);
  return opened;
}

test('spreadsheet rows and a CSV file are added to volumetrics, and a bad paste is refused line by line', async () => {
  const { context, page, foreign, errors } = await withRealisticState();
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(deploymentUrl('page=volumetrics'));
  await page.waitForSelector('#volumetrics');
  await page.getByText('Add rows from a spreadsheet').click();

  // What Excel puts on the clipboard: tabs, a header in its own order, UK dates.
  const copied = [
    'Provider\tDate\tResponses received\tReferrals sent',
    'RA100\t01/02/2027\t11\t12',
    'Gateshead Urgent Treatment Centre\t02/02/2027\t1,180\t1,204',
  ].join('\r\n');
  await page.getByLabel('Rows to add').fill(copied);
  await page.getByRole('button', { name: 'Add rows' }).click();
  await page.locator('.app-confirmation', { hasText: 'Added 2 rows from the pasted text.' }).waitFor();
  const newest = await page.locator('#volumetrics tbody tr').first().innerText();
  assert.match(newest, /2 February 2027\s+Gateshead Urgent Treatment Centre\s+1204\s+1180/);
  assert.match(await page.locator('#volumetrics tbody tr').nth(1).innerText(), /1 February 2027\s+Sunderland Royal Hospital\s+12\s+11/);

  // A bad paste: every problem named by line and column, nothing added.
  await page.getByLabel('Rows to add').fill('Date\tProvider\tReferrals\tResponses\n31/11/2026\tRA100\t3\t1\n03/12/2026\tNowhere Trust\t2\t1\n04/12/2026\tRA100\t2\t5');
  await page.getByRole('button', { name: 'Add rows' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  const listed = await summary.locator('li').allInnerTexts();
  assert.deepEqual(listed, [
    'Line 2, date: \u201c31/11/2026\u201d is not a real date: November 2026 has 30 days',
    'Line 3, provider: no provider in this deployment has the code or name \u201cNowhere Trust\u201d',
    'Line 4, responses: 5 responses cannot be more than the 2 referrals',
  ]);
  await axe('volumetrics with a refused paste');
  await screenshot(page, 'calls-volumetrics-refused-paste');
  // The part that matters, at a readable size.
  await page.locator('.nhsuk-details').screenshot({ path: path.join(OUTPUT, 'calls-volumetrics-paste-box.png') });

  // A CSV file, comma-separated, with a quoted name holding a comma.
  const csv = '\ufeffDate,Provider,ODS code,Referrals sent,Responses received,Live running\r\n2027-02-03,"Durham Integrated Care, North",RC102,7,6,Yes\r\n';
  await page.getByLabel('Or choose a CSV file').setInputFiles({ name: 'counts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.app-confirmation', { hasText: 'Added 1 row from \u201ccounts.csv\u201d.' }).waitFor();
  assert.match(await page.locator('#volumetrics tbody tr').first().innerText(), /3 February 2027\s+Durham Integrated Care\s+7\s+6/);
  assert.equal(await page.locator('.nhsuk-error-summary').count(), 0, 'the earlier errors are cleared');
  await axe('volumetrics after a file');
  await screenshot(page, 'calls-volumetrics-added');

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the calls calendar: cadence changed, a call noted with an action, a call added, the .ics downloaded', async () => {
  const { context, page, foreign, errors } = await withRealisticState();
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  // As of 10 December 2025: two providers live, six more to go.
  await page.goto(deploymentUrl('page=calls&asof=2025-12-10'));
  await page.waitForSelector('#calls-coming');
  const cadence = () => page.locator('.nhsuk-summary-list').innerText();
  assert.match(await cadence(), /Every Tuesday at 10:00, 30 minutes, from \d+ \w+ 2025 \(the first UAT result\), until the first go-live/);
  const coming = page.locator('#calls-coming tbody tr');
  assert.match(await coming.first().innerText(), /10 December 2025\s+10:00 to 10:15\s+Daily public beta call: Sunderland Royal Hospital and Gateshead Urgent Treatment Centre\s+Proposed/);
  assert.ok(await page.getByRole('link', { name: 'Go / no-go call: Durham Integrated Care' }).count() === 1);
  await axe('the calls calendar');
  await page.getByText(/^Earlier calls \(\d+\)$/).click();
  assert.ok((await page.locator('#calls-earlier tbody tr').count()) > 5, 'run-up calls before the first go-live');
  await axe('the calls calendar with earlier calls open');

  // Change the cadence: a slip first, then fortnightly on Thursdays at 09:30, five days of daily calls.
  await page.getByRole('button', { name: 'Change the cadence' }).click();
  await page.waitForSelector('h1:text("Change the cadence of calls")');
  await page.getByLabel('Fortnightly').check();
  await page.getByLabel('Day of the run-up and weekly calls').selectOption({ label: 'Thursday' });
  await page.getByLabel('Start time').fill('25:00');
  await page.getByLabel('Working days of daily calls after each go-live').fill('5');
  await page.getByRole('button', { name: 'Save the cadence' }).click();
  await page.locator('.nhsuk-error-summary li', { hasText: 'The start time must be a time on the 24-hour clock, like 09:30 or 14:00' }).waitFor();
  await axe('the cadence form with an error');
  await screenshot(page, 'calls-cadence-error');
  await page.getByLabel('Start time').fill('09:30');
  await page.getByRole('button', { name: 'Save the cadence' }).click();
  await page.waitForSelector('#calls-coming');
  assert.match(await cadence(), /Every other Thursday at 09:30, 30 minutes/);
  assert.match(await cadence(), /Daily at 09:30 for 15 minutes on the first 5 working days after each go-live, then every Thursday/);
  assert.match(await coming.first().innerText(), /10 December 2025\s+09:30 to 09:45/);

  // Open the go / no-go call of Durham Integrated Care: move it, write notes.
  await page.getByRole('link', { name: 'Go / no-go call: Durham Integrated Care' }).click();
  await page.getByRole('heading', { level: 1, name: 'Go / no-go call: Durham Integrated Care' }).waitFor();
  await page.getByLabel('Start time').fill('14:00');
  await page.getByLabel('Length in minutes').fill('45');
  await page.getByLabel('Notes (optional)').fill('Smoke test passed, users trained. Agreed: go; Durham live on Monday.');
  await axe('a call');
  await page.getByRole('button', { name: 'Save the call' }).click();
  await page.waitForSelector('#calls-coming');
  const durham = page.locator('#calls-coming tr', { has: page.getByRole('link', { name: 'Go / no-go call: Durham Integrated Care' }) });
  assert.match(await durham.innerText(), /14:00 to 14:45.*Notes recorded/s);

  // An action on it, with an owner and a due date.
  await page.getByRole('link', { name: 'Go / no-go call: Durham Integrated Care' }).click();
  assert.match(await page.locator('#call-moved').innerText(), /not where the cadence would put it, which is 13 December 2025 at 09:30/);
  await page.getByLabel('What is to be done').fill('Send the go-live communication to the ED team');
  await page.getByLabel('Owner').fill('Durham Integrated Care, operational lead');
  await fillDate(page, 'Due date (optional)', '2025-12-12');
  await page.getByRole('button', { name: 'Add the action' }).click();
  await page.locator('.app-confirmation', { hasText: 'Added the action' }).waitFor();
  assert.match(await page.locator('#call-actions tbody tr').innerText(), /Send the go-live communication to the ED team\s+Durham Integrated Care, operational lead\s+12 December 2025/);
  await axe('a call with an action');
  await screenshot(page, 'calls-call-with-action');
  await page.getByRole('link', { name: 'Back to calls' }).click();
  await page.waitForSelector('#open-actions');
  assert.match(await page.locator('#open-actions tbody tr').innerText(), /Send the go-live communication.*12 December 2025.*Go \/ no-go call: Durham Integrated Care/s);

  // Add a call by hand.
  await page.getByRole('button', { name: 'Add a call' }).click();
  await page.getByLabel('Name of the call').fill('Endpoint certificate renewal, all suppliers');
  await fillDate(page, 'Date', '2025-12-16');
  await page.getByLabel('Start time').fill('15:00');
  await page.getByLabel('Length in minutes').fill('30');
  await axe('the add a call form');
  await page.getByRole('button', { name: 'Add the call' }).click();
  await page.waitForSelector('#calls-coming');
  assert.match(await page.locator('#calls-coming tr', { hasText: 'Endpoint certificate renewal' }).innerText(), /16 December 2025\s+15:00 to 15:30/);
  await axe('the calls calendar after the changes');
  await screenshot(page, 'calls-calendar');

  // Download the calendar and read it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the calendar (.ics)' }).click()]);
  assert.equal(download.suggestedFilename(), 'bars-beta-calls-urgent-care-referrals-north-east-wave-1.ics');
  const file = path.join(await fs.mkdtemp('/tmp/bars-calls-'), download.suggestedFilename());
  await download.saveAs(file);
  const ics = await fs.readFile(file, 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), ics.slice(0, 80));
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!ics.replace(/\r\n/g, '').includes('\n'), 'CRLF line endings only');
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `longer than 75 octets: ${line}`);
  const unfolded = ics.replace(/\r\n /g, '');
  assert.ok(unfolded.includes('BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n'));
  const events = unfolded.split('BEGIN:VEVENT').slice(1);
  const durhamEvent = events.find((e) => e.includes('SUMMARY:Go / no-go call: Durham Integrated Care'));
  assert.ok(durhamEvent, 'the go / no-go call is in the file');
  assert.match(durhamEvent, /DTSTART;TZID=Europe\/London:\d{8}T140000\r\nDTEND;TZID=Europe\/London:\d{8}T144500\r\n/);
  assert.ok(durhamEvent.includes('DESCRIPTION:Smoke test passed\\, users trained. Agreed: go\\; Durham live on Monday.\\n\\nActions:\\n- Send the go-live communication to the ED team (Durham Integrated Care\\, operational lead\\, due 12 December 2025)'), durhamEvent);
  assert.match(durhamEvent, /UID:bench-deployment-go_no_go:prov-2@bars-beta-tracker\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  assert.ok(events.some((e) => e.includes('SUMMARY:Endpoint certificate renewal\\, all suppliers') && e.includes('DTSTART;TZID=Europe/London:20251216T150000')));
  assert.ok(events.some((e) => e.includes('SUMMARY:Projected end of beta') && /DTSTART;VALUE=DATE:\d{8}/.test(e)), 'the projected exit as an all-day event');
  assert.ok(events.filter((e) => e.includes('CATEGORIES:Daily call\\, first period of public beta')).length >= 5);
  assert.ok(events.every((e) => e.includes('UID:') && e.includes('DTSTAMP:') && e.includes('END:VEVENT')));

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a new deployment has no calls yet and says how they come; one added by hand shows', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByLabel('Deployment name').fill('Falls lifting – wave 2');
  await page.getByLabel('BaRS Application 4').check();
  await page.getByLabel('Low').check();
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.waitForSelector('#deployment-readiness');
  await page.getByRole('link', { name: 'Calls', exact: true }).click();
  await page.locator('#no-calls', { hasText: 'No calls yet. They are proposed once a provider has a go-live date' }).waitFor();
  assert.match(await page.locator('.nhsuk-summary-list').innerText(), /Every Tuesday at 10:00, 30 minutes, once the first UAT result is recorded/);
  await axe('an empty calls calendar');
  await page.getByRole('button', { name: 'Add a call' }).click();
  await page.getByRole('button', { name: 'Add the call' }).click();
  const summary = await page.locator('.nhsuk-error-summary li').allInnerTexts();
  assert.deepEqual(summary, ['Enter a name for the call', 'Enter the date of the call']);
  await axe('the add a call form with errors');
  await page.getByLabel('Name of the call').fill('Kick-off with the supplier');
  await fillDate(page, 'Date', '2027-01-12');
  await page.getByRole('button', { name: 'Add the call' }).click();
  await page.waitForSelector('#calls-coming');
  assert.match(await page.locator('#calls-coming tbody tr').innerText(), /12 January 2027\s+10:00 to 10:30\s+Kick-off with the supplier\s+Added/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
