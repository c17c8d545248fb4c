// The shape of the data, in zod. The JSON Schemas in data/schemas/ are generated from
// these (`brochure schema`), so editors and the tool agree on one definition.
import { z } from 'zod';
import { Booklet } from './booklet.js';

import { LANGUAGES } from './languages.js';
import { otherLanguages } from './isoLanguages.js';
export { LANGUAGES, type Lang } from './languages.js';

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'expected text, found nothing' });
const textList = z.array(text, { error: 'expected a list of text' }).min(1, { error: 'expected at least one item' });
/** Text per language; which languages are required is checked against the actions that use it. */
const perLanguage = z.strictObject({ fr: text.optional(), en: text.optional(), ar: text.optional(), ...otherLanguages(text.optional()) });

export const targetCode = z
  .string({ error: 'expected a target code in quotes, e.g. "10.7" (unquoted, 16.10 would read as 16.1)' })
  .regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, { error: 'expected a target code such as "10.7" or "16.b"' });

/**
 * Written by `brochure translate import`: a short fingerprint of the source-language texts a
 * translated block was made from. When the source changes, the block is stale: it keeps the
 * "draft translation" mark until its translation is reviewed (src/translate/fingerprint.ts).
 */
export const translatedFrom = z
  .string({ error: 'expected the fingerprint the translation tool wrote (8 letters and digits)' })
  .regex(/^[0-9a-f]{8}$/, { error: 'expected the fingerprint the translation tool wrote (8 letters and digits): leave it as it is, or remove it' })
  .optional();

export const ActionLanguage = z.strictObject({
  status: z.enum(['final', 'draft'], { error: 'expected final or draft' }).default('final').describe('final, or draft for a translation not yet checked (the sheet then carries the draft mark)'),
  cities: textList.optional().describe('The city names as written in this language, when they differ from the record\'s cities'),
  title: text.describe('The card\'s big title'),
  subtitle: text.optional().describe('One sentence under the title'),
  objective: text.describe('The Objective column: one paragraph'),
  activities: textList.describe('The Activities column: one bullet per item'),
  results: textList.describe('The Results column: one bullet per item'),
  translated_from: translatedFrom,
});
export type ActionLanguage = z.infer<typeof ActionLanguage>;

export const Partner = z.strictObject({
  name: text.describe('The partner\'s name as printed'),
  logo: text.optional().describe('An image inside assets/, e.g. logos/partner.png (PNG, JPEG or SVG)'),
  /** What a screen reader says for the logo (default: the name). */
  alt: text.optional().describe('What a screen reader says for the logo (default: the name)'),
});

export const ActionRecord = z.strictObject({
  template: z.literal('card', { error: 'expected card (project factsheets go in data/factsheets/)' }).default('card'),
  country: z.string({ error: 'expected a country code' }).regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as MA' }).describe('Two-letter country code from data/catalogues/countries.yaml, e.g. MA'),
  /** May be empty when a card names no city: the sheet then shows the country alone. */
  cities: z.array(text, { error: 'expected a list of city names' }).default([]).describe('The cities of the action, e.g. [Rabat]'),
  acronym: text.optional().describe('The action\'s acronym, when it has one'),
  targets: z.array(targetCode, { error: 'expected a list of target codes' }).min(1, { error: 'expected at least one target' }).describe('SDG target codes in quotes, from data/catalogues/sdg-targets.yaml, e.g. ["10.7", "11.1"]'),
  recommendations: z.array(text, { error: 'expected a list of recommendation ids' }).default([]).describe('MC2CM recommendation ids from data/catalogues/recommendations.yaml'),
  partners: z.array(Partner, { error: 'expected a list of partners' }).default([]).describe('Partners shown with their logos'),
  order: z.number({ error: 'expected a number' }).optional().describe('Position in the booklet within its country (smaller first)'),
  fr: ActionLanguage.optional().describe('The French text'),
  en: ActionLanguage.optional().describe('The English text'),
  ar: ActionLanguage.optional().describe('The Arabic text'),
  ...otherLanguages(ActionLanguage.optional()),
});
export type ActionRecord = z.infer<typeof ActionRecord>;

export const SdgGoals = z.record(
  z.string().regex(/^([1-9]|1[0-7])$/, { error: 'expected a goal number from 1 to 17' }),
  z.strictObject({
    colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'expected a colour such as "#E5243B"' }),
    title: perLanguage,
    targets: z.array(targetCode),
  }),
);
export type SdgGoals = z.infer<typeof SdgGoals>;

export const LabelCatalogue = z.record(z.string(), perLanguage);
export type LabelCatalogue = z.infer<typeof LabelCatalogue>;

export const ProgrammeLanguage = z.strictObject({
  programme: text,
  series: text,
  columns: z.strictObject({ objective: text, activities: text, results: text }),
  recommendations_heading: text,
  sdg_heading: text,
  partners_heading: text,
  funding_statement: text,
  draft_mark: text,
  /** Alternative text of the EU emblem, for screen readers. */
  emblem_alt: text,
  /** Alternative text of an SDG target tile: {goal}, {goal_title}, {code} and {label} are filled in. */
  target_alt: text,
});
export type ProgrammeLanguage = z.infer<typeof ProgrammeLanguage>;

export const Programme = z.strictObject({
  edition_date: z
    .string({ error: 'expected a date such as 2021-06-01' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date such as 2021-06-01' }),
  author: text,
  /** The language the records are written in first (the source of translations). */
  source_language: z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }),
  languages: z.strictObject({ fr: ProgrammeLanguage.optional(), en: ProgrammeLanguage.optional(), ar: ProgrammeLanguage.optional(), ...otherLanguages(ProgrammeLanguage.optional()) }),
});
export type Programme = z.infer<typeof Programme>;

/**
 * How they are published: a schema used in several places (a language block, under each of
 * the ISO 639-1 codes) is written once under $defs and referred to.
 */
export const JSON_SCHEMA_OPTIONS = { io: 'input', reused: 'ref' } as const;

/** Schemas published as JSON Schema for editors, by file name. */
export const PUBLISHED_SCHEMAS = {
  'action.schema.json': ActionRecord,
  'programme.schema.json': Programme,
  'sdg-goals.schema.json': SdgGoals,
  'labels.schema.json': LabelCatalogue,
  'booklet.schema.json': Booklet,
} as const;
