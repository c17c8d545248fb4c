// A record's languages against the languages it is expected in (a booklet's, a --lang filter).
import type { LoadedFile } from '../load/index.js';
import type { Problem } from '../problems.js';
import { LANGUAGES, type Lang } from '../text/index.js';

/**
 * A record without text in a language it is expected in: where to add the block (beside
 * the language blocks it has), and the warning saying what is left out.
 */
export function missingLanguage(record: { id: string; file: string; languages: Lang[]; positionOf?: LoadedFile['positionOf'] }, langs: Lang[], consequence: string): Problem {
  const has = LANGUAGES.filter((l) => record.languages.includes(l));
  const at = has.length ? record.positionOf?.([has[0]], { key: true }) : undefined;
  return {
    file: record.file, ...at, field: langs[0],
    message: `"${record.id}" has no ${langs.join(' or ')} text (only ${has.join(', ')}): ${consequence}; add an ${langs[0]}: block beside the ${has[0]}: block (status: draft while it is being translated)`,
    severity: 'warning',
  };
}
