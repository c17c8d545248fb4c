// The project factsheet: two A4 pages in the cards' design system. Page 1: what the
// project is (context, objective, results, partners, what it builds on) with its footnotes
// at the bottom; page 2: what it contributes to (SDGs, national strategy, Global Compact),
// who implements it and the contact block. Pages are split here, by construction, so a
// footnote is placed on the page of the section that first refers to it.
import { Document, Page, View, Text, Link } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';
import type { FactsheetSection, ResolvedFactsheet, ResolvedParagraph } from '../src/resolve/factsheet.js';
import { colours, factsheet as fs, fonts, pageSizes, scale, type Scale } from './theme.js';
import type { CardBookmark } from './CardSheet.js';
import { FundingFooter, HeaderBand, SectionHeading, TargetTile } from './parts.js';

const PAGE_1: FactsheetSection[] = ['context', 'objective', 'results', 'related'];
const PAGE_2: FactsheetSection[] = ['partners', 'strategy'];

/** A paragraph of runs: bold spans and superscript footnote markers. */
function Runs({ runs, size, colour = colours.ink }: { runs: ResolvedParagraph; size: number; colour?: string }) {
  return (
    <Text style={{ fontFamily: fonts.body, fontSize: size, lineHeight: 1.4, color: colour }}>
      {runs.map((r, i) =>
        r.note !== undefined ? (
          <Text key={i} style={{ fontSize: size * fs.markerScale, verticalAlign: 'super', fontWeight: 600, color: colours.accent }}>{r.text}</Text>
        ) : r.bold ? (
          <Text key={i} style={{ fontWeight: 700, color: colours.brand }}>{r.text}</Text>
        ) : (
          r.text
        ),
      )}
    </Text>
  );
}

function Paragraphs({ paragraphs, s }: { paragraphs: ResolvedParagraph[]; s: Scale }) {
  return (
    <View>
      {paragraphs.map((p, i) => (
        <View key={i} style={{ marginBottom: s.smallGap }}>
          <Runs runs={p} size={s.body} />
        </View>
      ))}
    </View>
  );
}

/** Bullets whose items carry markup (BulletList takes plain strings). */
function RunList({ items, s }: { items: ResolvedParagraph[]; s: Scale }) {
  return (
    <View>
      {items.map((item, i) => (
        <View key={i} wrap={false} style={{ flexDirection: 'row', marginBottom: s.itemGap + 1 }}>
          <View style={{ width: 3.5, height: 3.5, borderRadius: 1.75, backgroundColor: colours.accent, marginTop: s.body * 0.55, marginRight: 6 }} />
          <View style={{ flex: 1 }}><Runs runs={item} size={s.body} /></View>
        </View>
      ))}
    </View>
  );
}

function SubHeading({ children, s }: { children: string; s: Scale }) {
  return <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label + 0.5, letterSpacing: 0.6, color: colours.muted, textTransform: 'uppercase', marginBottom: 5 }}>{children}</Text>;
}

/** A web address that may break between its parts (see urlParts). */
function UrlText({ parts, style }: { parts: string[]; style: Style }) {
  return (
    <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>
      {parts.map((p, i) => <Text key={i} style={style}>{p}</Text>)}
    </View>
  );
}

