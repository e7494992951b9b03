// The beta exit report of one provider of a realistic deployment (issue 12 item 5):
// reached from the provider page and the progress page, a draft until every
// criterion is met on the as-of date, its narrative written through the form
// (errors first), every section present, printed to an A4 PDF by headless
// Chromium, its pages drawn as PNGs and its text read back. axe checks the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate, OUTPUT } from './harness.mjs';
import { pageCount, outline, pageTexts, renderPages } from './pdf.mjs';
import { storedState, STORAGE_KEY, PROGRESS_QUERY } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);

// The report's sections in order (bars_domain::exit_report::SECTIONS).
const SECTIONS = [
  'About this report', 'Acceptance criteria', 'Stages and decisions', 'UAT history', 'Incidents and clock restarts', 'Issues',
  'Checks and sign-offs', 'Business change', 'Referrals and verification clock', 'Lessons identified', 'Summary', 'Benefits seen',
  'Recommendations',
];
const SUMMARY = 'Referrals reached the emergency department in seconds instead of by phone.\nOne certificate renewal restarted the clock in February.';
const BENEFITS = 'Fewer call-backs to crews; no re-keying of patient details.';
const RECOMMENDATIONS = 'Renew endpoint certificates a month early and tell every party.';

// The realistic deployment with an issue raised from the first provider's incident and a lesson.
function stateWithLogs() {
  const state = JSON.parse(storedState());
  const d = state.deployments[0];
  const STAMP = '2026-02-16T09:00:00Z';
  d.issues = [{
    id: 'iss-1', updated_at: STAMP, reference: 'ISS-001', raised_on: '2026-02-10', raised_by: 'provider', raised_by_contact_id: null,
    provider_id: 'prov-0', found_in: 'live', priority: 'high', description: 'Referrals delayed while the endpoint certificate was renewed',
    root_cause: 'supplier_solution', owner: 'supplier', status: 'resolved', resolution: 'Certificate renewed and expiry alerts added',
    resolved_on: '2026-02-12', test_result_id: null, incident_id: 'inc-0',
  }];
  d.lessons = [{
    id: 'les-1', updated_at: STAMP, date: '2026-02-15', raised_by: 'bars_team', raised_by_contact_id: null, category: 'technical',
    what_happened: 'An endpoint certificate expired during live running', lesson: 'Track the expiry date of every endpoint certificate',
    action: 'Add expiry dates to the run book', owner: 'supplier', status: 'in_progress', for_retrospective: true,
  }];
  return JSON.stringify(state);
}

async function headings(page) {
  return page.locator('#exit-report section > h2').allTextContents();
}

