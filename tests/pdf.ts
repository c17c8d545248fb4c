// Test helpers: read back what a person would see in a PDF.
import { PDFParse } from 'pdf-parse';

export async function pdfText(bytes: Buffer | Uint8Array): Promise<{ pages: string[]; total: number }> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const r = await parser.getText();
    return { pages: r.pages.map((p) => p.text), total: r.total };
  } finally {
    await parser.destroy();
  }
}

/**
 * Compare text as a reader reads it: line breaks, hyphenation, no-break spaces and
 * apostrophe styles do not matter; every letter, digit and punctuation mark does.
 */
export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2019\u2018']/g, "'")
    .replace(/[\s\u00A0\u202F\u00AD\-\u2010]/g, '')
    .toLowerCase();
}

export function containsText(haystack: string, needle: string): boolean {
  return normalise(haystack).includes(normalise(needle));
}

export async function pdfInfo(bytes: Buffer | Uint8Array): Promise<Record<string, unknown>> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const r = await parser.getInfo();
    return r.info as Record<string, unknown>;
  } finally {
    await parser.destroy();
  }
}
