// The speed patches to dependencies (patches/README.md) change how bytes are computed, never
// which bytes: each is checked against the library's own way of doing it.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './project.js';
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
    const arabic = fontFiles().find((f) => f.src.endsWith('.woff'))!; // a WOFF file (the Arabic ones are TrueType)
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

// A patch that did not apply would leave the package as it was, silently outside CI: every
// line each patch adds must be in the installed file (postinstall runs patch-package with
// --error-on-fail, so a failed patch also stops `npm ci`).
describe('every patch in patches/ is applied', () => {
  const patches = readdirSync(join(ROOT, 'patches')).filter((f) => f.endsWith('.patch'));
  it('there is one patch per patched package: render, renderer, textkit, types, pdfkit, fontkit, pdf-lib', () => {
    expect(patches.map((p) => p.replace(/\+[\d.]+\.patch$/, '').replace('+', '/')).sort()).toEqual(['@react-pdf/render', '@react-pdf/renderer', '@react-pdf/textkit', '@react-pdf/types', 'fontkit', 'pdf-lib', 'pdfkit']);
  });
  for (const patch of patches) {
    it(`${patch}: each line it adds is in the installed package`, () => {
      const text = readFileSync(join(ROOT, 'patches', patch), 'utf8');
      let checked = 0;
      for (const section of text.split(/^diff --git /m).slice(1)) {
        const target = /^\+\+\+ b\/(\S+)/m.exec(section)?.[1];
        if (!target) continue;
        const installed = readFileSync(join(ROOT, target), 'utf8');
        const added = section.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++') && l.trim().length > 20).map((l) => l.slice(1));
        for (const line of added) expect(installed.includes(line), `${target} lacks: ${line.trim().slice(0, 80)}`).toBe(true);
        checked += added.length;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
