import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontPath, PDF_FONT_FILES, pdfSafe, type PdfFont } from '../../../src/main/core/report/pdfFonts';

describe('the PDF fonts', () => {
  it('finds every font file of the installed package', () => {
    for (const f of Object.keys(PDF_FONT_FILES) as PdfFont[]) expect(existsSync(fontPath(f)), f).toBe(true);
  });

  it('keeps what DejaVu can draw and replaces only what it cannot', () => {
    expect(pdfSafe('Łukasz, Дмитрий, Ελένη, Ørsted, naïve — “quoted” €5')).toBe(
      'Łukasz, Дмитрий, Ελένη, Ørsted, naïve — “quoted” €5',
    );
    expect(pdfSafe('東京 hub')).toBe('?? hub');
    expect(pdfSafe('a\tb\r\nc\u0007d')).toBe('a    b\ncd');
  });

  it('checks each font on its own: the mono font lacks Hebrew, which the body font has', () => {
    const hebrew = 'שלום';
    expect(pdfSafe(`${hebrew} مرحبا`, 'body')).toBe(`${hebrew} مرحبا`);
    expect(pdfSafe(hebrew, 'mono')).toBe('????');
  });
});
