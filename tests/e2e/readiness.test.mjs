// The readiness journey: a two-provider, Medium-risk deployment built through
// the UI, its progress page checked criterion by criterion, then the as-of date
// moved forward. axe-core checks every page the journey visits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate, scrolledTo } from './harness.mjs';

const live = serveAndBrowse(before, after);

/** The progress card's criteria, by the row header that names each. */
const CRITERIA = { uat: 'UAT test plan passed', referrals: 'Minimum referrals', verification: 'Verification period', guidance: 'Guidance reviewed' };

/** Reads one criterion row of the progress page: whether its status says met, and its text. */
async function criterion(page, providerName, key) {
  const card = await scrolledTo(page.locator('section.app-provider', { has: page.getByRole('heading', { name: providerName }) }));
  const row = card.locator('tr', { has: page.getByRole('rowheader', { name: CRITERIA[key], exact: true }) });
  // Met when the row's status tag says so.
  const met = String((await row.locator('.nhsuk-tag').innerText()).trim() === 'Met');
  return { met, text: (await row.innerText()).replace(/\s+/g, ' ').trim() };
}

async function addProvider(page, { name, code, role, supplier, goLive }, axe) {
  await page.getByRole('link', { name: 'Providers', exact: true }).click();
  await page.getByRole('button', { name: 'Add a provider' }).click();
  await page.getByLabel('Provider name').fill(name);
  await page.getByLabel('Organisation (ODS) code').fill(code);
  await page.getByLabel(role, { exact: true }).check();
  await page.getByLabel('Healthcare IT supplier').fill(supplier);
  await fillDate(page, 'Business go-live date (optional)', goLive);
  await axe('the provider form');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await page.waitForSelector(`h1:text("${name}")`);
}

async function recordResult(page, workflow, outcome, rootCause) {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Record result' }) });
  await form.getByLabel('Workflow').selectOption({ label: workflow });
  await fillDate(form, 'Date tested', '2026-02-20');
  await form.getByLabel(outcome === 'pass' ? 'Passed' : 'Failed', { exact: true }).check();
  if (rootCause) await form.getByLabel(rootCause).check();
  await form.getByRole('button', { name: 'Record result' }).click();
  await page.locator('.app-confirmation', { hasText: `Result recorded for ${workflow}` }).waitFor();
}