test('the exit report is drawn from the records, written, and printed on A4', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  await context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
    // The print button's call is recorded instead of opening a dialogue.
    window.print = () => { window.__printed = (window.__printed ?? 0) + 1; };
  }, [STORAGE_KEY, stateWithLogs()]);

  // From the progress page's card of the first provider, on 20 January 2026: live since
  // 1 December, but the guidance review (30 January) is not yet recorded.
  await page.goto(live.server.url + PROGRESS_QUERY + '&asof=2026-01-20');
  await appReady(page);
  await page.getByRole('link', { name: 'Beta exit report of Sunderland Royal Hospital' }).click();
  await page.waitForSelector('#exit-report');
  assert.match(page.url(), /page=exit-report&item=prov-0/);
  assert.equal(await page.locator('h1').innerText(), 'Beta exit report\nSunderland Royal Hospital');
  assert.deepEqual(await headings(page), SECTIONS);

  const status = page.locator('#report-status');
  assert.equal(await status.getAttribute('data-draft'), 'true');
  assert.equal(await status.innerText(),
    'Draft Not every acceptance criterion is met on 20 January 2026, so this report is a draft until they are. '
    + 'Not yet met: Supporting guidance and shared best practice reviewed.');
  const criteria = await page.locator('#report-criteria-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.deepEqual(criteria, ['met', 'met', 'met', 'not-met']);
  assert.match(await page.locator('.app-report__about').innerText(),
    /Exit\s+Earliest exit: 20 January 2026 at the soonest: it also needs the supporting guidance to be reviewed/);
  assert.match(await page.locator('#report-criteria-table tbody tr').nth(0).innerText(), /7 of 7 workflows passed\s+Met on 11 November 2025/);
  // Every UAT result up to the as-of date: a failure and a pass for each of 7 workflows.
  assert.equal(await page.locator('#report-uat-table tbody tr').count(), 14);
  assert.equal(await page.locator('#report-incidents').getByText('No incidents were recorded on or before 20 January 2026.').count(), 1);
  assert.equal(await page.locator('#report-sign-offs-table tr[data-key="dcb0129"]').innerText(), 'DCB0129 completed (supplier)\t19 November 2025\tBaRS delivery manager');
  assert.equal(await page.locator('#report-charts #clocks-chart g.app-chart__row').count(), 1, 'the clock of this provider only');
  assert.equal(await page.locator('#report-charts #referrals-chart').count(), 1);
  // The "go" of the first release's milestones is a decision now, and the provider is in public beta.
  assert.match(await page.locator('#report-decisions-table tbody tr').first().innerText(), /29 November 2025\s+Yes\s+Go \/ no-go: Go/);
  assert.equal(await page.locator('#report-stages-table tbody tr').count(), 11);
  assert.equal(await page.locator('#report-business-change-table tbody tr').count(), 6);
  assert.equal(await page.locator('#report-summary').getByText('Not written yet.').count(), 1);
  assert.equal(await page.locator('#report-issues').getByText('No issues were raised for this provider or for every provider on or before 20 January 2026.').count(), 1);
  assert.equal(await page.locator('#report-lessons').getByText('No lessons were identified in this deployment on or before 20 January 2026.').count(), 1);
  assert.deepEqual(await axeViolations(page), [], 'axe on a draft exit report');
  await screenshot(page, 'exit-report-draft');

  // The narrative form: nothing written, then completed without a date.
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the narrative' }) });
  await form.getByRole('button', { name: 'Save the narrative' }).click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  assert.deepEqual(await summary.locator('li').allTextContents(), ['Enter a summary, the benefits seen or recommendations']);
  assert.equal(await summary.getByRole('link').getAttribute('href'), '#narrative-summary');
  await form.getByLabel('Benefits seen').fill(BENEFITS);
  await form.getByLabel('Completed by').fill('Dr Taylor 1, Sunderland Royal Hospital');
  await form.getByRole('button', { name: 'Save the narrative' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#error-summary li').length === 2);
  assert.deepEqual(await summary.locator('li').allTextContents(),
    ['Enter the date the report was completed', 'Enter a summary before recording the report as completed']);
  assert.deepEqual(await axeViolations(page), [], 'axe with the error summary');
  await screenshot(page, 'exit-report-errors');
  await form.getByLabel('Summary').fill(SUMMARY);
  await form.getByLabel('Recommendations').fill(RECOMMENDATIONS);
  await fillDate(form, 'Date completed', '2026-03-20');
  await form.getByRole('button', { name: 'Save the narrative' }).click();
  await page.locator('#narrative-saved').waitFor();
  assert.equal(await page.locator('#error-summary').count(), 0);
  assert.deepEqual(await page.locator('#report-summary p').allTextContents(), SUMMARY.split('\n'));
  assert.deepEqual(await page.locator('#report-benefits p').allTextContents(), [BENEFITS]);
  assert.deepEqual(await page.locator('#report-recommendations p').allTextContents(), [RECOMMENDATIONS]);
  assert.match(await page.locator('.app-report__about').innerText(), /Narrative\s+Being written: recorded as completed later, on 20 March 2026/);

  // The draft printed: marked on its first page and on every page.
  const draftPdf = await page.pdf({ format: 'A4', outline: true });
  const draftPages = pageTexts(draftPdf);
  assert.match(draftPages[0], /Draft Not every acceptance criterion is met on 20 January 2026/);
  assert.ok(draftPages.every((text) => /\bDraft\b/i.test(text)), 'every printed page of a draft says so');
  await renderPages(live.browser, draftPdf, OUTPUT, 'exit-report-draft-pdf');

  // The print button calls the browser's own print.
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);

  // On 15 July 2026 every criterion is met: the report is final.
  await page.locator('#as-of').fill('2026-07-15');
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('#report-status')?.dataset.draft === 'false');
  assert.equal(await status.innerText(), 'Final Met every acceptance criterion on 11 March 2026.');
  assert.equal(await page.locator('.app-report__watermark').count(), 0);
  assert.match(await page.locator('.app-report__about').innerText(), /Narrative\s+Completed by Dr Taylor 1, Sunderland Royal Hospital on 20 March 2026/);
  assert.equal(await page.locator('#report-sign-offs-table tr[data-key="beta_exit_report"]').innerText(),
    'Beta exit report written\t20 March 2026\tDr Taylor 1, Sunderland Royal Hospital');
  const incident = page.locator('#report-incidents-table tbody tr');
  assert.equal(await incident.count(), 1);
  assert.match(await incident.innerText(), /10 February 2026\s+Yes\s+Restarted: counts from 11 February 2026/);
  assert.equal(await page.locator('#clocks-chart line.app-chart__restart').count(), 1);
  assert.match(await page.locator('#report-issues-table tbody tr[data-key="closed"]').innerText(),
    /ISS-001\s+10 February 2026\s+High, Live running \(public beta\)\s+This provider\s+Referrals delayed[\s\S]*Resolved\s+Certificate renewed and expiry alerts added \(12 February 2026\)/);
  assert.match(await page.locator('#report-lessons-table tbody tr[data-key="retrospective"]').innerText(),
    /15 February 2026\s+Technical[\s\S]*Track the expiry date of every endpoint certificate[\s\S]*Action in progress; for the retrospective/);
  assert.deepEqual(await axeViolations(page), [], 'axe on a final exit report');
  await screenshot(page, 'exit-report-final');

  // Printed: A4, one page per section (the narrative sections share the last), nothing
  // of the app's frame, tools or form; every heading in the text and in the outline.
  const pdf = await page.pdf({ format: 'A4', outline: true, tagged: true });
  await fs.writeFile(path.join(OUTPUT, 'exit-report.pdf'), pdf);
  assert.equal(pageCount(pdf), 11);
  const texts = pageTexts(pdf);
  assert.equal(texts.length, 11);
  const all = texts.join('\n');
  for (const heading of SECTIONS) assert.ok(all.includes(heading), `“${heading}” is in the PDF text`);
  assert.deepEqual(outline(pdf).filter((t) => SECTIONS.includes(t)), SECTIONS);
  // Each section starts its own page, in order.
  SECTIONS.slice(0, 10).forEach((heading, i) => assert.ok(texts[i].includes(heading), `page ${i + 1} holds “${heading}”`));
  assert.ok(texts[10].includes(SUMMARY.split('\n')[1]) && texts[10].includes(BENEFITS) && texts[10].includes(RECOMMENDATIONS));
  for (const absent of ['Write the narrative', 'Print or save as PDF', 'Show progress as of', 'Back to', 'Everything you enter', 'Volumetrics']) {
    assert.ok(!all.includes(absent), `“${absent}” is not printed`);
  }
  assert.ok(texts[0].includes('Final Met every acceptance criterion on 11 March 2026.'));
  // The figures of the charts stay folded away on screen and are left out on paper.
  assert.ok(!all.includes('Show the weekly figures'));
  const pngs = await renderPages(live.browser, pdf, OUTPUT, 'exit-report-pdf');
  assert.equal(pngs.length, 11);
  for (const file of pngs) assert.ok((await fs.stat(file)).size > 10_000, `${file} has a drawn page`);

  // The narrative is kept with the deployment.
  await page.reload();
  await page.waitForSelector('#exit-report');
  assert.deepEqual(await page.locator('#report-benefits p').allTextContents(), [BENEFITS]);
  assert.equal(await page.locator('#narrative-recommendations').inputValue(), RECOMMENDATIONS, 'the form opens with the saved text');

  // The provider page links to it too.
  await page.getByRole('link', { name: 'Back to Sunderland Royal Hospital' }).click();
  await page.waitForSelector('#exit-report-link');
  await page.locator('#exit-report-link').click();
  await page.waitForSelector('#exit-report');

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
