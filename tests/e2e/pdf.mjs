// Reading a PDF that Chromium printed, with nothing but Node and Chromium itself:
// its pages, its outline (the headings Chromium bookmarks with `outline: true`),
// the text of each page (glyphs mapped back through each font's ToUnicode map),
// and PNGs of its pages drawn by Chromium's own PDF viewer.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

/** Every `N 0 obj … endobj` of the file: its dictionary text and its (inflated) stream. */
function objects(buffer) {
  const text = buffer.toString('latin1');
  const found = new Map();
  const re = /(\d+) 0 obj\s*/g;
  let m;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    let dict = body;
    let stream = null;
    if (at >= 0 && body.lastIndexOf('endstream') > at) {
      dict = body.slice(0, at);
      let from = start + at + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const length = /\/Length (\d+)/.exec(dict);
      const to = length ? from + Number(length[1]) : start + body.lastIndexOf('endstream');
      stream = buffer.subarray(from, to);
      if (dict.includes('/FlateDecode')) stream = zlib.inflateSync(stream);
    }
    found.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return found;
}

const hexToString = (hex) => {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
};

/** A ToUnicode CMap as glyph code (hex) → text. */
function cmap(source) {
  const map = new Map();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code, 16), hexToString(uni));
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(uni, 16);
      for (let c = parseInt(lo, 16); c <= parseInt(hi, 16); c++) map.set(c, String.fromCharCode(first + c - parseInt(lo, 16)));
    }
  }
  return map;
}

const ref = (dict, key) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The number of pages. */
export function pageCount(buffer) {
  return (buffer.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
}

/** The titles of the PDF's outline (bookmarks), in file order. */
export function outline(buffer) {
  return [...buffer.toString('latin1').matchAll(/\/Title\s*\(((?:\\.|[^\\)])*)\)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

/**
 * The text of each page, in drawing order: the strings of each text operator
 * decoded through the current font's ToUnicode map, each text object
 * followed by a space, a move down by a line break; whitespace is collapsed.
 */
export function pageTexts(buffer) {
  const objs = objects(buffer);
  const fontMaps = new Map(); // font object number → map
  const fontMap = (n) => {
    if (!fontMaps.has(n)) {
      const font = objs.get(n);
      const uni = font && ref(font.dict, 'ToUnicode');
      fontMaps.set(n, uni && objs.get(uni)?.stream ? cmap(objs.get(uni).stream.toString('latin1')) : new Map());
    }
    return fontMaps.get(n);
  };
  const pages = [...objs.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  return pages.map((pageObj) => {
    let resources = pageObj.dict;
    const resRef = ref(pageObj.dict, 'Resources');
    if (resRef) resources = objs.get(resRef).dict;
    const fontsDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? (() => {
      const fontRef = ref(resources, 'Font');
      return fontRef ? objs.get(fontRef).dict : '';
    })();
    const fonts = new Map([...fontsDict.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)].map(([, name, n]) => [name, Number(n)]));
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(pageObj.dict)?.[1].match(/\d+(?= 0 R)/g) ?? [String(ref(pageObj.dict, 'Contents'))];
    let out = '';
    for (const n of contents) {
      const content = objs.get(Number(n))?.stream?.toString('latin1') ?? '';
      let map = new Map();
      const re = /\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ|(-?[\d.]+)\s+(-?[\d.]+)\s+T[dD]\b|\b(T\*|Tm|ET)\b/g;
      let m;
      while ((m = re.exec(content))) {
        if (m[1]) map = fonts.has(m[1]) ? fontMap(fonts.get(m[1])) : new Map();
        const decode = (hex) => {
          const width = hex.length % 4 === 0 ? 4 : 2;
          let s = '';
          for (let i = 0; i + width <= hex.length; i += width) s += map.get(parseInt(hex.slice(i, i + width), 16)) ?? '';
          return s;
        };
        if (m[2] !== undefined) out += decode(m[2]);
        if (m[3] !== undefined) {
          for (const [, hex, num] of m[3].matchAll(/<([0-9A-Fa-f]*)>|(-?[\d.]+)/g)) {
            if (hex !== undefined) out += decode(hex);
            else if (Number(num) < -200) out += ' ';
          }
        }
        // Chromium places glyphs one by one (`dx 0 Td`): only a move down is a new line.
        if (m[5] !== undefined && Number(m[5]) !== 0) out += '\n';
        if (m[6] === 'T*') out += '\n';
        else if (m[6]) out += ' ';
      }
    }
    return out.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  });
}

/**
 * Draws each page of the PDF with Chromium's own PDF viewer and saves it as
 * `<dir>/<name>-page-<n>.png`; returns the files. The viewer is told to open
 * at the page, fitted to the window, without its toolbar.
 */
export async function renderPages(browser, buffer, dir, name) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end(buffer);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/report.pdf`;
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const page = await context.newPage();
  const files = [];
  await fs.mkdir(dir, { recursive: true });
  try {
    for (let n = 1; n <= pageCount(buffer); n++) {
      // A new address for each page: a change of fragment alone does not reopen the viewer.
      await page.goto(`${url}?page=${n}#page=${n}&toolbar=0&navpanes=0&view=Fit`);
      // The viewer draws in its own frame; give it time to lay the page out.
      await page.waitForTimeout(1200);
      const file = path.join(dir, `${name}-page-${n}.png`);
      await page.screenshot({ path: file });
      files.push(file);
    }
  } finally {
    await context.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return files;
}
