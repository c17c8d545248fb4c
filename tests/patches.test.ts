// The speed patches to dependencies (patches/README.md) change how bytes are computed, never
// which bytes: each is checked against the library's own way of doing it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import * as fontkit from 'fontkit';
import inflate from 'tiny-inflate';
import { fontFiles } from '../src/design/fontFiles.js';

describe('pdf-lib deflates with Node\'s zlib', () => {
  it('writes streams zlib can read back, as zlib would write them', async () => {
    const doc = await PDFDocument.create();
    const text = Buffer.from('BT /F1 12 Tf (Rabat) Tj ET\n'.repeat(200));
    const stream = doc.context.flateStream(text);
    expect(Buffer.from(stream.getContents()).equals(deflateSync(text))).toBe(true);
    expect(inflateSync(stream.getContents()).equals(text)).toBe(true);
  });
});

describe('fontkit inflates WOFF tables with Node\'s zlib', () => {
  it('gives every table of every font the bytes tiny-inflate gives', () => {
    const arabic = fontFiles().find((f) => f.src.includes('arabic'))!;
    const font = fontkit.create(readFileSync(arabic.src)) as unknown as {
      directory: { tables: Record<string, { offset: number; compLength: number; length: number }> };
      _getTableStream(tag: string): { buffer: Uint8Array };
      stream: { buffer: Uint8Array };
    };
    expect(String(font._getTableStream), 'patches/fontkit+2.0.4.patch applied').toContain('inflateSync');
    const compressed = Object.entries(font.directory.tables).filter(([, t]) => t.compLength < t.length);
    expect(compressed.length).toBeGreaterThan(5);
    for (const [tag, t] of compressed) {
      const raw = font.stream.buffer.subarray(t.offset + 2, t.offset + t.compLength);
      const expected = inflate(raw, new Uint8Array(t.length));
      expect(Buffer.from(font._getTableStream(tag).buffer).equals(Buffer.from(expected)), tag).toBe(true);
    }
  });
});
