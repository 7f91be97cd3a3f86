import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// How the gates start the machine's Chromium (Debian's `chromium` package):
// never a browser downloaded by playwright, no network of its own.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

/** The site-relative URLs of every HTML page under DIR, sorted. */
export async function sitePages(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const rel = relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/');
    out.push(rel.replace(/(^|\/)index\.html$/, '$1'));
  }
  return out.sort();
}
