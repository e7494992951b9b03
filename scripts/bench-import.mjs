// Times, in headless Chromium, importing a large snapshot (parse, migrate,
// validate) plus a readiness recompute, against a plain JSON.parse of the same
// bytes. Run through scripts/bench-import.sh, which builds the release with the
// `bench` feature into dist-bench/ first.
import { startServer, launchBrowser, openPage, appReady } from '../tests/e2e/harness.mjs';

const PROVIDERS = 50;
const ROWS = 50_000;
const RUNS = 7;

/**
 * A valid snapshot: one deployment, 50 providers, 1,000 days of counts each,
 * in the current format (8) or, to time the migrations too, in format 2.
 */
function bigSnapshot(version) {
  const stamp = '2026-01-01T09:00:00Z';
  const providers = Array.from({ length: PROVIDERS }, (_, i) => ({
    id: `prov-${i}`, updated_at: stamp, name: `Provider ${i}`, ods_code: `RX${100 + i}`,
    role: 'both', supplier: 'Example Systems', go_live: '2024-01-01',
  }));
  const start = Date.UTC(2024, 0, 1);
  const volumetrics = Array.from({ length: ROWS }, (_, n) => {
    const provider = n % PROVIDERS;
    const day = Math.floor(n / PROVIDERS);
    return {
      id: `vol-${n}`, updated_at: stamp, provider_id: `prov-${provider}`,
      date: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
      referrals: (n * 7) % 13, responses: (n * 5) % 7 > (n * 7) % 13 ? (n * 7) % 13 : (n * 5) % 7,
    };
  });
  const deployment = {
    id: 'bench', name: 'Benchmark deployment', application: { kind: 'preset', number: 4 }, risk_level: 'high',
    created_at: stamp, updated_at: stamp, has_responses: true, stable_published: null, providers,
    workflows: [], test_results: [], milestones: [], volumetrics, incidents: [], contacts: [], deleted: [],
  };
  if (version === 8) {
    Object.assign(deployment, { standard_updated: null, decisions: [], business_change: [], call_cadences: [], calls: [],
      issues: [], lessons: [], rasci_changes: [], responsibilities: [], exit_reports: [] });
  }
  return JSON.stringify({
    format: 'bars-beta-tracker-snapshot', format_version: version, app_version: 'bench', exported_at: stamp,
    exported_by: 'Benchmark', deployments: [deployment], deleted_deployments: [],
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const browser = await launchBrowser();
try {
 for (const [version, what] of [[8, 'the current format (8)'], [2, 'format 2, migrated on the way in']]) {
  const text = bigSnapshot(version);
  const { page } = await openPage(browser, server.origin);
  await page.goto(server.url);
  await appReady(page);
  const result = await page.evaluate(({ text, runs }) => {
    if (typeof window.wasmBindings?.import_and_assess !== 'function') {
      throw new Error('this build has no import_and_assess: build it with `trunk build --release --features bench --dist dist-bench`');
    }
    const parse = [];
    const app = [];
    let providers = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - t);
      t = performance.now();
      providers = window.wasmBindings.import_and_assess(text, '2026-11-24');
      app.push(performance.now() - t);
    }
    return { parse, app, providers };
  }, { text, runs: RUNS });
  if (result.providers !== PROVIDERS) throw new Error(`assessed ${result.providers} providers, expected ${PROVIDERS}`);
  const p = median(result.parse);
  const a = median(result.app);
  console.log(`snapshot in ${what}: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${PROVIDERS} providers, ${ROWS} volumetric rows`);
  console.log(`JSON.parse:                       median ${p.toFixed(1)} ms  (runs: ${result.parse.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`import + validate + readiness:    median ${a.toFixed(1)} ms  (runs: ${result.app.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`ratio: ${(a / p).toFixed(1)}x a plain JSON.parse${version === 8 ? ' (budget 3x)' : ''}`);
 }
} finally {
  await browser.close();
  await server.close();
}
