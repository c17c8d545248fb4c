// The data as the commands and tools see it: loaded (src/load) and validated (src/validate)
// in one step. The build reads it through src/cache/data.ts, which remembers the result.
import { loadData, type Overlay } from './load/index.js';
import { validate, type ValidData, type Validation } from './validate/index.js';
import { DataError, type Problem } from './problems.js';

export function checkData(root: string, overlay?: Overlay): Validation {
  return validate(loadData(root, overlay));
}

/** Load and validate; throws DataError listing every problem when the data is not usable. */
export function loadValid(root: string): { data: ValidData; warnings: Problem[] } {
  const { data, problems } = checkData(root);
  if (!data) throw new DataError(problems);
  return { data, warnings: problems };
}
