// Shared helpers for the print and handout steps: reading PDFs with clear errors, and
// carrying the source document's metadata over so outputs stay deterministic (pdf-lib would
// otherwise stamp the current time).
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';

export class PdfInputError extends Error {}

/**
 * A document information entry saying what a file the tool made is for, where no standard
 * says it (print-shop files say PDF/X): handouts are for printing, never for publishing.
 */
export const PURPOSE_KEY = 'Purpose';
export const HANDOUT_PURPOSE = 'print handout';

export function readPdfFile(path: string, shown = path): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new PdfInputError(`${shown}: file not found`);
  }
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PdfInputError(`${shown}: not a PDF file`);
  return bytes;
}

export async function loadPdf(bytes: Uint8Array, shown: string): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw new PdfInputError(`${shown}: cannot be read as a PDF (${(e as Error).message.split('\n')[0]})`);
  }
}

export function copyDocumentInfo(from: PDFDocument, to: PDFDocument, titleSuffix = '') {
  const title = from.getTitle();
  if (title !== undefined) to.setTitle(title + titleSuffix);
  const author = from.getAuthor();
  if (author !== undefined) to.setAuthor(author);
  const subject = from.getSubject();
  if (subject !== undefined) to.setSubject(subject);
  const keywords = from.getKeywords();
  if (keywords !== undefined) to.setKeywords([keywords]);
  const creator = from.getCreator();
  if (creator !== undefined) to.setCreator(creator);
  to.setProducer('mc2cm-brochure (pdf-lib)');
  const created = from.getCreationDate() ?? new Date(0);
  to.setCreationDate(created);
  to.setModificationDate(from.getModificationDate() ?? created);
  const lang = from.catalog.get(PDFName.of('Lang'));
  if (lang instanceof PDFString || lang instanceof PDFHexString) to.catalog.set(PDFName.of('Lang'), lang);
}
