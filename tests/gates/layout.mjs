// Layout gate (issue 14): what a person sees on a phone (390 px) and a
// desktop (1280 px), over every page of the built site, served over HTTP.
// Fails when
//   - an element sticks out of the viewport (the page scrolls sideways)
//     outside a box that scrolls on purpose (a table's .table-scroll);
//   - a table cell's text breaks inside a word (a run between spaces,
//     hyphens, dashes and slashes lies on two lines) without hyphenation
//     (`hyphens: auto` with lang="ru" is allowed to break);
//   - an SVG chart's text is drawn under 11 CSS px;
//   - visible text (outside code) holds a straight quote `"`, a space before
//     a comma or full stop, or a hyphen between spaces, or a field, cell or
//     item opens with a comma (an empty value printed before it).
// One browser, one page per width, one evaluate per page; both widths run
// side by side. Then full-page screenshots of the key pages go to OUT_DIR.
//   node layout.mjs BASE_URL DIR OUT_DIR
// Exits 1 on any violation.

import { chromium } from 'playwright-core';
import { CHROMIUM, sitePages } from './chromium.mjs';

const [baseArg, dir, shots] = process.argv.slice(2);
if (!baseArg || !dir || !shots) {
  console.error('usage: node layout.mjs BASE_URL DIR OUT_DIR');
  process.exit(2);
}
const base = new URL(baseArg);
const WIDTHS = [390, 1280];


// Runs in the page; returns a list of problems (strings).
function check() {
  const problems = [];
  const say = (what, el, text) => {
    if (problems.length < 8) {
      const where = el ? `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}` : '';
      problems.push(`${what} ${where} «${(text || '').replace(/\s+/g, ' ').trim().slice(0, 80)}»`);
    }
  };
  const width = document.documentElement.clientWidth;

  // 1. Nothing wider than the viewport, unless inside a box that scrolls.
  if (document.documentElement.scrollWidth > width) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 1 || r.width === 0) continue;
      let scroller = false;
      for (let a = el.parentElement; a && a !== document.body && !scroller; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        scroller = o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip';
      }
      if (!scroller) {
        say(`wider than the ${width} px viewport (right edge ${Math.round(r.right)} px):`, el, el.textContent);
        break;
      }
    }
  }

  // 2. Table cells never break inside a word, and no word is wider than
  // its cell (it would stick out of it). A break is hyphenation only where
  // the text has `hyphens: auto` in Russian and no other way to break words.
  const breakable = /[\s\u00a0\u202f]+|(?<=[-–—\/‑])/u;
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.checkVisibility()) continue;
    const edge = cell.getBoundingClientRect().right - parseFloat(getComputedStyle(cell).paddingRight) + 1;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // Text for screen readers only (clipped to 1 px) is not laid out for the eye.
      if (node.parentElement.closest('.visually-hidden')) continue;
      const style = getComputedStyle(node.parentElement);
      const hyphenated = style.hyphens === 'auto' && style.overflowWrap === 'normal' && style.wordBreak === 'normal'
        && (node.parentElement.closest('[lang]')?.lang || '').startsWith('ru');
      const text = node.data;
      let at = 0;
      for (const word of text.split(breakable)) {
        const start = text.indexOf(word, at);
        at = start + word.length;
        if (word.length < 2) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + word.length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (!hyphenated && new Set(rects.map((r) => Math.round(r.top))).size > 1) {
          say(`a word breaks across lines at ${width} px:`, cell, word);
          break;
        }
        if (rects.some((r) => r.right > edge)) {
          say(`a word is wider than its cell at ${width} px:`, cell, word);
          break;
        }
      }
    }
  }

  // 3. Chart text at least 11 px on screen.
  for (const t of document.querySelectorAll('svg text')) {
    if (!t.checkVisibility() || !t.textContent.trim()) continue;
    const ctm = t.getScreenCTM();
    const size = parseFloat(getComputedStyle(t).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    if (size < 10.95) {
      say(`chart text of ${size.toFixed(1)} px:`, t, t.textContent);
      break;
    }
  }

  // 4. Visible text reads as typeset: no straight quotes, no space before
  // a comma or a full stop, no hyphen standing for a dash.
  const skip = 'script, style, code, pre, kbd, samp, textarea, [contenteditable]';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !el.checkVisibility()) continue;
    texts.push(node.data);
  }
  const all = texts.join('').replace(/[ \t\n\r]+/g, ' ');
  // A field, cell or item that opens with a comma: an empty value before it.
  for (const el of document.querySelectorAll('dd, td, li, p')) {
    if (/^[,;]/.test(el.textContent.trim()) && el.checkVisibility()) say('opens with a comma (an empty value before it):', el, el.textContent);
  }
  for (const [what, re] of [['a straight quote', /"/g], ['a space before a comma', / ,/g], ['a space before a full stop', / \.(?![\wа-яё])/giu], ['a hyphen between spaces', /[ \u00a0]-[ \u00a0]/g]]) {
    const m = re.exec(all);
    if (m) say(`${what}:`, null, all.slice(Math.max(0, m.index - 40), m.index + 40));
  }
  return problems;
}

const failures = [];
const browser = await chromium.launch(CHROMIUM);
try {
  const list = await sitePages(dir);
  const tabs = await Promise.all(WIDTHS.map(async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'ru-RU', deviceScaleFactor: 1 });
    return { width, page: await context.newPage() };
  }));
  await Promise.all(tabs.map(async ({ width, page }) => {
    for (const path of list) {
      const res = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      if (!res || !res.ok()) {
        failures.push(`${path || '/'} (${width} px): HTTP ${res && res.status()}`);
        continue;
      }
      for (const p of await page.evaluate(check)) failures.push(`${path || '/'} (${width} px): ${p}`);
    }
  }));

  // Full-page screenshots of the key pages, for a person to look at.
  const key = (re) => list.find((p) => re.test(p));
  const shown = [
    ['home', ''],
    ['seminar', key(/^meropriiatiia\/.*seminar.*\/$/)],
    ['practice-bank', 'praktiki/'],
    ['practice', key(/^praktiki\/[^/]+\/$/)],
    ['registry', 'dokumenty/'],
    ['document', key(/^dokumenty\/prikaz[^/]*\/$/)],
    ['indicators', key(/^monitoring\/[^/]+\/$/)],
    ['school', key(/^shkoly\/[^/]+\/$/)],
    ['search', 'poisk/?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0'],
  ].filter(([, p]) => p !== undefined && (p === '' || list.includes(p.split('?')[0])));
  await Promise.all(tabs.map(async ({ width, page }) => {
    for (const [name, path] of shown) {
      await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      if (name === 'search') await page.waitForSelector('#search-results li', { timeout: 10000 }).catch(() => {});
      await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
    }
  }));
  for (const f of failures) console.log(`violation: ${f}`);
  console.log(`layout: ${list.length} pages at ${WIDTHS.join(' and ')} px, ${failures.length} violations; screenshots of ${shown.length} key pages in ${shots}`);
} finally {
  await browser.close();
}
process.exit(failures.length ? 1 : 0);
