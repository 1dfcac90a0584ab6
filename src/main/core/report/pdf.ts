// The report as a real PDF, drawn with pdfkit from the report view (no browser needed): the web shell's PDF export.
// Same layout as the HTML export: kicker and title, a box of header facts, one heading per section with its
// Markdown rendered as paragraphs, lists, quotes and code; action items and the timeline as tables; links
// clickable, and each link's address repeated as a numbered footnote at the end of its section, so a printed copy
// keeps it. The desktop app prints the HTML with Electron instead.
import PDFDocument from 'pdfkit';
import type { Content, List, PhrasingContent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { issueStateLabels, type ReportView } from '../../../shared/report';
import {
  citationNumbers,
  EMPTY_ACTIONS_TEXT,
  EMPTY_SECTION_TEXT,
  EMPTY_TIMELINE_TEXT,
  headerRows,
  replaceCitations,
} from './markdown';
import { fontPath, PDF_FONT_FILES, pdfSafe, type PdfFont } from './pdfFonts';

type Doc = InstanceType<typeof PDFDocument>;

const MM = 72 / 25.4;
const MARGIN = 18 * MM;
const INK = '#1b1f24';
const MUTED = '#57606a';
const SOFT = '#424a53';
const LINK = '#0b5cad';
const RULE = '#d0d7de';
const FAINT_RULE = '#eaeef2';
const BOX = '#f6f8fa';

/** Font names as registered on each document (registerFonts): the roles of PDF_FONT_FILES. */
const F: { readonly [K in PdfFont]: K } = {
  body: 'body',
  bold: 'bold',
  italic: 'italic',
  boldItalic: 'boldItalic',
  sans: 'sans',
  sansBold: 'sansBold',
  mono: 'mono',
};
const BODY_SIZE = 10.5;

/** Links worth keeping: web and mail addresses only (as the HTML export's Markdown renderer does). */
const safeHref = (url: string): string | null => (/^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : null);

interface Run {
  text: string;
  font: PdfFont;
  color?: string;
  link?: string;
}

interface Ctx {
  doc: Doc;
  /** Addresses of the links in the current section, in order; shown as numbered footnotes after it. */
  notes: string[];
}

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when less than `needed` points remain (keeps a heading with what follows it). */
function keepRoom(doc: Doc, needed: number) {
  if (doc.y + needed > bottom(doc)) doc.addPage();
}

function inlineRuns(
  nodes: PhrasingContent[],
  ctx: Ctx,
  style: { bold?: boolean; italic?: boolean; link?: string } = {},
): Run[] {
  const font = () =>
    style.bold && style.italic ? F.boldItalic : style.bold ? F.bold : style.italic ? F.italic : F.body;
  const runs: Run[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        runs.push({ text: n.value, font: font(), ...(style.link ? { color: LINK, link: style.link } : {}) });
        break;
      case 'strong':
        runs.push(...inlineRuns(n.children, ctx, { ...style, bold: true }));
        break;
      case 'emphasis':
        runs.push(...inlineRuns(n.children, ctx, { ...style, italic: true }));
        break;
      case 'delete':
        runs.push(...inlineRuns(n.children, ctx, style));
        break;
      case 'inlineCode':
        runs.push({ text: n.value, font: F.mono, color: SOFT });
        break;
      case 'break':
        runs.push({ text: '\n', font: font() });
        break;
      case 'link': {
        const href = safeHref(n.url);
        runs.push(...inlineRuns(n.children, ctx, href ? { ...style, link: href } : style));
        const shown = n.children.map((c) => ('value' in c ? c.value : '')).join('');
        if (href && shown.trim() !== href) {
          ctx.notes.push(href);
          runs.push({ text: ` [${ctx.notes.length}]`, font: F.body, color: MUTED });
        }
        break;
      }
      case 'image':
        runs.push({ text: `[image: ${n.alt ?? n.url}]`, font: F.italic, color: MUTED });
        break;
      case 'html':
        // Raw HTML is shown as text, never interpreted (as in the HTML export).
        runs.push({ text: n.value, font: font() });
        break;
      default:
        if ('children' in n) runs.push(...inlineRuns(n.children as PhrasingContent[], ctx, style));
        else if ('value' in n && typeof n.value === 'string') runs.push({ text: n.value, font: font() });
    }
  }
  return runs;
}

