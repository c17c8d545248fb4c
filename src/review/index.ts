// Review before it goes out: editions (what was published, ./editions.ts), what changed since
// one (./changes.ts, word by word as a reader gets the text), a reviewer's approvals
// (./approvals.ts) and a review PDF (./reviewPdf.ts). Beside the pipeline: it asks a workspace
// for an up-to-date build and reads the PDFs it wrote.
import type { BuiltFile, Workspace } from '../pipeline/index.js';
import { changesSince, type Changes } from './changes.js';
import { currentDocuments, findEdition, listEditions, publishEdition, type CurrentDocument, type DocumentKind, type Edition } from './editions.js';
import { isApproved, readApprovals } from './approvals.js';

export { changesSince, textChanges, type Changes, type DocumentChange, type TextChange } from './changes.js';
export { editionFile, findEdition, listEditions, EDITIONS_FOLDER, type CurrentDocument, type Edition, type EditionDocument } from './editions.js';
export { DOCUMENT_PATH, isApproved, readApprovals, setApproval, type Approval } from './approvals.js';

/** The documents now: `files` of a build (the studio's last good one), or a build made now. */
export async function documentsNow(ws: Workspace, files?: BuiltFile[], onWritten?: (file: BuiltFile) => void): Promise<CurrentDocument[]> {
  const built = files ?? (await ws.build({ onWritten })).files;
  const { data } = await ws.checked();
  const factsheets = new Set(data?.factsheets.records.map((r) => r.id));
  const kindOf = (id: string): DocumentKind => (factsheets.has(id) ? 'factsheet' : 'card');
  return currentDocuments(ws.root, built, kindOf);
}

export interface Published {
  edition: Edition;
  /** What changed since the edition before, and was not approved as it is now. */
  unapproved: string[];
  previous?: string;
}

/** Record an edition of the documents now (built first when not given). */
export async function publish(ws: Workspace, opts: { to?: string; by: string; files?: BuiltFile[]; onWritten?: (file: BuiltFile) => void }): Promise<Published> {
  const now = await documentsNow(ws, opts.files, opts.onWritten);
  const previous = listEditions(ws.root).at(-1);
  let unapproved: string[] = [];
  if (previous) {
    const approvals = readApprovals(ws.root);
    const changes = await changesSince(previous, now, { text: false });
    unapproved = changes.documents.filter((d) => d.state !== 'removed' && !isApproved(approvals, d.path, d.after?.sha256)).map((d) => d.path);
  }
  const edition = publishEdition(ws.root, now, { to: opts.to, by: opts.by });
  return { edition, unapproved, previous: previous?.name };
}

/** The review PDF (./reviewPdf.ts, pdf-lib loaded only for it). */
export async function writeReviewPdf(root: string, found: Changes, target: string): Promise<string> {
  return (await import('./reviewPdf.js')).writeReviewPdf(root, found, target);
}

/** What changed since an edition (the latest when `since` is not given). */
export async function changes(ws: Workspace, opts: { since?: string; files?: BuiltFile[]; onWritten?: (file: BuiltFile) => void } = {}): Promise<Changes> {
  const edition = findEdition(ws.root, opts.since);
  return changesSince(edition, await documentsNow(ws, opts.files, opts.onWritten));
}
