// Stage 3 — resolve: turn valid records into documents with every look-up done (catalogue
// labels, goal colours, country names, wording, typography, images), one per language, so
// templates only lay out what they are given. The booklet's page plan is decided here too.
export { resolveSheet, type ResolvedSheet, type ResolvedTarget, type ResolvedPartner, type DocumentMetadata, type PageSize, type ResolveOptions } from './card.js';
export { resolveFactsheet, type ResolvedFactsheet, type ResolvedParagraph, type FactsheetSection } from './factsheet.js';
export { resolveBooklet, actionsInBookletOrder } from './booklet.js';
export { planBooklet, type BookletPlan, type BookletPage, type BookletFrontMatter, type ContentsRow } from './bookletPlan.js';
export { prepareImages, imageUses, serialiseAsset, deserialiseAsset, type PreparedImages, type PreparedAsset } from './images.js';
export { missingLanguage } from './languages.js';
export type { Picture } from './assets.js';
export type { SvgNode } from './svg.js';
