// The booklet's own pages: cover, optional introduction, contents, blank pages for the
// binding, back cover. The cards and factsheets are not laid out again: their single sheets'
// pages are bound between these (src/assemble/pdf.ts), with a page number stamped in the same
// place as here (the last page of this document holds the digits for that). A pure function
// of the plan: every page and page number is decided in src/resolve/bookletPlan.ts.
import { Page, View, Text, Link } from '@react-pdf/renderer';
import type { BookletFrontMatter, BookletPage, BookletPlan, ContentsRow } from '../src/resolve/index.js';
import { booklet as tokens, colours, pageSizes, scale, tint } from '../src/design/index.js';
import { FundingFooter, HeaderBand, whole } from './parts.js';
import { EuEmblem } from './EuEmblem.js';
import { dir, type Dir } from './direction.js';
import { TaggedDocument } from './TaggedDocument.js';

// Structure (tagged PDF): the cover title is the booklet's heading (H1); the introduction, the
// contents (a TOC whose entries are the links) and each card are sections under it (H2);
// header bands, funding footers and page numbers repeat on every page and are artifacts.

const s = scale();
const c = tokens.contents;

type Front = BookletFrontMatter;

function PageShell({ b, number, children }: { b: Front; number: number; children: React.ReactNode }) {
  const size = pageSizes[b.pageSize];
  const d = dir(b.direction);
  return (
    <Page size={[size.width, size.height]} style={{ backgroundColor: colours.white, paddingBottom: s.footerHeight }}>
      <HeaderBand programme={b.programme} series={b.series} running s={s} d={d} />
      <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap }}>{children}</View>
      <FundingFooter statement={b.fundingStatement} emblemAlt={b.emblemAlt} partnersHeading="" partners={[]} running s={s} d={d} />
      <Folio number={number} d={d} />
    </Page>
  );
}

function Cover({ b }: { b: Front }) {
  const size = pageSizes[b.pageSize];
  const d = dir(b.direction);
  return (
    <Page size={[size.width, size.height]} style={{ backgroundColor: colours.white }}>
      <View style={{ flexGrow: 1, backgroundColor: tokens.coverBand, paddingHorizontal: s.margin * 1.5, paddingTop: 90, paddingBottom: 48, justifyContent: 'space-between' }}>
        <View>
          <View style={{ width: 56, height: 4, backgroundColor: colours.accent, marginBottom: 22, ...d.selfStart }} />
          <Text role="H1" hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 36, lineHeight: 1.12, color: colours.white }}>{b.cover.title}</Text>
          <Text role="P" hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 20, lineHeight: 1.25, letterSpacing: d.tracking(20, 0.02), color: tokens.coverAccent, marginTop: 18 }}>{b.cover.subtitle}</Text>
        </View>
        <View>
          <CoverGoals b={b} d={d} />
          <View role="L">
            {b.countries.map((country) => (
              <View key={country.code} role="LI" style={{ flexDirection: d.row, alignItems: 'baseline', borderTopWidth: 0.5, borderTopColor: tint(tokens.coverBand, 0.3), paddingVertical: 6 }}>
                <Text role="Lbl" style={{ ...d.text, width: 120, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 9, letterSpacing: d.tracking(9), color: tokens.coverAccent, textTransform: 'uppercase' }}>{country.name}</Text>
                <Text role="LBody" style={{ ...d.text, flex: 1, fontFamily: d.fonts.body, fontSize: 9.5, color: colours.white }}>{country.cities.join(' · ') || '—'}</Text>
              </View>
            ))}
          </View>
        </View>
      </View>
      <View style={{ paddingHorizontal: s.margin * 1.5, paddingVertical: 26, flexDirection: d.row, justifyContent: 'space-between', alignItems: 'flex-end' }}>
        <View role="Div" style={{ flex: 1, ...d.marginEnd(24) }}>
          <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 7.5, letterSpacing: d.tracking(7.5), color: colours.muted, textTransform: 'uppercase', marginBottom: 5 }}>{b.cover.partnersHeading}</Text>
          {b.cover.partners.map((p, i) => (
            <Text key={i} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 9, lineHeight: 1.35, color: colours.brand }}>{p}</Text>
          ))}
        </View>
        {/* The emblem always stands with the statement. */}
        <View role="Div" style={{ flexDirection: d.row, alignItems: 'center' }}>
          <View role="Figure" alt={b.emblemAlt}><EuEmblem height={34} /></View>
          <Text style={{ ...d.text, ...d.marginStart(9), fontFamily: d.fonts.body, fontSize: 10, color: colours.euBlue }}>{b.fundingStatement}</Text>
        </View>
      </View>
    </Page>
  );
}

