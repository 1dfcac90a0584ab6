// A PdfPrinter for tests: Debian's Chromium driven by Playwright (the desktop shell uses Electron's printToPDF).
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { PdfPrinter } from '../../src/main/core/ports';

export const chromiumPath = (): string | null => {
  const p = process.env.CONN_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(p) ? p : null;
};

export async function chromiumPdfPrinter(): Promise<{ print: PdfPrinter; close(): Promise<void> }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium: set CONN_CHROMIUM or install /usr/bin/chromium');
  const browser: Browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    async print(html) {
      const page = await browser.newPage({ javaScriptEnabled: false });
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
