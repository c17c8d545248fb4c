// The project factsheet: two A4 pages in the cards' design system. Page 1: what the
// project is (context, objective, results, partners, what it builds on) with its footnotes
// at the bottom; page 2: what it contributes to (SDGs, national strategy, Global Compact),
// who implements it and the contact block. Pages are split here, by construction, so a
// footnote is placed on the page of the section that first refers to it.
import { Page, View, Text, Link } from '@react-pdf/renderer';
import type { Style } from '@react-pdf/types';
import type { FactsheetSection, ResolvedFactsheet, ResolvedParagraph } from '../src/resolve/index.js';
import { colours, factsheet as fs, fonts, pageSizes, scale, tracking, type Scale } from '../src/design/index.js';
import { FundingFooter, HeaderBand, SectionHeading, TargetTile, whole } from './parts.js';
import { heading, type StructureRole } from './structure.js';
import { TaggedDocument } from './TaggedDocument.js';

const PAGE_1: FactsheetSection[] = ['context', 'objective', 'results', 'related'];
const PAGE_2: FactsheetSection[] = ['partners', 'strategy'];

/** Where a footnote is: the target of its markers' links (unique in a booklet too). */
const noteAnchor = (sheet: ResolvedFactsheet, number: number) => `note-${sheet.id}-${number}`;

/** A paragraph of runs: bold spans and superscript footnote markers, each a link to its note. */
function Runs({ runs, size, notes, role = 'P', colour = colours.ink }: { runs: ResolvedParagraph; size: number; notes: ResolvedFactsheet; role?: StructureRole; colour?: string }) {
  return (
    <Text role={role} style={{ fontFamily: fonts.body, fontSize: size, lineHeight: 1.4, color: colour }}>
      {runs.map((r, i) =>
        r.note !== undefined ? (
          <Link key={i} src={`#${noteAnchor(notes, r.note)}`} style={{ textDecoration: 'none', color: colours.accent }}>
            <Text style={{ fontSize: size * fs.markerScale, verticalAlign: 'super', fontWeight: 600, color: colours.accent }}>{r.text}</Text>
          </Link>
        ) : r.bold ? (
          <Text key={i} style={{ fontWeight: 700, color: colours.brand }}>{r.text}</Text>
        ) : (
          r.text
        ),
      )}
    </Text>
  );
}

function Paragraphs({ paragraphs, notes, s }: { paragraphs: ResolvedParagraph[]; notes: ResolvedFactsheet; s: Scale }) {
  return (
    <View>
      {paragraphs.map((p, i) => (
        <View key={i} style={{ marginBottom: s.smallGap }}>
          <Runs runs={p} size={s.body} notes={notes} />
        </View>
      ))}
    </View>
  );
}

/** Bullets whose items carry markup (BulletList takes plain strings). */
function RunList({ items, notes, s }: { items: ResolvedParagraph[]; notes: ResolvedFactsheet; s: Scale }) {
  return (
    <View role="L">
      {items.map((item, i) => (
        <View key={i} role="LI" wrap={false} style={{ flexDirection: 'row', marginBottom: s.itemGap + 1 }}>
          <View style={{ width: 3.5, height: 3.5, borderRadius: 1.75, backgroundColor: colours.accent, marginTop: s.body * 0.55, marginRight: 6 }} />
          <View style={{ flex: 1 }}><Runs runs={item} size={s.body} notes={notes} role="LBody" /></View>
        </View>
      ))}
    </View>
  );
}

