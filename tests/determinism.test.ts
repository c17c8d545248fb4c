import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/pipeline/index.js';
import { tempProject } from './project.js';
import { pdfInfo } from './pdf.js';

describe('deterministic output', () => {
  it('the same data gives byte-identical PDFs, and SOURCE_DATE_EPOCH sets the date', async () => {
    const a = tempProject();
    const b = tempProject();
    await build({ root: a, only: ['casablanca'] });
    await build({ root: b, only: ['casablanca'] });
    await build({ root: b, only: ['casablanca'], outDir: join(b, 'out-epoch'), sourceDateEpoch: '1700000000' });
    const pa = readFileSync(join(a, 'out', 'fr', 'casablanca.pdf'));
    const pb = readFileSync(join(b, 'out', 'fr', 'casablanca.pdf'));
    expect(pa.equals(pb)).toBe(true);
    const info = await pdfInfo(pa);
    expect(info.CreationDate).toMatch(/^D:20210601/);
    expect(info.Title).toBe('Migration à Casablanca');
    expect(info.Author).toMatch(/MC2CM/);
    const epoch = await pdfInfo(readFileSync(join(b, 'out-epoch', 'fr', 'casablanca.pdf')));
    expect(epoch.CreationDate).toMatch(/^D:20231114/);
  });
});
