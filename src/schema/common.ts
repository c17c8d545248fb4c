// Pieces the record schemas share: a text, a list of texts, text per language, an SDG
// target code and the translation fingerprint.
import { z } from 'zod';
import { otherLanguages } from '../text/index.js';

export const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected text, found nothing' });
export const textList = z.array(text, { error: 'expected a list of text' }).min(1, { error: 'expected at least one item' });
/** Text per language; which languages are required is checked against the actions that use it. */
export const perLanguage = z.strictObject({ fr: text.optional(), en: text.optional(), ar: text.optional(), ...otherLanguages(text.optional()) });

export const targetCode = z
  .string({ error: 'expected a target code in quotes, e.g. "10.7" (unquoted, 16.10 would read as 16.1)' })
  .regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, { error: 'expected a target code such as "10.7" or "16.b"' });

/**
 * Written by `brochure translate import`: a short fingerprint of the source-language texts a
 * translated block was made from. When the source changes, the block is stale: it keeps the
 * "draft translation" mark until its translation is reviewed (src/text/fingerprint.ts).
 */
export const translatedFrom = z
  .string({ error: 'expected the fingerprint the translation tool wrote (8 letters and digits)' })
  .regex(/^[0-9a-f]{8}$/, { error: 'expected the fingerprint the translation tool wrote (8 letters and digits): leave it as it is, or remove it' })
  .optional();

