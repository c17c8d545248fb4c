// A review PDF for a proofreader: a first page listing what changed since the edition, then,
// for each changed page, the page as published and the page now side by side, the removed
// words marked red on the left and the new words green on the right. A working paper for the
// team (not published): pdf-lib's standard font, paths and counts in ASCII-safe wording.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PDFDocument, rgb, StandardFonts, type PDFEmbeddedPage, type PDFFont, type PDFPage } from 'pdf-lib';
import { writeAtomic } from '../write/index.js';
import type { Changes, DocumentChange } from './changes.js';
import { editionFile } from './editions.js';

const SHEET = { width: 1190.55, height: 841.89 }; // A3 landscape: two A4 pages side by side
const MARGIN = 36;
const HEAD = 40;
const RED = rgb(0.86, 0.15, 0.15);
const GREEN = rgb(0.1, 0.6, 0.25);

/** Text the standard font can draw (it has no Arabic): others become "?". */
const winAnsi = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u20ac]/g, '?');

export async function writeReviewPdf(root: string, changes: Changes, target: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Changes since edition ${changes.edition.name}`);
  pdf.setCreationDate(new Date(changes.edition.date));
  pdf.setModificationDate(new Date(changes.edition.date));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  summaryPage(pdf, changes, font, bold);
  for (const d of changes.documents.filter((x) => x.state === 'changed' && !x.missingCopy)) {
    const [before, now] = await Promise.all([PDFDocument.load(readFileSync(editionFile(changes.edition, d.path))), PDFDocument.load(readFileSync(resolve(root, 'out', ...d.path.split('/'))))]);
    // Layout only: the first page of each, to see what moved.
    const pages = d.textChanged ? d.pages : [1];
    for (const n of pages) {
      const onPage = d.changes.filter((c) => c.page === n);
      const old = Math.min(onPage[0]?.pageBefore ?? n, before.getPageCount());
      const [left, right] = await Promise.all([pdf.embedPage(before.getPage(old - 1)), pdf.embedPage(now.getPage(Math.min(n, now.getPageCount()) - 1))]);
      const sheet = pdf.addPage([SHEET.width, SHEET.height]);
      sheet.drawText(winAnsi(`${d.path}: ${d.textChanged ? `page ${n}, ${onPage.length} change${onPage.length === 1 ? '' : 's'}` : 'layout only, no text change'}`), { x: MARGIN, y: SHEET.height - 28, size: 13, font: bold });
      side(sheet, left, 0, `Edition ${changes.edition.name}, page ${old}`, font, onPage.filter((c) => c.pageBefore === old).flatMap((c) => c.boxesBefore), RED);
      side(sheet, right, 1, `Now, page ${n}`, font, onPage.flatMap((c) => c.boxes), GREEN);
    }
  }
  const path = resolve(target);
  writeAtomic(path, Buffer.from(await pdf.save({ useObjectStreams: true })));
  return path;
}

/** One half of a sheet: a page scaled to fit, its label, boxes around the changed words. */
function side(sheet: PDFPage, page: PDFEmbeddedPage, column: 0 | 1, label: string, font: PDFFont, boxes: [number, number, number, number][], colour: ReturnType<typeof rgb>) {
  const width = SHEET.width / 2 - MARGIN * 1.5;
  const height = SHEET.height - HEAD - MARGIN - 14;
  const scale = Math.min(width / page.width, height / page.height);
  const x = MARGIN + column * (SHEET.width / 2 - MARGIN / 2);
  const y = MARGIN;
  sheet.drawText(winAnsi(label), { x, y: y + page.height * scale + 6, size: 10, font, color: colour });
  sheet.drawPage(page, { x, y, xScale: scale, yScale: scale });
  sheet.drawRectangle({ x, y, width: page.width * scale, height: page.height * scale, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.5 });
  for (const [bx, by, bw, bh] of boxes) sheet.drawRectangle({ x: x + bx * scale - 1, y: y + (by - bh * 0.25) * scale - 1, width: bw * scale + 2, height: bh * 1.2 * scale + 2, color: colour, opacity: 0.18, borderColor: colour, borderWidth: 0.8, borderOpacity: 0.9 });
}

function summaryPage(pdf: PDFDocument, changes: Changes, font: PDFFont, bold: PDFFont) {
  let page = pdf.addPage([SHEET.width, SHEET.height]);
  let y = SHEET.height - MARGIN - 10;
  const line = (text: string, size = 10, f = font) => {
    if (y < MARGIN + 20) {
      page = pdf.addPage([SHEET.width, SHEET.height]);
      y = SHEET.height - MARGIN - 10;
    }
    page.drawText(winAnsi(text), { x: MARGIN, y, size, font: f, maxWidth: SHEET.width - 2 * MARGIN });
    y -= size * 1.6;
  };
  const e = changes.edition;
  line(`Changes since edition ${e.name}`, 20, bold);
  line(`Published ${e.date.slice(0, 16).replace('T', ' ')} UTC${e.by ? ` by ${e.by}` : ''}. Unchanged documents: ${changes.unchanged}.`, 11);
  y -= 8;
  if (!changes.documents.length) line('Nothing changed: every document is as published.', 12);
  for (const d of changes.documents) line(describe(d), 11, d.state === 'changed' && d.textChanged ? bold : font);
}

function describe(d: DocumentChange): string {
  if (d.state === 'added') return `added     ${d.path} (${d.after!.pages} page${d.after!.pages === 1 ? '' : 's'})`;
  if (d.state === 'removed') return `removed   ${d.path}`;
  if (d.missingCopy) return `changed   ${d.path}: the edition's copy is missing, words not compared`;
  if (!d.textChanged) return `changed   ${d.path}: layout only, no text change`;
  return `changed   ${d.path}: ${d.changes.length} text change${d.changes.length === 1 ? '' : 's'} on page ${d.pages.join(', ')}`;
}