function Footnotes({ sheet, sections }: { sheet: ResolvedFactsheet; sections: FactsheetSection[] }) {
  const notes = sheet.footnotes.items.filter((n) => sections.includes(n.section));
  if (notes.length === 0) return null;
  const text = { fontFamily: fonts.body, fontSize: fs.noteSize, lineHeight: 1.35, color: colours.muted } as const;
  return (
    <View style={{ borderTopWidth: 0.5, borderTopColor: colours.rule, paddingTop: 5, marginTop: 6, width: '100%' }}>
      {notes.map((n) => (
        <View key={n.number} wrap={false} style={{ flexDirection: 'row', marginBottom: 3 }}>
          <Text style={{ ...text, width: 9, fontWeight: 700, color: colours.accent }}>{n.number}</Text>
          <View style={{ flex: 1 }}>
            <Text style={text}>{n.text}</Text>
            {n.link ? (
              n.link.clickable ? (
                <Link src={n.link.url} style={{ textDecoration: 'none', alignSelf: 'flex-start' }}><UrlText parts={n.link.parts} style={{ ...text, color: colours.accent }} /></Link>
              ) : (
                <UrlText parts={n.link.parts} style={{ ...text, fontSize: fs.noteSize - 0.8 }} />
              )
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}

/** The funder, and the implementer unless the page shows it already (the last page's closing block). */
function Footer({ sheet, pageNumber, withImplementer = true, s }: { sheet: ResolvedFactsheet; pageNumber: number; withImplementer?: boolean; s: Scale }) {
  const f = sheet.funder;
  return (
    <FundingFooter
      statement={f.eu?.statement ?? ''}
      funder={f.eu ? undefined : { heading: f.heading, name: f.name ?? '', logo: f.logo }}
      partnersHeading={sheet.implementer.heading}
      partners={withImplementer ? [{ name: sheet.implementer.name }] : []}
      pageNumber={pageNumber}
      s={s}
    />
  );
}

export interface FactsheetPageProps {
  sheet: ResolvedFactsheet;
  /** Which of the factsheet's two pages. */
  page: 1 | 2;
  /** The folio: the booklet's page number when bound, else 1 and 2. */
  pageNumber?: number;
  /** In a booklet: target of the contents link, and the outline entries (on page 1), as on cards. */
  anchor?: string;
  bookmark?: CardBookmark;
  sectionBookmark?: CardBookmark;
}

/** One page of a factsheet; the booklet binds the two pages like any other. */
export function FactsheetPage({ sheet, page: which, pageNumber = which, anchor, bookmark, sectionBookmark }: FactsheetPageProps) {
  const s = scale(fs.body);
  const size = pageSizes[sheet.pageSize];
  const contentWidth = size.width - 2 * s.margin;
  const sidebar = contentWidth * fs.sidebarWidth;
  const tileWidth = (contentWidth - 3 * s.tile.gap) / 4;
  const page = { backgroundColor: colours.white, paddingBottom: s.footerHeight } as const;
  const c = sheet.contributions;

  if (which === 1) return (
      <Page size={[size.width, size.height]} style={page} id={anchor} bookmark={sectionBookmark}>
        <HeaderBand programme={sheet.header.programme} series={sheet.header.series} draftMark={sheet.draftMark} s={s} />
        <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap * 1.3 }}>
          {/* Title, period and coverage */}
          <View {...{ bookmark }}>
            <Text style={{ fontFamily: fonts.body, fontWeight: 700, fontSize: fs.title, lineHeight: 1.12, color: colours.brand }}>{sheet.title}</Text>
          </View>
          <View style={{ flexDirection: 'row', alignItems: 'center', marginTop: 6, marginBottom: s.gap }}>
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: fs.period, color: colours.accent }}>{sheet.period}</Text>
            <View style={{ width: 1, height: 11, backgroundColor: colours.rule, marginHorizontal: 10 }} />
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label, letterSpacing: 0.8, color: colours.muted, textTransform: 'uppercase', marginRight: 6 }}>{sheet.coverage.heading}</Text>
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: fs.period, color: colours.ink }}>{sheet.coverage.place}</Text>
          </View>

          <View style={{ flexDirection: 'row' }}>
            {/* Main column: context and objective */}
            <View style={{ flex: 1, marginRight: s.columnGap }}>
              <SectionHeading s={s}>{sheet.context.heading}</SectionHeading>
              <Paragraphs paragraphs={sheet.context.paragraphs} s={s} />
              <View style={{ height: s.smallGap }} />
              <SectionHeading s={s}>{sheet.objective.heading}</SectionHeading>
              <Paragraphs paragraphs={sheet.objective.paragraphs} s={s} />
            </View>
            {/* Sidebar: expected results */}
            <View style={{ width: sidebar, backgroundColor: colours.tint, paddingHorizontal: 11, paddingTop: 10, paddingBottom: 4 }}>
              <SectionHeading s={s}>{sheet.results.heading}</SectionHeading>
              <RunList items={sheet.results.items} s={s} />
            </View>
          </View>

          {sheet.related ? (
            <View style={{ marginTop: s.gap, borderLeftWidth: 3, borderLeftColor: colours.accent, paddingLeft: 10 }}>
              <SectionHeading s={s}>{sheet.related.heading}</SectionHeading>
              <Paragraphs paragraphs={sheet.related.paragraphs} s={s} />
            </View>
          ) : null}

          {/* Footnotes sit at the bottom of the page their markers are on. */}
          <View style={{ flexGrow: 1 }} />
          <Footnotes sheet={sheet} sections={PAGE_1} />
        </View>
        <Footer sheet={sheet} pageNumber={pageNumber} s={s} />
      </Page>
  );

  return (
      <Page size={[size.width, size.height]} style={page}>
        <HeaderBand programme={sheet.header.programme} series={sheet.header.series} draftMark={sheet.draftMark} s={s} />
        <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap * 1.3 }}>
          {sheet.partners.items.length > 0 ? (
            <View style={{ marginBottom: s.gap * fs.page2Air }}>
              <SectionHeading s={s}>{sheet.partners.heading}</SectionHeading>
              {sheet.partners.items.map((p, i) => (
                <View key={i} wrap={false} style={{ flexDirection: 'row', marginBottom: s.smallGap }}>
                  <Text style={{ width: sidebar * 0.55, fontFamily: fonts.body, fontWeight: 700, fontSize: 12, lineHeight: 1.2, color: colours.brand, paddingRight: 10 }}>{p.name}</Text>
                  <View style={{ flex: 1 }}><Runs runs={p.role} size={s.body} /></View>
                </View>
              ))}
            </View>
          ) : null}

          <SectionHeading s={s}>{c.heading}</SectionHeading>

          {c.sdg.targets.length > 0 ? (
            <View style={{ marginTop: 4, marginBottom: s.gap * fs.page2Air }}>
              <SubHeading s={s}>{c.sdg.heading}</SubHeading>
              <View style={{ flexDirection: 'row', flexWrap: 'wrap', marginRight: -s.tile.gap }}>
                {c.sdg.targets.map((t) => (
                  <View key={t.code} style={{ marginRight: s.tile.gap, marginBottom: s.tile.gap }}>
                    <TargetTile target={t} width={tileWidth} s={s} />
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          {c.strategy ? (
            <View style={{ marginBottom: s.gap * fs.page2Air }}>
              <SubHeading s={s}>{c.strategy.heading}</SubHeading>
              <RunList items={c.strategy.items} s={s} />
            </View>
          ) : null}

          {c.gcm.items.length > 0 ? (
            <View style={{ marginBottom: s.gap }}>
              <SubHeading s={s}>{c.gcm.heading}</SubHeading>
              {c.gcm.items.map((o) => (
                <View key={o.number} wrap={false} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 5 }}>
                  <View style={{ width: fs.badge, height: fs.badge, backgroundColor: colours.brand, alignItems: 'center', justifyContent: 'center', marginRight: 8 }}>
                    <Text style={{ fontFamily: fonts.condensed, fontWeight: 700, fontSize: 10, color: colours.white }}>{String(o.number)}</Text>
                  </View>
                  <Text style={{ flex: 1, fontFamily: fonts.body, fontSize: s.body, lineHeight: 1.35, color: colours.ink }}>{o.title}</Text>
                </View>
              ))}
            </View>
          ) : null}

          <View style={{ flexGrow: 1 }} />

          {/* Implementer and contact: always on the last page. */}
          <View wrap={false} style={{ flexDirection: 'row', borderTopWidth: 1.5, borderTopColor: colours.accent, paddingTop: fs.closingGap, marginBottom: s.smallGap }}>
            <View style={{ width: sidebar, marginRight: s.columnGap }}>
              <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label, letterSpacing: 0.8, color: colours.muted, textTransform: 'uppercase', marginBottom: 4 }}>{sheet.implementer.heading}</Text>
              <Text style={{ fontFamily: fonts.body, fontWeight: 700, fontSize: 15, color: colours.brand }}>{sheet.implementer.name}</Text>
            </View>
            <View style={{ flex: 1, backgroundColor: colours.tint, paddingHorizontal: 11, paddingVertical: 8 }}>
              <Text style={{ fontFamily: fonts.body, fontWeight: 700, fontSize: s.body, color: colours.brand, marginBottom: 2 }}>{sheet.contact.name}</Text>
              <Text style={{ fontFamily: fonts.body, fontSize: s.body - 0.5, lineHeight: 1.4, color: colours.ink }}>{sheet.contact.address}</Text>
              <View style={{ flexDirection: 'row', flexWrap: 'wrap' }}>
                {sheet.contact.lines.map((line, i) => (
                  <Text key={i} style={{ fontFamily: fonts.body, fontSize: s.body - 0.5, lineHeight: 1.4, color: colours.ink, marginRight: 12 }}>{line}</Text>
                ))}
              </View>
              {sheet.contact.website ? (
                sheet.contact.website.clickable ? (
                  <Link src={sheet.contact.website.url} style={{ alignSelf: 'flex-start', fontFamily: fonts.body, fontWeight: 600, fontSize: s.body - 0.5, color: colours.accent, textDecoration: 'none' }}>{sheet.contact.website.label}</Link>
                ) : (
                  <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.body - 0.5, color: colours.ink }}>{sheet.contact.website.label}</Text>
                )
              ) : null}
            </View>
          </View>
          <Footnotes sheet={sheet} sections={PAGE_2} />
        </View>
        <Footer sheet={sheet} pageNumber={pageNumber} withImplementer={false} s={s} />
      </Page>
  );
}

/** A factsheet as its own PDF document. */
export function FactsheetDocument({ sheet }: { sheet: ResolvedFactsheet }) {
  const m = sheet.metadata;
  return (
    <Document title={m.title} subject={m.subject} author={m.author} creator={m.author} producer="mc2cm-brochure" language={m.language} creationDate={m.creationDate} modificationDate={m.creationDate}>
      <FactsheetPage sheet={sheet} page={1} />
      <FactsheetPage sheet={sheet} page={2} />
    </Document>
  );
}
