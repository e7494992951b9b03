// Sharing between organisations: a file exported in one browser, changed and
// exported in another, merged back with a conflict settled, undone and redone;
// and every file of the bad corpus refused with its own message, leaving
// storage byte for byte as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot, fillDate } from './harness.mjs';

const BAD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bad');
const live = serveAndBrowse(before, after);

const storageOf = (page) => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

async function createDeployment(page, name) {
  await page.goto(live.server.url + '?page=new');
  await appReady(page);
  await page.getByLabel('Deployment name').fill(name);
  await page.getByLabel('BaRS Application 6').check();
  await page.getByLabel('Medium').check();
  await page.getByRole('button', { name: 'Create deployment' }).click();
  await page.waitForSelector('#deployment-readiness');
}

async function changeSupplier(page, provider, supplier) {
  await page.getByRole('link', { name: 'Providers', exact: true }).click();
  await page.getByRole('link', { name: provider }).click();
  await page.getByRole('link', { name: 'Change supplier' }).click();
  await page.getByLabel('Healthcare IT supplier').fill(supplier);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForSelector(`h1:text("${provider}")`);
}

/** Exports everything from the share page and returns the file's path. */
async function exportAll(page, organisation) {
  await page.goto(live.server.url + '?page=share');
  await appReady(page);
  await page.getByLabel('Your organisation').fill(organisation);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download file' }).click()]);
  assert.match(download.suggestedFilename(), /^bars-beta-snapshot-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(await fs.mkdtemp('/tmp/bars-export-'), download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

async function chooseFile(page, file) {
  await page.goto(live.server.url + '?page=share');
  await appReady(page);
  await page.setInputFiles('#import-file', file);
  await page.locator('#import-preview').waitFor();
}

test('export, change elsewhere, merge back with a conflict, undo and redo', async () => {
  const a = await openPage(live.browser, live.server.origin);
  const b = await openPage(live.browser, live.server.origin);
  const pageA = a.page;
  const pageB = b.page;

  // Organisation A starts the deployment and sends it out.
  await createDeployment(pageA, 'Ambulance mutual aid – North');
  await pageA.getByRole('link', { name: 'Providers', exact: true }).click();
  await pageA.getByRole('button', { name: 'Add a provider' }).click();
  await pageA.getByLabel('Provider name').fill('North East Ambulance Service');
  await pageA.getByLabel('Organisation (ODS) code').fill('RX6');
  await pageA.getByLabel('Sender and receiver').check();
  await pageA.getByLabel('Healthcare IT supplier').fill('Supplier One');
  await pageA.getByRole('button', { name: 'Add provider' }).click();
  await pageA.waitForSelector('h1:text("North East Ambulance Service")');
  const fromA = await exportAll(pageA, 'North East Ambulance Service');
  assert.deepEqual(await axeViolations(pageA), [], 'share page after export');

  // Organisation B takes it in, changes the supplier, logs an incident, sends it back.
  await chooseFile(pageB, fromA);
  assert.match(await pageB.locator('#import-meta').textContent(), /Exported by North East Ambulance Service/);
  assert.match(await pageB.locator('#merge-preview').textContent(), /Ambulance mutual aid – North\s*New deployment/);
  assert.deepEqual(await axeViolations(pageB), [], 'import preview');
  await pageB.getByRole('button', { name: 'Import', exact: true }).click();
  await pageB.locator('#undo-import').waitFor();
  await pageB.getByRole('link', { name: 'BaRS Beta Tracker homepage' }).click();
  await pageB.getByRole('link', { name: 'Ambulance mutual aid – North' }).click();
  await changeSupplier(pageB, 'North East Ambulance Service', 'Supplier Two (from B)');
  await pageB.getByRole('link', { name: 'Incidents', exact: true }).click();
  await pageB.getByRole('button', { name: 'Record an incident' }).click();
  await pageB.getByLabel('Provider').selectOption({ label: 'North East Ambulance Service' });
  await fillDate(pageB, 'Date of the incident', '2026-03-03');
  await pageB.getByLabel('No, another cause').check();
  await pageB.getByLabel('What happened').fill('Radio outage unrelated to BaRS.');
  await pageB.getByRole('button', { name: 'Record incident' }).click();
  await pageB.waitForSelector('#incidents');
  const fromB = await exportAll(pageB, 'Yorkshire Ambulance Service');

  // Meanwhile A changed the same supplier field differently.
  await pageA.goto(live.server.url);
  await pageA.getByRole('link', { name: 'Ambulance mutual aid – North' }).click();
  await changeSupplier(pageA, 'North East Ambulance Service', 'Supplier Three (from A)');
  await pageA.waitForFunction(() => localStorage.getItem('bars-beta-tracker.state.v1').includes('Supplier Three'));
  const beforeImport = await storageOf(pageA);
  const mainBefore = await pageA.evaluate(() => localStorage.getItem('bars-beta-tracker.state.v1'));

  // A merges B's file: one conflict to settle, one incident to add.
  await chooseFile(pageA, fromB);
  assert.match(await pageA.locator('#import-meta').textContent(), /Exported by Yorkshire Ambulance Service/);
  assert.match(await pageA.locator('#merge-preview').textContent(), /1 added.*1 to decide/s);
  assert.equal(await pageA.locator('.app-conflict').count(), 1);
  assert.match(await pageA.locator('.app-conflict legend').textContent(), /North East Ambulance Service/);
  assert.ok((await storageOf(pageA)) === beforeImport, 'a preview changes nothing');
  await pageA.getByRole('button', { name: 'Import', exact: true }).click();
  await pageA.locator('.nhsuk-error-summary', { hasText: 'Choose which version to keep' }).waitFor();
  assert.deepEqual(await axeViolations(pageA), [], 'conflict choice with an error');
  await screenshot(pageA, 'sharing-conflict');
  await pageA.getByLabel('Take the version in the file').check();
  await pageA.getByRole('button', { name: 'Import', exact: true }).click();
  await pageA.locator('#undo-import').waitFor();
  const merged = JSON.parse(await pageA.evaluate(() => localStorage.getItem('bars-beta-tracker.state.v1')));
  assert.equal(merged.deployments[0].providers[0].supplier, 'Supplier Two (from B)');
  assert.equal(merged.deployments[0].incidents.length, 1);

  // Undo restores exactly what was there before.
  await pageA.locator('#undo-import').click();
  await pageA.waitForFunction((before) => localStorage.getItem('bars-beta-tracker.state.v1') === before, mainBefore);

  // Redo: the same file, the same choice, the same result.
  await chooseFile(pageA, fromB);
  await pageA.getByLabel('Take the version in the file').check();
  await pageA.getByRole('button', { name: 'Import', exact: true }).click();
  await pageA.locator('#undo-import').waitFor();
  const redone = JSON.parse(await pageA.evaluate(() => localStorage.getItem('bars-beta-tracker.state.v1')));
  assert.equal(redone.deployments[0].providers[0].supplier, 'Supplier Two (from B)');
  assert.equal(redone.deployments[0].incidents.length, 1);

  // Merging the same file again changes nothing.
  await chooseFile(pageA, fromB);
  assert.match(await pageA.locator('#merge-preview').textContent(), /No change/);
  assert.equal(await pageA.locator('.app-conflict').count(), 0);

  for (const side of [a, b]) {
    assert.deepEqual(side.foreign, [], 'no request left the app origin');
    assert.deepEqual(side.errors, [], 'no console errors');
    await side.context.close();
  }
});

test('one deployment exports under its own name; paste, drop and clipboard all reach the import', async () => {
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.server.origin });
  await createDeployment(page, 'Falls lifting – wave 1');
  await page.goto(live.server.url + '?page=share');
  await appReady(page);
  await page.getByLabel('What to export').selectOption({ label: 'Falls lifting – wave 1' });
  await page.getByLabel('Your organisation').fill('Leeds Community Healthcare');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download file' }).click()]);
  assert.match(download.suggestedFilename(), /^bars-beta-snapshot-falls-lifting-wave-1-\d{4}-\d{2}-\d{2}\.json$/);

  // An NHS number in the note must be acknowledged before anything is exported.
  await page.getByLabel('Note for the recipients (optional)').fill('Query about 943 476 5919');
  await page.locator('#nhs-number-warning').waitFor();
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await page.locator('.nhsuk-error-summary', { hasText: 'confirm they are not patient details' }).waitFor();
  await page.getByLabel('I have checked: these are not patient details').check();
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await page.locator('#export-done', { hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(JSON.parse(copied).deployments[0].name, 'Falls lifting – wave 1');

  // Pasted text: a truncated copy says where it stops; the whole copy previews.
  await page.getByText('Paste a snapshot instead').click();
  await page.getByLabel('Snapshot text').fill(copied.slice(0, 200));
  await page.getByRole('button', { name: 'Check pasted text' }).click();
  await page.locator('#import-file-error', { hasText: 'The pasted text' }).waitFor();
  assert.match(await page.locator('#import-file-error').textContent(), /line \d+, column \d+/);
  await page.getByLabel('Snapshot text').fill(copied);
  await page.getByRole('button', { name: 'Check pasted text' }).click();
  await page.locator('#import-preview').waitFor();
  assert.match(await page.locator('#merge-preview').textContent(), /No change/);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // A file dropped onto any page opens the share page with its preview.
  await page.goto(live.server.url);
  await appReady(page);
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text.replace('Falls lifting – wave 1', 'Falls lifting – wave 2').replace(/"id": "[0-9a-f]{32}"/, '"id": "dropped-copy"')], 'dropped.json', { type: 'application/json' }));
    return data;
  }, copied);
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await page.locator('#import-preview').waitFor();
  assert.match(page.url(), /\?page=share/);
  assert.match(await page.locator('#import-preview-heading').textContent(), /dropped\.json/);
  assert.match(await page.locator('#merge-preview').textContent(), /Falls lifting – wave 2\s*New deployment/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every bad file is refused with its own message and leaves storage byte for byte', async () => {
  const expected = JSON.parse(await fs.readFile(path.join(BAD, 'expected.json'), 'utf8'));
  const names = Object.keys(expected);
  assert.ok(names.length >= 50, `the corpus has ${names.length} files`);
  const { context, page, errors } = await openPage(live.browser, live.server.origin);
  await createDeployment(page, 'Kept safe');
  await page.goto(live.server.url + '?page=share');
  await appReady(page);
  await page.waitForFunction(() => localStorage.getItem('bars-beta-tracker.state.v1')?.includes('Kept safe'));
  const before = await storageOf(page);
  const files = names.map((name) => ({ name, file: path.join(BAD, name), message: expected[name] }));
  // 20 MB of junk, made here rather than kept in the repository.
  const junk = Buffer.alloc(20 * 1024 * 1024 + 1, '{["x');
  files.push({ name: 'junk-20mb.json', buffer: junk, message: 'too large to be a snapshot' });
  for (const { name, file, buffer, message } of files) {
    await page.setInputFiles('#import-file', buffer ? { name, mimeType: 'application/json', buffer } : file);
    const error = page.locator('#import-file-error');
    await error.filter({ hasText: name }).waitFor({ timeout: 10_000 });
    const text = (await error.textContent()).replace(/\s+/g, ' ');
    assert.ok(text.includes(message.replace(/\s+/g, ' ')), `${name}: expected “${message}” in “${text}”`);
    assert.equal(await page.locator('#import-preview').count(), 0, `${name}: no preview`);
    assert.ok((await storageOf(page)) === before, `${name}: storage unchanged`);
  }
  assert.deepEqual(await axeViolations(page), [], 'an import error');
  assert.deepEqual(errors, []);
  await context.close();
});
