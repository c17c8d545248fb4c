// `brochure check`: everything a build would find (data, fonts, fitting), one line per
// sheet saying whether it fits and at what size, and nothing written.
import { loadForRender, resolveAll, type BuildOptions } from '../build.js';
import { DataError, type Problem } from '../problems.js';
import { DEFAULT_BODY_SIZE } from '../../templates/theme.js';
import { fitSheets, glyphProblems } from './sheets.js';
import { checkSelection } from '../documents.js';

export interface CheckReport {
  sheets: number;
  /** Sheets whose body text had to be made smaller to fit. */
  stepped: number;
  overflows: number;
  problems: Problem[];
}

/** Throws DataError when the data itself is invalid; otherwise reports every sheet. */
export async function check(opts: BuildOptions): Promise<CheckReport> {
  const log = opts.log ?? (() => {});
  const { data, warnings, images } = await loadForRender(opts.root);
  warnings.push(...checkSelection(data, opts));
  const sheets = resolveAll(data, { ...opts, images }, warnings);
  const glyphs = glyphProblems(sheets, data.actions);
  if (glyphs.length) throw new DataError([...warnings, ...glyphs]);
  let stepped = 0;
  const { results, problems, warnings: fitWarnings } = await fitSheets(sheets, data.actions, ({ sheet, fitted }) => {
    const name = `${sheet.lang}/${sheet.id}`.padEnd(40);
    if (!fitted) return log(`  ${name} does not fit`);
    if (fitted.bodySize < DEFAULT_BODY_SIZE) stepped++;
    log(`  ${name} fits${fitted.bodySize < DEFAULT_BODY_SIZE ? ` at ${fitted.bodySize} pt (body text stepped down from ${DEFAULT_BODY_SIZE} pt)` : ''}`);
  });
  return { sheets: sheets.length, stepped, overflows: results.filter((r) => !r.fitted).length, problems: [...warnings, ...fitWarnings, ...problems] };
}