/** One paragraph of mixed runs at x with the given width, then a gap below. */
function paragraph(ctx: Ctx, runs: Run[], x: number, width: number, gapAfter = 4, size = BODY_SIZE) {
  const { doc } = ctx;
  const parts = runs.map((r) => ({ ...r, text: pdfSafe(r.text, r.font) })).filter((r) => r.text.length > 0);
  if (parts.length === 0) return;
  doc.fontSize(size);
  parts.forEach((r, i) => {
    const opts = { width, continued: i < parts.length - 1, link: r.link ?? null, underline: false, lineGap: 1.5 };
    doc.font(r.font).fillColor(r.color ?? INK);
    if (i === 0) doc.text(r.text, x, doc.y, opts);
    else doc.text(r.text, opts);
  });
  doc.fillColor(INK);
  doc.y += gapAfter;
}

function blocks(ctx: Ctx, nodes: Content[], x: number, width: number) {
  for (const n of nodes) block(ctx, n, x, width);
}

function block(ctx: Ctx, n: Content, x: number, width: number) {
  const { doc } = ctx;
  switch (n.type) {
    case 'paragraph':
      paragraph(ctx, inlineRuns(n.children, ctx), x, width);
      break;
    case 'heading':
      keepRoom(doc, 40);
      doc.y += 4;
      paragraph(ctx, inlineRuns(n.children, ctx, { bold: true }), x, width, 2, n.depth <= 2 ? 12 : 11);
      break;
    case 'list':
      list(ctx, n, x, width);
      break;
    case 'blockquote': {
      const top = doc.y;
      const page = doc.bufferedPageRange().count;
      blocks(ctx, n.children as Content[], x + 10, width - 10);
      if (doc.bufferedPageRange().count === page) {
        doc
          .save()
          .moveTo(x + 1.5, top)
          .lineTo(x + 1.5, doc.y - 4)
          .lineWidth(3)
          .strokeColor(RULE)
          .stroke()
          .restore();
      }
      break;
    }
    case 'code': {
      doc.font(F.mono).fontSize(9);
      const text = pdfSafe(n.value, F.mono);
      const h = doc.heightOfString(text, { width: width - 16 }) + 12;
      if (h < bottom(doc) - doc.page.margins.top) keepRoom(doc, h);
      const y = doc.y;
      if (doc.y + h <= bottom(doc)) doc.save().rect(x, y, width, h).fill(BOX).restore();
      doc.fillColor(INK).text(text, x + 8, y + 6, { width: width - 16 });
      doc.y = Math.max(doc.y, y + h) + 4;
      doc.fontSize(BODY_SIZE);
      break;
    }
    case 'thematicBreak':
      doc
        .save()
        .moveTo(x, doc.y + 3)
        .lineTo(x + width, doc.y + 3)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke()
        .restore();
      doc.y += 9;
      break;
    case 'html':
      paragraph(ctx, [{ text: n.value, font: F.body }], x, width);
      break;
    default:
      if ('children' in n) blocks(ctx, n.children as Content[], x, width);
  }
}

function list(ctx: Ctx, n: List, x: number, width: number) {
  const { doc } = ctx;
  const indent = 16;
  n.children.forEach((item, i) => {
    const marker = n.ordered ? `${(n.start ?? 1) + i}.` : '•';
    keepRoom(doc, 14);
    const y = doc.y;
    doc
      .font(F.body)
      .fontSize(BODY_SIZE)
      .fillColor(INK)
      .text(marker, x, y, { width: indent - 3, align: 'right' });
    doc.y = y;
    blocks(ctx, item.children as Content[], x + indent, width - indent);
  });
  doc.y += 2;
}

function markdownBody(ctx: Ctx, text: string) {
  const root: Root = fromMarkdown(text);
  blocks(ctx, root.children, left(ctx.doc), contentWidth(ctx.doc));
}

function emptyLine(ctx: Ctx, text: string) {
  paragraph(ctx, [{ text, font: F.italic, color: '#6e7781' }], left(ctx.doc), contentWidth(ctx.doc));
}

function footnotes(ctx: Ctx) {
  if (ctx.notes.length === 0) return;
  const { doc } = ctx;
  doc.y += 2;
  ctx.notes.forEach((href, i) => {
    paragraph(
      ctx,
      [
        { text: `[${i + 1}] `, font: F.sans, color: MUTED },
        { text: href, font: F.sans, color: LINK, link: href },
      ],
      left(doc),
      contentWidth(doc),
      1,
      8,
    );
  });
  ctx.notes = [];
}

interface Column {
  title: string;
  width: number;
  font?: string;
}
interface Cell {
  runs: Run[];
}

