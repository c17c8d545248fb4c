// Stale translations: a translated language block records (`translated_from`) a short
// fingerprint of the source-language texts it was made from. When the source changes, the
// fingerprint no longer matches and the block needs review: `brochure list` and
// `brochure translate status` say so, the export marks its units "needs review", and the
// sheet keeps its "draft translation" mark. The tool writes the field (translate import,
// translate confirm); it is one short line, so it survives hand edits of the block around it.
// Imports nothing of the pipeline: resolve uses it for the draft mark.
import { createHash } from 'node:crypto';

/** Fields of a language block that are not text to translate. */
const NOT_TEXT = new Set(['status', 'translated_from', 'link', 'logo', 'url', 'website', 'email']);

/** The texts of a block, in order, with their paths inside it (status and links left out). */
export function blockTexts(block: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof block === 'string') return [{ path, text: block }];
  if (Array.isArray(block)) return block.flatMap((v, i) => blockTexts(v, [...path, i]));
  if (block && typeof block === 'object') {
    return Object.entries(block).flatMap(([k, v]) => (NOT_TEXT.has(k) ? [] : blockTexts(v, [...path, k])));
  }
  return [];
}

/** Eight hex digits of SHA-256 over the texts (NFC, spacing as a reader sees it). */
function fingerprint(texts: readonly string[]): string {
  const h = createHash('sha256');
  for (const t of texts) h.update(t.normalize('NFC').replace(/\s+/g, ' ').trim() + '\u0000');
  return h.digest('hex').slice(0, 8);
}

/** The fingerprint of a source block as `translated_from` records it. */
export const blockFingerprint = (sourceBlock: unknown): string =>
  // By field, not in the file's order: the validated record has its schema's key order.
  fingerprint(blockTexts(sourceBlock).map((t) => `${JSON.stringify(t.path)}\u0001${t.text}`).sort());

/** True when a translated block was made from source text that has changed since. */
export function isStale(sourceBlock: unknown, translatedBlock: unknown): boolean {
  const from = translatedBlock && typeof translatedBlock === 'object' ? (translatedBlock as { translated_from?: unknown }).translated_from : undefined;
  return typeof from === 'string' && sourceBlock !== undefined && from !== blockFingerprint(sourceBlock);
}

/**
 * True when a translated block records no source at all: typed into the data by hand (or
 * made before translations were tracked), so no later change of the source can show. It is
 * "unverified" until `brochure translate confirm` (or an import) records its source.
 */
export function isUnverified(translatedBlock: unknown): boolean {
  return !!translatedBlock && typeof translatedBlock === 'object' && !Array.isArray(translatedBlock) && typeof (translatedBlock as { translated_from?: unknown }).translated_from !== 'string';
}
