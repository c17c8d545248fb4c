// The shape of data/booklet.yaml: the combined booklet, one per language.
import { z } from 'zod';
import { otherLanguages } from '../text/index.js';
import { text } from './common.js';

const BookletLanguage = z.strictObject({
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
type BookletLanguage = z.infer<typeof BookletLanguage>;

/**
 * What the booklet holds: action sheets (`actions: all` or a list of ids), grouped by
 * country, then project factsheets (`factsheets: [ids]`) in the order listed.
 */
const BookletDocuments = z
  .strictObject({
    actions: z.union([z.literal('all'), z.array(text).min(1, { error: 'expected at least one action id' })], {
      error: 'expected all, or a list of action ids',
    }).optional(),
    factsheets: z.array(text, { error: 'expected a list of factsheet ids' }).min(1, { error: 'expected at least one factsheet id' }).optional(),
  })
  .refine((d) => d.actions !== undefined || d.factsheets !== undefined, { error: 'expected actions: (all or a list of ids) or factsheets: (a list of ids)' });
type BookletDocuments = z.infer<typeof BookletDocuments>;

export const Booklet = z.strictObject({
  /** Output file name in out/<lang>/, without .pdf. */
  file: z.string({ error: 'expected a file name' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a file name of lower-case letters, digits and "-"' }),
  include: z.array(BookletDocuments, { error: 'expected a list of documents' }).min(1, { error: 'expected at least one entry' }),
  /** Country order (codes); countries not listed follow, by name. */
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as MA' }), { error: 'expected a list of country codes' }).default([]),
  languages: z.strictObject({ fr: BookletLanguage.optional(), en: BookletLanguage.optional(), ar: BookletLanguage.optional(), ...otherLanguages(BookletLanguage.optional()) }),
});
export type Booklet = z.infer<typeof Booklet>;
