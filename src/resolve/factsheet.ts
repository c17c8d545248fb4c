// Resolve a project factsheet into what its template lays out: headings from
// data/factsheet.yaml, catalogue labels, the period in words, typography, and the
// inline markup parsed into runs with footnotes numbered in reading order.
import type { ValidData } from '../validate/index.js';
import type { ValidFactsheet } from '../validate/index.js';
import type { Lang } from '../text/index.js';
import type { Problem } from '../problems.js';
// A translation whose source changed keeps the draft mark until it is reviewed.
import { isStale } from '../text/index.js';
import { paragraphs, parseInline } from '../text/index.js';
import { nonPublicReason } from '../text/index.js';
import { typography, textDirection } from '../text/index.js';
import { findSdgIcon, loadAsset, type Picture } from './assets.js';
import { creationDate, latinLanguageOf, resolveTarget, type DocumentMetadata, type PageSize, type ResolveOptions, type ResolvedTarget } from './card.js';

/** A stretch of text in one style; `note` is a footnote marker (its number). */
interface ResolvedRun {
  text: string;
  bold?: boolean;
  note?: number;
}
export type ResolvedParagraph = ResolvedRun[];

/** The factsheet's sections, in reading order; the template decides which page holds which. */
export type FactsheetSection = 'context' | 'objective' | 'results' | 'partners' | 'related' | 'strategy';

interface ResolvedFootnote {
  number: number;
  text: string;
  /** Public links are clickable; others are printed as text only. Printed in `parts`, between which a line may break. */
  link?: { url: string; parts: string[]; clickable: boolean };
  /** The section of its first marker: the footnote goes at the bottom of that section's page. */
  section: FactsheetSection;
}

export interface ResolvedFactsheet {
  template: 'factsheet';
  id: string;
  lang: Lang;
  direction: 'ltr' | 'rtl';
  pageSize: PageSize;
  header: { programme: string; series: string };
  title: string;
  period: string;
  coverage: { heading: string; place: string };
  context: { heading: string; paragraphs: ResolvedParagraph[] };
  objective: { heading: string; paragraphs: ResolvedParagraph[] };
  results: { heading: string; items: ResolvedParagraph[] };
  partners: { heading: string; items: { name: string; role: ResolvedParagraph }[] };
  related?: { heading: string; paragraphs: ResolvedParagraph[] };
  contributions: {
    heading: string;
    sdg: { heading: string; targets: ResolvedTarget[] };
    strategy?: { heading: string; items: ResolvedParagraph[] };
    gcm: { heading: string; items: { number: number; title: string }[] };
  };
  implementer: { heading: string; name: string };
  /** The EU (emblem and statement), or another funder by name and logo. */
  funder: { heading: string; eu?: { statement: string; emblemAlt: string }; name?: string; logo?: Picture };
  contact: {
    name: string;
    address: string;
    /** "Tél : +212 …", "Fax : …", "E-mail : …", each unbreakable */
    lines: string[];
    website?: { label: string; url: string; clickable: boolean };
  };
  footnotes: { heading: string; items: ResolvedFootnote[] };
  draftMark?: string;
  metadata: DocumentMetadata;
}

const NBSP = '\u00A0';

/**
 * A long web address in pieces that may each start a new line: after / . - _ ? & = and before
 * %-escapes, and a piece still longer than any line in chunks. React-PDF neither breaks a word
 * longer than the line (it is cut off) nor honours zero-width spaces, and its hyphenation would
 * print a misleading "-" (a reader would type it).
 */
function urlParts(url: string): string[] {
  const CHUNK = 24;
  return url
    .split(/(?<=[/.\-_&?=])|(?=%[0-9A-Fa-f]{2})/)
    .filter(Boolean)
    .flatMap((p) => (p.length <= CHUNK ? [p] : p.match(new RegExp(`.{1,${CHUNK}}`, 'gs'))!));
}

/** "Janvier 2020 – Avril 2021": month names from the language's calendar data. */
function period(from: string, to: string, lang: Lang): string {
  const fmt = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const month = (m: string) => {
    const s = fmt.format(new Date(`${m}-01T00:00:00Z`));
    return s.charAt(0).toLocaleUpperCase(lang) + s.slice(1);
  };
  return from === to ? month(from) : `${month(from)} – ${month(to)}`;
}

