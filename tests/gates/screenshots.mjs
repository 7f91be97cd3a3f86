// Screenshots for a person to look at (not a gate): desktop and phone width,
// the regular and the low-vision version, and the print rendering.
//   node screenshots.mjs BASE_URL OUT_DIR PATH...
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './chromium.mjs';

const [baseArg, out, ...paths] = process.argv.slice(2);
if (!baseArg || !out || !paths.length) {
  console.error('usage: node screenshots.mjs BASE_URL OUT_DIR PATH...');
  process.exit(2);
}
await mkdir(out, { recursive: true });
const browser = await chromium.launch(CHROMIUM);
const sizes = { desktop: { width: 1280, height: 900 }, phone: { width: 375, height: 740 } };
try {
  for (const [name, viewport] of Object.entries(sizes)) {
    const context = await browser.newContext({ viewport, locale: 'ru-RU', deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const path of paths) {
      const slug = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
      await page.goto(new URL(path, baseArg).href, { waitUntil: 'load' });
      await page.screenshot({ path: `${out}/${slug}-${name}.png`, fullPage: true });
      if (name === 'desktop') {
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: `${out}/${slug}-print.png`, fullPage: true });
        await page.emulateMedia({ media: 'screen' });
      }
    }
    await page.goto(new URL(paths[0], baseArg).href, { waitUntil: 'load' });
    await page.evaluate(() => localStorage.setItem('metodist-a11y', JSON.stringify({ size: '2', scheme: 'wb', images: 'off' })));
    await page.goto(new URL(paths[0], baseArg).href, { waitUntil: 'load' });
    await page.screenshot({ path: `${out}/low-vision-${name}.png`, fullPage: false });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
