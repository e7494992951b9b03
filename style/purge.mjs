// Keeps only the design-system rules the app can use. Sass compiles whole
// nhsuk-frontend components (style/main.scss); most of each is variants the
// app never renders (header navigation and search, card and callout variants,
// sortable and responsive tables...). This drops every rule whose selector
// needs an `nhsuk-` or `app-` class that no file in src/, domain/src/ (the
// charts' SVG markup) or index.html names,
// so a class the app starts using is kept by the next build without a list
// to update. A class written with a trailing hyphen in the source (e.g.
// "nhsuk-tag--" in a format!) keeps every class with that prefix.
// Run by `npm run css` after sass:  node style/purge.mjs build/app.css
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLASS = /\b(?:nhsuk|app)-[A-Za-z0-9_-]*/g;

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.rs') ? [p] : [];
  });
}
/** The classes named in `texts`: exact names, and prefixes (names ending in - or _). */
export function classesIn(texts) {
  const used = new Set();
  const prefixes = [];
  for (const text of texts) {
    for (const name of text.match(CLASS) ?? []) {
      if (/[-_]$/.test(name)) prefixes.push(name);
      else used.add(name);
    }
  }
  return { used, prefixes };
}

// Top-level selectors of a list, split on commas outside brackets.
function split(list) {
  const out = [];
  let depth = 0, start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { out.push(list.slice(start, i)); start = i + 1; }
  }
  return [...out, list.slice(start)];
}

// A selector can match only if every class it requires is used. Classes inside
// :not() are not required; :is()/:where()/:has() lists are kept as they are.
function canMatch(selector, isUsed) {
  if (/:(is|where|has)\(/.test(selector)) return true;
  const required = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '').replace(/\[[^\]]*\]/g, '');
  const classes = required.match(/\.((?:\\.|[A-Za-z0-9_-])+)/g) ?? [];
  return classes.every((c) => {
    const name = c.slice(1).replace(/\\(.)/g, '$1');
    return !/^(nhsuk|app)-/.test(name) || isUsed(name);
  });
}

/** `css` without the rules that need a class outside `classes` (from classesIn). */
export function purge(css, { used, prefixes }) {
  const isUsed = (name) => used.has(name) || prefixes.some((p) => name.startsWith(p));
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test(rule.parent.name)) return;
    const kept = split(rule.selector).filter((s) => canMatch(s, isUsed));
    if (kept.length === 0) rule.remove();
    else rule.selector = kept.join(',');
  });
  // At-rules (@media, @supports) left with nothing inside.
  let emptied;
  do {
    emptied = 0;
    root.walkAtRules((at) => { if (at.nodes && at.nodes.length === 0) { at.remove(); emptied++; } });
  } while (emptied);
  // Keyframes no remaining rule animates with.
  const text = root.toString();
  root.walkAtRules(/keyframes$/i, (at) => {
    if (text.split(at.params).length - 1 <= 1) at.remove();
  });
  return root.toString();
}

/** Whether the stylesheet would make the page ask for a web font or another origin. */
export const reachesOut = (css) => /@font-face|@import|url\(\s*["']?(https?:)?\/\//i.test(css);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? 'build/app.css');
  const css = fs.readFileSync(file, 'utf8');
  const texts = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'domain', 'src')), path.join(ROOT, 'index.html')].map((f) => fs.readFileSync(f, 'utf8'));
  const classes = classesIn(texts);
  const out = purge(css, classes);
  // The page must not ask any other origin for anything.
  if (reachesOut(out)) {
    console.error(`${path.relative(ROOT, file)}: a web font, an @import or another origin's URL is left in the stylesheet`);
    process.exit(1);
  }
  fs.writeFileSync(file, out);
  const kb = (s) => `${(Buffer.byteLength(s) / 1000).toFixed(1)} kB`;
  console.log(`${path.relative(ROOT, file)}: ${kb(css)} -> ${kb(out)} (kept the rules for ${classes.used.size} classes used in src/, domain/src/ and index.html)`);
}
