// Thumbnails of the PDFs in out/, made once on the server and kept in .cache/thumbnails/ as PNG,
// keyed by the PDF's bytes (like the render cache): the overview of 50 documents shows at once,
// however many PDF viewers a page would otherwise start. Made on the build thread, after each
// build, for the PDFs it wrote; served by the main thread.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageImage } from '../pdf/index.js';

/** Thumbnails are this many pixels wide: sharp on a 2× screen at the overview's tile width. */
const WIDTH = 400;
/** Past this size the least recently used thumbnails are removed. */
const CAP_BYTES = 50 * 1024 * 1024;

const folder = (root: string) => join(root, '.cache', 'thumbnails');
const keyOf = (pdf: Buffer, page: number) => createHash('sha256').update(`thumbnail ${WIDTH} ${page}\0`).update(pdf).digest('hex');

/** The thumbnail of a page of a PDF when it was made before (its last use noted), else undefined. */
export function keptThumbnail(root: string, pdf: Buffer, page = 1): Buffer | undefined {
  const path = join(folder(root), `${keyOf(pdf, page)}.png`);
  try {
    const png = readFileSync(path);
    const now = new Date();
    utimesSync(path, now, now);
    return png;
  } catch {
    return undefined;
  }
}

/** The thumbnail of a page of a PDF: made, kept, and the cache kept under its cap. */
export async function makeThumbnail(root: string, pdf: Buffer, page = 1): Promise<Buffer> {
  const kept = keptThumbnail(root, pdf, page);
  if (kept) return kept;
  const png = await pageImage(pdf, page, WIDTH);
  try {
    mkdirSync(folder(root), { recursive: true });
    const path = join(folder(root), `${keyOf(pdf, page)}.png`);
    writeFileSync(`${path}.${process.pid}.tmp`, png);
    renameSync(`${path}.${process.pid}.tmp`, path);
    prune(folder(root));
  } catch {
    // A thumbnail that cannot be kept is made again next time.
  }
  return png;
}

function prune(dir: string) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => ({ path: join(dir, f), ...statSync(join(dir, f)) }));
  let total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= CAP_BYTES) break;
    rmSync(f.path, { force: true });
    total -= f.size;
  }
}
