// Resolve the booklet of one language: its wording, and its action sheets in booklet order,
// grouped by country. Everything the booklet templates show is decided here.
import type { Booklet } from '../schema/index.js';
import type { Lang } from '../text/index.js';
import type { ValidAction, ValidData } from '../validate/index.js';
import type { Problem } from '../problems.js';
import { missingLanguage } from './languages.js';
import { creationDate, latinLanguageOf, resolveSheet, type DocumentMetadata, type PageSize, type ResolveOptions, type ResolvedSheet } from './card.js';
import { typography, textDirection, listSeparator } from '../text/index.js';
import { resolveFactsheet, type ResolvedFactsheet } from './factsheet.js';

interface BookletAction {
  id: string;
  /** Target of the contents links and bookmarks. */
  anchor: string;
  sheet: ResolvedSheet;
}

/** A project factsheet bound in the booklet (two pages), after the action sheets. */
interface BookletFactsheet {
  id: string;
  anchor: string;
  sheet: ResolvedFactsheet;
}

export interface BookletCountry {
  code: string;
  name: string;
  actions: BookletAction[];
}

export interface ResolvedBooklet {
  file: string;
  lang: Lang;
  direction: 'ltr' | 'rtl';
  pageSize: PageSize;
  programme: string;
  series: string;
  cover: { title: string; subtitle: string; partnersHeading: string; partners: string[] };
  introduction?: { heading: string; paragraphs: string[] };
  contentsHeading: string;
  fundingStatement: string;
  emblemAlt: string;
  /** The SDG strip of the cover in words, for screen readers. */
  coverGoalsAlt: string;
  credits: string[];
  countries: BookletCountry[];
  /** Listed under `factsheets:` in data/booklet.yaml, with their contents heading. */
  factsheets: { heading: string; items: BookletFactsheet[] };
  metadata: DocumentMetadata;
}

const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);

/**
 * The booklet's order: grouped by country (booklet `countries:` first, then the others by
 * name); within a country, a record's `order:` wins, then records without one by city.
 */
function orderActions(actions: ValidAction[], booklet: Booklet, countryName: (code: string) => string, collator: Intl.Collator): ValidAction[] {
  const countryRank = (code: string) => {
    const i = booklet.countries.indexOf(code);
    return i === -1 ? booklet.countries.length : i;
  };
  const firstCity = (a: ValidAction) => a.record.cities[0] ?? '';
  return [...actions].sort((a, b) =>
    countryRank(a.record.country) - countryRank(b.record.country) ||
    collator.compare(countryName(a.record.country), countryName(b.record.country)) ||
    (a.record.order ?? Infinity) - (b.record.order ?? Infinity) ||
    collator.compare(firstCity(a), firstCity(b)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every action of the data in the booklet's order, as the booklet of `lang` sets it (the studio's order editor). */
export function actionsInBookletOrder(data: ValidData, booklet: Booklet, lang: Lang): ValidAction[] {
  return orderActions(data.actions, booklet, (code) => data.countries[code]?.[lang] ?? code, new Intl.Collator(lang));
}

export function resolveBooklet(data: ValidData, booklet: Booklet, lang: Lang, opts: ResolveOptions, problems: Problem[]): ResolvedBooklet {
  const words = booklet.languages[lang]!;
  const programme = data.programme.languages[lang]!;
  const t = typography(lang);
  const countryName = (code: string) => data.countries[code]?.[lang] ?? code;

  const wanted = new Set<string>();
  let all = false;
  for (const doc of booklet.include) {
    if (doc.actions === 'all') all = true;
    else doc.actions?.forEach((id) => wanted.add(id));
  }
  const chosen = data.actions.filter((a) => all || wanted.has(a.id));
  // The booklet's languages are a promise: a record without text in one is left out of that
  // language's booklet, and the user is told which record, which language, which booklet.
  const leftOut = `it is left out of the ${lang} booklet (${booklet.file}.pdf) and has no ${lang} sheet`;
  for (const a of chosen) if (!a.languages.includes(lang)) problems.push(missingLanguage(a, [lang], leftOut));
  const ordered = orderActions(chosen.filter((a) => a.languages.includes(lang)), booklet, countryName, new Intl.Collator(lang));

  const countries: BookletCountry[] = [];
  for (const action of ordered) {
    const code = action.record.country;
    let group = countries.at(-1);
    if (group?.code !== code) countries.push((group = { code, name: t(countryName(code)), actions: [] }));
    group.actions.push({ id: action.id, anchor: `action-${action.id}`, sheet: resolveSheet(data, action, lang, opts, problems) });
  }

  const factsheets: BookletFactsheet[] = [];
  for (const id of booklet.include.flatMap((doc) => doc.factsheets ?? [])) {
    const record = data.factsheets.records.find((f) => f.id === id);
    if (!record) continue; // reported by the validation (validate/booklet.ts)
    if (!record.languages.includes(lang)) {
      problems.push(missingLanguage(record, [lang], leftOut));
      continue;
    }
    factsheets.push({ id, anchor: `factsheet-${id}`, sheet: resolveFactsheet(data, record, lang, opts, problems) });
  }
  const factsheetWords = data.factsheets.wording?.languages[lang];

  const title = `${words.cover_title} — ${words.cover_subtitle}`;
  return {
    file: booklet.file,
    lang,
    direction: textDirection(lang),
    pageSize: opts.pageSize ?? 'A4',
    programme: t(programme.programme),
    series: t(programme.series),
    cover: { title: t(words.cover_title), subtitle: t(words.cover_subtitle), partnersHeading: t(words.partners_heading), partners: words.partners.map(t) },
    introduction: words.introduction ? { heading: t(words.introduction.heading), paragraphs: paragraphs(words.introduction.text).map(t) } : undefined,
    contentsHeading: t(words.contents_heading),
    fundingStatement: t(programme.funding_statement),
    emblemAlt: t(programme.emblem_alt),
    coverGoalsAlt: t(`${programme.sdg_heading} ${coverGoals(countries).map((g) => g.goal).join(listSeparator[lang])}`),
    credits: paragraphs(words.credits).map(t),
    countries,
    factsheets: { heading: factsheetWords ? t(factsheetWords.booklet_heading) : '', items: factsheets },
    metadata: {
      title,
      subject: `${words.cover_subtitle} — ${countries.map((c) => countryName(c.code)).join(', ')}`,
      author: data.programme.author,
      language: lang,
      direction: textDirection(lang),
      creationDate: creationDate(data, opts.sourceDateEpoch),
      latinLanguage: latinLanguageOf(data, lang),
    },
  };
}

/** The goals a booklet's actions address, in goal order, with their colours (the cover's strip). */
export function coverGoals(countries: BookletCountry[]): { goal: number; colour: string }[] {
  const targets = countries.flatMap((c) => c.actions.flatMap((a) => a.sheet.targets));
  return [...new Map(targets.map((t) => [t.goal, t.colour])).entries()].sort((x, y) => x[0] - y[0]).map(([goal, colour]) => ({ goal, colour }));
}
