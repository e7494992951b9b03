// Compares two builds of the app in one headless Chromium run, alternating,
// so that the machine's changing load falls on both alike: the first render
// of the realistic deployment and blocks of as-of date changes, timed as in
// scripts/bench-render.mjs. For a change of a few milliseconds, one
// bench-render run is not enough on a shared machine; this is.
//   node scripts/bench-ab.mjs DIST_A DIST_B     (e.g. a copy of dist/ before, dist/ after)
// RUNS= first renders of each (11), BLOCKS= blocks of 21 as-of changes each (6).
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { PROGRESS_QUERY, storedState, appInit } from '../bench/realistic-state.mjs';
import { serve, firstRender, openApp, asOfChanges, median } from '../bench/timing.mjs';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
if (dirs.length !== 2) {
  console.error('usage: node scripts/bench-ab.mjs DIST_A DIST_B');
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 11);
const BLOCKS = Number(process.env.BLOCKS ?? 6);
const init = appInit(storedState());
const servers = await Promise.all(dirs.map((d) => serve(d)));
const urls = servers.map((s) => s.url + PROGRESS_QUERY);
const browser = await launchBrowser();
try {
  console.log(`A: ${dirs[0]}\nB: ${dirs[1]}`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const first = [[], []];
  const asOf = [[], []];
  await firstRender(browser, urls[0], init);
  for (let i = 0; i < RUNS; i++) {
    for (const k of [0, 1]) first[k].push((await firstRender(browser, urls[k], init)).painted);
  }
  for (let i = 0; i < BLOCKS; i++) {
    for (const k of [0, 1]) {
      const { context, page } = await openApp(browser, urls[k], init);
      asOf[k].push(...(await page.evaluate(asOfChanges, 21)).map((r) => r.layout));
      await context.close();
    }
  }
  const line = (name, xs) => `${name}: median ${median(xs).toFixed(1)} ms, fastest ${Math.min(...xs).toFixed(1)} ms (${xs.length})`;
  for (const k of [0, 1]) {
    console.log(`${'AB'[k]}  ${line('first render', first[k])};  ${line('as-of change to laid-out page', asOf[k])}`);
  }
  const change = (xs) => `${((median(xs[1]) / median(xs[0]) - 1) * 100).toFixed(1)}%`;
  console.log(`B against A: first render ${change(first)}, as-of change ${change(asOf)}`);
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