/** A table with a header row (repeated on each new page) and rows that never split across pages. */
function table(ctx: Ctx, columns: Column[], rows: Cell[][], opts: { header: boolean }) {
  const { doc } = ctx;
  const x0 = left(doc);
  const pad = 4;
  const cellHeight = (cell: Cell, col: Column) => {
    let h = 0;
    // Runs of one cell share a width; measure them as one string in the cell's widest font.
    for (const line of cellLines(cell)) {
      doc.font(line.font).fontSize(line.size);
      h += doc.heightOfString(pdfSafe(line.text, line.font) || ' ', { width: col.width - 2 * pad, lineGap: 1.5 });
    }
    return h + 2 * pad;
  };
  const drawHeader = () => {
    if (!opts.header) return;
    const y = doc.y;
    let x = x0;
    doc.font(F.sansBold).fontSize(7.5).fillColor(MUTED);
    for (const c of columns) {
      doc.text(c.title.toUpperCase(), x + pad, y + pad, { width: c.width - 2 * pad, characterSpacing: 0.4 });
      x += c.width;
    }
    doc.y = y + 16;
    doc
      .save()
      .moveTo(x0, doc.y)
      .lineTo(x0 + contentWidth(doc), doc.y)
      .lineWidth(0.75)
      .strokeColor(RULE)
      .stroke()
      .restore();
  };
  drawHeader();
  for (const row of rows) {
    const cells = row.map((c, i) => ({ cell: c, col: columns[i] ?? { title: '', width: 40 } }));
    const h = Math.max(...cells.map(({ cell, col }) => cellHeight(cell, col)));
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    let x = x0;
    for (const { cell, col } of cells) {
      doc.y = y + pad;
      for (const line of cellLines(cell)) paragraph(ctx, line.runs, x + pad, col.width - 2 * pad, 0, line.size);
      x += col.width;
    }
    doc.y = y + h;
    doc
      .save()
      .moveTo(x0, doc.y)
      .lineTo(x0 + contentWidth(doc), doc.y)
      .lineWidth(0.5)
      .strokeColor(FAINT_RULE)
      .stroke()
      .restore();
  }
  doc.y += 8;
  doc.x = x0;
}

/** A cell's runs split at explicit line breaks ('\n' runs), each line measured in its first run's font. */
function cellLines(cell: Cell): Array<{ runs: Run[]; text: string; font: PdfFont; size: number }> {
  const lines: Run[][] = [];
  let current: Run[] = [];
  for (const r of cell.runs) {
    if (r.text === '\n') {
      lines.push(current);
      current = [];
    } else current.push(r);
  }
  lines.push(current);
  return lines.flatMap((runs) => {
    const font = runs[0]?.font;
    if (!font) return [];
    return [{ runs, text: runs.map((r) => r.text).join(''), font, size: font === F.mono ? 9 : BODY_SIZE - 0.5 }];
  });
}

const cell = (...runs: Run[]): Cell => ({ runs });

function actionItems(ctx: Ctx, view: ReportView) {
  if (view.actionItems.length === 0) return emptyLine(ctx, EMPTY_ACTIONS_TEXT);
  const w = contentWidth(ctx.doc);
  const columns: Column[] = [
    { title: '#', width: 22 },
    { title: 'What needs to happen', width: w - 22 - 80 - 165 },
    { title: 'Owner', width: 80 },
    // Wide enough for "2i2c-org/infrastructure#4567" on one line in DejaVu Sans.
    { title: 'Issue', width: 165 },
  ];
  const rows = view.actionItems.map((a, i): Cell[] => [
    cell({ text: String(i + 1), font: F.body, color: MUTED }),
    cell(
      { text: a.what, font: F.bold },
      ...(a.doneWhen
        ? [
            { text: '\n', font: F.body },
            { text: `Done when: ${a.doneWhen}`, font: F.body, color: SOFT },
          ]
        : []),
    ),
    cell({ text: a.owner || '—', font: F.body }),
    a.issueUrl
      ? cell(
          {
            text: a.issueUrl.replace('https://github.com/', '').replace('/issues/', '#'),
            font: F.body,
            color: LINK,
            link: a.issueUrl,
          },
          ...(a.issueState ? [{ text: ` ${issueStateLabels[a.issueState]}`, font: F.body, color: SOFT }] : []),
        )
      : cell({ text: 'Not linked yet', font: F.italic, color: '#9a6700' }),
  ]);
  table(ctx, columns, rows, { header: true });
}

function timeline(ctx: Ctx, view: ReportView) {
  if (view.timeline.length === 0) return emptyLine(ctx, EMPTY_TIMELINE_TEXT);
  const { doc } = ctx;
  const w = contentWidth(doc);
  const columns: Column[] = [
    { title: 'Time', width: 44 },
    { title: 'What happened', width: w - 44 },
  ];
  const days: Array<{ day: string; rows: Cell[][] }> = [];
  for (const line of view.timeline) {
    let day = days.at(-1);
    if (day?.day !== line.day) days.push((day = { day: line.day, rows: [] }));
    day.rows.push([
      cell({ text: line.time.slice(11), font: F.mono, color: SOFT }),
      cell({ text: line.text, font: F.body }),
    ]);
  }
  for (const d of days) {
    keepRoom(doc, 44);
    doc.y += 2;
    doc.font(F.sansBold).fontSize(9.5).fillColor(SOFT).text(pdfSafe(d.day, F.sansBold), left(doc), doc.y, { width: w });
    doc.y += 2;
    table(ctx, columns, d.rows, { header: false });
  }
}

