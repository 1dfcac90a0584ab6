// The desktop shell's PdfPrinter: prints report HTML with Electron's printToPDF in a hidden,
// sandboxed window with JavaScript off, in its own session (the app's CSP hook does not apply there).
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../core/ports';

export const PDF_PARTITION = 'conn-report-pdf';

export function pdfWindowOptions() {
  return {
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      partition: PDF_PARTITION,
      spellcheck: false,
    },
  } as const;
}

export function electronPdfPrinter(): PdfPrinter {
  let hardened = false;
  return async (html) => {
    if (!hardened) {
      const ses = session.fromPartition(PDF_PARTITION);
      ses.setPermissionRequestHandler((_wc, _p, cb) => cb(false));
      // The report is one self-contained file: nothing else may load while printing.
      ses.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith('file:') }));
      hardened = true;
    }
    const dir = await mkdtemp(join(tmpdir(), 'conn-pdf-'));
    const file = join(dir, 'report.html');
    const base = pdfWindowOptions();
    // Security flags repeated as literals so Electronegativity can see them (same values as pdfWindowOptions).
    const win = new BrowserWindow({
      ...base,
      webPreferences: { ...base.webPreferences, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    try {
      await writeFile(file, html, { mode: 0o600 });
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (e) => e.preventDefault());
      await win.loadFile(file);
      return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      win.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  };
}
