// The beta's process through the UI (issue 9): a provider passes UAT, gets a
// no-go (the supplier must fix something), loops back, gets a go and goes
// live. Its history shows both decisions with their reasons, the stages
// overview shows it live, and axe finds nothing on every page visited.
// Then the stages overview and a timeline with the eight-provider realistic data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate } from './harness.mjs';
import { appInit, DEPLOYMENT_ID, providerNames } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);
const WORKFLOWS = ['Referral', 'Cancel', 'Re-refer'];

/** The status the provider page's task list shows for a stage. */
async function taskStatus(page, stage) {
  return page.locator(`#stages li[data-task="${stage}"]`).getAttribute('data-status');
}

async function recordMilestone(page, label, date) {
  const form = page.locator('#record-milestone');
  await form.getByLabel('Check or milestone').selectOption({ label });
  await fillDate(form, 'Date', date);
  await form.getByLabel('Recorded by').fill('J Smith, BaRS team');
  await form.getByRole('button', { name: 'Record', exact: true }).click();
}

async function recordResult(page, workflow, outcome, date) {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Record result' }) });
  await form.getByLabel('Workflow').selectOption({ label: workflow });
  await fillDate(form, 'Date tested', date);
  await form.getByLabel(outcome === 'pass' ? 'Passed' : 'Failed', { exact: true }).check();
  if (outcome === 'fail') await form.getByLabel("The supplier's solution").check();
  await form.getByRole('button', { name: 'Record result' }).click();
  await page.locator('.app-confirmation', { hasText: `Result recorded for ${workflow}` }).waitFor();
}

/** Fills the decision form and records it; lands on the provider's history. */
async function recordDecision(page, { kind, date, yes, reasons, change, back, issues = [] }) {
  await page.getByRole('button', { name: 'Record a decision' }).first().click();
  await page.waitForSelector('h1:text("Record a decision")');
  await page.getByLabel(kind, { exact: true }).check();
  await fillDate(page, 'Date of the decision', date);
  await page.getByLabel(yes ? 'Yes or go' : 'No, no-go or not yet').check();
  if (!yes) {
    await page.getByLabel(change).check();
    await page.getByLabel(back, { exact: true }).check();
    for (const reference of issues) await page.getByLabel(new RegExp(`^${reference}: `)).check();
  }
  await page.getByLabel('Who decided').fill('Dr A Khan (clinical lead), S Patel (supplier)');
  for (const party of ['Healthcare IT supplier', 'Healthcare provider', 'NHS England BaRS team']) await page.getByLabel(party).check();
  await page.getByLabel('Reasons').fill(reasons);
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.waitForSelector('#timeline');
}