function SubHeading({ children, role, s }: { children: string; role: StructureRole; s: Scale }) {
  return <Text role={role} hyphenationCallback={whole} style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label + 0.5, letterSpacing: tracking(s.label + 0.5), color: colours.muted, textTransform: 'uppercase', marginBottom: 5 }}>{children}</Text>;
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
    <View role="Div" style={{ borderTopWidth: 0.5, borderTopColor: colours.rule, paddingTop: 5, marginTop: 6, width: '100%' }}>
      {notes.map((n) => (
        <View key={n.number} role="Note" elementId={noteAnchor(sheet, n.number)} id={noteAnchor(sheet, n.number)} wrap={false} style={{ flexDirection: 'row', marginBottom: 3 }}>
          <Text role="P" style={{ ...text, width: 9, fontWeight: 700, color: colours.accent }}>{n.number}</Text>
          <View style={{ flex: 1 }}>
            <Text role="P" style={text}>{n.text}</Text>
            {n.link ? (
              n.link.clickable ? (
                <Link src={n.link.url} alt={n.link.url} style={{ textDecoration: 'none', alignSelf: 'flex-start' }}><UrlText parts={n.link.parts} style={{ ...text, color: colours.accent }} /></Link>
              ) : (
                <View role="P"><UrlText parts={n.link.parts} style={{ ...text, fontSize: fs.noteSize - 0.8 }} /></View>
              )
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}

/** The funder, and the implementer unless the page shows it already (the last page's closing block). */
function Footer({ sheet, withImplementer = true, running = false, s }: { sheet: ResolvedFactsheet; withImplementer?: boolean; running?: boolean; s: Scale }) {
  const f = sheet.funder;
  return (
    <FundingFooter
      statement={f.eu?.statement ?? ''}
      emblemAlt={f.eu?.emblemAlt ?? ''}
      funder={f.eu ? undefined : { heading: f.heading, name: f.name ?? '', logo: f.logo }}
      partnersHeading={sheet.implementer.heading}
      partners={withImplementer ? [{ name: sheet.implementer.name, alt: sheet.implementer.name }] : []}
      running={running}
      s={s}
    />
  );
}

interface FactsheetPageProps {
  sheet: ResolvedFactsheet;
  /** Which of the factsheet's two pages. */
  page: 1 | 2;
}

/** One page of a factsheet; the booklet binds the two pages like any other. */
function FactsheetPage({ sheet, page: which }: FactsheetPageProps) {
  const s = scale(fs.body);
  const size = pageSizes[sheet.pageSize];
  const contentWidth = size.width - 2 * s.margin;
  const sidebar = contentWidth * fs.sidebarWidth;
  const tileWidth = (contentWidth - 3 * s.tile.gap) / 4;
  const page = { backgroundColor: colours.white, paddingBottom: s.footerHeight } as const;
  const c = sheet.contributions;
  // Heading levels: the title, its sections, their parts (one level down when bound in a booklet).
  const [h1, h2, h3] = [heading(1), heading(2), heading(3)];

  if (which === 1) return (
      <Page size={[size.width, size.height]} style={page}>
        <HeaderBand programme={sheet.header.programme} series={sheet.header.series} draftMark={sheet.draftMark} s={s} />
        <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap * 1.3 }}>
          {/* Title, period and coverage */}
          <View>
            <Text hyphenationCallback={whole} role={h1} style={{ fontFamily: fonts.body, fontWeight: 700, fontSize: fs.title, lineHeight: 1.12, color: colours.brand }}>{sheet.title}</Text>
          </View>
          <View role="Div" style={{ flexDirection: 'row', alignItems: 'center', marginTop: 6, marginBottom: s.gap }}>
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: fs.period, color: colours.accent }}>{sheet.period}</Text>
            <View style={{ width: 1, height: 11, backgroundColor: colours.rule, marginHorizontal: 10 }} />
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label, letterSpacing: tracking(s.label), color: colours.muted, textTransform: 'uppercase', marginRight: 6 }}>{sheet.coverage.heading}</Text>
            <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: fs.period, color: colours.ink }}>{sheet.coverage.place}</Text>
          </View>

          <View style={{ flexDirection: 'row' }}>
            {/* Main column: context and objective */}
            <View style={{ flex: 1, marginRight: s.columnGap }}>
              <View role="Sect">
                <SectionHeading role={h2} s={s}>{sheet.context.heading}</SectionHeading>
                <Paragraphs paragraphs={sheet.context.paragraphs} notes={sheet} s={s} />
              </View>
              <View style={{ height: s.smallGap }} />
              <View role="Sect">
                <SectionHeading role={h2} s={s}>{sheet.objective.heading}</SectionHeading>
                <Paragraphs paragraphs={sheet.objective.paragraphs} notes={sheet} s={s} />
              </View>
            </View>
            {/* Sidebar: expected results */}
            <View role="Sect" style={{ width: sidebar, backgroundColor: colours.tint, paddingHorizontal: 11, paddingTop: 10, paddingBottom: 4 }}>
              <SectionHeading role={h2} s={s}>{sheet.results.heading}</SectionHeading>
              <RunList items={sheet.results.items} notes={sheet} s={s} />
            </View>
          </View>

          {sheet.related ? (
            <View role="Sect" style={{ marginTop: s.gap, borderLeftWidth: 3, borderLeftColor: colours.accent, paddingLeft: 10 }}>
              <SectionHeading role={h2} s={s}>{sheet.related.heading}</SectionHeading>
              <Paragraphs paragraphs={sheet.related.paragraphs} notes={sheet} s={s} />
            </View>
          ) : null}

          {/* Footnotes sit at the bottom of the page their markers are on. */}
          <View style={{ flexGrow: 1 }} />
          <Footnotes sheet={sheet} sections={PAGE_1} />
        </View>
        <Footer sheet={sheet} s={s} />
      </Page>
  );

  // The second page repeats the header band and the funder: running furniture.
  return (
      <Page size={[size.width, size.height]} style={page}>
        <HeaderBand programme={sheet.header.programme} series={sheet.header.series} draftMark={sheet.draftMark} running s={s} />
        <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap * 1.3 }}>
          {sheet.partners.items.length > 0 ? (
            <View role="Sect" style={{ marginBottom: s.gap * fs.page2Air }}>
              <SectionHeading role={h2} s={s}>{sheet.partners.heading}</SectionHeading>
              <View role="L">
                {sheet.partners.items.map((p, i) => (
                  <View key={i} role="LI" wrap={false} style={{ flexDirection: 'row', marginBottom: s.smallGap }}>
                    <Text role="Lbl" hyphenationCallback={whole} style={{ width: sidebar * 0.55, fontFamily: fonts.body, fontWeight: 700, fontSize: 12, lineHeight: 1.2, color: colours.brand, paddingRight: 10 }}>{p.name}</Text>
                    <View style={{ flex: 1 }}><Runs runs={p.role} size={s.body} notes={sheet} role="LBody" /></View>
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          <View role="Sect">
          <SectionHeading role={h2} s={s}>{c.heading}</SectionHeading>

          {c.sdg.targets.length > 0 ? (
            <View role="Div" style={{ marginTop: 4, marginBottom: s.gap * fs.page2Air }}>
              <SubHeading role={h3} s={s}>{c.sdg.heading}</SubHeading>
              <View role="L" style={{ flexDirection: 'row', flexWrap: 'wrap', marginRight: -s.tile.gap }}>
                {c.sdg.targets.map((t) => (
                  <View key={t.code} role="LI" style={{ marginRight: s.tile.gap, marginBottom: s.tile.gap }}>
                    <View role="LBody"><TargetTile target={t} width={tileWidth} s={s} /></View>
                  </View>
                ))}
              </View>
            </View>
          ) : null}

          {c.strategy ? (
            <View role="Div" style={{ marginBottom: s.gap * fs.page2Air }}>
              <SubHeading role={h3} s={s}>{c.strategy.heading}</SubHeading>
              <RunList items={c.strategy.items} notes={sheet} s={s} />
            </View>
          ) : null}

          {c.gcm.items.length > 0 ? (
            <View role="Div" style={{ marginBottom: s.gap }}>
              <SubHeading role={h3} s={s}>{c.gcm.heading}</SubHeading>
              <View role="L">
                {c.gcm.items.map((o) => (
                  <View key={o.number} role="LI" wrap={false} style={{ flexDirection: 'row', alignItems: 'center', marginBottom: 5 }}>
                    <View style={{ width: fs.badge, height: fs.badge, backgroundColor: colours.brand, alignItems: 'center', justifyContent: 'center', marginRight: 8 }}>
                      <Text role="Lbl" style={{ fontFamily: fonts.condensed, fontWeight: 700, fontSize: 10, color: colours.white }}>{String(o.number)}</Text>
                    </View>
                    <Text role="LBody" style={{ flex: 1, fontFamily: fonts.body, fontSize: s.body, lineHeight: 1.35, color: colours.ink }}>{o.title}</Text>
                  </View>
                ))}
              </View>
            </View>
          ) : null}
          </View>

          <View style={{ flexGrow: 1 }} />

          {/* Implementer and contact: always on the last page. */}
          <View role="Div" wrap={false} style={{ flexDirection: 'row', borderTopWidth: 1.5, borderTopColor: colours.accent, paddingTop: fs.closingGap, marginBottom: s.smallGap }}>
            <View style={{ width: sidebar, marginRight: s.columnGap }}>
              <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.label, letterSpacing: tracking(s.label), color: colours.muted, textTransform: 'uppercase', marginBottom: 4 }}>{sheet.implementer.heading}</Text>
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
                  <Link src={sheet.contact.website.url} alt={sheet.contact.website.url} style={{ alignSelf: 'flex-start', fontFamily: fonts.body, fontWeight: 600, fontSize: s.body - 0.5, color: colours.accent, textDecoration: 'none' }}>{sheet.contact.website.label}</Link>
                ) : (
                  <Text style={{ fontFamily: fonts.body, fontWeight: 600, fontSize: s.body - 0.5, color: colours.ink }}>{sheet.contact.website.label}</Text>
                )
              ) : null}
            </View>
          </View>
          <Footnotes sheet={sheet} sections={PAGE_2} />
        </View>
        <Footer sheet={sheet} withImplementer={false} running s={s} />
      </Page>
  );
}

/** A factsheet as its own PDF document. */
export function FactsheetDocument({ sheet }: { sheet: ResolvedFactsheet }) {
  return (
    <TaggedDocument metadata={sheet.metadata}>
      <FactsheetPage sheet={sheet} page={1} />
      <FactsheetPage sheet={sheet} page={2} />
    </TaggedDocument>
  );
}
