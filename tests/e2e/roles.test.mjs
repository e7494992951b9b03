// Who does what (issue 10), on the realistic deployment (eight providers, two
// suppliers): a cell changed so a task has two Accountable parties, the
// warning on the progress page, the fix; the party view for one provider; a
// responsibility ticked off; the matrix on a 320 px phone and printed on one
// A4 landscape page. axe-core checks every page the journey visits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate, OUTPUT } from './harness.mjs';
import { STORAGE_KEY, DEPLOYMENT_ID, storedState } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);
const page_ = (page, item) => `?deployment=${DEPLOYMENT_ID}&page=${page}${item ? `&item=${encodeURIComponent(item)}` : ''}`;

/** A page with the realistic deployment saved in its browser (once: reloads keep changes). */
async function openWithDeployment() {
  const opened = await openPage(live.browser, live.server.origin);
  await opened.context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
  }, [STORAGE_KEY, storedState()]);
  return opened;
}

/** The letters of one cell of the matrix on the roles page. */
const cell = (page, task, party) => page.locator(`#rasci-matrix tr[data-task="${task}"] td[data-party="${party}"]`).getAttribute('data-letters');

/** Changes one cell on its task's page, ticking and unticking letters. */
async function changeCell(page, { party, tick = [], untick = [], who, why }) {
  await page.getByRole('group', { name: 'Whose cell is changing?' }).getByLabel(party, { exact: true }).check();
  const letters = page.getByRole('group', { name: 'Letters' });
  for (const l of tick) await letters.getByLabel(l).check();
  for (const l of untick) await letters.getByLabel(l).uncheck();
  await page.getByLabel('Your name and organisation').fill(who);
  await page.getByLabel('Why is it changing?').fill(why);
  await page.getByRole('button', { name: 'Save change' }).click();
  await page.waitForSelector('#rasci-matrix');
}

