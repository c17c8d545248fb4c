// Data files must be UTF-8. A file saved as Windows-1252 (Notepad's "ANSI", an old Excel
// export) decodes with every accented letter replaced by "�", which would then be printed:
// such a file is refused at the first byte that is not UTF-8, naming the encoding it looks
// like. A UTF-8 byte order mark and CRLF line endings are fine.
import { createRequire } from 'node:module';

const BOM = '\uFEFF';
export const REPLACEMENT = '\uFFFD';

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    // Lead byte: how many continuation bytes follow, and the smallest second byte allowed
    // (no overlong forms, no surrogates, nothing above U+10FFFF).
    let n: number, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) { n = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { n = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

const require = createRequire(import.meta.url);

/** The encoding a non-UTF-8 file most likely is, in the words of the programs that save it. */
export function guessEncoding(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16 ("Unicode" in Notepad and Excel)';
  // Text of mostly Latin letters in UTF-16 has a zero byte in every other position.
  const sample = bytes.subarray(0, 400);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (sample.length > 8 && zeros > sample.length / 4) return 'UTF-16 ("Unicode" in Notepad and Excel)';
  // chardet (loaded only here: most runs never need it) compares byte statistics per encoding.
  const chardet = require('chardet') as { detect(b: Uint8Array): string | null };
  const name = chardet.detect(bytes) ?? '';
  if (/^(ISO-8859-1|windows-1252|ISO-8859-15)$/i.test(name)) return 'Windows-1252 (Latin-1, Notepad\'s "ANSI")';
  if (/^(windows-1256|ISO-8859-6)$/i.test(name)) return 'Windows-1256 (Arabic)';
  return name ? name : 'a legacy 8-bit encoding';
}

/** Line and column (1-based, in characters) of a byte offset. */
export function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).replace(BOM, '');
  return { line, column: [...before].length + 1 };
}
