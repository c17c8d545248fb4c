// Building blocks shared by every template: header band, SDG target tiles, bullet lists,
// the funding footer. One look across cards, booklets and factsheets.
//
// Structure (tagged PDF): each part says what it is with `role` props (templates/structure.ts).
// The header band and the funding statement repeat on every page of a booklet: there they are
// page furniture (artifacts), which a screen reader skips. On a second page they are drawn
// `running`; on a sheet they are content with the ids of RUNNING_IDS, by which the booklet's
// binding (src/assemble/pdf.ts) finds them.
import { View, Text } from '@react-pdf/renderer';
import type { Picture as PictureData, ResolvedPartner, ResolvedTarget } from '../src/resolve/index.js';
import { colours, partnersLayout, tint, type Scale } from '../src/design/index.js';
import { dir, type Dir } from './direction.js';
import { EuEmblem } from './EuEmblem.js';
import { Picture } from './Picture.js';
import type { StructureRole } from './structure.js';

/** Names, codes and short labels are not hyphenated: a reader searching "économique" finds it. */
export const whole = (word: string) => [word];

export function HeaderBand({ programme, series, draftMark, running = false, s, d = dir() }: { programme: string; series: string; draftMark?: string; running?: boolean; s: Scale; d?: Dir }) {
  return (
    <View {...(running ? { artifact: 'Pagination' } : { role: 'Div', elementId: 'running-header' })} style={{ height: s.headerHeight, backgroundColor: colours.brand, paddingHorizontal: s.margin, flexDirection: d.row, alignItems: 'center', justifyContent: 'space-between' }}>
      <View>
        <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: 8.5, letterSpacing: d.tracking(8.5), color: colours.white }}>{programme}</Text>
        <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 8.5, letterSpacing: d.tracking(8.5), color: '#8FD3DB', marginTop: 2 }}>{series}</Text>
      </View>
      {draftMark ? (
        <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 7, letterSpacing: d.tracking(7), color: colours.white, borderWidth: 0.75, borderColor: colours.white, borderRadius: 2, paddingHorizontal: 5, paddingVertical: 2, textTransform: 'uppercase' }}>
          {draftMark}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * A target in the style of the SDG icons: goal colour, white goal number and title, then the
 * target. For a screen reader, a picture described in words (`target.alt`).
 */
export function TargetTile({ target, width, s, d = dir() }: { target: ResolvedTarget; width: number; s: Scale; d?: Dir }) {
  const t = s.tile;
  return (
    <View role="Figure" alt={target.alt} wrap={false} style={{ width, minHeight: t.minHeight, backgroundColor: target.colour, padding: 6, flexDirection: 'column' }}>
      {target.icon ? (
        <View style={{ marginBottom: 4, ...d.selfStart }}><Picture picture={target.icon} width={34} height={34} /></View>
      ) : (
        <View style={{ flexDirection: d.row, alignItems: 'flex-start', marginBottom: 5 }}>
          <Text style={{ ...d.text, fontFamily: d.fonts.condensed, fontWeight: 700, fontSize: t.number, lineHeight: 1, color: colours.white, ...d.marginEnd(5) }}>{target.goal}</Text>
          <Text hyphenationCallback={whole} style={{ ...d.text, flex: 1, fontFamily: d.fonts.condensed, fontWeight: 700, fontSize: t.title, lineHeight: 1.15, color: colours.white, paddingTop: 1 }}>{target.goalTitle}</Text>
        </View>
      )}
      <View style={{ borderTopWidth: 0.75, borderTopColor: tint(target.colour, 0.7), paddingTop: 3, flexDirection: d.row }}>
        {/* A code reads left to right in every language: "11.b", never "b.11". */}
        <Text style={{ fontFamily: d.fonts.body, fontWeight: 700, fontSize: t.code, color: colours.white, ...d.marginEnd(4) }}>{target.code}</Text>
        <Text hyphenationCallback={whole} style={{ ...d.text, flex: 1, fontFamily: d.fonts.body, fontWeight: 500, fontSize: t.label, lineHeight: 1.2, color: colours.white }}>{target.label}</Text>
      </View>
    </View>
  );
}

export function SectionHeading({ children, role, s, d = dir() }: { children: string; role: StructureRole; s: Scale; d?: Dir }) {
  return (
    <View style={{ borderBottomWidth: 1.5, borderBottomColor: colours.accent, paddingBottom: 3, marginBottom: s.smallGap }}>
      <Text role={role} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 700, fontSize: s.heading, letterSpacing: d.tracking(s.heading), color: colours.brand, textTransform: 'uppercase' }}>{children}</Text>
    </View>
  );
}

