// A card: a valid action resolved into one sheet per language with every look-up done
// (catalogue labels, goal colours, country names, wording, typography, images).
import type { ValidAction, ValidData } from '../validate/index.js';
import type { Lang } from '../text/index.js';
import type { Problem } from '../problems.js';
// A translation whose source changed keeps the draft mark until it is reviewed (isStale).
import { isStale, listSeparator, typography, textDirection } from '../text/index.js';
import { findSdgIcon, loadAsset, type Picture } from './assets.js';
import type { PreparedImages } from './images.js';

export type PageSize = 'A4' | 'A4-landscape' | 'LETTER';

export interface ResolvedTarget {
  code: string;
  goal: number;
  colour: string;
  goalTitle: string;
  label: string;
  /** The official icon, when the team dropped one into assets/sdg/<lang>/. */
  icon?: Picture;
  /** The tile in words, for screen readers (programme wording `target_alt`). */
  alt: string;
}

export interface ResolvedPartner {
  name: string;
  logo?: Picture;
  /** What a screen reader says for the logo. */
  alt: string;
  /** The language of the name, when the record gives one other than the document's. */
  lang?: string;
}

export interface ResolvedSheet {
  id: string;
  lang: Lang;
  direction: 'ltr' | 'rtl';
  pageSize: PageSize;
  programme: string;
  series: string;
  title: string;
  subtitle?: string;
  acronym?: string;
  /** "Casablanca, Maroc" */
  place: string;
  country: string;
  cities: string[];
  targets: ResolvedTarget[];
  sdgHeading: string;
  objective: { heading: string; paragraphs: string[] };
  activities: { heading: string; items: string[] };
  results: { heading: string; items: string[] };
  recommendations: { heading: string; items: string[] };
  fundingStatement: string;
  /** Alternative text of the EU emblem. */
  emblemAlt: string;
  partners: { heading: string; items: ResolvedPartner[] };
  /** Shown discreetly on draft translations, unless turned off for proofs. */
  draftMark?: string;
  metadata: DocumentMetadata;
}

/** What a PDF says about itself: title, language, and for right-to-left text the language of its Latin-script names. */
export interface DocumentMetadata {
  title: string;
  subject: string;
  author: string;
  language: string;
  /** 'rtl': the document binds on the right (two-page views show spreads right to left, handouts are imposed so). */
  direction: 'ltr' | 'rtl';
  creationDate: Date;
  latinLanguage?: string;
}

/** "{goal}, {goal_title}" → the values: programme wording with placeholders. */
function fillIn(pattern: string, values: Record<string, string | number>): string {
  return pattern.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}

/** A catalogue title in capitals, as a screen reader should read it: "Inégalités réduites". */
function sentenceCase(s: string, lang: Lang): string {
  const lower = s.toLocaleLowerCase(lang);
  return lower.charAt(0).toLocaleUpperCase(lang) + lower.slice(1);
}

/** A target with its goal's colour, title and icon, and its alternative text, in one language. */
export function resolveTarget(data: ValidData, code: string, lang: Lang, icon: Picture | undefined): ResolvedTarget {
  const t = typography(lang);
  const goal = Number(code.split('.')[0]);
  const g = data.goals[String(goal)];
  const goalTitle = t(g.title[lang]!);
  const label = t(data.targetLabels[code][lang]!);
  const alt = t(fillIn(data.programme.languages[lang]!.target_alt, { goal, goal_title: sentenceCase(g.title[lang]!, lang), code, label: data.targetLabels[code][lang]! }));
  return { code, goal, colour: g.colour, goalTitle, label, icon, alt };
}

/** The language of Latin-script names in a right-to-left document: the records' source language. */
export function latinLanguageOf(data: ValidData, lang: Lang): string | undefined {
  return textDirection(lang) === 'rtl' ? data.programme.source_language : undefined;
}

