// The design system: colours, fonts (and the font files), sizes and spacing. Templates lay
// out with it; resolve, fit and print read the sizes they must agree on.
export * from './theme.js';
export { fontFiles, type FontFile } from './fontFiles.js';
