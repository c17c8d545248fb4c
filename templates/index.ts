// The templates: pure React-PDF components of resolved documents (no file reading, no
// look-ups, no language switches). Sizes and colours come from the design system
// (src/design); what each part is for a screen reader, from ./structure.ts.
export { CardDocument } from './CardSheet.js';
export { FactsheetDocument } from './Factsheet.js';
export { BookletPagesDocument } from './Booklet.js';
