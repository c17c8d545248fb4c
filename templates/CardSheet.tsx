// The Targeted City Action card: one page per action per language. The booklet uses this
// same page component, so a card looks the same alone and bound.
import { Page, View, Text } from '@react-pdf/renderer';
import type { ResolvedSheet } from '../src/resolve/index.js';
import { colours, pageSizes, scale } from '../src/design/index.js';
import { dir } from './direction.js';
import { TaggedDocument } from './TaggedDocument.js';
import { BulletList, FundingFooter, HeaderBand, PartnersRow, partnersInFooter, SectionHeading, TargetTile, whole } from './parts.js';
import { heading } from './structure.js';

interface CardPageProps {
  sheet: ResolvedSheet;
  /** Body text size chosen by the fitting step (defaults to the theme's). */
  bodySize?: number;
}

/**
 * The card's one page. A booklet binds this very page (src/assemble/pdf.ts): there its title
 * becomes a second-level heading and its header band and funding statement page furniture.
 */
function CardPage({ sheet, bodySize }: CardPageProps) {
  const s = scale(bodySize);
  const size = pageSizes[sheet.pageSize];
  const contentWidth = size.width - 2 * s.margin;
  // Landscape pages are short: up to six tiles share one row there, so the targets take one row.
  const perRow = sheet.pageSize === 'A4-landscape' ? Math.max(4, Math.min(6, sheet.targets.length)) : 3;
  const tileWidth = (contentWidth - (perRow - 1) * s.tile.gap) / perRow;
  const d = dir(sheet.direction);
  const inFooter = partnersInFooter(sheet.partners.items);
  const bodyText = { ...d.text, fontFamily: d.fonts.body, fontSize: s.body, lineHeight: s.leading, color: colours.ink } as const;
  // Reading order is the order below (not where things are drawn, mirrored in Arabic).
  const [title, section] = [heading(1), heading(2)];

  // wrap={false} and a frame at least one page high: a card that holds on its page is laid out
  // exactly as on a fixed page, and one that does not makes the page taller instead of
  // spilling onto a second one, so one render says by how much it is over (src/fit).
  return (
    <Page size={[size.width, size.height]} wrap={false} style={{ backgroundColor: colours.white }}>
      <View style={{ minHeight: size.height, paddingBottom: s.footerHeight }}>
      <HeaderBand programme={sheet.programme} series={sheet.series} draftMark={sheet.draftMark} s={s} d={d} />

      {/* The body fills the page, so the recommendations box sits just above the footer on every card. */}
      <View style={{ flexGrow: 1, paddingHorizontal: s.margin, paddingTop: s.gap * 1.3 }}>
        {/* Title block */}
        <View role="Div" style={{ flexDirection: d.row, alignItems: 'center', marginBottom: 4 }}>
          {sheet.acronym ? (
            <Text hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 8, letterSpacing: d.tracking(8), color: colours.white, backgroundColor: colours.accent, paddingHorizontal: 5, paddingTop: 2, paddingBottom: 1.5, ...d.marginEnd(8) }}>{sheet.acronym}</Text>
          ) : null}
          <Text hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: s.place, letterSpacing: d.tracking(s.place), color: colours.accent, textTransform: 'uppercase' }}>{sheet.place}</Text>
        </View>
        <View>
          <Text hyphenationCallback={whole} role={title} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: s.title, lineHeight: 1.15, color: colours.brand }}>{sheet.title}</Text>
        </View>
        {sheet.subtitle ? (
          <Text role="P" style={{ ...d.text, fontFamily: d.fonts.body, fontSize: s.subtitle, lineHeight: 1.3, color: colours.muted, marginTop: 4 }}>{sheet.subtitle}</Text>
        ) : null}

        {/* SDG targets */}
        <Text role={section} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: s.label, letterSpacing: d.tracking(s.label), color: colours.muted, textTransform: 'uppercase', marginTop: s.gap, marginBottom: 5 }}>{sheet.sdgHeading}</Text>
        <View role="L" style={{ flexDirection: d.row, flexWrap: 'wrap', ...d.marginEnd(-s.tile.gap) }}>
          {sheet.targets.map((t) => (
            <View key={t.code} role="LI" style={{ ...d.marginEnd(s.tile.gap), marginBottom: s.tile.gap }}>
              <View role="LBody"><TargetTile target={t} width={tileWidth} s={s} d={d} /></View>
            </View>
          ))}
        </View>

        {/* OBJECTIVE / ACTIVITIES / RESULTS */}
        <View style={{ flexGrow: 1, flexDirection: d.row, marginTop: s.gap - s.tile.gap }}>
          <View role="Sect" style={{ flex: 1, ...d.marginEnd(s.columnGap) }}>
            <SectionHeading role={section} s={s} d={d}>{sheet.objective.heading}</SectionHeading>
            {sheet.objective.paragraphs.map((p, i) => (
              <Text key={i} role="P" style={{ ...bodyText, marginBottom: s.smallGap }}>{p}</Text>
            ))}
          </View>
          <View role="Sect" style={{ flex: 1, ...d.marginEnd(s.columnGap) }}>
            <SectionHeading role={section} s={s} d={d}>{sheet.activities.heading}</SectionHeading>
            <BulletList items={sheet.activities.items} s={s} d={d} />
          </View>
          <View role="Sect" style={{ flex: 1 }}>
            <SectionHeading role={section} s={s} d={d}>{sheet.results.heading}</SectionHeading>
            <BulletList items={sheet.results.items} s={s} d={d} />
          </View>
        </View>

        {/* Policy recommendations */}
        {sheet.recommendations.items.length > 0 ? (
          <View role="Sect" wrap={false} style={{ backgroundColor: colours.tint, ...d.borderStart(3, colours.brand), paddingHorizontal: 12, paddingVertical: 9, marginTop: s.gap, marginBottom: s.smallGap }}>
            <Text role={section} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: s.heading, letterSpacing: d.tracking(s.heading), color: colours.brand, textTransform: 'uppercase', marginBottom: 5 }}>{sheet.recommendations.heading}</Text>
            <View role="L" style={{ flexDirection: d.row, flexWrap: 'wrap' }}>
              {sheet.recommendations.items.map((r, i) => (
                <View key={i} role="LI" style={{ width: '50%', flexDirection: d.row, ...d.paddingEnd(10), marginBottom: 3 }}>
                  <View style={{ width: 5, height: 5, backgroundColor: colours.accent, marginTop: s.body * 0.5, ...d.marginEnd(6) }} />
                  <Text role="LBody" style={{ flex: 1, ...bodyText }}>{r}</Text>
                </View>
              ))}
            </View>
          </View>
        ) : null}

        {/* Many partners: a row of their own just above the footer. */}
        {inFooter ? null : <PartnersRow heading={sheet.partners.heading} partners={sheet.partners.items} s={s} d={d} />}
      </View>

      <FundingFooter statement={sheet.fundingStatement} emblemAlt={sheet.emblemAlt} partnersHeading={sheet.partners.heading} partners={inFooter ? sheet.partners.items : []} s={s} d={d} />
      </View>
    </Page>
  );
}

/** A single sheet as its own PDF document. */
export function CardDocument({ sheet, bodySize }: { sheet: ResolvedSheet; bodySize?: number }) {
  return (
    <TaggedDocument metadata={sheet.metadata}>
      <CardPage sheet={sheet} bodySize={bodySize} />
    </TaggedDocument>
  );
}
