// The portfolio on the home page: three deployments in different states (on
// track, blocked, not live), each with its tag, providers met and earliest
// exit on the as-of date; sorted by status, the order kept in the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot } from './harness.mjs';
import { storedState, STORAGE_KEY } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);

/** Three deployments: the realistic one, a copy nobody has taken live, and a copy with no counts. */
function threeDeployments() {
  const state = JSON.parse(storedState());
  const [wave1] = state.deployments;
  const rename = (d, id, name) => {
    const copy = JSON.parse(JSON.stringify(d).replaceAll(d.id, id).replaceAll('prov-', `${id}-prov-`)
      .replaceAll('"inc-', `"${id}-inc-`).replaceAll('"contact-', `"${id}-contact-`));
    return { ...copy, id, name };
  };
  const notLive = rename(wave1, 'wave-2', 'Urgent care referrals – North East wave 2');
  notLive.providers.forEach((p) => { p.go_live = null; });
  notLive.volumetrics = [];
  const noCounts = rename(wave1, 'pilot', 'Ambulance handover pilot');
  noCounts.volumetrics = [];
  state.deployments.push(notLive, noCounts);
  return JSON.stringify(state);
}

/** The portfolio's rows: [name, status, providers met, earliest exit]. */
const rowsOf = (page) => page.locator('#deployments tbody tr').evaluateAll((rows) => {
  // A cell's value without the heading shown above it on small screens.
  const value = (cell) => cell.textContent.replace(cell.querySelector('.nhsuk-table-responsive__heading')?.textContent ?? '', '').trim();
  return rows.map((r) => [r.querySelector('th a').textContent, r.dataset.standing, value(r.cells[2]), value(r.cells[3]), value(r.cells[4]), value(r.cells[5])]);
});

test('the portfolio shows three deployments in different states and sorts them', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  await context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
  }, [STORAGE_KEY, threeDeployments()]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(live.server.url + '?asof=2026-07-15');
  await appReady(page);
  await page.waitForSelector('#deployments');

  const byName = await rowsOf(page);
  assert.deepEqual(byName.map((r) => r.slice(0, 3)), [
    ['Ambulance handover pilot', 'Blocked', '0 of 8'],
    ['Urgent care referrals – North East wave 1', 'On track', '6 of 8'],
    ['Urgent care referrals – North East wave 2', 'Not live yet', '0 of 8'],
  ]);
  assert.match(byName[0][3], /^Cannot be dated: No referrals were counted in the last 14 days of live running/);
  assert.match(byName[1][3], /^\d+ \w+ 2026$/);
  assert.match(byName[2][3], /^Cannot be dated: /);
  // Wave 1 is in public beta: its next call is a weekly public beta call; nobody has logged an issue.
  assert.match(byName[1][4], /^\d+ \w+ 2026: /);
  assert.deepEqual(byName.map((r) => r[5]), ['0', '0', '0']);
  assert.deepEqual(await axeViolations(page), [], 'axe on the portfolio');

  // By status: on track, blocked, not live; the order rides in the link and survives a reload.
  await page.getByLabel('Sort by').selectOption({ label: 'Status' });
  await page.waitForFunction(() => location.search.includes('sort=standing'));
  const expected = ['On track', 'Blocked', 'Not live yet'];
  assert.deepEqual((await rowsOf(page)).map((r) => r[1]), expected);
  assert.match(page.url(), /asof=2026-07-15/);
  await screenshot(page, 'portfolio-three-deployments');
  await page.reload();
  await page.waitForSelector('#deployments');
  assert.deepEqual((await rowsOf(page)).map((r) => r[1]), expected);
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'standing');

  // Earlier, before anyone went live, every deployment is not live yet.
  await page.locator('#as-of').fill('2025-11-20');
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction(() => [...document.querySelectorAll('#deployments tbody tr')].every((r) => r.dataset.standing === 'Not live yet'));

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
