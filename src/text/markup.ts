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
