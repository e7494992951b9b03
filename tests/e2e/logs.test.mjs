// The issue log and lessons log journey (issue 11), over the realistic
// deployment (eight providers, a year of counts): record a failed UAT
// result, raise an issue from it in one step, triage and resolve it, raise
// another from an incident, filter the log by its link, add lessons, then
// download the four CSV files and read them. axe-core checks every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate } from './harness.mjs';
import { storedState, STORAGE_KEY, DEPLOYMENT_ID, PROVIDERS, DAYS } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);

/** Downloads what `button` offers; returns the file name and the raw bytes. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const bytes = await fs.readFile(await file.path());
  return { name: file.suggestedFilename(), bytes };
}

/** A CSV file's checks common to all four: BOM, CRLF lines, the header; gives its lines. */
function csvLines(bytes, header) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.endsWith('\r\n'), 'lines end in CRLF');
  assert.ok(!/[^\r]\n/.test(text.replace(/"[^"]*"/g, '')), 'no bare LF outside quoted fields');
  const lines = text.slice(0, -2).split('\r\n');
  assert.equal(lines[0], header);
  return lines;
}

test('a failed UAT result becomes an issue, is triaged and resolved; lessons are logged; four CSV files download', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  await context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
  }, [STORAGE_KEY, storedState()]);
  const axe = async (where) => {
    // The pointer is left where the last click was; a link that moved under it
    // would be checked in its hover style (no underline, by design).
    await page.mouse.move(0, 0);
    assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  };
  const base = `${live.server.url}?deployment=${DEPLOYMENT_ID}`;

  // A failed UAT result, recorded on a provider's page.
  await page.goto(`${base}&page=providers`);
  await appReady(page);
  await page.getByRole('link', { name: 'Sunderland Royal Hospital' }).click();
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Record result' }) });
  await form.getByLabel('Workflow').selectOption({ label: 'Book' });
  await fillDate(form, 'Date tested', '2026-11-20');
  await form.getByLabel('Failed', { exact: true }).check();
  await form.getByLabel("The supplier's solution").check();
  await form.getByLabel('Note (optional)').fill('Booking confirmation has no appointment time, so the ED cannot see when to expect the patient.');
  await form.getByRole('button', { name: 'Record result' }).click();
  await page.locator('.app-confirmation', { hasText: 'Result recorded for Book' }).waitFor();

  // Raise an issue from it, in one step: the form comes filled in.
  await page.getByRole('link', { name: 'Raise an issue from the failed result of Book on 20 November 2026' }).click();
  await page.getByRole('heading', { name: 'Raise an issue' }).waitFor();
  assert.match(await page.locator('#issue-source').innerText(), /Raised from the failed UAT result of “Book” on 20 November 2026/);
  assert.equal(await page.getByLabel('Description').inputValue(),
    'The workflow \u201cBook\u201d failed in UAT: Booking confirmation has no appointment time, so the ED cannot see when to expect the patient.');
  assert.equal(await page.getByLabel('UAT (private beta)').isChecked(), true);
  assert.equal(await page.getByLabel("The supplier's solution").isChecked(), true);
  assert.equal(await page.getByLabel('Provider it concerns (optional)').inputValue(), 'prov-0');
  // Only who raised it and how urgent it is are left to say; saying neither is refused.
  await page.getByRole('button', { name: 'Raise issue' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allInnerTexts(), ['Select the party that raised the issue', 'Select the priority']);
  await axe('the raise-an-issue form with errors');
  await page.getByLabel('Healthcare provider', { exact: true }).check();
  await page.getByLabel('Person who raised it (optional)').selectOption({ label: 'Dr Taylor 1 (Clinical lead, Sunderland Royal Hospital)' });
  await page.getByLabel('High', { exact: true }).check();
  await screenshot(page, 'logs-raise-issue');
  await page.getByRole('button', { name: 'Raise issue' }).click();
  await page.getByRole('heading', { name: 'Issue log', exact: true }).waitFor();
  const row = page.locator('#issues tbody tr', { has: page.getByRole('link', { name: 'ISS-001' }) });
  assert.match(await row.innerText(), /20 November 2026[\s\S]*Booking confirmation has no appointment time[\s\S]*Sunderland Royal Hospital[\s\S]*High[\s\S]*New[\s\S]*Not yet/);
  await axe('the issue log');

  // The result shows its issue on the provider's page.
  await page.getByRole('link', { name: 'Providers', exact: true }).click();
  await page.getByRole('link', { name: 'Sunderland Royal Hospital' }).click();
  const failed = page.locator('#test-history tbody tr', { hasText: 'Booking confirmation has no appointment time' });
  assert.match(await failed.innerText(), /ISS-001\s+New/);
  await axe('a provider page with a linked issue');
  await failed.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-output/logs-provider-history.png' });
  await failed.getByRole('link', { name: 'ISS-001' }).click();

  // Triage: an owner is needed past "new".
  await page.getByRole('heading', { name: 'Issue ISS-001' }).waitFor();
  await page.getByLabel('Triaged', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Select the party that owns the issue: an issue has an owner once it is triaged' }).waitFor();
  await axe('the issue form refusing a triage without an owner');
  await page.getByLabel('Owner').selectOption({ label: 'Healthcare IT supplier' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Issue log', exact: true }).waitFor();
  assert.match(await row.innerText(), /Triaged[\s\S]*Healthcare IT supplier/);

  // Resolve: a resolution and a date not before the day raised.
  await page.getByRole('link', { name: 'ISS-001' }).click();
  await page.getByLabel('Resolved', { exact: true }).check();
  await page.getByLabel('Resolution').fill('Release 4.2.1 adds the appointment time to the booking confirmation; Book passed on retest.');
  await fillDate(page, 'Date resolved', '2026-11-19');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'The date resolved must be the same as or after the date raised' }).waitFor();
  await fillDate(page, 'Date resolved', '2026-11-24');
  await screenshot(page, 'logs-resolve-issue');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name: 'Issue log', exact: true }).waitFor();
  assert.match(await row.innerText(), /Resolved/);

  // Another issue, from a live incident: found in live running, linked both ways.
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await page.getByRole('link', { name: 'Raise an issue from the incident on 10 June 2026' }).click();
  assert.equal(await page.getByLabel('Live running (public beta)').isChecked(), true);
  assert.equal(await page.getByLabel('High', { exact: true }).isChecked(), true, 'an incident caused by BaRS is high priority to start with');
  await page.getByLabel('NHS England BaRS team').check();
  await page.getByLabel('Person who raised it (optional)').selectOption({ label: 'Priya Shah (Technical lead, NHS England)' });
  await page.getByRole('button', { name: 'Raise issue' }).click();
  await page.getByRole('heading', { name: 'Issue log', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  const incident = page.locator('#incidents tbody tr', { hasText: '10 June 2026' });
  assert.match(await incident.innerText(), /ISS-002\s+New/);
  await axe('the incidents page with a linked issue');
  await screenshot(page, 'logs-incidents');

  // ISS-002 has been open since June: it stands out. Filters live in the link.
  await page.getByRole('link', { name: 'Issues', exact: true }).click();
  const old = page.locator('#issues tbody tr', { has: page.getByRole('link', { name: 'ISS-002' }) });
  assert.match(await old.innerText(), /Open \d+ days/);
  assert.match(await page.locator('#issue-summary').innerText(), /^2 issues\. 1 open issue has been open more than 14 days\.$/);
  await screenshot(page, 'logs-issue-log');
  await page.getByLabel('Status').selectOption({ label: 'Open (new, triaged or in progress)' });
  await page.getByLabel('Owner').selectOption({ label: 'Any owner' });
  await page.getByLabel('Mark open issues older than (days)').fill('400');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Enter a whole number of days from 1 to 365' }).waitFor();
  await axe('the issue log with a refused filter');
  await page.getByLabel('Mark open issues older than (days)').fill('365');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/status=open&days=365/);
  assert.equal(await page.locator('#issues tbody tr').count(), 1);
  assert.match(await page.locator('#issue-summary').innerText(), /^Showing 1 of 2 issues that match the filters\.$/);
  assert.equal(await old.locator('.nhsuk-tag--red').count(), 0, 'not open for more than 365 days');
  // The link keeps the filters: reloading shows the same.
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('#issues tbody tr').count(), 1);
  assert.equal(await page.getByLabel('Status').inputValue(), 'open');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#issues tbody tr').length === 2);

  // Lessons: one for the retrospective, one not.
  await page.getByRole('link', { name: 'Lessons', exact: true }).click();
  await axe('an empty lessons log');
  for (const lesson of [
    { date: '2026-11-24', by: 'Healthcare IT supplier', category: 'Technical', happened: 'The booking confirmation left out the appointment time, and UAT did not catch it until the ED tested it.',
      learned: 'Test plans need the receiving service to check what its staff actually see.', action: 'Add an ED walkthrough to every UAT test plan.', owner: 'NHS England BaRS team', status: 'Action in progress', retro: true },
    { date: '2026-11-25', by: 'Healthcare provider', category: 'Communications', happened: 'The weekly call clashed with the ED huddle, so the ED lead missed two calls.',
      learned: 'Ask each provider for a time that suits its clinical day.', action: '', owner: '', status: 'Open', retro: false },
  ]) {
    await page.getByRole('button', { name: 'Add a lesson' }).click();
    await fillDate(page, 'Date identified', lesson.date);
    await page.getByLabel(lesson.by, { exact: true }).check();
    await page.getByLabel(lesson.category, { exact: true }).check();
    await page.getByLabel('What happened').fill(lesson.happened);
    await page.getByLabel('What was learned').fill(lesson.learned);
    await page.getByLabel('Action', { exact: true }).fill(lesson.action);
    if (lesson.owner) await page.getByLabel('Owner of the action').selectOption({ label: lesson.owner });
    await page.getByLabel(lesson.status, { exact: true }).check();
    if (lesson.retro) await page.getByLabel('Bring this lesson to the end of beta retrospective').check();
    await axe('the lesson form');
    await page.getByRole('button', { name: 'Add lesson' }).click();
    await page.getByRole('heading', { name: 'Lessons identified' }).waitFor();
  }
  assert.equal(await page.locator('#lessons tbody tr').count(), 2);
  await axe('the lessons log');
  await screenshot(page, 'logs-lessons');
  await page.getByRole('link', { name: 'Show only the lessons for the retrospective' }).click();
  await page.waitForURL(/retro=yes/);
  assert.equal(await page.locator('#lessons tbody tr').count(), 1);
  assert.match(await page.locator('#lessons tbody tr').innerText(), /Test plans need the receiving service/);

  // The four CSV files.
  const lessons = await download(page, 'Download these lessons (CSV)');
  assert.match(lessons.name, /^urgent-care-referrals-north-east-wave-1-lessons-for-retrospective-\d{4}-\d{2}-\d{2}\.csv$/);
  const lessonLines = csvLines(lessons.bytes, 'Date,Category,What happened,What was learned,Raised by,Raised by (person),Action,Owner,Status,For the retrospective');
  assert.equal(lessonLines.length, 2);
  assert.equal(lessonLines[1], '2026-11-24,Technical,"The booking confirmation left out the appointment time, and UAT did not catch it until the ED tested it.",'
    + "Test plans need the receiving service to check what its staff actually see.,Healthcare IT supplier,,Add an ED walkthrough to every UAT test plan.,NHS England BaRS team,Action in progress,Yes");

  await page.getByRole('link', { name: 'Issues', exact: true }).click();
  const issues = await download(page, 'Download the issue log (CSV)');
  assert.match(issues.name, /-issue-log-\d{4}-\d{2}-\d{2}\.csv$/);
  const issueLines = csvLines(issues.bytes, 'Reference,Raised on,Raised by,Raised by (person),Provider,Found in,Priority,Description,Root cause,Owner,Status,Resolution,Resolved on,Days open,Raised from test result,Raised from incident');
  assert.equal(issueLines.length, 3);
  assert.ok(issueLines[1].startsWith('ISS-001,2026-11-20,Healthcare provider,"Dr Taylor 1, Sunderland Royal Hospital",Sunderland Royal Hospital,UAT (private beta),High,'), issueLines[1]);
  assert.ok(issueLines[1].endsWith(",The supplier's solution,Healthcare IT supplier,Resolved,Release 4.2.1 adds the appointment time to the booking confirmation; Book passed on retest.,2026-11-24,4,\"Book, 2026-11-20\","), issueLines[1]);
  assert.ok(issueLines[2].startsWith('ISS-002,2026-06-10,NHS England BaRS team,"Priya Shah, NHS England",South Tyneside Community,Live running (public beta),High,'), issueLines[2]);
  assert.ok(issueLines[2].endsWith(',2026-06-10'), issueLines[2]);

  await page.getByRole('link', { name: 'Volumetrics', exact: true }).click();
  const counts = await download(page, 'Download daily counts (CSV)');
  const countLines = csvLines(counts.bytes, 'Date,Provider,ODS code,Referrals sent,Responses received,Live running');
  assert.equal(countLines.length, 1 + PROVIDERS * DAYS);
  assert.match(countLines[1], /^2025-12-01,Sunderland Royal Hospital,RA100,\d+,\d+,Yes$/);

  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  await page.getByLabel('Show progress as of').fill('2026-03-01');
  await page.getByLabel('Show progress as of').dispatchEvent('change');
  await page.waitForURL(/asof=2026-03-01/);
  const readiness = await download(page, 'Download the readiness summary (CSV)');
  assert.match(readiness.name, /-readiness-2026-03-01\.csv$/);
  const readinessLines = csvLines(readiness.bytes,
    'As of,Provider,Business go-live,UAT workflows passed,UAT workflows in the test plan,UAT met,Referrals counted (pooled),Referrals needed,Referrals met,Verification days,Verification days needed,Clock restarts,Verification met,Guidance reviewed on,Acceptance criteria met,Earliest exit');
  assert.equal(readinessLines.length, 1 + PROVIDERS + 1, 'a row per provider and the pooled row');
  assert.match(readinessLines[1], /^2026-03-01,Sunderland Royal Hospital,2025-12-01,7,7,Yes,\d+,50,Yes,/);
  assert.match(readinessLines.at(-1), /^2026-03-01,All providers \(pooled\),,\d+,56,/);
  await axe('the progress page');

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('two issues merged in with the same reference are shown, and one gets the next number; an NHS number in a lesson is caught before export', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  // What a merge of two organisations' copies leaves: each raised its own ISS-002.
  const state = JSON.parse(storedState());
  const issue = (id, reference, raised_on, description, updated_at) => ({
    id, updated_at, reference, raised_on, raised_by: 'supplier', raised_by_contact_id: null, provider_id: 'prov-1',
    found_in: 'uat', priority: 'medium', description, root_cause: null, owner: null, status: 'new', resolution: '',
    resolved_on: null, test_result_id: null, incident_id: null,
  });
  state.deployments[0].issues = [
    issue('i-1', 'ISS-001', '2026-11-02', 'Rebook returns the old slot time', '2026-11-02T10:00:00Z'),
    issue('i-2a', 'ISS-002', '2026-11-09', 'Cancel booking is not shown in the ED worklist', '2026-11-09T10:00:00Z'),
    issue('i-2b', 'ISS-002', '2026-11-10', 'Slots search ignores the service filter', '2026-11-10T10:00:00Z'),
  ];
  // Free text in the logs is where an NHS number most often slips in.
  state.deployments[0].lessons = [{
    id: 'l-1', updated_at: '2026-11-12T10:00:00Z', date: '2026-11-12', raised_by: 'provider', raised_by_contact_id: null,
    category: 'clinical_safety', what_happened: 'The referral for 943 476 5919 was sent twice', lesson: 'Check duplicates before resending',
    action: '', owner: null, status: 'open', for_retrospective: true,
  }];
  await context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
  }, [STORAGE_KEY, JSON.stringify(state)]);
  await page.goto(`${live.server.url}?deployment=${DEPLOYMENT_ID}&page=issues`);
  await appReady(page);
  const warning = page.locator('#repeated-references');
  assert.match(await warning.innerText(), /Two issues have the same reference[\s\S]*ISS-002, raised on 10 November 2026: Slots search ignores the service filter/);
  await page.mouse.move(0, 0);
  assert.deepEqual(await axeViolations(page), [], 'axe violations on the issue log with a repeated reference');
  await screenshot(page, 'logs-repeated-reference');
  await page.getByRole('button', { name: 'Give it a new number (ISS-002, raised on 10 November 2026)' }).click();
  await warning.waitFor({ state: 'detached' });
  const refs = await page.locator('#issues tbody th').allInnerTexts();
  assert.deepEqual(refs.map((r) => r.trim()), ['ISS-001', 'ISS-002', 'ISS-003']);
  assert.match(await page.locator('#issues tbody tr', { hasText: 'ISS-003' }).innerText(), /Slots search ignores the service filter/);

  // Exporting warns about the NHS number in the lesson, naming where it is.
  await page.goto(`${live.server.url}?page=share`);
  await appReady(page);
  const warn = page.locator('#nhs-number-warning');
  await warn.waitFor();
  assert.match(await warn.innerText(), /Lesson of 12 November 2026 \u2014 what happened/);
  assert.match(await warn.innerText(), /943 476 5919/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
