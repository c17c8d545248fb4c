// A translator's file in the studio: uploaded, previewed (the documents it would change, built
// into out/preview/ from the data with the file laid over it, shown beside the current pages),
// then imported if the reviewer says so. The file is read by the translation tools' own parsers
// (XLIFF 1.2 / 2.x as XML, spreadsheets by exceljs) and checked as `translate import` checks it;
// it is kept in a private temporary folder under a random token — no path from a request ever
// names it — and the preview and the import run on the build thread.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Problem } from '../problems.js';
import type { FileChange } from '../edit/index.js';
import { confine, HttpError, jsonBody, readBody, type Json, type RouteGroup } from './guard.js';
import { filesUnder } from '../cache/index.js';
import type { Builds } from './builds.js';

/** A translation file is text for a few hundred units: a few hundred kB; this leaves room. */
const MAX_TRANSLATION_BYTES = 8 * 1024 * 1024;
/** The kinds of file `translate export` writes and `translate import` reads. */
const KINDS = new Map<string, 'xml' | 'xlsx'>([['xlf', 'xml'], ['xliff', 'xml'], ['xlsx', 'xlsx']]);
/** Uploaded files kept for an import after their preview; the oldest go first. */
const KEPT = 5;

interface Uploaded {
  file: string;
  name: string;
}

export interface TranslationRoutes extends RouteGroup {
  close(): void;
}

/** The name shown for an upload: its last part, printable, not too long. */
function shownName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 120) || 'translation';
}

export function translationRoutes(root: string, builds: Builds, remember: (kind: 'import', changes: FileChange[]) => unknown): TranslationRoutes {
  let folder: string | undefined;
  const uploads = new Map<string, Uploaded>();

  const refused = (problems: Problem[], name: string) => ({ problems: problems.map((p) => ({ ...p, file: p.file || name })), message: `${name} cannot be used as it is: nothing was built or written` });

  async function preview(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, json: Json) {
    const name = shownName(query.get('name') ?? '');
    const kind = KINDS.get(extname(name).slice(1).toLowerCase());
    if (!kind) throw new HttpError(415, `${name}: expected a file the translation export wrote (.xlf, .xliff or .xlsx)`, undefined, true);
    const bytes = await readBody(req, MAX_TRANSLATION_BYTES);
    // The parsers decide what the file holds; this only keeps a spreadsheet from being read as XML or the reverse.
    const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    if ((kind === 'xlsx') !== zip) throw new HttpError(415, kind === 'xlsx' ? `${name} is not a spreadsheet (.xlsx): save it again from the spreadsheet program` : `${name} is not an XLIFF file (it is a zip archive, like a spreadsheet): name it .xlsx if it is one`);
    const outDir = confine(root, 'out/preview/x', { folders: ['out'], mayBeNew: true });
    if (!outDir) throw new HttpError(400, 'out/preview/ is not a folder the studio may write');
    folder ??= mkdtempSync(join(tmpdir(), 'brochure-translation-'));
    const token = randomUUID();
    const file = join(folder, `${token}.${kind === 'xlsx' ? 'xlsx' : 'xlf'}`);
    writeFileSync(file, bytes, { mode: 0o600 });
    const report = await builds.translation('preview', file, name, join(outDir, '..'));
    if (Array.isArray(report)) {
      rmSync(file, { force: true });
      return json(res, 422, refused(report, name));
    }
    uploads.set(token, { file, name });
    for (const [old, u] of uploads) if (uploads.size > KEPT) { uploads.delete(old); rmSync(u.file, { force: true }); }
    const stamp = Date.now();
    const documents = report.files.map((f) => ({ lang: f.lang, id: f.id, kind: f.kind ?? 'record', pages: f.pages, preview: `/files/${relative(root, f.path).split(sep).map(encodeURIComponent).join('/')}?v=${stamp}` }));
    return json(res, 200, { token, name, lang: report.lang, records: report.records, texts: report.texts, notes: report.notes, documents });
  }

  async function importFile(req: IncomingMessage, res: ServerResponse, json: Json) {
    const { token } = await jsonBody(req);
    const upload = typeof token === 'string' ? uploads.get(token) : undefined;
    if (!upload) throw new HttpError(404, 'this file is no longer kept here: open it again to preview it, then import it');
    // The data's texts before, so the import is recorded in the history (and committed) like a save.
    const before = dataTexts(root);
    const report = await builds.translation('import', upload.file, upload.name);
    if (Array.isArray(report)) return json(res, 422, refused(report, upload.name));
    const after = dataTexts(root);
    const changed = [...after].filter(([f, t]) => before.get(f) !== t).map(([file, text]) => ({ file, before: before.get(file), after: text }));
    if (changed.length) remember('import', changed);
    uploads.delete(token as string);
    rmSync(upload.file, { force: true });
    return json(res, 200, { lang: report.lang, units: report.units, files: report.files, untranslated: report.untranslated, notes: report.notes });
  }

  return {
    async handle(req, res, path, query, json) {
      if (req.method !== 'POST') return false;
      if (path === '/api/translations/preview') return await preview(req, res, query, json), true;
      if (path === '/api/translations/import') return await importFile(req, res, json), true;
      return false;
    },
    close() {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Every YAML text under data/ (not its schemas), by path relative to the project. */
function dataTexts(root: string): Map<string, string> {
  const texts = [...filesUnder(join(root, 'data'), '.yaml'), ...filesUnder(join(root, 'data'), '.yml')].filter((f) => !f.includes(`${sep}schemas${sep}`));
  return new Map(texts.map((f) => [relative(root, f).split(sep).join('/'), readFileSync(f, 'utf8')]));
}
