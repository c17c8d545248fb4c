// Reading PDFs we wrote or were given: content streams, page drawings, fonts by name.
// Used by the booklet binder (src/assemble) and the print checks (src/print).
export * from './content.js';
export { pageImage } from './raster.js';
