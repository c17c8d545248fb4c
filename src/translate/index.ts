// Beside the pipeline: the translation round trip. Translation units (one per text of the
// source language), XLIFF 1.2 and spreadsheet export and import (written into data/ through
// src/edit, checked through the workspace), stale translations, status and confirmation.
export { exportTranslations, exportGlossary, type ExportOptions, type ExportedFile } from './export.js';
export { importTranslations, previewTranslations, readTranslationFile, type ImportReport, type PreviewReport } from './import.js';
export { translationStatus, statusLines, summaryLine, type LanguageStatus } from './status.js';
export { confirmTranslations } from './confirm.js';
