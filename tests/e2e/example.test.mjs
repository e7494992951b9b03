// "Explore with an example" (issue 12 item 6): from fresh storage, one click on
// the empty home page adds a fictional deployment; then every page of the app
// for it shows the example's own records (not an empty state), passes axe, and
// is photographed into test-output/example/. Deleted like any deployment, it
// leaves the home page empty again, with the button back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot } from './harness.mjs';

const live = serveAndBrowse(before, after);
const STORAGE_KEY = 'bars-beta-tracker.state.v1';
const NAME = 'Example: 111 referrals into urgent care';

const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), STORAGE_KEY);

test('explore with an example: one click fills every page, and it deletes like any deployment', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(live.server.url);
  await appReady(page);
  await page.waitForSelector('#no-deployments');
  const explore = page.getByRole('button', { name: 'Explore with an example' });
  assert.equal(await explore.count(), 1);
  assert.deepEqual(await axeViolations(page), [], 'axe on the empty home page');
  await screenshot(page, 'example/00-home-empty');

  await explore.click();
  // It opens the example's progress page, and is saved like any change.
  await page.waitForSelector(`h1:text("${NAME}")`);
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').deployments?.length === 1, STORAGE_KEY);
  const d = (await stored(page)).deployments[0];
  assert.equal(d.name, NAME);
  const provider = (word) => d.providers.find((p) => p.name.includes(word)).id;
  const [northbrook, eastmere, harrowgate, kingsford] = ['Northbrook', 'Eastmere', 'Harrowgate', 'Kingsford'].map(provider);
  const kingsfordPlan = d.workflows.filter((w) => w.provider_id === kingsford).map((w) => w.id);
  const failed = d.test_results.find((r) => r.outcome === 'fail' && kingsfordPlan.includes(r.workflow_id));
  const liveIssue = d.issues.find((i) => i.found_in === 'live');
  const addedCall = d.calls.find((c) => !c.slot);
  const attributable = d.incidents.find((i) => i.attributed_to_bars);

  // Each page: its query, a name for the screenshot, and text of the example it must show.
  const pages = [
    ['', 'progress', ['Northbrook Urgent Treatment Centre', 'Kingsford Emergency Department', 'Met', '19 of 28 days']],
    ['&page=edit', 'edit', []],
    ['&page=providers', 'providers', ['Eastmere Integrated Urgent Care CAS', 'Meridian Clinical Systems', 'EXH03']],
    [`&page=provider&item=${harrowgate}`, 'provider-harrowgate', ['Harrowgate Same Day Emergency Care', 'Re-refer']],
    [`&page=provider&item=${kingsford}`, 'provider-kingsford', ['Kingsford Emergency Department', 'Rebook']],
    ['&page=new-provider', 'new-provider', []],
    [`&page=edit-provider&item=${eastmere}`, 'edit-provider', []],
    [`&page=remove-provider&item=${kingsford}`, 'remove-provider', ['Kingsford Emergency Department']],
    [`&page=exit-report&item=${northbrook}`, 'exit-report-northbrook', ['Patients booked by 111 now arrive with a time slot', 'Completed by Gareth Linton']],
    ['&page=stages', 'stages', ['Harrowgate Same Day Emergency Care', 'Public beta']],
    [`&page=history&item=${harrowgate}`, 'history-harrowgate', ['No-go', 'ISS-002', 'Go']],
    [`&page=new-decision&item=${harrowgate}`, 'new-decision', []],
    [`&page=business-change&item=${kingsford}`, 'business-change-kingsford', ['Data protection impact assessment reviewed', 'Not started']],
    ['&page=volumetrics', 'volumetrics', ['Northbrook Urgent Treatment Centre']],
    ['&page=incidents', 'incidents', ['three referrals were sent twice', 'local network outage']],
    ['&page=new-incident', 'new-incident', []],
    [`&page=edit-incident&item=${attributable.id}`, 'edit-incident', []],
    ['&page=contacts', 'contacts', ['Hannah Corley', 'gareth.linton@example.org', 'Bethan Ruddock']],
    ['&page=new-contact', 'new-contact', []],
    ['&page=calls', 'calls', ['Go / no-go call: Harrowgate SDEC, first attempt', 'Weekly public beta call']],
    [`&page=call&item=${addedCall.id}`, 'call-added', []],
    [`&page=call&item=go_no_go:${harrowgate}`, 'call-go-no-go', ['Watch confirmation times daily']],
    ['&page=new-call', 'new-call', []],
    ['&page=call-cadence', 'call-cadence', []],
    ['&page=issues', 'issues', ['ISS-001', 'ISS-005', 'Rebooking leaves the first slot booked']],
    ['&page=new-issue', 'new-issue', []],
    [`&page=raise-issue&item=result:${failed.id}`, 'raise-issue', []],
    [`&page=issue&item=${liveIssue.id}`, 'issue', ['ISS-003']],
    ['&page=lessons', 'lessons', ['A smoke test should time each step', 'Tell every provider']],
    ['&page=new-lesson', 'new-lesson', []],
    [`&page=lesson&item=${d.lessons[0].id}`, 'lesson', []],
    ['&page=roles', 'roles', ['Beta coordination', 'Issue management']],
    ['&page=rasci-task&item=issue_management', 'rasci-task', ['Owen Tallis', 'Agreed at the kick-off meeting']],
    ['&page=responsibilities', 'responsibilities', ['Fortnightly check-ins with each provider']],
    ['&page=responsibilities&item=provider', 'responsibilities-provider', ['All-staff briefing and intranet article']],
    ['&page=responsibility&item=supplier_relationship', 'responsibility', []],
    ['&page=next-steps', 'next-steps', []],
    ['&page=next-steps&item=supplier', 'next-steps-supplier', ['DCB0129 completed (supplier)', 'Kingsford Emergency Department']],
    ['&page=delete', 'delete', [`Delete “${NAME}”?`]],
  ];
  let n = 1;
  for (const [query, name, texts] of pages) {
    await page.goto(`${live.server.url}?deployment=${d.id}${query}`);
    await appReady(page);
    const main = page.locator('main#maincontent');
    const text = await main.textContent();
    assert.doesNotMatch(await page.locator('h1').first().innerText(), /not found/i, `${name}: the page exists`);
    for (const expected of texts) assert.ok(text.includes(expected), `${name} shows “${expected}”:\n${text.slice(0, 600)}`);
    assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
    await screenshot(page, `example/${String(n++).padStart(2, '0')}-${name}`);
  }

  // The forms of existing records open filled in with the example's words.
  await page.goto(`${live.server.url}?deployment=${d.id}&page=edit-incident&item=${attributable.id}`);
  await appReady(page);
  assert.match(await page.locator('main textarea').first().inputValue(), /three referrals were sent twice/);
  await page.goto(`${live.server.url}?deployment=${d.id}&page=edit`);
  await appReady(page);
  assert.equal(await page.getByLabel('Deployment name').inputValue(), NAME);

  // The progress page draws the matrix and the charts from the example's counts and clocks.
  await page.goto(`${live.server.url}?deployment=${d.id}`);
  await appReady(page);
  assert.ok(await page.locator('main svg').count() >= 2, 'charts are drawn');
  assert.ok(await page.locator('main table').count() >= 1, 'the provider matrix is drawn');

  // The share page offers it for export.
  await page.goto(`${live.server.url}?page=share`);
  await appReady(page);
  assert.ok((await page.locator('main#maincontent').innerText()).includes(NAME));
  assert.deepEqual(await axeViolations(page), [], 'axe on share');
  await screenshot(page, `example/${String(n++).padStart(2, '0')}-share`);

  // The home page lists it, and no longer offers the example.
  await page.goto(live.server.url);
  await appReady(page);
  await page.waitForSelector('#deployments');
  assert.equal(await page.getByRole('button', { name: 'Explore with an example' }).count(), 0);
  assert.deepEqual(await axeViolations(page), [], 'axe on the portfolio');
  await screenshot(page, `example/${String(n++).padStart(2, '0')}-home-portfolio`);

  // Deleted like any other deployment: the home page is empty again, the button back.
  await page.getByRole('link', { name: NAME }).click();
  await page.waitForSelector(`h1:text("${NAME}")`);
  await page.getByRole('button', { name: 'Delete deployment' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.waitForSelector('#no-deployments');
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').deployments?.length === 0, STORAGE_KEY);
  assert.equal(await page.getByRole('button', { name: 'Explore with an example' }).count(), 1);
  assert.equal(await page.locator('#deployments').count(), 0);

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
