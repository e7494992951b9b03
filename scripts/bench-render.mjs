// Times, in one headless Chromium run, the app's first render of a realistic
// deployment against a Leptos hello-world built with the same release profile,
// then how long changing the as-of date on that deployment takes to reach the
// page. Run through scripts/bench-render.sh, which builds both first.
//
// First render: navigation start (performance.timeOrigin) to the end of the
// frame that first paints the content ("painted": a task queued from that
// frame's requestAnimationFrame callback, which runs after its style, layout
// and paint). A MutationObserver, injected before any page script, watches
// for the content: the app's progress page with its heading and all eight
// providers; the hello-world's heading. Also printed: "dom", when the content
// is complete in the DOM, and Chromium's first-contentful-paint ("fcp"). App
// and hello-world alternate, each load in a fresh browser context (no HTTP
// cache, no service worker, no compiled wasm).
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { PROGRESS_QUERY, PROVIDERS, DAYS, storedState, appInit as preload } from '../bench/realistic-state.mjs';
import { serve, firstRender, openApp, asOfChanges, median, ms, HELLO_INIT } from '../bench/timing.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 15);
const AS_OF_CHANGES = Number(process.env.AS_OF_CHANGES ?? 21);

const state = storedState();
const appInit = preload(state);
const app = await serve(path.join(ROOT, 'dist'));
const hello = await serve(path.join(ROOT, 'bench/hello-world/dist'));
const appUrl = app.url + PROGRESS_QUERY;
const browser = await launchBrowser();
try {
  console.log(`stored state: ${(state.length / 1024).toFixed(0)} KiB, ${PROVIDERS} providers, ${DAYS} days of counts each`);
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (figures are wall-clock: a loaded machine inflates them)`);
  console.log(`first render, ${RUNS} alternating pairs (ms from navigation start)`);
  console.log('run     app: painted   dom   fcp    hello: painted   dom   fcp');
  // One untimed pair first, so both start from a browser that has done it once.
  await firstRender(browser, appUrl, appInit);
  await firstRender(browser, hello.url, HELLO_INIT);
  const a = [], h = [];
  for (let i = 0; i < RUNS; i++) {
    const x = await firstRender(browser, appUrl, appInit);
    const y = await firstRender(browser, hello.url, HELLO_INIT);
    a.push(x); h.push(y);
    console.log(`${String(i + 1).padStart(3)}         ${ms(x.painted)}${ms(x.inDom)}${ms(x.fcp)}            ${ms(y.painted)}${ms(y.inDom)}${ms(y.fcp)}`);
  }
  const col = (xs, key) => median(xs.map((x) => x[key]));
  const am = col(a, 'painted'), hm = col(h, 'painted');
  console.log(`median       ${ms(am)}${ms(col(a, 'inDom'))}${ms(col(a, 'fcp'))}            ${ms(hm)}${ms(col(h, 'inDom'))}${ms(col(h, 'fcp'))}`);
  console.log(`watching for the content cost the app ${col(a, 'watchMs').toFixed(2)} ms (${col(a, 'checks')} checks), the hello-world ${col(h, 'watchMs').toFixed(2)} ms (median)`);
  const best = (xs) => Math.min(...xs.map((x) => x.painted));
  console.log(`fastest       ${ms(best(a))}                         ${ms(best(h))}   (least disturbed by other processes)`);
  // Each pair ran back to back, under much the same load from other processes.
  const pairs = median(a.map((x, i) => x.painted / h[i].painted));
  console.log(`first render: app ${am.toFixed(1)} ms, hello-world ${hm.toFixed(1)} ms (medians of "painted"): ${(am / hm).toFixed(2)}x (budget 1.5x); median of pair ratios ${pairs.toFixed(2)}x; fastest runs ${(best(a) / best(h)).toFixed(2)}x`);

  const { context, page } = await openApp(browser, appUrl, appInit);
  const runs = await page.evaluate(asOfChanges, AS_OF_CHANGES);
  await context.close();
  console.log(`\nas-of date changes on the same deployment (ms from the change event)`);
  console.log('as of        sync    dom  layout painted');
  for (const r of runs) console.log(`${r.date} ${ms(r.sync)} ${ms(r.dom)} ${ms(r.layout)} ${ms(r.painted)}`);
  const asOf = (key) => ms(median(runs.map((r) => r[key])));
  console.log(`median     ${asOf('sync')} ${asOf('dom')} ${asOf('layout')} ${asOf('painted')}`);
  console.log(`as-of change to updated, laid-out page: median ${median(runs.map((r) => r.layout)).toFixed(1)} ms (budget 16 ms, one frame); fastest ${Math.min(...runs.map((r) => r.layout)).toFixed(1)} ms`);
} finally {
  await browser.close();
  await app.close();
  await hello.close();
}