export interface ResolveOptions {
  root: string;
  pageSize?: PageSize;
  showDraftMark?: boolean;
  /** SOURCE_DATE_EPOCH, if set: overrides the programme's edition date. */
  sourceDateEpoch?: string;
  /** Images checked and downsampled for print (./images.ts); without them, files are used as they are. */
  images?: PreparedImages;
}

export function creationDate(data: ValidData, sourceDateEpoch?: string): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  return new Date(`${data.programme.edition_date}T00:00:00Z`);
}

export function resolveSheet(data: ValidData, action: ValidAction, lang: Lang, opts: ResolveOptions, problems: Problem[]): ResolvedSheet {
  const r = action.record;
  const text = r[lang]!;
  const words = data.programme.languages[lang]!;
  const t = typography(lang);
  const goalOf = (code: string) => Number(code.split('.')[0]);
  const cities = (text.cities ?? r.cities).map(t);
  const country = t(data.countries[r.country][lang]!);

  const partners = r.partners.map((p, i): ResolvedPartner => {
    const named = { name: t(p.name), alt: t(p.alt ?? p.name), ...(p.lang && p.lang !== lang ? { lang: p.lang } : {}) };
    if (!p.logo) return named;
    const asset = loadAsset(opts.root, p.logo, opts.images);
    const at = { file: action.file, ...action.positionOf?.(['partners', i, 'logo']), field: `partners[${i + 1}].logo` };
    if (!asset.ok) {
      problems.push({ ...at, message: asset.message, severity: 'error' });
      return named;
    }
    if (asset.warning) problems.push({ ...at, message: asset.warning, severity: 'warning' });
    return { ...named, logo: asset.picture };
  });

  const sdgIcon = (goal: number): Picture | undefined => {
    const found = findSdgIcon(opts.root, lang, goal, opts.images);
    if (found && !found.ok) problems.push({ file: `assets/sdg/${lang}`, message: `${found.message} (the official icon of goal ${goal})`, severity: 'error' });
    if (found?.ok && found.warning) problems.push({ file: `assets/sdg/${lang}`, message: `${found.warning} (the official icon of goal ${goal})`, severity: 'warning' });
    return found?.ok ? found.picture : undefined;
  };
  return {
    id: action.id,
    lang,
    direction: textDirection(lang),
    pageSize: opts.pageSize ?? 'A4',
    programme: t(words.programme),
    series: t(words.series),
    title: t(text.title),
    subtitle: text.subtitle ? t(text.subtitle) : undefined,
    acronym: r.acronym ? t(r.acronym) : undefined,
    place: cities.length ? `${cities.join(listSeparator[lang])} · ${country}` : country,
    country,
    cities,
    targets: r.targets.map((code) => resolveTarget(data, code, lang, sdgIcon(goalOf(code)))),
    sdgHeading: t(words.sdg_heading),
    objective: { heading: t(words.columns.objective), paragraphs: text.objective.split(/\n\s*\n/).map((p) => t(p.replace(/\s+/g, ' ').trim())) },
    activities: { heading: t(words.columns.activities), items: text.activities.map(t) },
    results: { heading: t(words.columns.results), items: text.results.map(t) },
    recommendations: { heading: t(words.recommendations_heading), items: r.recommendations.map((id) => t(data.recommendations[id][lang]!)) },
    fundingStatement: t(words.funding_statement),
    emblemAlt: t(words.emblem_alt),
    partners: { heading: t(words.partners_heading), items: partners },
    draftMark: (text.status === 'draft' || isStale(r[data.programme.source_language], text)) && opts.showDraftMark !== false ? t(words.draft_mark) : undefined,
    metadata: {
      title: text.title,
      subject: `${words.series} — ${cities.length ? cities.join(listSeparator[lang]) : country}`,
      author: data.programme.author,
      language: lang,
      direction: textDirection(lang),
      creationDate: creationDate(data, opts.sourceDateEpoch),
      latinLanguage: latinLanguageOf(data, lang),
    },
  };
}