/** The goals the booklet's actions address, as a strip of goal-coloured squares (one picture, described in words). */
function CoverGoals({ b, d }: { b: Front; d: Dir }) {
  const goals = b.goals.map(({ goal, colour }) => [goal, colour] as const);
  const heading = b.goalsHeading;
  if (!goals.length || !heading) return null;
  return (
    <View role="Figure" alt={b.coverGoalsAlt} style={{ marginBottom: 26 }}>
      <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 7.5, letterSpacing: d.tracking(7.5), color: tokens.coverAccent, textTransform: 'uppercase', marginBottom: 7 }}>{heading}</Text>
      <View style={{ flexDirection: d.row }}>
        {goals.map(([goal, colour]) => (
          <View key={goal} style={{ width: 28, height: 28, backgroundColor: colour, ...d.marginEnd(4), padding: 3, borderWidth: 0.75, borderColor: tint(colour, 0.45) }}>
            <Text style={{ ...d.text, fontFamily: d.fonts.condensed, fontWeight: 700, fontSize: 11, lineHeight: 1, color: colours.white }}>{goal}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function PageTitle({ children, d }: { children: string; d: Dir }) {
  return (
    <View style={{ height: c.firstPageTop - s.gap, justifyContent: 'flex-end', paddingBottom: 22 }}>
      <View style={{ width: 40, height: 3, backgroundColor: colours.accent, marginBottom: 12, ...d.selfStart }} />
      <Text role="H2" style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 26, color: colours.brand }}>{children}</Text>
    </View>
  );
}

function Introduction({ b, number }: { b: Front; number: number }) {
  const intro = b.introduction!;
  const d = dir(b.direction);
  return (
    <PageShell b={b} number={number}>
      <View role="Sect">
      <PageTitle d={d}>{intro.heading}</PageTitle>
      <View style={{ width: '78%', ...d.selfStart }}>
        {intro.paragraphs.map((p, i) => (
          <Text key={i} role="P" style={{ ...d.text, fontFamily: d.fonts.body, fontSize: i === 0 ? 13 : 11, fontWeight: i === 0 ? 500 : 400, lineHeight: 1.5, color: i === 0 ? colours.brand : colours.ink, marginBottom: 12 }}>{p}</Text>
        ))}
      </View>
      </View>
    </PageShell>
  );
}

function ContentsLine({ row, d }: { row: ContentsRow; d: Dir }) {
  if (row.kind === 'country') {
    return (
      <View role="TOCI" style={{ height: c.countryRow, justifyContent: 'flex-end', paddingBottom: 5, borderBottomWidth: 1.5, borderBottomColor: colours.accent }}>
        <Text role="P" style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 9, letterSpacing: d.tracking(9), color: colours.accent, textTransform: 'uppercase' }}>{row.name}</Text>
      </View>
    );
  }
  // The entry is the link; a screen reader reads its title, place and page as one description.
  return (
    <View role="TOCI">
    <Link src={`#${row.anchor}`} alt={`${row.title}, ${row.place}, ${row.page}`} style={{ textDecoration: 'none' }}>
      <View style={{ height: c.entryRow, flexDirection: d.row, alignItems: 'center', borderBottomWidth: 0.5, borderBottomColor: colours.rule }}>
        <View style={{ flex: 1, ...d.paddingEnd(16) }}>
          <Text hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: c.titleSize, lineHeight: 1.2, color: colours.brand, maxLines: 2, textOverflow: 'ellipsis' }}>{row.title}</Text>
          <Text style={{ ...d.text, fontFamily: d.fonts.body, fontSize: c.placeSize, letterSpacing: d.tracking(c.placeSize), color: colours.muted, textTransform: 'uppercase', marginTop: 2, maxLines: 1, textOverflow: 'ellipsis' }}>{row.place}</Text>
        </View>
        <Text style={{ ...d.text, width: 30, textAlign: d.alignEnd, fontFamily: d.fonts.body, fontWeight: 700, fontSize: c.numberSize, color: colours.accent }}>{row.page}</Text>
      </View>
    </Link>
    </View>
  );
}

