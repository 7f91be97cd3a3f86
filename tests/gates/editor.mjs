// Accessibility gate of the preview's editor (`metodist serve`): the list
// of types, the «Создать» form of every type, the «Редактировать» form of
// the first entry of each collection (also with a new item of a list added
// by the script, and one of a list inside an item), with the live preview of
// its text, the question before deleting, and a form refused with errors, each
// checked with axe-core for WCAG 2.1 A and AA in headless Chromium (Debian's).
// Nothing is written: the only form sent is refused by the server.
//   node editor.mjs http://127.0.0.1:PORT/ DIR   (DIR: the built site, for page paths)
// Exits 1 on any violation.

import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const [baseArg, dir] = process.argv.slice(2);
if (!baseArg || !dir) {
  console.error('usage: node editor.mjs BASE_URL DIR');
  process.exit(2);
}
const base = new URL(baseArg);
const failures = [];

async function axe(page, where) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
  for (const v of result.violations) {
    for (const node of v.nodes) {
      failures.push(`${where}: [${v.id}] ${v.help} — ${node.target.join(' ')}`);
    }
  }
}

// The first page inside each top folder of the built site: an entry, if
// the folder is a collection.
async function entries() {
  const out = [];
  for (const top of await readdir(dir, { withFileTypes: true })) {
    if (!top.isDirectory()) continue;
    const inner = (await readdir(`${dir}/${top.name}`, { withFileTypes: true }))
      .filter((e) => e.isDirectory()).map((e) => e.name).sort();
    if (inner.length) out.push(`${top.name}/${inner[0]}/`);
  }
  return out;
}

const browser = await chromium.launch(CHROMIUM);
try {
  // The editor's pages allow only their own script (CSP); axe is injected past it.
  const page = await (await browser.newContext({ locale: 'ru-RU', bypassCSP: true })).newPage();
  const open = async (path) => {
    const res = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
    return res && res.status();
  };
  let forms = 0;
  let askedDelete = false;
  let nested = 0;
  if ((await open('__metodist/edit/new')) !== 200) failures.push('list of types: not served');
  await axe(page, 'Создать запись');
  const types = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of types) {
    if ((await open(href)) !== 200) { failures.push(`${href}: not served`); continue; }
    await axe(page, href);
    forms++;
  }
  for (const path of await entries()) {
    if ((await open(path)) !== 200) continue;
    const edit = await page.$('#metodist-editor a[href*="?page="]');
    if (!edit) continue;
    const href = await edit.getAttribute('href');
    if ((await open(href)) !== 200) { failures.push(`${href}: not served`); continue; }
    await axe(page, href);
    forms++;
    // The question before deleting (only asked, never answered).
    const del = await page.$('.delete a');
    if (del && !askedDelete) {
      const href = await del.getAttribute('href');
      await open(href);
      await axe(page, href);
      askedDelete = true;
      await open((await page.$eval('a[href*="?page="]', (a) => a.getAttribute('href'))));
    }
    // With the script's buttons in use: a new item of a list of records.
    const add = await page.$('[data-records] > button:last-of-type');
    if (add) {
      await add.click();
      await axe(page, `${href} (new item)`);
    }
    // A new item of a list inside an item (a talk's speakers).
    const inner = await page.$('.item [data-records] > button:last-of-type');
    if (inner) {
      await inner.click();
      await axe(page, `${href} (new item inside an item)`);
      nested++;
    }
  }
  // A refused form: a new practice without its title (the browser's own
  // check is taken off, so that the server's is seen).
  await open('__metodist/edit/new?type=practice');
  await page.evaluate(() => document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required')));
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const refused = await page.$('#oshibki');
  if (!refused) failures.push('a practice without a title: no error summary');
  else await axe(page, 'refused form');
  if (forms < 10) failures.push(`only ${forms} forms checked`);
  if (!askedDelete) failures.push('no question before deleting was checked');
  if (!nested) failures.push('no list inside an item was checked');
  console.log(`editor: ${forms} forms and the refused form checked`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
