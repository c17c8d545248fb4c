// History: who changed which record when, kept for every save (a git commit when the project
// is a repository, and a local history under .cache/history/), shown and restored by the
// studio and `brochure history`. Beside the pipeline: it reads and writes data files only.
export { commitFiles, isRepository, person } from './git.js';
