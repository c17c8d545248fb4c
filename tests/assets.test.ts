// Official SDG icons and partner logos dropped into assets/ replace what the tool draws.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../src/pipeline/index.js';
import { containsText, pdfText } from './pdf.js';
import { editFile, tempProject } from './project.js';

// A 2×2 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8AARAwM/xkYAD/hBf9mBbrpAAAAAElFTkSuQmCC', 'base64');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" style="fill:#DD1367"/><path d="M20 80 L50 20 L80 80 Z" fill="#fff"/></svg>';

describe('assets', () => {
  it('an official SVG or PNG icon replaces the drawn tile of its goal only', async () => {
    const root = tempProject();
    mkdirSync(join(root, 'assets', 'sdg', 'en'), { recursive: true });
    writeFileSync(join(root, 'assets', 'sdg', 'en', '10.svg'), SVG);
    writeFileSync(join(root, 'assets', 'sdg', 'en', '11.png'), PNG);
    await build({ root, only: ['casablanca'], langs: ['en'] });
    const bytes = readFileSync(join(root, 'out', 'en', 'casablanca.pdf'));
    const { pages } = await pdfText(bytes);
    // The drawn tiles' goal titles are gone, the targets' labels stay.
    expect(containsText(pages[0], 'REDUCED INEQUALITIES')).toBe(false);
    expect(containsText(pages[0], 'SUSTAINABLE CITIES AND COMMUNITIES')).toBe(false);
    expect(containsText(pages[0], '10.7 Facilitate migration of persons')).toBe(true);
    expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    // French has no icons: its tiles are drawn.
    await build({ root, only: ['casablanca'], langs: ['fr'] });
    const fr = await pdfText(readFileSync(join(root, 'out', 'fr', 'casablanca.pdf')));
    expect(containsText(fr.pages[0], 'INÉGALITÉS RÉDUITES')).toBe(true);
  });

  it('a partner logo is drawn instead of the name; a fake image or a path outside assets/ is refused', async () => {
    const root = tempProject();
    mkdirSync(join(root, 'assets', 'logos'), { recursive: true });
    writeFileSync(join(root, 'assets', 'logos', 'partner.png'), PNG);
    writeFileSync(join(root, 'assets', 'logos', 'fake.png'), 'GIF89a not really');
    const rabat = join(root, 'data', 'actions', 'rabat.yaml');
    editFile(rabat, (s) => s.replace(/^country: MA$/m, 'country: MA\npartners:\n  - name: Logo Partner\n    logo: logos/partner.png\n  - name: Named Partner'));
    await build({ root, only: ['rabat'], langs: ['fr'] });
    const { pages } = await pdfText(readFileSync(join(root, 'out', 'fr', 'rabat.pdf')));
    expect(containsText(pages[0], 'Named Partner')).toBe(true);
    expect(containsText(pages[0], 'Logo Partner')).toBe(false);

    editFile(rabat, (s) => s.replace('logos/partner.png', 'logos/fake.png'));
    await expect(build({ root, only: ['rabat'] })).rejects.toThrow(/partners\[1\]\.logo: "logos\/fake\.png": not a PNG, JPEG or SVG image/);
    editFile(rabat, (s) => s.replace('logos/fake.png', '../data/programme.yaml'));
    await expect(build({ root, only: ['rabat'] })).rejects.toThrow(/no "\.\.", no absolute path/);
  });
});
