// The quick readiness calculator: answered from the home page's link, its
// result checked against the readiness rules worked out by hand, the link it
// writes reopened to the same result, and the facts saved as a deployment
// whose progress page agrees. axe-core checks every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate, scrolledTo } from './harness.mjs';

const live = serveAndBrowse(before, after);

/** The result's criteria: row header → (status, progress). */
async function criteria(page) {
  return page.locator('#calculation-result tbody tr').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('th').textContent.trim(), [...r.querySelectorAll('td')].map((td) => td.textContent.trim())])),
  );
}

/** The result's summary list: key → value. */
async function dates(page) {
  return page.locator('#calculation-dates .nhsuk-summary-list__row').evaluateAll((rows) =>
    Object.fromEntries(rows.map((r) => [r.querySelector('dt').textContent.trim(), r.querySelector('dd').textContent.trim()])),
  );
}

test('the quick calculator answers from a few facts, keeps them in its link and saves them as a deployment', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  // As of 10 April 2026, so the result does not depend on the day the test runs.
  await page.goto(live.server.url + '?asof=2026-04-10');
  await appReady(page);
  await page.getByRole('link', { name: 'Quick readiness calculation' }).click();
  await page.waitForSelector('h1:text("Quick readiness calculation")');
  await axe('the empty calculator');

  // Nothing answered: one linked line per question.
  await page.getByRole('button', { name: 'Calculate' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allInnerTexts(), [
    'Select the Service Risk Level',
    'Enter the go-live date',
    'Enter the referrals so far, or 0 if there are none yet',
    'Select whether every workflow in the UAT test plan has passed',
    'Select whether the supporting guidance has been reviewed',
  ]);
  await axe('the calculator with errors');

  // Medium risk (50 referrals, 28 days), live since 2 March, 40 referrals at 2 a day lately,
  // and one incident caused by BaRS on 20 March: the clock restarts on 21 March.
  await page.getByLabel('Medium').check();
  await fillDate(page, 'Go-live date', '2026-03-02');
  await page.getByLabel('Referrals so far').fill('40');
  await page.getByLabel('Recent referrals a day (optional)').fill('2');
  await page.getByRole('group', { name: 'Has every workflow in the UAT test plan passed?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Has the supporting guidance been reviewed?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Add an incident' }).click();
  await fillDate(page, 'Incident 1', '2026-03-20');
  await page.getByLabel('Caused by the BaRS implementation (incident 1)').check();
  await page.getByRole('button', { name: 'Add an incident' }).click();
  await fillDate(page, 'Incident 2', '2026-03-25');
  await page.getByRole('button', { name: 'Calculate' }).click();
  await page.waitForSelector('#calculation-result');

  const expectedCriteria = {
    'UAT test plan passed': ['Met', 'Every workflow passed'],
    'Minimum referrals': ['Not met', '40 of 50 referrals'],
    'Verification period': ['Not met', '20 of 28 days'],
    'Guidance reviewed': ['Met', 'Reviewed'],
  };
  const got = await criteria(page);
  assert.deepEqual(Object.keys(got), Object.keys(expectedCriteria));
  for (const [name, [status, progress]] of Object.entries(expectedCriteria)) {
    assert.equal(got[name][0], status, name);
    assert.match(got[name][1], new RegExp(progress), name);
  }
  // 10 more referrals at 2 a day: 15 April; 8 more days of the clock: 18 April.
  const expectedDates = {
    'Earliest exit': /^Expected on 18 April 2026$/,
    'Verification days left': /^8 days$/,
    'Verification period': /Ends on 18 April 2026/,
    'Minimum referrals': /Expected on 15 April 2026/,
  };
  const shown = await dates(page);
  for (const [key, pattern] of Object.entries(expectedDates)) assert.match(shown[key], pattern, key);
  assert.equal(await page.locator('#calculation-result').getAttribute('data-met'), 'false');
  await axe('the calculator with a result');
  await screenshot(page, 'calculator-result');

  // The address now holds the answers and the date: opened afresh, it shows the same result.
  const link = page.url();
  assert.match(link, /page=calculator/);
  assert.match(link, /asof=2026-04-10/);
  assert.match(link, /incidents=2026-03-20-bars%2C2026-03-25-other/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector('#calculation-result');
  assert.deepEqual(await criteria(again), got);
  assert.deepEqual(await dates(again), shown);
  assert.equal(await again.getByLabel('Referrals so far').inputValue(), '40');
  await again.close();

  // Saved as a deployment, its progress page agrees with the calculator.
  await page.getByLabel('Deployment name').fill('Calculated beta');
  await page.getByLabel('BaRS Application').selectOption({ label: 'BaRS Application 5' });
  await page.getByLabel('Provider name').fill('Riverside Pharmacy');
  await page.getByRole('button', { name: 'Save as a deployment' }).click();
  await page.waitForSelector('#deployment-readiness');
  assert.equal(await page.locator('h1').textContent(), 'Calculated beta');
  const card = page.locator('section.app-provider', { has: page.getByRole('heading', { name: 'Riverside Pharmacy' }) });
  assert.match(await card.locator('.app-exit').textContent(), /18 April 2026/);
  await scrolledTo(card);
  assert.match(await card.innerText(), /20 of 28 days|20 days \(28 needed\)/);
  assert.match(await page.locator('#deployment-referrals').textContent(), /40 of 50 referrals/);
  await axe('the saved deployment');

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('daily counts pasted from a spreadsheet give the same answer as the total and rate they add up to', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + '?page=calculator&asof=2026-04-10');
  await page.waitForSelector('h1:text("Quick readiness calculation")');
  await page.getByLabel('Medium').check();
  await fillDate(page, 'Go-live date', '2026-03-02');
  await page.getByLabel('A count for each day').check();
  await page.getByRole('group', { name: 'Has every workflow in the UAT test plan passed?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Has the supporting guidance been reviewed?' }).getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Add an incident' }).click();
  await fillDate(page, 'Incident 1', '2026-03-20');
  await page.getByLabel('Caused by the BaRS implementation (incident 1)').check();
  // The referrals-so-far boxes give way to the pasted counts.
  assert.equal(await page.getByLabel('Referrals so far').count(), 0);

  // A day before go-live is refused, naming its line.
  const day = (offset) => new Date(Date.UTC(2026, 2, 2 + offset)).toISOString().slice(0, 10);
  await page.getByLabel('Daily counts').fill('Date\tReferrals\n01/03/2026\t3\n');
  await page.getByRole('button', { name: 'Calculate' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  assert.deepEqual(await summary.locator('li').allInnerTexts(), [
    'Line 2: 2026-03-01 is before the go-live date: referrals count only from go-live',
  ]);
  await summary.getByRole('link').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'calculator-counts');
  await axe('the calculator with a bad paste');

  // 12 referrals on the first 12 days, then 2 a day for the last 14 days:
  // 40 in all at 2 a day, the facts of the first test.
  const rows = ['Date\tReferrals'];
  for (let i = 0; i < 12; i++) rows.push(`${day(i)}\t1`);
  for (let i = 26; i <= 39; i++) rows.push(`${day(i)}\t2`);
  await page.getByLabel('Daily counts').fill(rows.join('\n') + '\n');
  await page.getByRole('button', { name: 'Calculate' }).click();
  await page.waitForSelector('#calculation-result');
  const got = await criteria(page);
  assert.deepEqual(got['Minimum referrals'].slice(0, 1), ['Not met']);
  assert.match(got['Minimum referrals'][1], /40 of 50 referrals/);
  const shown = await dates(page);
  assert.match(shown['Minimum referrals'], /Expected on 15 April 2026/);
  assert.match(shown['Earliest exit'], /^Expected on 18 April 2026$/);
  await axe('the calculator with pasted counts');
  await screenshot(page, 'calculator-daily-counts');

  // The counts ride in the link in short, and reopen to the same result.
  const link = page.url();
  assert.match(link, /counts=2026-03-02_1\.1\.1\.1\.1\.1\.1\.1\.1\.1\.1\.1\.{15}2\.2/);
  assert.doesNotMatch(link, /referrals=/);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector('#calculation-result');
  assert.deepEqual(await criteria(again), got);
  assert.deepEqual(await dates(again), shown);
  assert.equal(await again.getByLabel('A count for each day').isChecked(), true);
  assert.match(await again.getByLabel('Daily counts').inputValue(), /^2026-03-02\t1\n/);
  await again.close();

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
