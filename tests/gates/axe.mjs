// Accessibility gate: every page of the built site, served over HTTP, opened
// in headless Chromium (Debian's, never a downloaded browser) and checked
// with axe-core for WCAG 2.1 A and AA. Besides axe, the checks axe cannot
// make: reflow (no sideways scrolling at 320 CSS px, i.e. 1280 px at 400 %
// zoom and phones), the skip link and the low-vision switch used with the
// keyboard alone, the folded phone menu, and axe again in each colour scheme
// of the low-vision version.
//   node axe.mjs http://127.0.0.1:PORT/ DIR
// Exits 1 on any violation.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM, sitePages } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const [baseArg, dir] = process.argv.slice(2);
if (!baseArg || !dir) {
  console.error('usage: node axe.mjs BASE_URL DIR');
  process.exit(2);
}
const base = new URL(baseArg);



const failures = [];
function fail(where, what) {
  failures.push(`${where}: ${what}`);
}

async function axe(page, where) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
  for (const v of result.violations) {
    for (const node of v.nodes) {
      fail(where, `[${v.id}] ${v.help} — ${node.target.join(' ')}\n    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
    }
  }
}

const browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ru-RU' });
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'ru-RU' });
  const page = await context.newPage();
  const phone = await narrow.newPage();
  const list = await sitePages(dir);
  for (const path of list) {
    const url = new URL(path, base).href;
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || !res.ok()) {
      fail(path, `HTTP ${res && res.status()}`);
      continue;
    }
    await axe(page, path || '/');
    await phone.goto(url, { waitUntil: 'load' });
    const overflow = await phone.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      // Name what sticks out, for the report: an element outside any scroller,
      // or an absolutely placed one (it escapes a scroller that is not positioned).
      let worst = null;
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right <= width + 1 || (worst && r.right <= worst.right)) continue;
        let scrolled = false;
        for (let a = el.parentElement; a && !scrolled; a = a.parentElement) scrolled = getComputedStyle(a).overflowX !== 'visible';
        if (!scrolled || getComputedStyle(el).position === 'absolute') {
          worst = { right: Math.round(r.right), tag: el.tagName.toLowerCase(), cls: el.getAttribute('class'), text: el.textContent.slice(0, 60) };
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, width, worst };
    });
    if (overflow) fail(path || '/', `scrolls sideways at 320 px: ${JSON.stringify(overflow)}`);
  }

  // The search page again with results on it (search.js fills them in).
  if (list.includes('poisk/')) {
    await page.goto(new URL('poisk/?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0', base).href, { waitUntil: 'load' });
    try {
      await page.waitForSelector('#search-results li', { timeout: 10000 });
      await axe(page, 'poisk/?q=школа');
    } catch {
      fail('poisk/?q=школа', 'the search page shows no results for «школа»');
    }
  }

  try {
    // Keyboard only: Tab reaches the skip link first, Enter moves focus into <main>.
    await page.goto(base.href, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.className);
    if (first !== 'skip-link') {
      fail('/', `first Tab stop is «${first}», not the skip link`);
    } else {
      await page.keyboard.press('Enter');
      const inMain = await page.evaluate(() => location.hash === '#main' && document.activeElement.id === 'main');
      if (!inMain) fail('/', 'the skip link does not move focus to <main>');
    }

    // The low-vision switch by keyboard: on, kept on the next page, each scheme passes axe, off again.
    await page.goto(base.href, { waitUntil: 'load' });
    let reached = false;
    for (let i = 0; i < 15 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement.id === 'a11y-toggle');
    }
    if (!reached) {
      fail('/', 'the «Версия для слабовидящих» switch cannot be reached with Tab');
    } else {
      await page.keyboard.press('Enter');
      const on = await page.evaluate(() => document.documentElement.classList.contains('a11y')
        && getComputedStyle(document.getElementById('a11y-panel')).display !== 'none' && scrollY === 0
        && document.getElementById('a11y-toggle').getAttribute('aria-pressed') === 'true');
      if (!on) fail('/', 'Enter on the switch does not turn the low-vision version on');
      const second = list.find((p) => p && p !== '404.html') || '';
      for (const scheme of ['bw', 'wb', 'blue']) {
        await page.click(`[data-a11y-scheme="${scheme}"]`);
        await page.goto(new URL(second, base).href, { waitUntil: 'load' });
        const kept = await page.evaluate((s) => document.documentElement.classList.contains(`a11y-${s}`), scheme);
        if (!kept) fail(second, `the low-vision scheme «${scheme}» is not kept on the next page`);
        await axe(page, `${second || '/'} (low vision, ${scheme})`);
        await page.goto(base.href, { waitUntil: 'load' });
      }
      await page.click('[data-a11y-images="off"]');
      await page.click('[data-a11y-size="3"]');
      await page.goto(base.href, { waitUntil: 'load' });
      await axe(page, '/ (low vision, largest text, images off)');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      if (!wide) fail('/', 'the largest low-vision text scrolls sideways at 1280 px');
      await page.focus('[data-a11y-off]');
      await page.keyboard.press('Enter');
      const off = await page.evaluate(() => !document.documentElement.classList.contains('a11y')
        && document.activeElement.id === 'a11y-toggle' && localStorage.getItem('metodist-a11y') === null);
      if (!off) fail('/', '«Обычная версия» does not switch back and return focus to the switch');
    }

    // On a phone the menu folds behind a button that works from the keyboard.
    await phone.goto(base.href, { waitUntil: 'load' });
    if (await phone.$('.menu-toggle')) {
      const shown = () => phone.evaluate(() => getComputedStyle(document.getElementById('main-menu-list')).display !== 'none');
      await phone.focus('.menu-toggle');
      await phone.keyboard.press('Enter');
      if (!(await shown())) fail('/ (320 px)', 'Enter on «Меню» does not open the menu');
      await axe(phone, '/ (320 px, menu open)');
      await phone.keyboard.press('Tab');
      await phone.keyboard.press('Escape');
      const back = await phone.evaluate(() => document.activeElement.className === 'menu-toggle');
      if ((await shown()) || !back) fail('/ (320 px)', 'Escape does not close the menu and return to «Меню»');
    }
  } catch (e) {
    fail('/', `keyboard and low-vision checks stopped: ${e.message.split('\n')[0]}`);
  }
  for (const f of failures) console.log(`violation: ${f}`);
  console.log(`axe: ${list.length} pages checked (WCAG 2.1 A/AA, reflow at 320 px, keyboard, low-vision schemes), ${failures.length} violations`);
} finally {
  await browser.close();
}
process.exit(failures.length ? 1 : 0);
