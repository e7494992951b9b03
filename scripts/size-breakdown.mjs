// Groups `twiggy top --format csv` rows by crate (and, for the app and domain
// crates, by module) and prints the biggest groups. Used by size-breakdown.sh.
//   node scripts/size-breakdown.mjs top.csv [rows]
import fs from 'node:fs';

const [file, rows = '30'] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
const groups = new Map();
let total = 0;

// A CSV row is: Name,ShallowSize,ShallowSizePercent; names may be quoted.
function parse(line) {
  const m = line.match(/^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/);
  return m ? { name: (m[1] ?? m[2]).replace(/""/g, '"'), size: Number(m[3]) } : null;
}

// Causes first (the leads of issue 7), then the crate a symbol belongs to:
// the first path segment of the implementing type for `<T as Trait>::f`
// (of the trait when the type is a generic parameter), else of the path;
// the app and domain crates by module.
const CAUSES = [
  [/__wbindgen_describe|__wbindgen_unstable/, 'wasm-bindgen describe glue (removed by wasm-bindgen)'],
  [/serde_json::value|serde_json::Value/, 'serde_json::Value (building and walking JSON trees)'],
  [/serde_path_to_error/, 'serde_path_to_error'],
  [/(impl serde(_core)?::(de::)?(Deserialize|Serialize) for (bars_|alloc|core|chrono)|__Visitor|__FieldVisitor|__Field>)/, 'serde derive code (per record type)'],
  [/^<?chrono::format|chrono::format::/, 'chrono formatting and parsing'],
  [/^<?core::fmt|core::fmt::/, 'core::fmt (format!, Display, Debug)'],
  [/dlmalloc|alloc::raw_vec|alloc::alloc/, 'allocator'],
];

function group(name) {
  if (/^data\[|data segment/.test(name)) return 'data segments (string literals, tables)';
  if (/function names|name section|producers|target_features|custom section/.test(name)) return 'custom sections (names, producers)';
  for (const [re, label] of CAUSES) if (re.test(name)) return label;
  if (/^code\[/.test(name)) return 'unnamed code';
  if (!name.includes('::')) return `other: ${name.replace(/\[\d+\]/, '[]').slice(0, 40)}`;
  let path = name.replace(/^<+/, '').replace(/^(&|\*const |\*mut |dyn |mut )+/, '');
  // `<T as tachys::...>` or `<F as ...>`: a generic parameter, so take the trait.
  const generic = path.match(/^[A-Z]\w{0,2} as ([^<>]+)/);
  if (generic) path = generic[1];
  const segs = path.split('::').map((seg) => seg.replace(/\[[0-9a-f]+\]/, '').replace(/[<>,\s].*$/, ''));
  const krate = segs[0];
  if (krate === 'bars_beta_tracker') return `app: ${segs.slice(1, ['components', 'pages', 'ui', 'state'].includes(segs[1]) ? 3 : 2).join('::')}`;
  if (krate === 'bars_domain') return `domain: ${segs[1] ?? ''}`;
  return krate;
}

for (const line of lines) {
  const row = parse(line);
  if (!row) continue;
  total += row.size;
  const g = group(row.name);
  const entry = groups.get(g) ?? { size: 0, count: 0 };
  entry.size += row.size; entry.count += 1;
  groups.set(g, entry);
}
const sorted = [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, Number(rows));
console.log(`${'bytes'.padStart(9)} ${'%'.padStart(6)} ${'items'.padStart(6)}  group`);
for (const [g, { size, count }] of sorted) {
  console.log(`${String(size).padStart(9)} ${(100 * size / total).toFixed(2).padStart(6)} ${String(count).padStart(6)}  ${g}`);
}
console.log(`${String(total).padStart(9)} 100.00         total`);