test('a second Accountable party is flagged on the progress page until it is settled', async () => {
  const { context, page, foreign, errors } = await openWithDeployment();
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + page_('roles'));
  await appReady(page);
  await page.waitForSelector('#rasci-matrix');
  // The guide's matrix, and the guide's own gaps: no Accountable party for issue management or resolution.
  assert.equal(await cell(page, 'configuration', 'supplier'), 'R');
  assert.equal(await cell(page, 'incident_management', 'policy_and_strategy'), 'A/R');
  assert.equal(await cell(page, 'service_design_and_policy', 'supplier'), 'N/A');
  assert.equal(await page.locator('#rasci-matrix tbody tr[data-task]').count(), 27);
  const flagged = await page.locator('#accountable-check li').evaluateAll((lis) => lis.map((li) => li.dataset.task));
  assert.deepEqual(flagged, ['issue_management', 'issue_resolution']);
  assert.match(await page.locator('.app-charter').innerText(), /Transparency[\s\S]*Support[\s\S]*Mutual success[\s\S]*Commitment[\s\S]*Timescales/);
  await axe('the roles page');
  await screenshot(page, 'roles-matrix');

  // The supplier becomes accountable for configuration too: two A's.
  await page.locator('#rasci-matrix').getByRole('link', { name: 'Configuration', exact: true }).click();
  await page.waitForSelector('#rasci-cells');
  await axe('a task page');
  await changeCell(page, { party: 'Clinical System Supplier', tick: ['A – Accountable'], who: 'Sam Patel, Example Clinical Systems', why: 'Agreed at the configuration call' });
  assert.equal(await cell(page, 'configuration', 'supplier'), 'R/A');
  assert.match(await page.locator('#rasci-matrix tr[data-task="configuration"]').innerText(), /guide: R/);

  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  const warning = page.locator('#accountable-check li[data-task="configuration"]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /Configuration has 2 Accountable parties: Healthcare IT supplier and NHS England policy and strategy/);
  await axe('the progress page with the warning');

  // Settled from the warning's link: the supplier is responsible only.
  await warning.getByRole('link').click();
  await page.waitForSelector('#rasci-cells');
  assert.equal(await page.locator('#rasci-history tbody tr').count(), 1, 'the first change is in the history');
  await axe('the task page with its history');
  await screenshot(page, 'roles-task');
  await changeCell(page, { party: 'Clinical System Supplier', untick: ['A – Accountable'], who: 'Jo Williams, NHS England', why: 'Policy and strategy stays accountable' });
  assert.equal(await cell(page, 'configuration', 'supplier'), 'R');
  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  await page.locator('#accountable-check').waitFor();
  assert.equal(await page.locator('#accountable-check li[data-task="configuration"]').count(), 0, 'the warning is gone');
  assert.equal(await page.locator('#accountable-check li').count(), 2, 'the guide\u2019s own two remain');

  // Both changes are records in the saved state (saved a moment after the change).
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).deployments[0].rasci_changes?.length === 2, STORAGE_KEY);
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY));
  assert.deepEqual(saved.deployments[0].rasci_changes.map((c) => c.letters).sort(), ['R', 'R/A']);
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a healthcare provider sees only its own next steps, kept in the link and in this browser', async () => {
  const { context, page, foreign, errors } = await openWithDeployment();
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + page_('roles'));
  await appReady(page);
  await page.getByRole('link', { name: 'What my organisation does next' }).click();
  await page.getByRole('heading', { name: 'What my organisation does next' }).waitFor();
  await axe('the party choice');
  await page.getByLabel('Healthcare provider', { exact: true }).check();
  await page.getByLabel('Which provider?').selectOption({ label: 'Durham Integrated Care' });
  await page.getByRole('button', { name: 'Show next steps' }).click();
  await page.locator('#next-steps-for', { hasText: 'Durham Integrated Care' }).waitFor();
  assert.match(page.url(), /item=provider%3Aprov-2/);

  const group = (kind) => page.locator(`section[data-kind="${kind}"]`);
  const items = async (kind) => (await group(kind).locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  // Its responsibilities only: none of the supplier's, the BaRS team's or policy's.
  const duties = await items('responsibility');
  assert.ok(duties.some((d) => d.startsWith('Review and update the information governance transparency information')), duties.join('\n'));
  assert.equal(duties.length, 13, duties.join('\n'));
  assert.ok(!duties.some((d) => /Install the software|Issue the Technical Conformance Certificate|Answer operational and policy/.test(d)));
  assert.ok(duties.some((d) => d.startsWith('Complete the beta exit report') && d.includes('No one has started its narrative yet')));
  // Durham is in public beta: whether its acceptance criteria are met is a decision waiting on it.
  assert.deepEqual(await items('decision'), [
    'Acceptance criteria met? Who decides: Healthcare provider, NHS England BaRS team and NHS England policy and strategy. Waiting on: The acceptance criteria to be met',
  ]);
  // Tasks where a provider is R or A (15 of the guide's 27), core roles its contacts leave open.
  assert.equal((await items('task')).length, 15);
  assert.deepEqual(await items('corerole'), ['Project or digital lead', 'Information governance lead', 'Operational lead', 'System user']);
  // Every gate was recorded in the realistic deployment; the guidance review is open for two providers, not this one.
  assert.equal(await group('gate').locator('li').count(), 0);
  const listed = (await page.locator('section.app-next-steps__group').allInnerTexts()).join('\n');
  assert.ok(!listed.includes('Sunderland Royal Hospital'), 'no other provider\u2019s steps');
  await axe('the party view');
  await screenshot(page, 'roles-party-view');

  // Opened again without the choice in the link: this browser remembers it.
  await page.goto(live.server.url + page_('next-steps'));
  await page.locator('#next-steps-for', { hasText: 'Durham Integrated Care' }).waitFor();
  assert.match(page.url(), /item=provider%3Aprov-2/);

  // The guidance review waits on a provider that has not recorded it.
  await page.goto(live.server.url + page_('next-steps', 'provider:prov-7'));
  await page.locator('#next-steps-for', { hasText: 'North Cumbria Primary Care' }).waitFor();
  assert.deepEqual(await items('gate'), ['Supporting guidance and shared best practice reviewed']);

  // A responsibility ticked off from the party view.
  await group('responsibility').getByRole('link', { name: 'Review and update the information governance transparency information' }).click();
  await page.getByRole('heading', { name: 'Review and update the information governance transparency information' }).waitFor();
  await axe('a responsibility form');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Select how far it is' }).waitFor();
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByLabel('Who owns it?').selectOption({ label: 'Dr Taylor 8 (Clinical lead, North Cumbria Primary Care)' });
  await fillDate(page, 'Date (optional)', '2026-03-02');
  await page.getByLabel('Notes (optional)').fill('Privacy notice updated for BaRS referrals');
  await page.getByRole('button', { name: 'Save' }).click();
  const row = page.locator('table[data-provider="prov-7"] tr[data-duty="provider_transparency"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'done');
  assert.match(await row.innerText(), /Dr Taylor 8[\s\S]*2 March 2026[\s\S]*Privacy notice updated/);
  // A gate's state comes from the provider's checks, with no form of its own.
  const dcb = page.locator('table[data-provider="prov-7"] tr[data-duty="provider_dcb0160"]');
  assert.equal(await dcb.getAttribute('data-status'), 'done');
  assert.match(await dcb.innerText(), /Recorded on/);
  await axe('the responsibilities of one provider');
  await screenshot(page, 'roles-responsibilities');
  await page.getByRole('link', { name: 'NHS England BaRS team' }).click();
  await page.locator('tr[data-duty="bars_certificate"]').waitFor();
  assert.match(await page.locator('tr[data-duty="bars_certificate"]').innerText(), /Recorded for 8 of 8 providers/);
  await axe('the BaRS team\u2019s responsibilities');

  // The decision's link opens the form to record it; once recorded it waits no longer.
  await page.goto(live.server.url + page_('next-steps', 'provider:prov-2'));
  await group('decision').getByRole('link', { name: 'Acceptance criteria met?' }).click();
  await page.getByRole('heading', { name: 'Record a decision' }).waitFor();
  await axe('the decision form opened from the party view');
  await page.getByLabel('Acceptance criteria met?', { exact: true }).check();
  await fillDate(page, 'Date of the decision', '2026-03-02');
  await page.getByLabel('Yes or go').check();
  await page.getByLabel('Who decided').fill('Dr A Khan (clinical lead), J Williams (BaRS team)');
  for (const party of ['Healthcare provider', 'NHS England BaRS team', 'NHS England policy and strategy']) await page.getByLabel(party).check();
  await page.getByLabel('Reasons').fill('Referrals and clock measures met');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForSelector('#timeline');
  // Saved a moment after the change: wait for it before opening the page afresh.
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).deployments[0].decisions?.some((x) => x.kind === 'acceptance_met'), STORAGE_KEY);
  await page.goto(live.server.url + page_('next-steps', 'provider:prov-2'));
  await group('decision').waitFor();
  assert.deepEqual(await items('decision'), []);
  assert.equal(await group('decision').innerText().then((t) => t.includes('No decision is waiting on you.')), true);
  // The BaRS team still has the other seven providers' acceptance decisions to take.
  await page.goto(live.server.url + page_('next-steps', 'bars_team'));
  await page.locator('#next-steps-for', { hasText: 'NHS England BaRS team' }).waitFor();
  const bars = await items('decision');
  assert.equal(bars.length, 7, bars.join('\n'));
  assert.ok(!bars.some((b) => b.includes('Durham Integrated Care')), bars.join('\n'));
  await page.mouse.move(0, 0);
  await axe('the BaRS team\u2019s party view with decisions waiting');
  await screenshot(page, 'roles-party-decisions');

  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the matrix reads on a 320 px phone and prints on one A4 landscape page', async () => {
  const { context, page, errors } = await openWithDeployment();
  await page.goto(live.server.url + page_('roles'));
  await appReady(page);
  await page.waitForSelector('#rasci-matrix');
  await page.setViewportSize({ width: 320, height: 800 });
  await page.waitForTimeout(100);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `the page is ${overflow} px wide at 320 px`);
  // Each task stacks with every party named beside its letters.
  const stacked = await page.locator('#rasci-matrix tr[data-task="incident_management"]').innerText();
  assert.match(stacked.replace(/\s+/g, ' '), /Incident management Supplier S Provider S BaRS team S Policy A\/R/);
  assert.deepEqual(await axeViolations(page), [], 'axe violations on the roles page at 320 px');
  await screenshot(page, 'roles-matrix-320');

  await page.setViewportSize({ width: 1100, height: 900 });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await fs.mkdir(OUTPUT, { recursive: true });
  await fs.writeFile(path.join(OUTPUT, 'roles-matrix.pdf'), pdf);
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the matrix prints on one page');
  const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  assert.ok(box && Number(box[1]) > Number(box[2]), `landscape: ${box?.[0]}`);
  assert.ok(Math.abs(Number(box[1]) - 841.9) < 2 && Math.abs(Number(box[2]) - 595.3) < 2, `A4: ${box[0]}`);
  assert.deepEqual(errors, []);
  await context.close();
});
