/**
 * Looks at pages the way readers do: full-page screenshots in Debian's Chromium at phone and
 * desktop widths. Usage: node --import tsx scripts/screenshot.ts OUT_DIR URL [URL…]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [outDir, ...urls] = process.argv.slice(2);
if (!outDir || urls.length === 0) {
  console.error('usage: node --import tsx scripts/screenshot.ts OUT_DIR URL [URL…]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (const [width, height, label] of [
    [1280, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    for (const [i, url] of urls.entries()) {
      await page.goto(url, { waitUntil: 'load' });
      const file = join(outDir, `${i + 1}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
