// Screenshots of the app's pages for checking a stylesheet change by eye and
// by pixel: take a set before the change and one after, then compare them.
//   node scripts/css-screenshots.mjs take before      (serves dist/, preloads bench/realistic-state.mjs)
//   node scripts/css-screenshots.mjs compare before after
// PNGs land in test-output/css-screenshots/<set>/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { startServer, launchBrowser, openPage, appReady, OUTPUT } from '../tests/e2e/harness.mjs';
import { STORAGE_KEY, DEPLOYMENT_ID, storedState } from '../bench/realistic-state.mjs';

const DIR = path.join(OUTPUT, 'css-screenshots');
const d = `deployment=${DEPLOYMENT_ID}`;
// [name, query, what to do before the shot]
const PAGES = [
  ['home', ''],
  ['new-deployment', '?page=new'],
  ['new-deployment-errors', '?page=new', async (page) => { await page.click('main form button[type=submit], main form .nhsuk-button'); await page.waitForSelector('.nhsuk-error-summary'); }],
  ['progress', `?${d}&asof=2026-06-01`],
  ['progress-today', `?${d}`],
  ['providers', `?${d}&page=providers`],
  ['provider', `?${d}&page=provider&item=prov-0&asof=2026-06-01`],
  ['new-provider', `?${d}&page=new-provider`],
  ['volumetrics', `?${d}&page=volumetrics`],
  ['incidents', `?${d}&page=incidents`],
  ['new-incident', `?${d}&page=new-incident`],
  ['contacts', `?${d}&page=contacts`],
  ['new-contact', `?${d}&page=new-contact`],
  ['edit', `?${d}&page=edit`],
  ['delete', `?${d}&page=delete`],
  ['new-deployment-other', '?page=new', async (page) => { await page.getByLabel('Another use case').check(); }],
  ['focus-keyboard', '?page=new', async (page) => { await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); await page.keyboard.press('Tab'); }],
  ['details-open', `?${d}&page=volumetrics`, async (page) => { await page.click('main details summary'); }],
  ['share', '?page=share'],
  ['share-details-open', '?page=share', async (page) => { await page.click('main details summary'); }],
  ['not-found', '?page=nothing-here'],
];

const [mode, a, b] = process.argv.slice(2);
const browser = await launchBrowser();
try {
  if (mode === 'take') {
    const server = await startServer();
    await fs.mkdir(path.join(DIR, a), { recursive: true });
    const state = storedState();
    for (const [name, query, before] of PAGES) {
      const { context, page, foreign, errors } = await openPage(browser, server.origin);
      await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [STORAGE_KEY, state]);
      await page.goto(server.url + query);
      await appReady(page);
      if (before) await before(page);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: path.join(DIR, a, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
      if (foreign.length) throw new Error(`${name}: asked another origin for ${foreign.join(', ')}`);
      if (errors.length) console.log(`${name}: console errors: ${errors.join('; ')}`);
      await context.close();
    }
    await server.close();
    console.log(`${PAGES.length} screenshots in ${path.join(DIR, a)}`);
  } else if (mode === 'compare') {
    const page = await browser.newPage();
    let different = 0;
    for (const [name] of PAGES) {
      const load = async (set) => `data:image/png;base64,${(await fs.readFile(path.join(DIR, set, `${name}.png`))).toString('base64')}`;
      const result = await page.evaluate(async ([x, y]) => {
        const img = async (src) => { const i = new Image(); i.src = src; await i.decode(); return i; };
        const [p, q] = await Promise.all([img(x), img(y)]);
        if (p.width !== q.width || p.height !== q.height) return `size ${p.width}x${p.height} vs ${q.width}x${q.height}`;
        const pixels = (i) => { const c = new OffscreenCanvas(i.width, i.height); const g = c.getContext('2d'); g.drawImage(i, 0, 0); return g.getImageData(0, 0, i.width, i.height).data; };
        const [m, n] = [pixels(p), pixels(q)];
        let diff = 0;
        for (let k = 0; k < m.length; k += 4) if (m[k] !== n[k] || m[k + 1] !== n[k + 1] || m[k + 2] !== n[k + 2] || m[k + 3] !== n[k + 3]) diff++;
        return diff ? `${diff} pixels differ` : '';
      }, [await load(a), await load(b)]);
      console.log(`${name.padEnd(24)} ${result || 'identical'}`);
      if (result) different++;
    }
    console.log(different ? `${different} of ${PAGES.length} pages differ` : `all ${PAGES.length} pages identical`);
    process.exitCode = different ? 1 : 0;
  } else {
    console.error('usage: css-screenshots.mjs take SET | compare SET SET');
    process.exitCode = 2;
  }
} finally {
  await browser.close();
}
