// Once loaded, the app keeps working with the server gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, appReady } from './harness.mjs';

test('after one visit the app opens, deep links included, with the server stopped', { timeout: 90_000 }, async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const { context, page } = await openPage(browser, server.origin);
    await page.goto(server.url);
    await appReady(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // A second load goes through the service worker, which caches every file.
    await page.reload();
    await appReady(page);
    await page.getByRole('button', { name: 'Create a deployment' }).click();
    await page.getByLabel('Deployment name').fill('Offline check');
    await page.getByLabel('BaRS Application 3').check();
    await page.getByLabel('Low').check();
    await page.getByRole('button', { name: 'Create deployment' }).click();
    await page.waitForSelector('h1:text("Offline check")');
    const deepLink = page.url();

    await server.close();
    // Short limits, so that a broken offline mode fails fast instead of hanging.
    await page.goto(deepLink, { timeout: 10_000 });
    await appReady(page, 10_000);
    assert.equal(await page.locator('h1').textContent(), 'Offline check');
    assert.match(await page.locator('#deployment-readiness').textContent(), /0 of 20 referrals/);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
});
