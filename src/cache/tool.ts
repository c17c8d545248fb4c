// What, besides the data, decides the bytes of a PDF: the compiled templates and
// pipeline code, the font files, the patches and the versions of the renderer.
// Any change to them gives a new key, so the cache never serves stale output.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import { digest, digestFiles, filesUnder } from './index.js';
import { fontFiles } from '../render/fontFiles.js';

let key: string | undefined;

export function toolKey(): string {
  if (key) return key;
  const dist = fileURLToPath(new URL('../../', import.meta.url)); // dist/ (or the sources under vitest)
  const project = basename(dist) === 'dist' ? join(dist, '..') : dist;
  const code = [...filesUnder(join(dist, 'src'), '.js'), ...filesUnder(join(dist, 'templates'), '.js'),
    ...filesUnder(join(dist, 'src'), '.ts'), ...filesUnder(join(dist, 'templates'), '.tsx'), ...filesUnder(join(dist, 'templates'), '.ts')];
  // Versions of what renders (read from the lock file: some packages hide package.json).
  const versions = digestFiles([join(project, 'package-lock.json')].filter((f) => existsSync(f)));
  key = digest({
    code: digestFiles(code),
    fonts: digestFiles(fontFiles().map((f) => f.src)),
    patches: digestFiles(filesUnder(join(project, 'patches'), '.patch')),
    versions,
    node: process.versions.node,
  });
  return key;
}
