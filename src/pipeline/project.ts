// What the build and the check need of a workspace (./workspace.ts implements it): the
// project's folder, its render cache, its checked data and its prepared images.
import type { ValidData } from '../validate/index.js';
import type { PreparedImages } from '../resolve/index.js';
import type { RenderCache } from '../cache/index.js';
import type { Problem } from '../problems.js';

export interface Project {
  readonly root: string;
  readonly renderCache: RenderCache | undefined;
  valid(): Promise<{ data: ValidData; warnings: Problem[] }>;
  images(data: ValidData): Promise<PreparedImages>;
}
