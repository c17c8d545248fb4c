// The inline markup the comms team types in long texts: **bold** and footnote markers
// [^id] (the footnote's text and link are under `footnotes:`). Numbers are given by the
// tool in reading order, so nobody renumbers by hand.

export interface Run {
  text: string;
  bold?: boolean;
  /** A footnote marker: the footnote's id (the number is given when resolving). */
  note?: string;
}

const TOKEN = /\*\*|\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]/g;

/** Split a text into runs; `problem` is set when a ** is left open. */
export function parseInline(s: string): { runs: Run[]; problem?: string } {
  const runs: Run[] = [];
  let bold = false;
  let last = 0;
  const push = (text: string) => {
    if (text) runs.push(bold ? { text, bold } : { text });
  };
  for (const m of s.matchAll(TOKEN)) {
    push(s.slice(last, m.index));
    if (m[0] === '**') bold = !bold;
    else runs.push({ text: '', note: m[1] });
    last = m.index! + m[0].length;
  }
  push(s.slice(last));
  return { runs, problem: bold ? 'a "**" opens bold text that is never closed: write **bold words**' : undefined };
}

/** The footnote ids a text refers to, in order. */
export function noteIds(s: string): string[] {
  return parseInline(s).runs.flatMap((r) => (r.note ? [r.note] : []));
}

/** Paragraphs: a blank line separates them (in a `>-` block a blank line leaves one line break). */
export function paragraphs(s: string): string[] {
  const parts = /\n\s*\n/.test(s) ? s.split(/\n\s*\n/) : s.split('\n');
  return parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** What a text holds that would print as typed: markup the field does not support, HTML, entities. */
export interface ForeignMarkup {
  found: string;
  message: string;
}

const HTML_TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*\/?>/gi;
const ENTITY = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi;

/**
 * Markup a field does not support, each with what to write instead: HTML tags (<b>, <br>)
 * and entities (&amp;) are never supported (the text is printed as written); **bold** and
 * footnote markers [^id] only where the field takes them (a factsheet's long texts).
 */
export function foreignMarkup(text: string, allowed: { bold?: boolean; notes?: boolean } = {}): ForeignMarkup[] {
  const out: ForeignMarkup[] = [];
  for (const m of text.matchAll(HTML_TAG)) {
    const tag = m[1]!.toLowerCase();
    out.push({ found: m[0], message: tag === 'br' ? `"${m[0]}" would print as typed: a line break is not written in the text (a list item or a paragraph of its own instead)` : `"${m[0]}" is HTML, which would print as typed: write the text without it${allowed.bold ? ' (**bold** is how bold is written here)' : ''}` });
  }
  for (const m of text.matchAll(ENTITY)) {
    const char = decodeEntity(m[1]!);
    if (char) out.push({ found: m[0], message: `"${m[0]}" is an HTML entity, which would print as typed: write the character itself ("${char}")` });
  }
  if (!allowed.bold && /\*\*[^*\n]+\*\*/.test(text)) out.push({ found: '**', message: '"**…**" would print as typed: cards have no bold text, write the words without the stars' });
  if (!allowed.notes && /\[\^[^\]\n]+\]/.test(text)) out.push({ found: '[^…]', message: '"[^…]" is a footnote marker, and this text has no footnotes: it would print as typed' });
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', rsquo: '\u2019', hellip: '…', ndash: '–', mdash: '—' };

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
  return NAMED[body.toLowerCase()];
}
