// A reviewer's approvals: "this document, as it is now, has been read". Kept in
// editions/approvals.json beside the editions (shared with the team, like them), each for the
// digest of the PDF that was read: a document that changes again needs reading again.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../write/index.js';
import { EDITIONS_FOLDER } from './editions.js';

export interface Approval {
  sha256: string;
  by: string;
  at: string;
}

const file = (root: string) => join(root, EDITIONS_FOLDER, 'approvals.json');
/** A document's path under out/: a language folder and a PDF named by its record. */
export const DOCUMENT_PATH = /^[a-z]{2}\/[a-z0-9][a-z0-9-]*\.pdf$/;

/** The approvals, by document path (a Map: no path can reach an object's prototype). */
export function readApprovals(root: string): Map<string, Approval> {
  if (!existsSync(file(root))) return new Map();
  try {
    const raw = JSON.parse(readFileSync(file(root), 'utf8')) as { approvals?: Record<string, Approval> };
    return new Map(Object.entries(raw.approvals ?? {}).filter(([path, a]) => DOCUMENT_PATH.test(path) && typeof a?.sha256 === 'string'));
  } catch {
    return new Map();
  }
}

/** Approve a document as it is now (its digest), or take the approval back (`sha256` undefined). */
export function setApproval(root: string, path: string, sha256: string | undefined, by: string, at = new Date()): Map<string, Approval> {
  const all = readApprovals(root);
  if (sha256) all.set(path, { sha256, by, at: at.toISOString() });
  else all.delete(path);
  const sorted = Object.fromEntries([...all].sort(([a], [b]) => a.localeCompare(b)));
  writeAtomic(file(root), JSON.stringify({ approvals: sorted }, null, 2) + '\n');
  return all;
}

/** Whether the document now is the one approved. */
export const isApproved = (approvals: Map<string, Approval>, path: string, sha256: string | undefined) => !!sha256 && approvals.get(path)?.sha256 === sha256;
