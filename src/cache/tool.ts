// What, besides the data, decides the bytes of a PDF: the compiled templates and
// pipeline code, the font files, the patches and the versions of the renderer.
// Any change to them gives a new key, so the cache never serves stale output.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { digest, digestFiles, filesUnder } from './digest.js';
import { fontFiles } from '../design/index.js';

let key: string | undefined;

let code: string | undefined;

export function toolKey(): string {
  if (key) return key;
  const project = projectFolder();
  key = digest({
    code: codeKey(),
    fonts: digestFiles(fontFiles().map((f) => f.src)),
    patches: digestFiles(filesUnder(join(project, 'patches'), '.patch')),
    node: process.versions.node,
  });
  return key;
}

/** The tool's own code and the versions of the packages it runs on (what checks the data). */
export function codeKey(): string {
  if (code) return code;
  const dist = fileURLToPath(new URL('../../', import.meta.url)); // dist/ (or the sources under vitest)
  const files = [...filesUnder(join(dist, 'src'), '.js'), ...filesUnder(join(dist, 'templates'), '.js'),
    ...filesUnder(join(dist, 'src'), '.ts'), ...filesUnder(join(dist, 'templates'), '.tsx'), ...filesUnder(join(dist, 'templates'), '.ts')];
  // Versions of the packages (read from the lock file: some packages hide package.json).
  const versions = digestFiles([join(projectFolder(), 'package-lock.json')].filter((f) => existsSync(f)));
  code = digest({ code: digestFiles(files), versions });
  return code;
}

function projectFolder(): string {
  const dist = fileURLToPath(new URL('../../', import.meta.url));
  return basename(dist) === 'dist' ? join(dist, '..') : dist;
}
