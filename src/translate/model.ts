// What an exported file carries and what an imported one gives back, whatever its format
// (XLIFF, spreadsheet): ./xliff.ts and ./xlsx.ts convert, ./import.ts checks and writes.
import type { Unit, UnitState } from './units.js';

/** XLIFF 1.2 state values (the spreadsheet's state column uses the same words). */
export type XliffState = 'needs-translation' | 'translated' | 'needs-review-translation' | 'final' | 'signed-off' | 'new';

export const xliffState = (s: UnitState): XliffState =>
  s === 'missing' ? 'needs-translation' : s === 'stale' || s === 'unverified' ? 'needs-review-translation' : s === 'final' ? 'final' : 'translated';

export interface Exported {
  sourceLang: string;
  targetLang: string;
  units: (Unit & { room?: string })[];
}

/** One unit as read back from a file. */
export interface ReadUnit {
  id: string;
  source: string;
  target: string;
  /** The state written in the file (lower case), if any. */
  state?: string;
  /** Marked approved (XLIFF approved="yes"): final work, whatever the state says. */
  approved?: boolean;
  /** Where it is in the file: "line 42" or "cell D7". */
  where: string;
}

export interface ReadFile {
  sourceLang?: string;
  targetLang?: string;
  units: ReadUnit[];
  /** Problems reading the file itself (not XML, wrong version, …), with where they are. */
  problems: { where?: string; message: string }[];
  /** Made again from a PO file (po2xliff): its units have that tool's ids, not this project's. */
  fromPo?: boolean;
}

/** The note a translator sees: the record and field, the current state and the room left. */
export function noteOf(u: Exported['units'][number]): string {
  const parts = [u.context];
  if (u.previousSource !== undefined) parts.push(`The source text changed since this was translated; it was: "${u.previousSource}"`);
  else if (u.stale) parts.push('The source text of this block changed since it was translated: check this translation');
  else if (u.unverified) parts.push('This translation was typed into the data directly: nothing records the source text it was made from; check it against the source (once imported or confirmed, it is tracked)');
  if (u.room) parts.push(u.room);
  return parts.join('. ');
}
