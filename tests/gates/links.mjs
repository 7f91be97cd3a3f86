// Link crawl of a built site: every internal link, anchor and asset must
// resolve. Two modes:
//   node links.mjs http http://127.0.0.1:PORT/ DIR   the site served over HTTP
//   node links.mjs file DIR                          the offline build opened from disk
// The crawl starts at the home page and follows what a visitor can follow;
// afterwards every HTML file on disk is checked too, so a page no link leads
// to still has its own links checked (and is reported as unreachable).
// Exits 1 on any broken link.

import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [mode, ...rest] = process.argv.slice(2);
if (!['http', 'file'].includes(mode) || rest.length < 1) {
  console.error('usage: node links.mjs http BASE_URL DIR | node links.mjs file DIR');
  process.exit(2);
}
const dir = mode === 'http' ? rest[1] : rest[0];
const base = mode === 'http' ? new URL(rest[0]) : pathToFileURL(dir + sep);

const ATTR = /\s(href|src|action|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const SRCSET = /\ssrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)/gi;
const ID = /\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** url (without hash) → { ok, status, type, text } */
const fetched = new Map();
const problems = [];

function decodeEntities(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

async function load(url) {
  const key = url.href;
  if (fetched.has(key)) return fetched.get(key);
  let result;
  if (mode === 'http') {
    try {
      const res = await fetch(url, { redirect: 'follow' });
      const type = res.headers.get('content-type') || '';
      const text = /text\/(html|css)/.test(type) ? await res.text() : (await res.arrayBuffer(), '');
      result = { ok: res.ok, status: res.status, type, text, finalUrl: new URL(res.url) };
    } catch (e) {
      result = { ok: false, status: String(e.cause || e), type: '', text: '' };
    }
  } else {
    const path = fileURLToPath(url);
    try {
      const st = await stat(path);
      if (st.isDirectory()) {
        // A browser shows a folder listing, not the page: offline links must name index.html.
        result = { ok: false, status: 'a folder, not a file (offline links must end in index.html)', type: '', text: '' };
      } else {
        const type = path.endsWith('.html') ? 'text/html' : path.endsWith('.css') ? 'text/css' : '';
        const text = type ? await readFile(path, 'utf8') : '';
        result = { ok: true, status: 200, type, text, finalUrl: url };
      }
    } catch {
      result = { ok: false, status: 'no such file', type: '', text: '' };
    }
  }
  fetched.set(key, result);
  return result;
}

function isInternal(url) {
  if (mode === 'http') return url.origin === base.origin && url.pathname.startsWith(base.pathname);
  return url.protocol === 'file:';
}

function linksOf(doc) {
  const out = [];
  if (doc.type.includes('html')) {
    // Scripts' and comments' text is not markup.
    const text = doc.text.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (m) => m.slice(0, m.indexOf('>') + 1)).replace(/<!--[\s\S]*?-->/g, '');
    for (const m of text.matchAll(ATTR)) out.push(decodeEntities(m[2] ?? m[3]));
    for (const m of text.matchAll(SRCSET)) {
      for (const part of decodeEntities(m[1] ?? m[2]).split(',')) {
        const u = part.trim().split(/\s+/)[0];
        if (u) out.push(u);
      }
    }
    for (const m of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|\sstyle\s*=\s*"([^"]*)"/gi)) {
      for (const c of (m[1] ?? m[2] ?? '').matchAll(CSS_URL)) out.push(c[1] ?? c[2] ?? c[3]);
    }
  } else if (doc.type.includes('css')) {
    for (const m of doc.text.matchAll(CSS_URL)) out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

function idsOf(doc) {
  if (!doc.ids) doc.ids = new Set([...doc.text.matchAll(ID)].map((m) => decodeEntities(m[1] ?? m[2])));
  return doc.ids;
}

async function htmlFiles(root) {
  const out = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) out.push(join(entry.parentPath ?? entry.path, entry.name));
  }
  return out.sort();
}

function pageUrl(file) {
  const rel = relative(dir, file).split(sep).join('/');
  if (mode === 'file') return pathToFileURL(file);
  return new URL(rel.replace(/(^|\/)index\.html$/, '$1'), base);
}

const show = (u) => (mode === 'file' ? relative(dir, fileURLToPath(u)) || '.' : u.pathname + u.search + u.hash);

const visited = new Set();
const queue = [mode === 'file' ? new URL('index.html', base) : base];
let checkedLinks = 0;

async function visit(pageUrlValue) {
  const doc = await load(pageUrlValue);
  if (!doc.ok || !doc.type.match(/html|css/)) return;
  for (const raw of linksOf(doc)) {
    if (!raw || /^(mailto|tel|data|javascript):/i.test(raw)) continue;
    if (mode === 'file' && raw.startsWith('/')) {
      problems.push(`${show(pageUrlValue)}: «${raw}» starts at the disk's root and breaks offline`);
      continue;
    }
    let target;
    try {
      target = new URL(raw, doc.finalUrl ?? pageUrlValue);
    } catch {
      problems.push(`${show(pageUrlValue)}: «${raw}» is not a valid address`);
      continue;
    }
    if (!isInternal(target)) continue;
    checkedLinks++;
    const hash = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    const res = await load(target);
    if (!res.ok) {
      problems.push(`${show(pageUrlValue)}: «${raw}» → ${res.status}`);
      continue;
    }
    if (hash && res.type.includes('html') && !idsOf(res).has(hash)) {
      problems.push(`${show(pageUrlValue)}: «${raw}» → no element with id «${hash}»`);
    }
    if (!visited.has(target.href) && res.type.match(/html|css/)) {
      visited.add(target.href);
      queue.push(target);
    }
  }
}

visited.add(queue[0].href);
while (queue.length) await visit(queue.shift());
const reached = new Set(visited);
let unreachable = 0;
for (const file of await htmlFiles(dir)) {
  const u = pageUrl(file);
  if (visited.has(u.href)) continue;
  visited.add(u.href);
  if (!file.endsWith(`${sep}404.html`) && !reached.has(u.href)) unreachable++;
  await visit(u);
}

for (const p of problems) console.log(`broken: ${p}`);
console.log(`links (${mode}): ${visited.size} pages and stylesheets, ${checkedLinks} internal links checked, ` +
  `${unreachable} pages not linked from any other page, ${problems.length} broken`);
process.exit(problems.length ? 1 : 0);