/** A list (L > LI > LBody); its drawn bullets are decoration. */
export function BulletList({ items, s, d = dir() }: { items: string[]; s: Scale; d?: Dir }) {
  return (
    <View role="L">
      {items.map((item, i) => (
        // wrap={false}: a bullet never stands apart from its text.
        <View key={i} role="LI" wrap={false} style={{ flexDirection: d.row, marginBottom: s.itemGap }}>
          <View style={{ width: 3.5, height: 3.5, borderRadius: 1.75, backgroundColor: colours.accent, marginTop: s.body * 0.55, ...d.marginEnd(5) }} />
          <Text role="LBody" style={{ ...d.text, flex: 1, fontFamily: d.fonts.body, fontSize: s.body, lineHeight: s.leading, color: colours.ink }}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

/** Whether a card's partners fit in the footer beside the funding statement (else: PartnersRow). */
export function partnersInFooter(partners: ResolvedPartner[]): boolean {
  const chars = partners.reduce((n, p) => n + (p.logo ? partnersLayout.logoChars : p.name.length), 0);
  return partners.length <= partnersLayout.footerMax && chars <= partnersLayout.footerChars;
}

/** Many partners: their own row above the footer, wrapping as needed, logos smaller. */
export function PartnersRow({ heading, partners, s, d = dir() }: { heading: string; partners: ResolvedPartner[]; s: Scale; d?: Dir }) {
  const h = partnersLayout.rowLogoHeight;
  return (
    <View role="Div" wrap={false} style={{ flexDirection: d.row, flexWrap: 'wrap', alignItems: 'center', marginTop: s.smallGap, paddingBottom: 4 }}>
      <Text style={{ ...d.text, fontFamily: d.fonts.body, fontSize: 6.5, letterSpacing: d.tracking(0.6), color: colours.muted, textTransform: 'uppercase', marginBottom: 4, ...d.marginEnd(partnersLayout.rowGap - 4) }}>{heading}</Text>
      {partners.map((p, i) => (
        <View key={i} style={{ flexDirection: d.row, alignItems: 'center', marginBottom: 4, ...d.marginEnd(partnersLayout.rowGap) }}>
          {p.logo ? (
            <View role="Figure" alt={p.alt}><Picture picture={p.logo} width={h * 2} height={h} /></View>
          ) : (
            <>
              <View artifact="Layout" style={{ width: 3.5, height: 3.5, backgroundColor: colours.accent, ...d.marginEnd(5) }} />
              <Text lang={p.lang} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 8, color: colours.ink }}>{p.name}</Text>
            </>
          )}
        </View>
      ))}
    </View>
  );
}

/**
 * The funding statement with the EU emblem (or another funder), and the partners. The statement
 * is content on a sheet's first page and furniture (`running`) on the pages after it; the
 * partners are always content.
 */
export function FundingFooter({ statement, emblemAlt, partnersHeading, partners, funder, running = false, s, d = dir() }: {
  statement: string; emblemAlt: string; partnersHeading: string; partners: ResolvedPartner[];
  /** A funder other than the EU (factsheets): its name or logo in place of the emblem. */
  funder?: { heading: string; name: string; logo?: PictureData };
  running?: boolean;
  s: Scale;
  d?: Dir;
}) {
  const funding = running ? ({ artifact: 'Pagination' } as const) : ({ role: 'Div', elementId: 'running-funding' } as const);
  return (
    // fixed: React-PDF paginates absolute boxes like any other and, when the body is full,
    // may split the footer onto a second page; a fixed box is never split.
    <View fixed style={{ position: 'absolute', left: s.margin, right: s.margin, bottom: 20, height: s.footerHeight - 20, borderTopWidth: 0.5, borderTopColor: colours.rule, paddingTop: 8, flexDirection: d.row, alignItems: 'center', justifyContent: 'space-between' }}>
      {/* The emblem always stands with the statement. */}
      {funder ? (
        <View {...funding} style={{ flexDirection: d.row, alignItems: 'center' }}>
          <Text style={{ ...d.text, fontFamily: d.fonts.body, fontSize: 6.5, letterSpacing: d.tracking(6.5), color: colours.muted, textTransform: 'uppercase', ...d.marginEnd(8) }}>{funder.heading}</Text>
          {funder.logo ? (
            <View role="Figure" alt={funder.name}><Picture picture={funder.logo} width={s.emblemHeight * 2} height={s.emblemHeight} /></View>
          ) : (
            <Text style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 8.5, color: colours.ink }}>{funder.name}</Text>
          )}
        </View>
      ) : (
        <View {...funding} style={{ flexDirection: d.row, alignItems: 'center' }}>
          <View role="Figure" alt={emblemAlt}><EuEmblem height={s.emblemHeight} /></View>
          <Text style={{ ...d.text, ...d.marginStart(8), fontFamily: d.fonts.body, fontSize: 8.5, color: colours.euBlue }}>{statement}</Text>
        </View>
      )}
      <View style={{ flexDirection: d.row, alignItems: 'center' }}>
        {partners.length > 0 ? (
          <View role="Div" style={{ flexDirection: d.row, alignItems: 'center' }}>
            <Text style={{ ...d.text, fontFamily: d.fonts.body, fontSize: 6.5, letterSpacing: d.tracking(6.5), color: colours.muted, textTransform: 'uppercase', ...d.marginEnd(8) }}>{partnersHeading}</Text>
            {partners.map((p, i) =>
              p.logo ? (
                <View key={i} role="Figure" alt={p.alt} style={d.marginStart(10)}><Picture picture={p.logo} width={s.emblemHeight * 2} height={s.emblemHeight} /></View>
              ) : (
                <Text key={i} lang={p.lang} hyphenationCallback={whole} style={{ ...d.text, fontFamily: d.fonts.body, fontWeight: 600, fontSize: 8, color: colours.ink, ...d.marginStart(i ? 10 : 0) }}>{p.name}</Text>
              ),
            )}
          </View>
        ) : null}
      </View>
    </View>
  );
}
