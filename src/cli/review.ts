// Review before it goes out: `publish` records an edition, `changes` says what differs since
// one (word by word), `approve` marks documents read (src/review); `history` shows a record's
// changes (src/history).
import { relative } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../problems.js';
import { out, plural } from './common.js';

const review = () => import('../review/index.js');
const history = () => import('../history/index.js');
const workspace = async (root: string) => (await import('../pipeline/index.js')).Workspace.open(root);

const KIND_WORDS: Record<string, string> = { save: 'edited', create: 'created', delete: 'deleted', rename: 'renamed', restore: 'restored', import: 'translations imported', commit: 'commit' };

/** A field's change in a line: a few unchanged words around each change, [-removed-] {+added+}. */
function wordLine(parts: { text: string; added?: boolean; removed?: boolean }[]): string {
  const words = (t: string) => t.split(/\s+/).filter(Boolean);
  return parts
    .map((p, i) => {
      if (p.added) return `{+${p.text.trim()}+}`;
      if (p.removed) return `[-${p.text.trim()}-]`;
      const w = words(p.text);
      const [head, tail] = [i > 0 ? w.slice(0, 5) : [], i < parts.length - 1 ? w.slice(-5) : []];
      return w.length > head.length + tail.length ? [...head, '…', ...tail].join(' ') : w.join(' ');
    })
    .filter(Boolean)
    .join(' ')
    .replace(/\n/g, ' ⏎ ');
}