test('a provider passes UAT, gets a no-go, loops back, gets a go and goes live', async () => {
  const { page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByLabel('Deployment name').fill('Pharmacy First – Leeds');
  await page.getByLabel('BaRS Application 5').check();
  await page.getByLabel('Medium').check();
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.waitForSelector('#deployment-readiness');

  await page.getByRole('link', { name: 'Providers', exact: true }).click();
  await page.getByRole('button', { name: 'Add a provider' }).click();
  await page.getByLabel('Provider name').fill('Wharfe Pharmacy');
  await page.getByLabel('Organisation (ODS) code').fill('FA123');
  await page.getByLabel('Receiver', { exact: true }).check();
  await page.getByLabel('Healthcare IT supplier').fill('Example Pharmacy Systems');
  await page.getByRole('button', { name: 'Add provider' }).click();
  await page.waitForSelector('h1:text("Wharfe Pharmacy")');
  const providerUrl = page.url();
  assert.equal(await taskStatus(page, 'uat_environment'), 'Not started');
  assert.equal(await taskStatus(page, 'private_beta'), 'Cannot start yet');
  assert.equal(await taskStatus(page, 'business_change'), 'Cannot start yet');
  await axe('a new provider page with its task list');

  // UAT: the environment, a failure, then every workflow passes.
  await recordMilestone(page, 'UAT environment deployed and configured', '2026-02-02');
  await page.locator('#stages li[data-task="uat_environment"][data-status="Completed"]').waitFor();
  await recordResult(page, 'Referral', 'fail', '2026-02-03');
  assert.match(await page.locator('#blocked-by').innerText(), /“Referral” failed on 3 February 2026/);
  // The failure goes into the issue log (a "no" can name it later).
  await page.getByRole('link', { name: 'Raise an issue from the failed result of Referral on 3 February 2026' }).click();
  await page.getByRole('heading', { name: 'Raise an issue' }).waitFor();
  await page.getByLabel('Healthcare provider', { exact: true }).check();
  await page.getByLabel('High', { exact: true }).check();
  await page.getByRole('button', { name: 'Raise issue' }).click();
  await page.getByRole('heading', { name: 'Issue log', exact: true }).waitFor();
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  // The order guard: production work cannot be recorded while a workflow's latest result is a fail.
  await recordMilestone(page, 'Production environment deployed and configured', '2026-02-04');
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /cannot be recorded while a UAT workflow's latest result is a fail \(“Referral” failed on 3 February 2026\): every workflow in the test plan must pass in UAT before production work and go-live/);
  await axe('the order guard error');
  for (const workflow of WORKFLOWS) await recordResult(page, workflow, 'pass', '2026-02-05');
  await page.locator('#stages li[data-task="private_beta"][data-status="Completed"]').waitFor();
  await recordMilestone(page, 'Clinical lead and clinical safety officer signed off private beta', '2026-02-06');
  await recordDecision(page, { kind: 'Move to public beta?', date: '2026-02-06', yes: true, reasons: 'Every workflow passed in UAT.' });
  await axe('the history after the first decision');
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  for (const [label, date] of [
    ['Production environment deployed and configured', '2026-02-09'],
    ['Technical Conformance Certificate issued', '2026-02-09'],
    ['UAT and production endpoints in the BaRS Endpoint Catalogue', '2026-02-09'],
    ['Users trained', '2026-02-10'],
    ['Smoke test passed in production', '2026-02-11'],
    ['DCB0160 completed (provider)', '2026-02-11'],
    ['DCB0129 completed (supplier)', '2026-02-11'],
  ]) {
    await recordMilestone(page, label, date);
    await page.locator(`#milestones tr[data-recorded="true"] th:text-is("${label}")`).waitFor();
  }
  assert.equal(await page.locator('#current-stage').innerText(), 'Current stage: Go / no-go decision.');

  // No-go: the supplier must fix something; back to private beta.
  await page.getByRole('button', { name: 'Record a decision' }).first().click();
  await page.waitForSelector('h1:text("Record a decision")');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await page.locator('.nhsuk-error-summary').waitFor();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Select which decision was taken/);
  await page.getByLabel('No, no-go or not yet').check();
  // A "no" offers the provider's open issues to name.
  const offered = await page.locator('label[for^="decision-issue-ids"]').allInnerTexts();
  assert.equal(offered.length, 1);
  assert.match(offered[0], /^ISS-001: The workflow “Referral” failed in UAT/);
  await axe('the decision form with errors and a no revealed');
  await screenshot(page, 'stages-decision-form');
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  await recordDecision(page, {
    kind: 'Go / no-go', date: '2026-02-12', yes: false, change: "The supplier's system", back: 'Private beta (UAT)',
    reasons: 'Cancellations were not shown to the pharmacist during the smoke test.', issues: ['ISS-001'],
  });
  // The history shows the issue behind the no-go as a link, and the issue's page names the decision.
  const noGo = page.locator('#timeline li[data-kind="decision"]', { hasText: 'No-go' });
  assert.match(await noGo.innerText(), /Issues behind it: ISS-001/);
  await axe('the history with a no-go naming an issue');
  await noGo.getByRole('link', { name: 'ISS-001' }).click();
  await page.getByRole('heading', { name: 'Issue ISS-001' }).waitFor();
  assert.match(await page.locator('#issue-decisions').innerText(), /Go \/ no-go: No-go for Wharfe Pharmacy on 12 February 2026/);
  await page.mouse.move(0, 0);
  await axe('an issue named by a decision');
  await screenshot(page, 'stages-issue-named-by-decision');
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  assert.equal(await page.locator('#current-stage').innerText(), 'Current stage: Private beta (UAT).');
  assert.match(await page.locator('#blocked-by').innerText(), /“No-go” at “Go \/ no-go” on 12 February 2026: to change, the supplier's system; back to “Private beta \(UAT\)”/);
  assert.equal(await taskStatus(page, 'private_beta'), 'Not started');
  assert.equal(await taskStatus(page, 'users_trained'), 'Completed', 'training is not redone');
  await axe('a provider sent back by a no-go');

  // The same path again after the supplier's fix.
  for (const workflow of WORKFLOWS) await recordResult(page, workflow, 'pass', '2026-03-02');
  await recordMilestone(page, 'Clinical lead and clinical safety officer signed off private beta', '2026-03-03');
  await page.locator('#stages li[data-task="public_beta_decision"][data-status="In progress"]').waitFor();
  await recordDecision(page, { kind: 'Move to public beta?', date: '2026-03-03', yes: true, reasons: 'The fix passed every workflow in UAT.' });
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  await recordMilestone(page, 'Production environment deployed and configured', '2026-03-04');
  await page.locator('#stages li[data-task="production_environment"][data-status="Completed"]').waitFor();
  await recordMilestone(page, 'Smoke test passed in production', '2026-03-05');
  await page.locator('#stages li[data-task="technical_go_live"][data-status="Completed"]').waitFor();
  await recordDecision(page, { kind: 'Go / no-go', date: '2026-03-06', yes: true, reasons: 'Smoke test passed with the fix; the supplier is ready to support live running.' });

  // Business go-live.
  await page.goto(providerUrl);
  await page.waitForSelector('#stages');
  await page.getByRole('link', { name: 'Change go-live date' }).click();
  await fillDate(page, 'Business go-live date (optional)', '2026-03-09');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForSelector('h1:text("Wharfe Pharmacy")');
  assert.equal(await page.locator('#current-stage').innerText(), 'Current stage: Public beta (business go-live).');
  assert.equal(await taskStatus(page, 'public_beta'), 'In progress');
  assert.equal(await page.locator('#blocked-by').count(), 0, 'the go settles the no-go');
  await axe('a live provider page');
  await screenshot(page, 'stages-provider');

  // The history: both go / no-go decisions with their reasons, newest first.
  await page.getByRole('button', { name: 'History' }).click();
  await page.waitForSelector('#timeline');
  const decisions = page.locator('#timeline li[data-kind="decision"]');
  const texts = await decisions.allInnerTexts();
  assert.equal(texts.length, 4);
  assert.match(texts[0], /Go \/ no-go: Go[\s\S]*Reasons: Smoke test passed with the fix/);
  assert.match(texts[1], /Move to public beta\? Yes[\s\S]*Reasons: The fix passed every workflow in UAT/);
  assert.match(texts[2], /Go \/ no-go: No-go[\s\S]*Reasons: Cancellations were not shown[\s\S]*Must change: The supplier's system[\s\S]*Back to: Private beta \(UAT\)/);
  assert.match(await page.locator('#timeline').innerText(), /Business go-live: public beta began/);
  await axe('the history');
  await screenshot(page, 'stages-timeline');

  // Business change: an error, then an activity under way.
  await page.getByRole('link', { name: 'Back to the provider' }).click();
  await page.getByRole('button', { name: 'Business change' }).click();
  await page.waitForSelector('#activities');
  await page.getByLabel('Activity', { exact: true }).selectOption({ label: 'Business continuity plans updated' });
  await page.getByLabel('Completed', { exact: true }).check();
  await page.getByRole('button', { name: 'Save activity' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'Enter the date it was completed' }).waitFor();
  await axe('the business change form with an error');
  await page.getByLabel('In progress', { exact: true }).check();
  await fillDate(page, 'Target date (optional)', '2026-04-30');
  await page.getByRole('button', { name: 'Save activity' }).click();
  await page.locator('#activities tr[data-activity="business_continuity"]', { hasText: 'In progress' }).waitFor();
  assert.match(await page.locator('#activities tr[data-activity="business_continuity"]').innerText(), /30 April 2026/);
  await axe('the business change page');
  await screenshot(page, 'stages-business-change');

  // The stages overview shows it live.
  await page.getByRole('link', { name: 'Stages', exact: true }).click();
  await page.waitForSelector('#stage-grid');
  const row = page.locator('#stage-grid tr[data-provider="Wharfe Pharmacy"]');
  assert.equal(await row.getAttribute('data-stage'), 'public_beta');
  assert.match(await row.innerText(), /Now: Public beta/);
  assert.equal(await row.locator('td').nth(8).getAttribute('data-status'), 'In progress');
  assert.equal(await row.locator('td').nth(7).getAttribute('data-status'), 'Completed');
  await axe('the stages overview');
  await screenshot(page, 'stages-overview');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
});

test('the stages overview and a timeline read well with eight providers of realistic data', async () => {
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  const { storage } = appInit();
  // Written once, before the first load: the app migrates the format 2 state
  // (its "go" milestones become go decisions).
  await context.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [storage.key, storage.value]);
  const axe = async (where) => assert.deepEqual(await axeViolations(page), [], `axe violations on ${where}`);
  await page.goto(`${live.server.url}?deployment=${encodeURIComponent(DEPLOYMENT_ID)}&page=stages`);
  await appReady(page);
  await page.waitForSelector('#stage-grid');
  assert.equal(await page.locator('#stage-grid tbody tr').count(), providerNames().length);
  await axe('the stages overview of eight providers');
  await screenshot(page, 'stages-overview-realistic');
  await page.getByRole('link', { name: providerNames()[0] }).click();
  await page.waitForSelector('#stages');
  await axe('a realistic provider page');
  await page.getByRole('button', { name: 'History' }).click();
  await page.waitForSelector('#timeline');
  assert.ok(await page.locator('#timeline li[data-kind="decision"]').count() >= 1, 'the migrated go decision is in the history');
  await axe('a realistic history');
  await screenshot(page, 'stages-timeline-realistic');
  assert.deepEqual(errors, []);
});
