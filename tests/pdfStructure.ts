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
