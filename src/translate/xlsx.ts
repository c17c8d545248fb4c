// The same export as a spreadsheet, for smaller jobs (exceljs): columns id, context,
// source, translation, state. The sheet is protected with the translation and state columns
// unlocked, so a translator cannot change a source text or an id by mistake; a right-to-left
// language gets a right-to-left translation column.
import ExcelJS from 'exceljs';
import { noteOf, xliffState, type Exported, type ReadFile, type ReadUnit } from './model.js';
import { stateOf } from './units.js';
import { textDirection } from '../text/index.js';

const HEADERS = ['id', 'context', 'source', 'translation', 'state'];

export async function writeXlsx(e: Exported): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'brochure translate export';
  const ws = wb.addWorksheet(`${e.sourceLang} to ${e.targetLang}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'id', key: 'id', width: 40 },
    { header: 'context', key: 'context', width: 40 },
    { header: `source (${e.sourceLang})`, key: 'source', width: 60 },
    { header: `translation (${e.targetLang})`, key: 'translation', width: 60 },
    { header: 'state', key: 'state', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  const rtl = textDirection(e.targetLang) === 'rtl';
  for (const u of e.units) {
    const row = ws.addRow({ id: u.id, context: noteOf(u), source: u.source, translation: u.target ?? '', state: xliffState(stateOf(u)) });
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell('translation').protection = { locked: false };
    row.getCell('state').protection = { locked: false };
    if (rtl) row.getCell('translation').alignment = { vertical: 'top', wrapText: true, horizontal: 'right', readingOrder: 'rtl' };
  }
  // One validation over the state column (cell by cell, exceljs wrote overlapping ranges
  // that LibreOffice and Excel report as damage).
  if (e.units.length) (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`E2:E${e.units.length + 1}`, { type: 'list', allowBlank: true, formulae: ['"needs-translation,translated,needs-review-translation,final"'] });
  // No password: the lock prevents slips, it is not a secret.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsx(bytes: Buffer): Promise<ReadFile> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { units: [], problems: [{ message: `not a spreadsheet exceljs can read (.xlsx): ${(e as Error).message.split('\n')[0]}` }] };
  }
  if (!wb.worksheets.length) return { units: [], problems: [{ message: 'the spreadsheet has no sheet' }] };
  // The sheet with the exported columns, wherever it is (a translator may add a sheet before it).
  const headOf = (w: ExcelJS.Worksheet) => HEADERS.map((_, i) => w.getRow(1).getCell(i + 1).text.trim());
  const fits = (h: string[]) => h[0] === 'id' && !!h[2]?.startsWith('source') && !!h[3]?.startsWith('translation') && h[4] === 'state';
  const ws = wb.worksheets.find((w) => fits(headOf(w)));
  const lang = (h: string) => /\(([a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]+)*)\)$/.exec(h)?.[1];
  if (!ws) {
    const first = headOf(wb.worksheets[0]!);
    return { units: [], problems: [{ where: `sheet "${wb.worksheets[0]!.name}", row 1`, message: `no sheet has the columns ${HEADERS.join(', ')} (the first has ${first.join(', ')}): export again with brochure translate export --format xlsx` }] };
  }
  const head = headOf(ws);
  const units: ReadUnit[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (i: number) => row.getCell(i).text;
    if (!cell(1).trim()) return;
    units.push({ id: cell(1).trim(), source: cell(3).normalize('NFC'), target: cell(4).normalize('NFC'), state: cell(5).trim().toLowerCase() || undefined, where: `cell D${n}` });
  });
  return { sourceLang: lang(head[2]), targetLang: lang(head[3]), units, problems: [] };
}
