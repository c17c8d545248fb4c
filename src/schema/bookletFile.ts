// Where the booklet's settings live and which languages they hold: kept apart from the zod
// schema (./booklet.ts) so that a build with nothing to render never loads zod.
import { join } from 'node:path';
import { LANGUAGES, type Lang } from './languages.js';
import type { Booklet } from './booklet.js';

export const BOOKLET_FILE = join('data', 'booklet.yaml');

export function bookletLanguages(booklet: Booklet): Lang[] {
  return LANGUAGES.filter((l) => booklet.languages[l]);
}
