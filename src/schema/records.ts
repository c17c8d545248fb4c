// The records and the files they refer to: an action (card), the programme's wording, the
// SDG goals and the label catalogues (targets, recommendations, countries).
import { z } from 'zod';
import { isLanguageCode, LANGUAGES, otherLanguages } from '../text/index.js';
import { text, textList, perLanguage, targetCode, translatedFrom } from './common.js';

const ActionLanguage = z.strictObject({
  status: z.enum(['final', 'draft'], { error: 'expected final or draft' }).default('final').describe('final, or draft for a translation not yet checked (the sheet then carries the draft mark)'),
  cities: textList.optional().describe('The city names as written in this language, when they differ from the record\'s cities'),
  title: text.describe('The card\'s big title'),
  subtitle: text.optional().describe('One sentence under the title'),
  objective: text.describe('The Objective column: one paragraph'),
  activities: textList.describe('The Activities column: one bullet per item'),
  results: textList.describe('The Results column: one bullet per item'),
  translated_from: translatedFrom,
});
type ActionLanguage = z.infer<typeof ActionLanguage>;

const Partner = z.strictObject({
  name: text.describe('The partner\'s name as printed'),
  logo: text.optional().describe('An image inside assets/, e.g. logos/partner.png (PNG, JPEG or SVG)'),
  /** What a screen reader says for the logo (default: the name). */
  alt: text.optional().describe('What a screen reader says for the logo (default: the name)'),
  /** The language of the name (a screen reader pronounces it so): en for "Cities Alliance". */
  lang: z.string({ error: 'expected a language code such as en' }).refine(isLanguageCode, { error: 'expected an ISO 639-1 language code such as en, fr or ar' }).optional()
    .describe('The language the name is in, for screen readers (ISO 639-1, e.g. en); default: the programme\'s source language. Acronyms (all capitals) need none'),
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

const ProgrammeLanguage = z.strictObject({
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
type ProgrammeLanguage = z.infer<typeof ProgrammeLanguage>;

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
