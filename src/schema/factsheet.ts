// The project factsheet record (data/factsheets/<id>.yaml) and its wording file
// (data/factsheet.yaml). Shared facts once; text per language.
import { z } from 'zod';
import { otherLanguages } from '../text/index.js';
import { text, textList, targetCode, translatedFrom } from './common.js';
const month = z
  .string({ error: 'expected a month such as "2020-01" (in quotes)' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month such as "2020-01"' });

/** A footnote: its text, and the address it points to (if any). */
const Footnote = z.strictObject({
  text,
  link: z.string({ error: 'expected a web address such as https://example.org/page' }).trim().min(1).optional(),
});

const FactsheetLanguage = z.strictObject({
  status: z.enum(['final', 'draft'], { error: 'expected final or draft' }).default('final'),
  cities: textList.optional(),
  title: text,
  /** Paragraphs (a blank line between them); **bold** and footnote markers [^id] allowed. */
  context: text,
  objective: text,
  results: textList,
  partners: z.array(z.strictObject({ name: text, role: text }), { error: 'expected a list of partners (name, role)' }).default([]),
  /** Programmes the project builds on, usually with footnote markers. */
  related: text.optional(),
  /** The national strategy's objectives the project contributes to. */
  strategy: z.strictObject({ heading: text, items: textList }).optional(),
  footnotes: z.record(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a footnote id: lower-case letters, digits and "-"' }), Footnote).default({}),
  /** e.g. "OIM — ONU Migration" */
  implementer: text,
  /** The organisation named above the contact details. */
  contact_name: text,
  /** Written by the translation tool, last in the block (src/text/fingerprint.ts). */
  translated_from: translatedFrom,
});
type FactsheetLanguage = z.infer<typeof FactsheetLanguage>;

const Funder = z.union(
  [
    z.literal('european-union'),
    z.strictObject({ name: text, logo: text.optional() }),
  ],
  { error: 'expected european-union, or a funder with a name (and optionally a logo)' },
);
type Funder = z.infer<typeof Funder>;

export const FactsheetRecord = z.strictObject({
  template: z.literal('factsheet', { error: 'expected factsheet (city-action cards go in data/actions/)' }).default('factsheet'),
  country: z.string({ error: 'expected a country code' }).regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as MA' }),
  cities: z.array(text, { error: 'expected a list of city names' }).default([]),
  period: z.strictObject({ from: month, to: month }),
  targets: z.array(targetCode, { error: 'expected a list of target codes' }).default([]),
  /** Global Compact for Migration objectives, by number (1–23). */
  gcm_objectives: z.array(z.number({ error: 'expected an objective number' }).int().min(1).max(23, { error: 'expected an objective number from 1 to 23' })).default([]),
  funder: Funder,
  contact: z.strictObject({
    address: text,
    phone: text.optional(),
    fax: text.optional(),
    email: text.optional(),
    website: text.optional(),
  }),
  order: z.number({ error: 'expected a number' }).optional(),
  fr: FactsheetLanguage.optional(),
  en: FactsheetLanguage.optional(),
  ar: FactsheetLanguage.optional(),
  ...otherLanguages(FactsheetLanguage.optional()),
});
export type FactsheetRecord = z.infer<typeof FactsheetRecord>;

/** Headings and labels of the factsheet template, per language (data/factsheet.yaml). */
const FactsheetWordingLanguage = z.strictObject({
  series: text,
  coverage: text,
  context: text,
  objective: text,
  results: text,
  partners: text,
  related: text,
  contributions: text,
  sdg: text,
  gcm: text,
  implementer: text,
  funder: text,
  phone: text,
  fax: text,
  email: text,
  website: text,
  footnotes: text,
  /** The factsheets' heading in a booklet's contents and outline. */
  booklet_heading: text,
});
type FactsheetWordingLanguage = z.infer<typeof FactsheetWordingLanguage>;

export const FactsheetWording = z.strictObject({
  languages: z.strictObject({ fr: FactsheetWordingLanguage.optional(), en: FactsheetWordingLanguage.optional(), ar: FactsheetWordingLanguage.optional(), ...otherLanguages(FactsheetWordingLanguage.optional()) }),
});
export type FactsheetWording = z.infer<typeof FactsheetWording>;
