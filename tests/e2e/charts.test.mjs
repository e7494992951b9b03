// The progress page's provider matrix and charts on a realistic deployment (eight providers, a
// year of daily counts): both are drawn, each has its sentence and its table,
// and both follow the as-of date. axe-core checks the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndBrowse, openPage, appReady, axeViolations, screenshot } from './harness.mjs';
import { storedState, STORAGE_KEY, PROGRESS_QUERY, PROVIDERS } from '../../bench/realistic-state.mjs';

const live = serveAndBrowse(before, after);

test('the referrals and clocks charts draw a realistic deployment and move with the as-of date', async () => {
  const { context, page, foreign, errors } = await openPage(live.browser, live.server.origin);
  const state = storedState();
  await context.addInitScript(([key, value]) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, value);
  }, [STORAGE_KEY, state]);
  // Early on: the first provider went live on 1 December 2025, the last on 12 January 2026.
  await page.goto(live.server.url + PROGRESS_QUERY + '&asof=2025-12-20');
  await appReady(page);
  await page.waitForSelector('#referrals-chart svg path.app-chart__line');

  const referrals = page.locator('#referrals-chart');
  assert.match(await referrals.locator('#referrals-chart-summary').textContent(),
    /^Referrals counted across all providers from 1 December 2025 to 20 December 2025: [\d,]+ of the 50 needed\. The minimum was reached on \d+ December 2025\.$/);
  // Weekly figures from Monday 1 December: three weeks, the last ending on the as-of date.
  // They are drawn only when unfolded.
  assert.equal(await referrals.locator('tbody tr').count(), 0, 'no figures drawn while folded away');
  await referrals.locator('summary').click();
  await referrals.locator('tbody tr').first().waitFor();
  const weeks = await referrals.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td').textContent));
  assert.deepEqual(weeks, ['7 December 2025', '14 December 2025', '20 December 2025']);
  // The line is a path with a step for each day of counts; the minimum is drawn.
  const d = await referrals.locator('path.app-chart__line').getAttribute('d');
  assert.ok(d.startsWith('M56 232'), d);
  assert.ok((d.match(/V/g) ?? []).length >= 20, 'a step for each day with referrals');
  assert.equal(await referrals.locator('line.app-chart__minimum').count(), 1);
  // The stylesheet reaches the drawing (its classes are kept by style/purge.mjs): the line is a
  // stroke, not a filled shape, and the grid is drawn.
  assert.equal(await referrals.locator('path.app-chart__line').evaluate((e) => getComputedStyle(e).fill), 'none');
  assert.notEqual(await referrals.locator('line.app-chart__grid').first().evaluate((e) => getComputedStyle(e).stroke), 'none');

  const clocks = page.locator('#clocks-chart');
  assert.equal(await clocks.locator('g.app-chart__row').count(), PROVIDERS);
  assert.match(await clocks.locator('#clocks-chart-summary').textContent(),
    /^Verification clocks on 20 December 2025: 0 of 8 providers have completed the period; 0 had the clock restarted by an incident\.$/);
  assert.equal(await clocks.locator('line.app-chart__restart').count(), 0);
  assert.deepEqual(await axeViolations(page), [], 'axe on the progress page with charts');

  // Later: incidents attributed to BaRS on 10 February and 10 June 2026 restarted two clocks.
  await page.locator('#as-of').fill('2026-07-15');
  await page.locator('#as-of').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelector('#clocks-chart-summary')?.textContent.includes('15 July 2026'));
  assert.match(await clocks.locator('#clocks-chart-summary').textContent(), /: 8 of 8 providers have completed the period; 2 had the clock restarted by an incident\.$/);
  assert.equal(await clocks.locator('line.app-chart__restart').count(), 2);
  // The stages of every provider over time: all eight reached public beta.
  const stages = page.locator('#stages-chart');
  assert.equal(await stages.locator('g.app-chart__row').count(), PROVIDERS);
  assert.match(await stages.locator('#stages-chart-summary').textContent(), /8 of 8 providers have reached public beta\.$/);
  assert.ok((await stages.locator('rect.app-chart__stage--live').count()) >= PROVIDERS, 'a public beta bar each');
  assert.equal(await clocks.locator('rect.app-chart__counted--met').count(), PROVIDERS);
  await clocks.locator('summary').click();
  await clocks.locator('tbody tr').first().waitFor();
  const restarts = await clocks.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.lastElementChild.textContent));
  assert.deepEqual(restarts, ['1', '0', '0', '0', '0', '1', '0', '0']);
  assert.ok((await referrals.locator('tbody tr').count()) > 25, 'weeks up to mid-July');
  // The matrix: a row per provider, each linking to its page, the whole table within one 1280 × 800 screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  const matrix = page.locator('#provider-matrix');
  assert.equal(await matrix.locator('tbody tr').count(), PROVIDERS);
  const box = await matrix.boundingBox();
  assert.ok(box.width <= 1280 && box.height <= 800, `matrix is ${box.width} × ${box.height}`);
  const first = matrix.locator('tbody tr').first();
  assert.equal(await first.getAttribute('data-met'), 'true');
  assert.match(await first.innerText(), /Sunderland Royal Hospital[\s\S]*Public beta[\s\S]*Met[\s\S]*7 of 7 workflows passed[\s\S]*Met on \d+ \w+ 2026/);
  // The last two have not recorded the guidance review: not met, and no date.
  assert.deepEqual(await matrix.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.met)),
    ['true', 'true', 'true', 'true', 'true', 'true', 'false', 'false']);
  assert.deepEqual(await axeViolations(page), [], 'axe on the progress page with the matrix');
  await matrix.screenshot({ path: 'test-output/provider-matrix-1280.png' });
  await screenshot(page, 'charts-progress-15-july-2026');
  await first.getByRole('link').click();
  await page.waitForSelector('h1:text("Sunderland Royal Hospital")');

  assert.deepEqual(foreign, [], 'no request left the app origin');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
