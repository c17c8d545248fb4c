// After the build, on the written PDFs (pdf-lib): print-shop files (bleed, crop marks, page
// boxes, PDF/X through Ghostscript), handout imposition, and preflight (print and
// accessibility checks). Nothing here renders: it reads and rearranges PDFs.
export { printReady, marginFor, MM, DEFAULT_BLEED_MM, type PrintOptions, type PrintPage, type PrintResult } from './bleed.js';
export { readPdfFile, loadPdf, copyDocumentInfo, PdfInputError } from './document.js';
export { bookletOrder, imposeBooklet, twoUp, duplex, type BookletSheet, type SheetSide } from './impose.js';
export { findGhostscript, ghostscriptCmykProfile, ghostscriptArgs, withoutConstantOpacity, toPdfX, GHOSTSCRIPT_MISSING, PDFX_VERSION, type PdfxResult } from './pdfx.js';
export { preflight, formatPreflight, colourLabel, pageList, MIN_TEXT_PT, MIN_IMAGE_DPI, MAX_IMAGE_DPI, type PreflightReport, type FontReport, type ImageReport } from './preflight.js';
export { accessibility, formatAccessibility, type AccessibilityReport } from './accessibility.js';
export { printShopFiles, duplexHandout, twoUpHandout, bookletHandout, preflightFile, type Made } from './jobs.js';
