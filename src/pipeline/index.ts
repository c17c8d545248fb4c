// The pipeline: one workspace over the stages (./workspace.ts), which every command opens —
// build, check, validate, list, the translation commands, watch and the studio. No other
// module sequences stages.
import { Workspace } from './workspace.js';
import type { BuildOptions, BuildReport } from './build.js';

export { Workspace, type WorkspaceOptions, type WorkspaceStats, type Selection } from './workspace.js';
export type { BuildOptions, BuildReport, BuiltFile } from './build.js';
export type { CheckOptions, CheckReport, CheckedDocument } from './check.js';
export { DOCUMENT_KINDS, documentCount, listLines, type DocumentKind, type DocumentRecord, type ResolvedDocument } from './documents.js';

/** Open `root` and build it: for a command that builds once. */
export function build(opts: BuildOptions & { root: string; cache?: boolean }): Promise<BuildReport> {
  return Workspace.open(opts.root, { cache: opts.cache }).build(opts);
}
