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
// is complete in the DOM, and Chromium's first-contentful-paint ("fcp"). App and hello-world alternate, each load in a
// fresh browser context (no HTTP cache, no service worker, no compiled wasm).
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { STORAGE_KEY, DEPLOYMENT_ID, DEPLOYMENT_NAME, storedState, providerNames } from '../bench/realistic-state.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 15);
const AS_OF_CHANGES = Number(process.env.AS_OF_CHANGES ?? 21);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `dir` at /bench/ on an ephemeral loopback port. */
async function serve(dir) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname.replace(/^\/bench\//, ''));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/bench/`,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

// Runs in the page before its own scripts: records the first frame in which
// `ready()` holds, and the first contentful paint, in window.__render.
function watchFirstRender({ storage, expect }) {
  if (storage) localStorage.setItem(storage.key, storage.value);
  const ready = () => {
    const main = document.querySelector('main');
    if (!main) return false;
    const h1 = main.querySelector('h1');
    if (!h1 || h1.textContent.trim() !== expect.heading) return false;
    const text = main.textContent;
    return expect.texts.every((t) => text.includes(t));
  };
  window.__render = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__render.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    window.__render.inDom = performance.now();
    requestAnimationFrame(() => {
      window.__render.frame = performance.now();
      // A task queued from the frame runs once that frame's style, layout
      // and paint are done: the content is on screen.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__render.painted = performance.now(); };
      channel.port2.postMessage(0);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function firstRender(browser, url, init) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    await page.addInitScript(watchFirstRender, init);
    await page.goto(url);
    await page.waitForFunction(() => window.__render.painted !== undefined && window.__render.fcp !== undefined, null, { timeout: 30_000 })
      .catch(async () => { throw new Error(`${url} never showed its content: ${errors.join('; ') || (await page.textContent('body')).slice(0, 300)}`); });
    if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
    return await page.evaluate(() => window.__render);
  } finally {
    await context.close();
  }
}

// In the page: changes the as-of date input `changes` times and times each
// change from the event to (a) the DOM showing new figures, all reactive work
// done (the microtasks Leptos schedules, drained by a message-channel task),
// (b) style and layout of the new DOM (a forced reflow), (c) the end of the
// next frame, painted (this includes waiting for the frame to start).
async function asOfChanges(changes) {
  const input = document.querySelector('#as-of');
  const main = document.querySelector('main');
  const macrotask = () => new Promise((resolve) => { const c = new MessageChannel(); c.port1.onmessage = resolve; c.port2.postMessage(0); });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const start = Date.UTC(2026, 0, 5);
  const runs = [];
  let before = main.textContent;
  for (let i = 0; i < changes; i++) {
    // Fortnightly steps through the year, so the figures change every time.
    const date = new Date(start + i * 14 * 86_400_000).toISOString().slice(0, 10);
    await frame();
    input.value = date;
    const t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const sync = performance.now() - t0;
    await macrotask();
    const dom = performance.now() - t0;
    void document.body.offsetHeight;
    const layout = performance.now() - t0;
    await frame();
    await macrotask();
    const painted = performance.now() - t0;
    const after = main.textContent;
    if (after === before) throw new Error(`as-of ${date}: the page did not change`);
    if (!new URLSearchParams(location.search).get('asof')?.startsWith(date)) throw new Error(`as-of ${date}: not in the address`);
    before = after;
    runs.push({ date, sync, dom, layout, painted });
  }
  return runs;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (x) => x.toFixed(1).padStart(6);

const state = storedState();
const appInit = { storage: { key: STORAGE_KEY, value: state }, expect: { heading: DEPLOYMENT_NAME, texts: providerNames() } };
const helloInit = { storage: null, expect: { heading: 'Hello, world!', texts: [] } };
const app = await serve(path.join(ROOT, 'dist'));
const hello = await serve(path.join(ROOT, 'bench/hello-world/dist'));
const appUrl = `${app.url}?deployment=${encodeURIComponent(DEPLOYMENT_ID)}`;
const browser = await launchBrowser();
try {
  console.log(`stored state: ${(state.length / 1024).toFixed(0)} KiB, 8 providers, a year of daily counts each`);
  console.log(`first render, ${RUNS} alternating pairs (ms from navigation start)`);
  console.log('run     app: painted   dom   fcp    hello: painted   dom   fcp');
  // One untimed pair first, so both start from a browser that has done it once.
  await firstRender(browser, appUrl, appInit);
  await firstRender(browser, hello.url, helloInit);
  const a = [], h = [];
  for (let i = 0; i < RUNS; i++) {
    const x = await firstRender(browser, appUrl, appInit);
    const y = await firstRender(browser, hello.url, helloInit);
    a.push(x); h.push(y);
    console.log(`${String(i + 1).padStart(3)}         ${ms(x.painted)}${ms(x.inDom)}${ms(x.fcp)}            ${ms(y.painted)}${ms(y.inDom)}${ms(y.fcp)}`);
  }
  const col = (xs, key) => median(xs.map((x) => x[key]));
  const am = col(a, 'painted'), hm = col(h, 'painted');
  console.log(`median       ${ms(am)}${ms(col(a, 'inDom'))}${ms(col(a, 'fcp'))}            ${ms(hm)}${ms(col(h, 'inDom'))}${ms(col(h, 'fcp'))}`);
  console.log(`first render: app ${am.toFixed(1)} ms, hello-world ${hm.toFixed(1)} ms (medians of "painted"): ${(am / hm).toFixed(2)}x (budget 1.5x)`);

  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(watchFirstRender, appInit);
  await page.goto(appUrl);
  await page.waitForFunction(() => window.__render.painted !== undefined);
  const runs = await page.evaluate(asOfChanges, AS_OF_CHANGES);
  await context.close();
  console.log(`\nas-of date changes on the same deployment (ms from the change event)`);
  console.log('as of        sync    dom  layout painted');
  for (const r of runs) console.log(`${r.date} ${ms(r.sync)} ${ms(r.dom)} ${ms(r.layout)} ${ms(r.painted)}`);
  const asOf = (key) => ms(median(runs.map((r) => r[key])));
  console.log(`median     ${asOf('sync')} ${asOf('dom')} ${asOf('layout')} ${asOf('painted')}`);
  console.log(`as-of change to updated, laid-out page: median ${median(runs.map((r) => r.layout)).toFixed(1)} ms (budget 16 ms, one frame)`);
} finally {
  await browser.close();
  await app.close();
  await hello.close();
}
