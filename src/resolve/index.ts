// Stage 3 — resolve: turn valid records into documents with every look-up done (catalogue
// labels, goal colours, country names, wording, typography, images), one per language, so
// templates only lay out what they are given. The booklet's page plan is decided here too.
export { resolveSheet, resolveTarget, creationDate, fillIn, type ResolvedSheet, type ResolvedTarget, type ResolvedPartner, type DocumentMetadata, type PageSize, type ResolveOptions } from './card.js';
export { resolveFactsheet, urlParts, type ResolvedFactsheet, type ResolvedParagraph, type ResolvedRun, type ResolvedFootnote, type FactsheetSection } from './factsheet.js';
export { resolveBooklet, orderActions, type ResolvedBooklet, type BookletCountry, type BookletAction, type BookletFactsheet } from './booklet.js';
export { planBooklet, paginateContents, type BookletPlan, type BookletPage, type BookletFrontMatter, type ContentsRow, type Bookmark } from './bookletPlan.js';
export { prepareImages, imageUses, pixelsFor, serialiseAsset, deserialiseAsset, IMAGE_LIMITS, type PreparedImages, type PreparedAsset, type ImageStore, type PictureUse } from './images.js';
export { missingLanguage } from './languages.js';
export type { ImageData, Picture } from './assets.js';
export type { SvgNode } from './svg.js';
