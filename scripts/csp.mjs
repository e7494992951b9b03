// Trunk post-build hook: completes the Content-Security-Policy in the built
// index.html. Trunk writes the script that loads the wasm inline (and, under
// `trunk serve`, its autoreload script), which a policy without
// 'unsafe-inline' blocks; this adds the SHA-256 of each inline script to
// script-src, so exactly those scripts run and no other inline script can.
// Run by Trunk with TRUNK_STAGING_DIR set; `node scripts/csp.mjs FILE` also works.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const file = process.argv[2] ?? path.join(process.env.TRUNK_STAGING_DIR ?? 'dist', 'index.html');
let html = fs.readFileSync(file, 'utf8');

// Trunk's serve fills these in per response, which would change the script
// after it was hashed: give it the values it would compute itself.
html = html
  .replace(/'\{\{__TRUNK_ADDRESS__\}\}'/g, 'window.location.host')
  .replace(/\{\{__TRUNK_WS_BASE__\}\}/g, '/');

const hashes = [];
for (const [, attrs, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
  if (/\bsrc\s*=/.test(attrs)) continue;
  hashes.push(`'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

const marker = /(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self')([^;"]*)/;
if (!marker.test(html)) {
  console.error(`csp.mjs: no Content-Security-Policy meta with script-src 'self' in ${file}`);
  process.exit(1);
}
html = html.replace(marker, (_, start, rest) => `${start}${rest.replace(/ 'sha256-[^']*'/g, '')} ${hashes.join(' ')}`.trimEnd());
fs.writeFileSync(file, html);
