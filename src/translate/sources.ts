// data/translated-sources.yaml: the source text each translation was made from, by language
// and unit id, written by `brochure translate import` and `translate confirm`. It tells which
// unit of a stale block changed, and lets the next export show the old source beside the
// new one. Nobody edits it by hand; deleting it loses only that detail (the blocks'
// translated_from fingerprints still say which translations are stale).
import { parse, stringify } from 'yaml';
import { readDataFile, type FileChange } from '../edit/index.js';
import type { Recorded } from './units.js';

const SOURCES_FILE = 'data/translated-sources.yaml';

const SOURCES_HEADER = `# Written by \`brochure translate import\` (do not edit): the source text each translation
# was made from, by language and translation unit. A translation whose source text changed
# since needs review (\`brochure translate status\`).
`;

export function readRecorded(root: string): Recorded {
  const text = readDataFile(root, SOURCES_FILE);
  if (!text) return {};
  try {
    const v = parse(text) as unknown;
    return v && typeof v === 'object' ? (v as Recorded) : {};
  } catch {
    return {}; // unreadable: only the detail of which unit changed is lost
  }
}

/** The file with `texts` (unit id → source text) recorded for a language; the tool owns it, so it is written whole. */
export function recordChange(root: string, lang: string, texts: Record<string, string>): FileChange {
  const before = readDataFile(root, SOURCES_FILE);
  const all = readRecorded(root);
  const mine = { ...(all[lang] ?? {}), ...texts };
  all[lang] = Object.fromEntries(Object.entries(mine).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { file: SOURCES_FILE, before, after: SOURCES_HEADER + stringify(all, { lineWidth: 0 }) };
}
