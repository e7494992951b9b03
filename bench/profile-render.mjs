// Where the time goes: records Chromium traces of the app's first render of
// the realistic deployment and of as-of date changes, from a build that keeps
// its function names (see scripts/profile-render.sh), and prints
//   1. the main thread's time by kind (script, wasm compile, style, layout, paint...)
//   2. the Rust/JS functions with the most time, self and total (sampled).
//   node bench/profile-render.mjs DIR [HELLO_DIR]
// DIR: the named build; HELLO_DIR (e.g. bench/hello-world/dist): also break
// the hello-world's first render down by kind, for comparison.
import path from 'node:path';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { PROGRESS_QUERY, appInit } from './realistic-state.mjs';
import { serve, openApp, asOfChanges, HELLO_INIT } from './timing.mjs';

const dir = path.resolve(process.argv[2] ?? 'test-output/profile');
const helloDir = process.argv[3] && path.resolve(process.argv[3]);
const LOADS = Number(process.env.LOADS ?? 3);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'v8.wasm',
  'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading'];

// Main-thread time by trace event kind, counting only the outermost event of
// each kind-family so nested events are not added twice.
const KINDS = {
  EvaluateScript: 'script', FunctionCall: 'script', 'v8.callFunction': 'script', TimerFire: 'script', FireAnimationFrame: 'script',
  EventDispatch: 'script', RunMicrotasks: 'script', 'v8.run': 'script', 'v8.compile': 'JS compile', 'v8.compileModule': 'JS compile',
  'wasm.CompileLazy': 'wasm compile', 'v8.wasm.compiledModule': 'wasm compile', 'wasm.SyncCompile': 'wasm compile',
  'wasm.StreamingCompile': 'wasm compile', 'wasm.AsyncCompile': 'wasm compile', 'v8.wasm.streamFromResponseCallback': 'wasm compile',
  ParseHTML: 'parse HTML', ParseAuthorStyleSheet: 'parse CSS', UpdateLayoutTree: 'style', 'Document::updateStyle': 'style',
  RecalculateStyles: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint',
  'MajorGC': 'GC', 'MinorGC': 'GC', 'V8.GC_SCAVENGER': 'GC', 'V8.GC_MARK_COMPACTOR': 'GC', BlinkGC: 'GC',
};

function analyse(events, from, to) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= from && e.ts <= to);
  // Busy time by kind: for each top-level task, attribute time to the
  // innermost known kind (self time of that kind).
  const byKind = {};
  const stack = [];
  const sorted = onMain.filter((e) => e.dur).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const selfOf = new Map(sorted.map((e) => [e, e.dur]));
  for (const e of sorted) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.findLast((p) => KINDS[p.name] || p.name === 'RunTask');
    if (parent && (KINDS[e.name] || e.name === 'RunTask')) selfOf.set(parent, selfOf.get(parent) - e.dur);
    stack.push(e);
  }
  for (const [e, self] of selfOf) {
    const kind = KINDS[e.name] ?? (e.name === 'RunTask' ? 'other (task overhead, unlisted)' : null);
    if (kind) byKind[kind] = (byKind[kind] ?? 0) + self / 1000;
  }
  if (process.env.DEBUG) {
    const names = {};
    for (const e of sorted) names[e.name] = (names[e.name] ?? 0) + e.dur / 1000;
    console.log(Object.entries(names).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('\n'));
  }
  // Sampled functions from the CPU profile chunks.
  const nodes = new Map();
  const samples = [];
  const profile = events.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== main.pid || e.id !== profile?.id) continue;
    const p = e.args.data.cpuProfile ?? {};
    for (const n of p.nodes ?? []) nodes.set(n.id, n);
    let t = (samples.at(-1)?.t ?? profile.args.data.startTime ?? 0);
    const deltas = e.args.data.timeDeltas ?? [];
    (p.samples ?? []).forEach((id, i) => { t += deltas[i] ?? 0; samples.push({ id, t }); });
  }
  const self = {}, total = {};
  const name = (n) => {
    const f = n.callFrame;
    const fn = (f.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
    return f.url && !/\.wasm/.test(f.url) && !fn.startsWith('(') ? `${fn} [${path.basename(f.url)}]` : fn;
  };
  let counted = 0;
  for (let i = 1; i < samples.length; i++) {
    const { id, t } = samples[i];
    if (t < from || t > to) continue;
    const dt = (t - samples[i - 1].t) / 1000;
    let n = nodes.get(id);
    if (!n || ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName)) continue;
    counted += dt;
    self[name(n)] = (self[name(n)] ?? 0) + dt;
    const seen = new Set();
    while (n) {
      const k = name(n);
      if (!seen.has(k)) { total[k] = (total[k] ?? 0) + dt; seen.add(k); }
      n = n.parent ? nodes.get(n.parent) : undefined;
    }
  }
  return { byKind, self, total, counted };
}

