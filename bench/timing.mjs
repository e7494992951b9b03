// Shared by scripts/bench-render.mjs and bench/profile-render.mjs: a static
// server for a build, the in-page first-render watcher and the in-page as-of
// date changer.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** Serves `dir` at /bench/ on an ephemeral loopback port, and an empty page at /bench/__blank. */
export async function serve(dir) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname.replace(/^\/bench\//, ''));
    if (rel === '__blank') return res.writeHead(200, { 'content-type': TYPES['.html'] }).end('<!doctype html><title>blank</title><link rel="icon" href="data:,">');
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
export function watchFirstRender({ expect }) {
  const ready = () => {
    const main = document.querySelector('main');
    if (!main) return false;
    const h1 = main.querySelector('h1');
    if (!h1 || h1.textContent.trim() !== expect.heading) return false;
    const text = main.textContent;
    return expect.texts.every((t) => text.includes(t));
  };
  // What the watching itself costs, so a run can show it is negligible.
  window.__render = { watchMs: 0, checks: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__render.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const observer = new MutationObserver(() => {
    const t = performance.now();
    const done = ready();
    window.__render.watchMs += performance.now() - t;
    window.__render.checks++;
    if (!done) return;
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

// In the page: changes the as-of date input `changes` times and times each
// change from the event to (a) the DOM showing new figures, all reactive work
// done (the microtasks Leptos schedules, drained by a message-channel task),
// (b) style and layout of the new DOM (a forced reflow), (c) the end of the
// next frame, painted (this includes waiting for the frame to start).
export async function asOfChanges(changes) {
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
    // Read synchronously after the timings above, with no task in between:
    // the change was in the DOM when "dom" was taken.
    const after = main.textContent;
    if (after === before) throw new Error(`as-of ${date}: the page did not change`);
    await frame();
    await macrotask();
    const painted = performance.now() - t0;
    if (!new URLSearchParams(location.search).get('asof')?.startsWith(date)) throw new Error(`as-of ${date}: not in the address`);
    before = after;
    runs.push({ date, sync, dom, layout, painted });
  }
  return runs;
}

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
export const ms = (x) => x.toFixed(1).padStart(6);

/** What the hello-world shows once rendered (bench/hello-world/src/main.rs); it preloads nothing. */
export const HELLO_INIT = { storage: null, expect: { heading: 'Hello, world!', texts: [] } };

/** A fresh context and page with `init` injected, loaded and painted. */
export async function openApp(browser, url, init, beforeLoad = async () => {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  await page.addInitScript(watchFirstRender, init);
  // Storage is filled from a blank page of the same origin first, so that
  // neither the timed navigation nor an init script pays for writing it; the
  // hello-world takes the same detour.
  await page.goto(new URL('__blank', url).href);
  if (init.storage) await page.evaluate(({ key, value }) => localStorage.setItem(key, value), init.storage);
  await beforeLoad(page);
  await page.goto(url);
  await page.waitForFunction(() => window.__render.painted !== undefined && window.__render.fcp !== undefined, null, { timeout: 30_000 })
    .catch(async () => { throw new Error(`${url} never showed its content: ${errors.join('; ') || (await page.textContent('body')).slice(0, 300)}`); });
  if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
  return { context, page };
}

/** Loads `url` in a fresh context and returns its window.__render timings. */
export async function firstRender(browser, url, init) {
  const { context, page } = await openApp(browser, url, init);
  try {
    return await page.evaluate(() => window.__render);
  } finally {
    await context.close();
  }
}
