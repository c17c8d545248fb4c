// The languages the pipeline builds (kept apart from the zod schemas, so that the CLI can
// check a --lang option without loading zod).
export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Lang = (typeof LANGUAGES)[number];