function add(into, r) {
  for (const key of ['byKind', 'self', 'total']) for (const [k, v] of Object.entries(r[key])) into[key][k] = (into[key][k] ?? 0) + v;
  into.counted += r.counted;
}
const empty = () => ({ byKind: {}, self: {}, total: {}, counted: 0 });

/** Loads `url` in a fresh context under a trace; returns the page and the analysis of navigation start to painted. */
async function traceFirstRender(browser, url, init) {
  const { context, page } = await openApp(browser, url, init, (p) => browser.startTracing(p, { categories: CATEGORIES }));
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame)?.ts
    ?? Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
  const painted = await page.evaluate(() => window.__render.painted);
  return { context, page, result: analyse(events, nav, nav + painted * 1000) };
}

function print(title, runs, result, top = 45) {
  console.log(`\n== ${title} (${runs} run${runs > 1 ? 's' : ''}, ms per run)`);
  console.log('main thread by kind:');
  for (const [k, v] of Object.entries(result.byKind).sort((a, b) => b[1] - a[1])) console.log(`  ${(v / runs).toFixed(1).padStart(7)}  ${k}`);
  console.log(`sampled script time: ${(result.counted / runs).toFixed(1)} ms; functions by total (inclusive) time:`);
  for (const [k, v] of Object.entries(result.total).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(v / runs).toFixed(1).padStart(7)} ${((result.self[k] ?? 0) / runs).toFixed(1).padStart(7)}  ${k.slice(0, 150)}`);
  }
  console.log('  (columns: total, self)');
  console.log('functions by self time:');
  for (const [k, v] of Object.entries(result.self).sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${(v / runs).toFixed(1).padStart(7)}  ${k.slice(0, 150)}`);
  }
}

const server = await serve(dir);
const browser = await launchBrowser();
try {
  const url = server.url + PROGRESS_QUERY;
  const init = appInit();
  const load = empty();
  const change = empty();
  let changes = 0;
  for (let i = 0; i < LOADS; i++) {
    const { context, page, result } = await traceFirstRender(browser, url, init);
    add(load, result);
    await browser.startTracing(page, { categories: CATEGORIES });
    const runs = await page.evaluate(asOfChanges, 7);
    changes += runs.length;
    add(change, analyse(JSON.parse((await browser.stopTracing()).toString()).traceEvents, 0, Infinity));
    await context.close();
  }
  print('first render of the progress page, navigation start to painted', LOADS, load);
  if (helloDir) {
    const hello = await serve(helloDir);
    const sum = empty();
    for (let i = 0; i < LOADS; i++) {
      const { context, result } = await traceFirstRender(browser, hello.url, HELLO_INIT);
      add(sum, result);
      await context.close();
    }
    await hello.close();
    console.log(`\n== hello-world first render, by kind (${LOADS} runs, ms per run)`);
    for (const [k, v] of Object.entries(sum.byKind).sort((a, b) => b[1] - a[1])) console.log(`  ${(v / LOADS).toFixed(1).padStart(7)}  ${k}`);
  }
  print('as-of date change (all work, incl. waiting for frames)', changes, change);
} finally {
  await browser.close();
  await server.close();
}