export function resolveFactsheet(data: ValidData, sheet: ValidFactsheet, lang: Lang, opts: ResolveOptions, problems: Problem[]): ResolvedFactsheet {
  const r = sheet.record;
  const text = r[lang]!;
  const words = data.factsheets.wording!.languages[lang]!;
  const programme = data.programme.languages[lang]!;
  const t = typography(lang);
  if (opts.pageSize === 'A4-landscape') {
    // Its two pages are designed upright: said once per record, not silently left portrait.
    problems.push({ file: sheet.file, message: `a factsheet is laid out on upright pages only: it is built in A4 portrait in this A4-landscape build (out/${lang}/${sheet.id}.pdf)`, severity: 'warning' });
  }

  // Footnotes are numbered in the order their markers are read.
  const numbers = new Map<string, number>();
  const footnotes: ResolvedFootnote[] = [];
  const runs = (s: string, section: FactsheetSection): ResolvedParagraph =>
    parseInline(t(s)).runs.map((run): ResolvedRun => {
      if (!run.note) return run.bold ? { text: run.text, bold: true } : { text: run.text };
      let n = numbers.get(run.note);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(run.note, n);
        const note = text.footnotes[run.note];
        footnotes.push({
          number: n,
          text: t(note.text),
          link: note.link ? { url: note.link, parts: urlParts(note.link), clickable: !nonPublicReason(note.link) } : undefined,
          section,
        });
      }
      return { text: String(n), note: n };
    });
  const paras = (s: string, section: FactsheetSection) => paragraphs(s).map((p) => runs(p, section));

  const cities = (text.cities ?? r.cities).map(t);
  const country = t(data.countries[r.country][lang]!);
  const place = cities.length ? `${cities.join(', ')} · ${country}` : country;

  let funder: ResolvedFactsheet['funder'] = { heading: t(words.funder) };
  if (r.funder === 'european-union') funder.eu = { statement: t(programme.funding_statement), emblemAlt: t(programme.emblem_alt) };
  else {
    funder.name = t(r.funder.name);
    if (r.funder.logo) {
      const asset = loadAsset(opts.root, r.funder.logo, opts.images);
      const at = { file: sheet.file, ...sheet.positionOf?.(['funder', 'logo']), field: 'funder.logo' };
      if (asset.ok) funder.logo = asset.picture;
      else problems.push({ ...at, message: asset.message, severity: 'error' });
      if (asset.ok && asset.warning) problems.push({ ...at, message: asset.warning, severity: 'warning' });
    }
  }

  const c = r.contact;
  // "Tél : +212 …" never breaks inside: a line break goes between the items.
  const keepTogether = (s: string) => s.replace(/ /g, NBSP);
  const contactLines = [
    c.phone && `${t(`${words.phone} : `)}${c.phone}`,
    c.fax && `${t(`${words.fax} : `)}${c.fax}`,
    c.email && `${t(`${words.email} : `)}${c.email}`,
  ].filter((x): x is string => Boolean(x)).map(keepTogether);

  const title = t(text.title);
  const resolved: ResolvedFactsheet = {
    template: 'factsheet',
    id: sheet.id,
    lang,
    direction: textDirection(lang),
    // A factsheet is a portrait document: a landscape build (for the cards) keeps it on portrait A4.
    pageSize: opts.pageSize === 'LETTER' ? 'LETTER' : 'A4',
    header: { programme: t(text.implementer).toLocaleUpperCase(lang), series: t(words.series) },
    title,
    period: period(r.period.from, r.period.to, lang),
    coverage: { heading: t(words.coverage), place },
    context: { heading: t(words.context), paragraphs: paras(text.context, 'context') },
    objective: { heading: t(words.objective), paragraphs: paras(text.objective, 'objective') },
    results: { heading: t(words.results), items: text.results.map((s) => runs(s, 'results')) },
    partners: { heading: t(words.partners), items: text.partners.map((p) => ({ name: t(p.name), role: runs(p.role, 'partners') })) },
    related: text.related ? { heading: t(words.related), paragraphs: paras(text.related, 'related') } : undefined,
    contributions: {
      heading: t(words.contributions),
      sdg: {
        heading: t(words.sdg),
        targets: r.targets.map((code) => {
          const icon = findSdgIcon(opts.root, lang, Number(code.split('.')[0]), opts.images);
          return resolveTarget(data, code, lang, icon?.ok ? icon.picture : undefined);
        }),
      },
      strategy: text.strategy ? { heading: t(text.strategy.heading), items: text.strategy.items.map((s) => runs(s, 'strategy')) } : undefined,
      gcm: { heading: t(words.gcm), items: r.gcm_objectives.map((n) => ({ number: n, title: t(data.factsheets.gcmObjectives![String(n)][lang]!) })) },
    },
    implementer: { heading: t(words.implementer), name: t(text.implementer) },
    funder,
    contact: {
      name: t(text.contact_name),
      address: t(c.address),
      lines: contactLines,
      website: c.website ? { label: c.website.replace(/^https?:\/\//, '').replace(/\/$/, ''), url: c.website, clickable: !nonPublicReason(c.website) } : undefined,
    },
    footnotes: { heading: t(words.footnotes), items: footnotes },
    draftMark: (text.status === 'draft' || isStale(r[data.programme.source_language], text)) && opts.showDraftMark !== false ? t(programme.draft_mark) : undefined,
    metadata: {
      title: text.title,
      subject: `${words.series} — ${place}`,
      author: text.implementer,
      language: lang,
      direction: textDirection(lang),
      creationDate: creationDate(data, opts.sourceDateEpoch),
      latinLanguage: latinLanguageOf(data, lang),
    },
  };
  return resolved;
}
