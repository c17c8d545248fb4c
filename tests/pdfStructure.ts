// Test helpers: what a reader clicks in a PDF — the outline (bookmarks) and the internal
// links — each with the 1-based page it opens. Read with pdfjs-dist, as pdf-parse does.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface OutlineEntry {
  title: string;
  page: number;
  items: OutlineEntry[];
}

export interface PageLink {
  /** Page the link is on. */
  page: number;
  /** Page it opens. */
  target: number;
  /** The link's rectangle, [x1, y1, x2, y2] in PDF points from the bottom left. */
  rect: number[];
}

type PdfDoc = Awaited<ReturnType<typeof getDocument>['promise']>;

async function pageOf(doc: PdfDoc, dest: unknown): Promise<number> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : (dest as unknown[] | null);
  if (!explicit) return 0;
  return (await doc.getPageIndex(explicit[0] as never)) + 1;
}

export async function pdfStructure(bytes: Buffer | Uint8Array): Promise<{ outline: OutlineEntry[]; links: PageLink[]; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const walk = async (items: { title: string; dest: unknown; items: unknown[] }[] | null): Promise<OutlineEntry[]> =>
      Promise.all((items ?? []).map(async (i) => ({ title: i.title, page: await pageOf(doc, i.dest), items: await walk(i.items as never) })));
    const outline = await walk((await doc.getOutline()) as never);
    const links: PageLink[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      for (const a of await page.getAnnotations()) {
        if (a.subtype === 'Link' && a.dest) links.push({ page: n, target: await pageOf(doc, a.dest), rect: a.rect });
      }
    }
    return { outline, links, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}

/** A structure element as pdf.js gives it to a screen reader: role, alternative text, language, text and children in reading order. */
export interface TagNode {
  role: string;
  alt?: string;
  lang?: string;
  /** The text of its own marked content and of its descendants, in reading order. */
  text: string;
  children: TagNode[];
  /** Link annotations this element holds (object references in the structure). */
  annotations: number;
}

/** The structure tree of each page (pdf.js), with each element's text from the page's marked content. */
export async function tagTrees(bytes: Buffer | Uint8Array): Promise<TagNode[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: TagNode[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const byId = new Map<string, string>();
      const open: (string | null)[] = [];
      for (const item of content.items as { type?: string; id?: string; str?: string; hasEOL?: boolean }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str !== undefined) {
          const id = [...open].reverse().find((x) => x);
          if (id) byId.set(id, (byId.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
        }
      }
      type Raw = { role?: string; alt?: string; lang?: string; type?: string; id?: string; children?: Raw[] };
      const build = (raw: Raw): TagNode => {
        const children: TagNode[] = [];
        let text = '';
        let annotations = 0;
        for (const c of raw.children ?? []) {
          if (c.type === 'content') text += byId.get(c.id!) ?? '';
          else if (c.type === 'annotation' || c.type === 'object') annotations++;
          else {
            const child = build(c);
            children.push(child);
            text += child.text;
          }
        }
        return { role: raw.role ?? 'Root', alt: raw.alt, lang: raw.lang, text, children, annotations };
      };
      pages.push(build((await page.getStructTree()) as Raw));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Every element of a tree, depth first (reading order). */
export function flatten(node: TagNode): TagNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

/** Text pieces of a page that sit in no marked content at all (neither tagged nor artifact). */
export async function unmarkedText(bytes: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const out: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true });
      let depth = 0;
      for (const item of content.items as { type?: string; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') depth++;
        else if (item.type === 'endMarkedContent') depth--;
        else if (item.str?.trim() && depth === 0) out.push(`page ${n}: ${item.str}`);
      }
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Text inside artifacts (page furniture a screen reader skips), per page. */
export async function artifactText(bytes: Buffer | Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true });
      const open: string[] = [];
      let text = '';
      for (const item of content.items as { type?: string; tag?: string; str?: string }[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.tag ?? '');
        else if (item.type === 'endMarkedContent') open.pop();
        else if (item.str && open.includes('Artifact')) text += item.str + ' ';
      }
      pages.push(text);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Document-level facts a PDF/UA checker reads first. */
export async function documentFacts(bytes: Buffer | Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, unknown>;
    return {
      marked: (await doc.getMarkInfo())?.Marked === true,
      language: info.Language as string | undefined,
      title: info.Title as string | undefined,
      xmpTitle: meta.metadata?.get('dc:title') as string | undefined,
      xmp: meta.metadata?.getRaw() as string | undefined,
      displayDocTitle: ((await doc.getViewerPreferences()) as Record<string, unknown> | null)?.DisplayDocTitle === true,
    };
  } finally {
    await doc.destroy();
  }
}
