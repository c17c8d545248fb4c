// Watching the project's folders for saves: chokidar, because node's fs.watch with
// `recursive` misses events on some file systems and platforms. Used by `brochure watch`
// and the studio; one debounced callback per burst of changes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { watch as chokidarWatch } from 'chokidar';

export interface DataWatcher {
  /** Resolves once the initial scan is done: changes after this are reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * How long a burst of changes may last: an editor's save (write, or write a temporary file and
 * rename it) comes in events a few milliseconds apart. Longer only delays every rebuild; a save
 * caught half way is built again when its last event comes.
 */
const DEBOUNCE_MS = 20;

/** Call `onChange` (debounced) with the changed paths whenever a file under root/<folders> changes. */
export function watchData(root: string, onChange: (paths: string[]) => void, opts: { folders?: string[]; debounceMs?: number } = {}): DataWatcher {
  const dirs = (opts.folders ?? ['data', 'assets']).map((d) => join(root, d)).filter((d) => existsSync(d));
  const watcher = chokidarWatch(dirs, { ignoreInitial: true, followSymlinks: false });
  let timer: NodeJS.Timeout | undefined;
  let changed = new Set<string>();
  watcher.on('all', (_event, path) => {
    changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = [...changed];
      changed = new Set();
      onChange(paths);
    }, opts.debounceMs ?? DEBOUNCE_MS);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
