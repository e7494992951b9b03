// Shared by the end-to-end tests: a static server for the release build,
// Debian's Chromium driven by playwright-core, and axe-core.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// BARS_DIST serves another build, e.g. the benchmark's dist-bench/.
export const DIST = process.env.BARS_DIST ?? path.join(ROOT, 'dist');
export const OUTPUT = path.join(ROOT, 'test-output');
// Served below a sub-path on purpose: the app must work from any.
export const BASE_PATH = '/nhs/bars-beta/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/** Serves dist/ at BASE_PATH on an ephemeral loopback port. */
export async function startServer() {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(BASE_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = path.join(DIST, decodeURIComponent(url.pathname.slice(BASE_PATH.length)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return { origin, url: origin + BASE_PATH, close };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: (process.env.CHROMIUM_FLAGS ?? '--no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync')
      .split(' ')
      .filter((flag) => flag && flag !== '--headless'),
  });
}

/**
 * A fresh page that records every request it makes and every console error or
 * uncaught exception, so tests can assert the page stayed on its own origin
 * and ran cleanly.
 */
export async function openPage(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('data:')) foreign.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  // Anything the page's Content-Security-Policy blocks is an error too (Chromium
  // also logs most as console errors; this catches every one, with its directive).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return { context, page, foreign, errors };
}

/** Waits until the app has rendered its first page. */
export async function appReady(page, timeout = 30_000) {
  await page.waitForSelector('main#maincontent h1', { timeout });
}

/** Runs axe-core on the page for WCAG 2.2 A and AA and returns its violations. */
/**
 * Scrolls `locator` into view and waits until the browser has drawn it: the
 * progress page's provider cards are laid out only near the screen
 * (content-visibility), so their innerText is empty until a reader gets there.
 */
export async function scrolledTo(locator) {
  await locator.scrollIntoViewIfNeeded();
  await locator.evaluate((el) => new Promise((resolve) => {
    const drawn = () => (el.innerText.trim() ? resolve() : requestAnimationFrame(drawn));
    drawn();
  }));
  return locator;
}

export async function axeViolations(page) {
  // Evaluated rather than added as a <script>: the page's CSP refuses inline scripts.
  await page.evaluate(await fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page, name) {
  await fs.mkdir(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  // Parts laid out only near the screen (content-visibility: auto) would be
  // blank in a full-page picture: draw them all for it, then put them back.
  const drawn = await page.evaluate(() => {
    const lazy = [...document.querySelectorAll('body *')].filter((e) => getComputedStyle(e).contentVisibility === 'auto');
    for (const e of lazy) e.style.contentVisibility = 'visible';
    return lazy.length;
  });
  await page.screenshot({ path: file, fullPage: true });
  if (drawn) await page.evaluate(() => document.querySelectorAll('body *').forEach((e) => { if (e.style.contentVisibility) e.style.contentVisibility = ''; }));
  return file;
}

/**
 * Starts the server and the browser before a test file's tests and stops
 * them after; returns a getter for both.
 */
export function serveAndBrowse(before, after) {
  const live = {};
  before(async () => {
    live.server = await startServer();
    live.browser = await launchBrowser();
  });
  after(async () => {
    await live.browser?.close();
    await live.server?.close();
  });
  return live;
}

/**
 * Fills an NHS date input (day, month and year boxes) from an ISO date, the
 * way a person types it: `2026-03-02` becomes 2, 3 and 2026. `scope` is the
 * page or a part of it; `legend` names the date's group.
 */
export async function fillDate(scope, legend, iso) {
  const [year, month, day] = iso.split('-');
  const group = scope.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(String(Number(day)));
  await group.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await group.getByLabel('Year', { exact: true }).fill(year);
}
