// The Content-Security-Policy the app sets itself: only its own origin's
// files and its wasm, no inline script. Every e2e test records CSP violations
// as errors (harness.mjs); this one checks the policy is there, enforced, and
// that the pages run under it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, serveAndBrowse, openPage, appReady } from './harness.mjs';

const live = serveAndBrowse(before, after);

test('the page sets a strict Content-Security-Policy and runs under it', async () => {
  const html = await fs.readFile(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(policy, 'index.html has a CSP meta tag');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.ok(!policy.includes("'unsafe-inline'") && !policy.includes("'unsafe-eval'"), policy);
  assert.deepEqual(directives['script-src'].filter((v) => !v.startsWith("'sha256-")), ["'self'", "'wasm-unsafe-eval'"]);
  // One hash: the loader Trunk writes; the service worker is registered from a file.
  assert.equal(directives['script-src'].filter((v) => v.startsWith("'sha256-")).length, 1, policy);

  const { context, page, errors, foreign } = await openPage(live.browser, live.server.origin);
  const violations = [];
  page.on('console', (msg) => {
    if (msg.text().startsWith('CSP violation')) violations.push(msg.text());
  });
  for (const where of ['', '?page=new', '?page=share']) {
    await page.goto(live.server.url + where);
    await appReady(page);
  }
  assert.deepEqual(violations, [], 'the app itself breaks nothing');
  assert.ok(await page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 'the service worker registers');
  // The policy is enforced: a script injected into the page does not run, and is reported.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return window.injected === true;
  });
  assert.equal(ran, false, 'an injected inline script is refused');
  await page.waitForTimeout(50);
  assert.ok(violations.some((v) => v.includes('script-src')), `the refusal is reported: ${violations}`);
  assert.deepEqual(foreign, []);
  assert.ok(errors.every((e) => /Content Security Policy|CSP violation/.test(e)), `only the injected script's errors: ${errors}`);
  await context.close();
});