export function addReviewCommands(cmd: Command, root: () => string) {
  cmd
    .command('history')
    .description("a record's history: every change the studio made (who, when, which fields, the words), and its commits when the project is a git repository")
    .argument('<record>', 'an action or factsheet id, or its file (data/actions/rabat.yaml)')
    .option('--json', 'print the history as JSON')
    .action(async (name: string, o) => {
      const { historyOf, versionTexts, fieldChanges } = await history();
      const { existsSync } = await import('node:fs');
      const { join } = await import('node:path');
      const candidates = /\.ya?ml$/.test(name) ? [name] : [`data/actions/${name}.yaml`, `data/factsheets/${name}.yaml`];
      const file = candidates.find((f) => existsSync(join(root(), f)) || historyOf(root(), f).length);
      if (!file) throw new UsageError(`${name}: no such record, and no history of one (give an id such as rabat, or a file such as data/actions/rabat.yaml)`);
      const versions = historyOf(root(), file).map((v) => {
        const texts = versionTexts(root(), file, v.id);
        return { ...v, changes: texts ? fieldChanges(texts.before, texts.after) : [] };
      });
      if (o.json) {
        out(JSON.stringify({ file, versions }, null, 2));
        return;
      }
      if (!versions.length) {
        out(`${file}: no change recorded yet (changes made in the studio are recorded; in a git repository, its commits are shown too).`);
        return;
      }
      out(`History of ${file}, newest first:`);
      for (const v of versions) {
        out(`  ${v.at.slice(0, 16).replace('T', ' ')}  ${v.by}  ${KIND_WORDS[v.kind] ?? v.kind}${v.from ? ` from ${v.from}` : ''}${v.fields.length ? `: ${v.fields.join(', ')}` : ''}${v.commit ? `  [${v.commit.slice(0, 8)}]` : ''}${v.message && v.kind === 'commit' ? `  "${v.message}"` : ''}`);
        for (const c of v.changes.slice(0, 12)) out(`      ${c.field}: ${wordLine(c.words)}`);
      }
    });


  cmd
    .command('publish')
    .description('build, then record an edition: the PDFs copied to editions/<date>/ with a manifest of their digests, the date and who')
    .option('--to <folder>', 'copy the edition into this new folder instead of editions/<date>/')
    .option('--by <name>', 'who publishes (default: your git identity, else your account name)')
    .action(async (o) => {
      const [{ publish }, { person }] = await Promise.all([review(), history()]);
      const ws = await workspace(root());
      const r = await publish(ws, { to: o.to, by: o.by ?? person(ws.root) });
      const where = relative(process.cwd(), r.edition.folder) || '.';
      out(`Edition ${r.edition.name}: ${plural(r.edition.documents.length, 'document')} copied to ${where}/, with manifest.json (by ${r.edition.by}).`);
      if (r.unapproved.length) out(`Warning: ${plural(r.unapproved.length, 'document')} changed since edition ${r.previous} and not approved as published: ${r.unapproved.join(', ')}. See \`brochure changes --since ${r.previous}\`.`);
    });

  cmd
    .command('changes')
    .description('list the documents whose PDF differs from an edition (added, removed, changed) and their text changes, word by word')
    .option('--since <edition>', 'the edition to compare with: a name under editions/ or a folder (default: the latest)')
    .option('--json', 'print the changes as JSON')
    .option('--pdf <file>', 'also write a review PDF: a summary, then each changed page before and after, the changes highlighted')
    .action(async (o) => {
      const { changes, readApprovals, isApproved, writeReviewPdf } = await review();
      const ws = await workspace(root());
      const found = await changes(ws, { since: o.since });
      if (o.pdf) {
        const written = await writeReviewPdf(ws.root, found, o.pdf);
        if (!o.json) out(`Review PDF: ${relative(process.cwd(), written)} (${plural(found.documents.length, 'document')} to read).`);
      }
      if (o.json) {
        out(JSON.stringify(found, null, 2));
        return;
      }
      const approvals = readApprovals(ws.root);
      const e = found.edition;
      out(`Since edition ${e.name} (published ${e.date.slice(0, 16).replace('T', ' ')} UTC${e.by ? ` by ${e.by}` : ''}):`);
      for (const d of found.documents) {
        const approved = isApproved(approvals, d.path, d.after?.sha256) ? ' (approved)' : '';
        if (d.state !== 'changed') {
          out(`  ${d.state.padEnd(8)} ${d.path}${d.after ? ` (${plural(d.after.pages, 'page')})` : ''}${approved}`);
          continue;
        }
        if (d.missingCopy) {
          out(`  changed  ${d.path}: the edition's copy of it is missing (${e.name}/${d.path}), so its words cannot be compared${approved}`);
          continue;
        }
        if (!d.textChanged) {
          out(`  changed  ${d.path}: layout only, no text change (${d.before!.pages} → ${plural(d.after!.pages, 'page')})${approved}`);
          continue;
        }
        out(`  changed  ${d.path}: ${plural(d.changes.length, 'text change')} on page ${d.pages.join(', ')}${approved}`);
        for (const c of d.changes.slice(0, 20)) out(`      p. ${c.page}: …${c.before ? `${c.before} ` : ''}${c.removed ? `[-${c.removed}-]` : ''}${c.removed && c.added ? ' ' : ''}${c.added ? `{+${c.added}+}` : ''}${c.after ? ` ${c.after}` : ''}…`);
        if (d.changes.length > 20) out(`      … and ${d.changes.length - 20} more`);
      }
      const count = (s: string) => found.documents.filter((d) => d.state === s).length;
      out(`${plural(count('changed'), 'document')} changed, ${count('added')} added, ${count('removed')} removed, ${found.unchanged} unchanged.`);
    });

  cmd
    .command('approve')
    .description('mark documents as read and approved as they are now (ids or paths such as fr/rabat.pdf); publish warns about changed documents not approved')
    .argument('<documents...>', 'record ids (every language) or paths under out/')
    .option('--undo', 'take the approval back')
    .option('--by <name>', 'who approves (default: your git identity, else your account name)')
    .action(async (names: string[], o) => {
      const [{ documentsNow, setApproval }, { person }] = await Promise.all([review(), history()]);
      const ws = await workspace(root());
      const now = await documentsNow(ws);
      const by = o.by ?? person(ws.root);
      for (const name of names) {
        const docs = now.filter((d) => d.path === name || d.id === name);
        if (!docs.length) throw new UsageError(`${name}: no such document (give a record id such as rabat, or a path under out/ such as fr/rabat.pdf)`);
        for (const d of docs) {
          setApproval(ws.root, d.path, o.undo ? undefined : d.sha256, by);
          out(`${o.undo ? 'approval taken back' : 'approved'}: ${d.path}`);
        }
      }
    });
}
