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
    row.getCell('state').dataValidation = { type: 'list', allowBlank: true, formulae: ['"needs-translation,translated,needs-review-translation,final"'] };
    if (rtl) row.getCell('translation').alignment = { vertical: 'top', wrapText: true, horizontal: 'right', readingOrder: 'rtl' };
  }
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
  const ws = wb.worksheets[0];
  if (!ws) return { units: [], problems: [{ message: 'the spreadsheet has no sheet' }] };
  const head = HEADERS.map((_, i) => ws.getRow(1).getCell(i + 1).text.trim());
  const lang = (h: string) => /\(([a-z]{2})\)$/.exec(h)?.[1];
  if (head[0] !== 'id' || !head[2]?.startsWith('source') || !head[3]?.startsWith('translation') || head[4] !== 'state') {
    return { units: [], problems: [{ where: 'row 1', message: `expected the columns ${HEADERS.join(', ')} (found ${head.join(', ')}): export again with brochure translate export --format xlsx` }] };
  }
  const units: ReadUnit[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (i: number) => row.getCell(i).text;
    if (!cell(1).trim()) return;
    units.push({ id: cell(1).trim(), source: cell(3).normalize('NFC'), target: cell(4).normalize('NFC'), state: cell(5).trim().toLowerCase() || undefined, where: `cell D${n}` });
  });
  return { sourceLang: lang(head[2]), targetLang: lang(head[3]), units, problems: [] };
}