function sectionHeading(doc: Doc, title: string) {
  keepRoom(doc, 60);
  doc.y += 12;
  doc
    .font(F.sansBold)
    .fontSize(13)
    .fillColor(INK)
    .text(pdfSafe(title, F.sansBold), left(doc), doc.y, { width: contentWidth(doc) });
  doc.y += 2;
  doc
    .save()
    .moveTo(left(doc), doc.y)
    .lineTo(left(doc) + contentWidth(doc), doc.y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke()
    .restore();
  doc.y += 6;
}

function headerBox(doc: Doc, view: ReportView) {
  const meta = headerRows(view);
  const x0 = left(doc);
  const w = contentWidth(doc);
  const colW = (w - 24) / 2;
  const rowH = 26;
  const h = Math.ceil(meta.length / 2) * rowH + 12;
  const y0 = doc.y;
  doc.save().roundedRect(x0, y0, w, h, 4).fillAndStroke(BOX, RULE).restore();
  meta.forEach(([k, v], i) => {
    const x = x0 + 10 + (i % 2) * (colW + 4);
    const y = y0 + 8 + Math.floor(i / 2) * rowH;
    doc
      .font(F.sansBold)
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(k.toUpperCase(), x, y, { width: colW, characterSpacing: 0.6 });
    doc
      .font(F.body)
      .fontSize(10)
      .fillColor(INK)
      .text(pdfSafe(v, F.body), x, y + 9, { width: colW, lineBreak: false, ellipsis: true });
  });
  doc.x = x0;
  doc.y = y0 + h + 6;
}

/** Page numbers and the report's title in each page's footer (drawn last, once the page count is known). */
function footers(doc: Doc, title: string) {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    const y = doc.page.height - bottomMargin + 14;
    doc.font(F.sans).fontSize(7.5).fillColor(MUTED);
    doc.text(pdfSafe(`Incident report: ${title}`, F.sans), left(doc), y, {
      width: contentWidth(doc) - 70,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(`Page ${i + 1} of ${range.count}`, left(doc), y, {
      width: contentWidth(doc),
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottomMargin;
  }
}

export function reportPdf(view: ReportView): Promise<Buffer> {
  const title = view.header.title;
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 20 * MM, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // Dated by the report's last change, not the moment of export: the same report draws the same bytes, so
    // publishing it again commits nothing new (and the file id pdfkit derives from these stays the same).
    info: {
      Title: pdfSafe(`Incident report: ${title}`, F.sans),
      Creator: 'Conn',
      Producer: 'Conn (pdfkit)',
      CreationDate: new Date(view.updatedAt),
    },
    lang: 'en',
    displayTitle: true,
    pdfVersion: '1.7',
  });
  for (const f of Object.keys(PDF_FONT_FILES) as PdfFont[]) doc.registerFont(F[f], fontPath(f));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const ctx: Ctx = { doc, notes: [] };

  doc.font(F.sansBold).fontSize(7.5).fillColor(MUTED).text('INCIDENT REPORT', { characterSpacing: 0.6 });
  doc.y += 3;
  doc
    .font(F.sansBold)
    .fontSize(20)
    .fillColor(INK)
    .text(pdfSafe(title, F.sansBold), { width: contentWidth(doc), lineGap: 2 });
  doc.y += 10;
  headerBox(doc, view);

  // Cited record entries are numbered in order of first citation, as in the Markdown and HTML exports.
  const numbers = citationNumbers(view);
  for (const s of view.sections) {
    sectionHeading(doc, s.title);
    if (s.kind === 'text') {
      if (s.body && s.body.trim())
        markdownBody(
          ctx,
          replaceCitations(s.body, numbers, (n) => `[${n}]`),
        );
      else emptyLine(ctx, EMPTY_SECTION_TEXT);
      footnotes(ctx);
    } else if (s.kind === 'actionItems') actionItems(ctx, view);
    else timeline(ctx, view);
  }
  if (view.citations.length > 0) {
    sectionHeading(doc, 'Sources');
    emptyLine(ctx, `Entries of the incident record the sentences above cite (${view.header.timezone}).`);
    view.citations.forEach((c, i) =>
      paragraph(ctx, [{ text: `[${i + 1}] ${c.time} — ${c.text}`, font: F.body }], left(doc), contentWidth(doc)),
    );
  }
  footers(doc, title);
  doc.end();
  return done;
}