test('a two-provider Medium deployment shows each criterion and moves with the as-of date', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByLabel('Deployment name').fill('Pharmacy First – West Yorkshire');
  await page.getByLabel('BaRS Application 5').check();
  await page.getByLabel('Medium').check();
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.waitForSelector('#deployment-readiness');
  await axe('an empty progress page');

  await addProvider(page, { name: 'Leeds GP Federation', code: 'Y12345', role: 'Sender', supplier: 'Example GP Systems', goLive: '2026-03-02' }, axe);
  await axe('a provider page');
  for (const workflow of ['Referral', 'Cancel', 'Re-refer']) await recordResult(page, workflow, 'pass');
  // Guidance reviewed, for this provider only.
  await page.getByLabel('Check or milestone').selectOption({ label: 'Supporting guidance and shared best practice reviewed' });
  await fillDate(page, 'Date', '2026-03-01');
  await page.getByLabel('Recorded by').fill('A Patel, Leeds GP Federation');
  await page.getByRole('button', { name: 'Record', exact: true }).click();
  await page.locator('tr[data-milestone="guidance_reviewed"][data-recorded="true"]').waitFor();

  await addProvider(page, { name: 'Wharfe Pharmacy', code: 'FA123', role: 'Receiver', supplier: 'Example Pharmacy Systems', goLive: '2026-03-02' }, axe);
  await page.getByRole('link', { name: 'All providers' }).click();
  await page.waitForSelector('#providers');
  assert.equal(await page.locator('#providers tbody tr').count(), 2);
  await axe('the provider list');
  await page.getByRole('link', { name: 'Wharfe Pharmacy' }).click();
  await recordResult(page, 'Referral', 'pass');
  await recordResult(page, 'Cancel', 'fail', "The supplier's solution");
  await axe('a provider page with a failed result');

  // 20 referrals for the GP federation, a week at a time.
  await page.getByRole('link', { name: 'Volumetrics', exact: true }).click();
  await page.getByLabel('Provider').selectOption({ label: 'Leeds GP Federation' });
  await fillDate(page, 'First day', '2026-03-02');
  for (let day = 0; day < 4; day++) await page.locator(`#week-referrals-${day}`).fill('5');
  await page.getByRole('button', { name: 'Save week' }).click();
  await page.locator('.app-confirmation', { hasText: 'Saved counts for 4 days' }).waitFor();
  // 20 for the pharmacy, pasted from a spreadsheet; a bad paste first, which adds nothing.
  await page.getByText('Add rows from a spreadsheet').click();
  await page.getByLabel('Rows to add').fill('date,provider,referrals,responses\n2026-03-09,FA123,5,5\n2026-03-10,FA123,five,0');
  await page.getByRole('button', { name: 'Add rows' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Line 3, referrals: must be a whole number' }).waitFor();
  await axe('volumetrics with a rejected paste');
  assert.match(await page.locator('#volumetrics-progress').textContent(), /20 of 50 referrals/);
  await page.getByLabel('Rows to add').fill('date,provider,referrals,responses\n2026-03-09,FA123,5,5\n2026-03-10,FA123,5,5\n2026-03-11,Wharfe Pharmacy,5,4\n2026-03-12,FA123,5,5');
  await page.getByRole('button', { name: 'Add rows' }).click();
  await page.locator('.app-confirmation', { hasText: 'Added 4 rows' }).waitFor();
  assert.match(await page.locator('#volumetrics-progress').textContent(), /40 of 50 referrals/);

  // An incident caused by BaRS at the pharmacy restarts its clock.
  await page.getByRole('link', { name: 'Incidents', exact: true }).click();
  await page.getByRole('button', { name: 'Record an incident' }).click();
  await page.getByLabel('Provider').selectOption({ label: 'Wharfe Pharmacy' });
  await fillDate(page, 'Date of the incident', '2026-03-10');
  await page.getByLabel('Yes, caused by BaRS').check();
  await page.getByLabel('What happened').fill('Cancellation not shown to the pharmacy until the next refresh.');
  await page.getByLabel('Reported to the National Service Desk').check();
  await axe('the incident form');
  await page.getByRole('button', { name: 'Record incident' }).click();
  await page.waitForSelector('#incidents');
  await axe('the incident list');

  // A contact at the pharmacy; the page lists the core roles still uncovered.
  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByRole('button', { name: 'Add a contact' }).click();
  await page.getByLabel('Healthcare provider').check();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Wharfe Pharmacy' });
  await page.getByLabel('Role').selectOption({ label: 'Clinical lead' });
  await page.getByLabel('Full name').fill('Sam Okafor');
  await page.getByLabel('Email address (optional)').fill('sam.okafor@nhs.net');
  await axe('the contact form');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('cell', { name: 'Sam Okafor', exact: true }).waitFor();
  assert.match(await page.locator('main').textContent(), /No one yet for: Project or digital lead, Information governance lead/);
  await axe('the contact list');

  // The progress page on 20 March 2026.
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  await page.locator('#as-of').fill('2026-03-20');
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction(() => location.search.includes('asof=2026-03-20'));
  const gp = 'Leeds GP Federation';
  const pharmacy = 'Wharfe Pharmacy';
  assert.deepEqual(await criterion(page, gp, 'uat'), { met: 'true', text: 'UAT test plan passed Met 3 of 3 workflows passed' });
  assert.equal((await criterion(page, gp, 'referrals')).met, 'false');
  assert.match((await criterion(page, gp, 'referrals')).text, /40 of 50 referrals/);
  assert.match((await criterion(page, pharmacy, 'referrals')).text, /40 of 50 referrals/);
  assert.deepEqual((await criterion(page, gp, 'verification')).met, 'false');
  assert.match((await criterion(page, gp, 'verification')).text, /18 of 28 days/);
  assert.equal((await criterion(page, gp, 'guidance')).met, 'true');

  const pharmacyUat = await criterion(page, pharmacy, 'uat');
  assert.equal(pharmacyUat.met, 'false');
  assert.match(pharmacyUat.text, /1 of 3 workflows passed/);
  assert.match(pharmacyUat.text, /Cancel: failed on 20 February 2026/);
  const restarted = await criterion(page, pharmacy, 'verification');
  assert.equal(restarted.met, 'false');
  assert.match(restarted.text, /9 of 28 days/);
  assert.match(restarted.text, /Clock restarted on 11 March 2026 after an incident on 10 March 2026/);
  assert.equal((await criterion(page, pharmacy, 'guidance')).met, 'false');
  // 20 counted in the 14 days to 20 March: 10 more at 20 a fortnight take 7 days.
  assert.match(await page.locator('#deployment-referrals').textContent(), /Minimum expected on 27 March 2026/);
  assert.match(await page.locator('.app-exit').first().textContent(), /Earliest exit: 30 March 2026/);
  await axe('the progress page');
  await screenshot(page, 'readiness-progress-20-march');

  // A link with the as-of date opens the same view.
  const link = page.url();
  await page.goto(link);
  await appReady(page);
  assert.match((await criterion(page, pharmacy, 'verification')).text, /9 of 28 days/);

  // On 15 April both clocks have run their 28 days; referrals have not moved.
  await page.locator('#as-of').fill('2026-04-15');
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction(() => location.search.includes('asof=2026-04-15'));
  assert.deepEqual(await criterion(page, gp, 'verification'), { met: 'true', text: 'Verification period Met 44 days (28 needed) Period completed on 30 March 2026' });
  assert.match((await criterion(page, pharmacy, 'verification')).text, /35 days \(28 needed\)/);
  assert.equal((await criterion(page, pharmacy, 'verification')).met, 'true');
  assert.equal((await criterion(page, gp, 'referrals')).met, 'false');
  assert.match(await page.locator('#deployment-referrals').textContent(), /No referrals were counted in the last 14 days of live running/);
  assert.equal(await page.locator('#deployment-exit').textContent(), 'No exit date can be projected yet: No referrals were counted in the last 14 days of live running, so no date can be projected.');
  assert.equal(await page.locator('#deployment-readiness').getAttribute('data-met'), 'false');
  await screenshot(page, 'readiness-progress-15-april');

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