function Contents({ b, page }: { b: Front; page: Extract<BookletPage, { kind: 'contents' }> }) {
  const d = dir(b.direction);
  return (
    <PageShell b={b} number={page.number}>
      {/* One section and one TOC, continued on the next contents page (structId). */}
      <View role="Sect" structId="contents">
        {page.first ? <PageTitle d={d}>{b.contentsHeading}</PageTitle> : <View style={{ height: c.pageTop - s.gap }} />}
        <View role="TOC" structId="contents-toc">
          {page.rows.map((row, i) => (
            <ContentsLine key={i} row={row} d={d} />
          ))}
        </View>
      </View>
    </PageShell>
  );
}

/** An intended blank page: truly blank, as a designer leaves it (no folio either). */
function Blank({ b }: { b: Front }) {
  const size = pageSizes[b.pageSize];
  return <Page size={[size.width, size.height]} style={{ backgroundColor: colours.white }} />;
}

/** The page number, in the outer bottom corner below the footer, on every page but the cover. */
function Folio({ number, d }: { number: number | string; d: Dir }) {
  const f = tokens.folio;
  // fixed: an absolute box past the content area would otherwise be paginated onto a page of its own.
  return <Text fixed artifact="Pagination" style={{ ...d.text, position: 'absolute', ...d.end(s.margin), bottom: f.bottom, fontFamily: d.fonts.body, fontWeight: f.weight, fontSize: f.size, lineHeight: 1, color: colours.muted }}>{number}</Text>;
}

/**
 * Not a page of the booklet: the digits 0–9 where a folio goes, in its font, size and colour.
 * The sheets' pages get their numbers drawn with these glyphs when they are bound.
 */
function FolioDigits({ b }: { b: Front }) {
  const size = pageSizes[b.pageSize];
  return (
    <Page size={[size.width, size.height]}>
      <Folio number="0123456789" d={dir(b.direction)} />
    </Page>
  );
}

function BackCover({ b, number }: { b: Front; number: number }) {
  const size = pageSizes[b.pageSize];
  const d = dir(b.direction);
  return (
    <Page size={[size.width, size.height]} style={{ backgroundColor: colours.white }}>
      <View role="Div" style={{ height: 150, backgroundColor: tokens.coverBand, paddingHorizontal: s.margin * 1.5, justifyContent: 'center' }}>
        <Text hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 16, color: colours.white }}>{b.cover.title}</Text>
        <Text hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 12, color: tokens.coverAccent, marginTop: 6 }}>{b.cover.subtitle}</Text>
      </View>
      <View style={{ flexGrow: 1, paddingHorizontal: s.margin * 1.5, paddingTop: 60, justifyContent: 'flex-end', paddingBottom: 40 }}>
        <View role="Div" style={{ width: '80%', ...d.selfStart }}>
          {b.credits.map((p, i) => (
            <Text key={i} style={{ ...d.text, fontFamily: d.fonts.body, fontSize: 9, lineHeight: 1.5, color: colours.ink, marginBottom: 10 }}>{p}</Text>
          ))}
        </View>
        <View role="Div" style={{ borderTopWidth: 0.5, borderTopColor: colours.rule, marginTop: 18, paddingTop: 18, flexDirection: d.row, alignItems: 'center' }}>
          <View role="Figure" alt={b.emblemAlt}><EuEmblem height={40} /></View>
          <Text style={{ ...d.text, ...d.marginStart(10), fontFamily: d.fonts.body, fontSize: 11, color: colours.euBlue }}>{b.fundingStatement}</Text>
        </View>
      </View>
      <Folio number={number} d={d} />
    </Page>
  );
}

function BookletPageView({ b, page }: { b: Front; page: BookletPage }) {
  switch (page.kind) {
    case 'cover':
      return <Cover b={b} />;
    case 'introduction':
      return <Introduction b={b} number={page.number} />;
    case 'contents':
      return <Contents b={b} page={page} />;
    case 'card':
    case 'factsheet':
      return null; // bound from their sheets' PDFs
    case 'blank':
      return <Blank b={b} />;
    case 'back':
      return <BackCover b={b} number={page.number} />;
  }
}

/** The booklet's own pages in plan order, then the folio digits. */
export function BookletPagesDocument({ plan }: { plan: BookletPlan }) {
  const b = plan.booklet;
  return (
    <TaggedDocument metadata={b.metadata} outline>
      {plan.pages.map((page, i) => (
        <BookletPageView key={i} b={b} page={page} />
      ))}
      <FolioDigits b={b} />
    </TaggedDocument>
  );
}
