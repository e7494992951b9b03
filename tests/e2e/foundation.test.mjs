// The first journey: create a deployment, find it again after a reload, and
// check the page is accessible, clean, and self-contained.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot } from './harness.mjs';

const live = serveAndBrowse(before, after);

test('create a deployment, reload, and find it again', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  await page.goto(live.server.url);
  await appReady(page);
  assert.equal(await page.locator('h1').textContent(), 'Beta deployments');
  assert.deepEqual(await axeViolations(page), [], 'start page has no axe violations');

  await page.getByRole('button', { name: 'Create a deployment' }).click();
  await page.getByLabel('Deployment name').fill('Community pharmacy beta – Leeds');
  await page.getByLabel('BaRS Application 5').check();
  await page.getByLabel('Medium').check();
  assert.deepEqual(await axeViolations(page), [], 'form has no axe violations');
  await page.getByRole('button', { name: 'Create deployment' }).click();

  await page.waitForSelector('h1:text("Community pharmacy beta – Leeds")');
  assert.match(page.url(), /\?deployment=[0-9a-f]{32}$/, 'the page has its own address');
  assert.match(await page.locator('#deployment-readiness').textContent(), /0 of 50 referrals/);
  assert.deepEqual(await axeViolations(page), [], 'deployment page has no axe violations');

  // A deep link survives a reload: state comes back from storage.
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator('h1').textContent(), 'Community pharmacy beta – Leeds');
  await page.getByRole('link', { name: 'BaRS Beta Tracker homepage' }).click();
  await page.waitForSelector('#deployments');
  assert.equal(await page.locator('#deployments tbody tr').count(), 1);
  assert.match(await page.locator('#deployments tbody').textContent(), /BaRS Application 5.*Medium.*50 referrals, 28 days/);
  await screenshot(page, 'foundation-deployment-list');

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('bad input gets the NHS error summary and saves nothing', async () => {
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByRole('button', { name: 'Create deployment' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Enter a name for the deployment/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'focus moves to the summary');
  // The summary link moves focus to the field without changing the page.
  await summary.getByRole('link', { name: 'Enter a name for the deployment' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'deployment-name');
  assert.match(page.url(), /\?page=new$/);

  await page.getByLabel('Deployment name').fill('x'.repeat(81));
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.locator('#deployment-name-error:text("80 characters or fewer")').waitFor();
  assert.deepEqual(await axeViolations(page), [], 'errors are shown accessibly');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing saved');
  await screenshot(page, 'foundation-errors');
  assert.deepEqual(errors, []);
  await context.close();
});

test('rename, change level and delete with confirmation, by keyboard alone', async () => {
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByLabel('Deployment name').fill('GP bookings pilot');
  await page.getByLabel('BaRS Application 7').check();
  await page.getByLabel('Low').check();
  await page.getByLabel('Deployment name').focus();
  await page.keyboard.press('Enter'); // submits the form
  await page.waitForSelector('h1:text("GP bookings pilot")');

  await page.getByRole('link', { name: 'Change Service Risk Level' }).click();
  await page.getByLabel('Deployment name').fill('GP bookings pilot, wave 2');
  await page.getByLabel('High').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForSelector('h1:text("GP bookings pilot, wave 2")');
  assert.match(await page.locator('#deployment-details').textContent(), /Service Risk Level\s*High/);
  assert.match(await page.locator('#deployment-readiness').textContent(), /0 of 75 referrals/);

  await page.getByRole('button', { name: 'Delete deployment' }).click();
  await page.waitForSelector('h1:text("Delete “GP bookings pilot, wave 2”?")');
  await page.getByRole('link', { name: 'No, keep it' }).click();
  await page.waitForSelector('h1:text("GP bookings pilot, wave 2")');
  await page.getByRole('button', { name: 'Delete deployment' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.waitForSelector('#no-deployments');
  // Saves are debounced: wait for the write rather than racing it.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('bars-beta-tracker.state.v1') ?? '{}').deployments?.length === 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt storage is reported, backed up, and does not crash the app', async () => {
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  await page.goto(live.server.url);
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('bars-beta-tracker.state.v1', '{"schema_version":1,"deployments":[{'));
  await page.reload();
  await appReady(page);
  assert.match(await page.locator('.app-storage-problem').textContent(), /could not be opened.*not valid JSON/s);
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.unreadable.')));
  assert.equal(backups.length, 1);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
