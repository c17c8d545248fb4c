// The shape of data/booklet.yaml: the combined booklet, one per language.
import { z } from 'zod';

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected text, found nothing' });

export const BookletLanguage = z.strictObject({
  cover_title: text,
  cover_subtitle: text,
  /** e.g. "Mis en œuvre par"; the names follow. */
  partners_heading: text,
  partners: z.array(text, { error: 'expected a list of partner names' }).min(1, { error: 'expected at least one partner' }),
  introduction: z
    .strictObject({
      heading: text,
      /** Paragraphs: a blank line starts a new one. */
      text,
    })
    .optional(),
  contents_heading: text,
  /** Back-cover credits; a blank line starts a new paragraph. */
  credits: text,
});
export type BookletLanguage = z.infer<typeof BookletLanguage>;

/**
 * What the booklet holds, in this order. Today only the action sheets; project factsheets
 * will be another kind of entry here (e.g. `- factsheets: [rabat-oujda]`).
 */
export const BookletDocuments = z.strictObject({
  actions: z.union([z.literal('all'), z.array(text).min(1, { error: 'expected at least one action id' })], {
    error: 'expected all, or a list of action ids',
  }),
});
export type BookletDocuments = z.infer<typeof BookletDocuments>;

export const Booklet = z.strictObject({
  /** Output file name in out/<lang>/, without .pdf. */
  file: z.string({ error: 'expected a file name' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a file name of lower-case letters, digits and "-"' }),
  include: z.array(BookletDocuments, { error: 'expected a list of documents' }).min(1, { error: 'expected at least one entry' }),
  /** Country order (codes); countries not listed follow, by name. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as MA' }), { error: 'expected a list of country codes' }).default([]),
  languages: z.strictObject({ fr: BookletLanguage.optional(), en: BookletLanguage.optional(), ar: BookletLanguage.optional() }),
});
export type Booklet = z.infer<typeof Booklet>;
