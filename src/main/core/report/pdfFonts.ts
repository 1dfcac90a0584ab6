// The PDF export's fonts: DejaVu (the `dejavu-fonts-ttf` package), embedded and subset by pdfkit, so names and text
// in Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic print as written. pdfkit's built-in fonts speak
// WinAnsi only, which turned "Łukasz" or "Дмитрий" into question marks. Characters DejaVu has no glyph for (Chinese,
// Japanese, Korean, most Indic scripts) are still replaced, by "?", so a page never shows empty boxes; the HTML and
// Markdown exports keep every character.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

/** The role of each font in the report, and its file in the package's ttf/ folder. */
export const PDF_FONT_FILES = {
  // Sans throughout: DejaVu Serif has no Hebrew or Arabic.
  body: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type PdfFont = keyof typeof PDF_FONT_FILES;

let folder: string | null = null;
/** Where the TTF files are: resolved from the installed package, wherever the app or the web shell's bundle runs. */
export function fontFolder(): string {
  folder ??= join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return folder;
}

export const fontPath = (f: PdfFont): string => join(fontFolder(), PDF_FONT_FILES[f]);

const coverage = new Map<PdfFont, ReadonlySet<number>>();
/** The code points a font can draw, read once from its character map. */
function covered(f: PdfFont): ReadonlySet<number> {
  let set = coverage.get(f);
  if (!set) {
    const font = fontkit.openSync(fontPath(f));
    if (!('characterSet' in font)) throw new Error(`${PDF_FONT_FILES[f]} is a font collection, not one font`);
    set = new Set(font.characterSet);
    coverage.set(f, set);
  }
  return set;
}

/** Text as `font` can print it: line ends normalised, tabs as spaces, control characters dropped, characters the font
 * has no glyph for shown as their unaccented letter when it has one, else "?". */
export function pdfSafe(text: string, font: PdfFont = 'body'): string {
  const has = covered(font);
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '\n') out += ch;
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    else if (has.has(c)) out += ch;
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((b) => has.has(b.codePointAt(0) ?? 0)) ? base : '?';
    }
  }
  return out;
}
