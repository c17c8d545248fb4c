// The font files the templates use, from npm packages (IBM Plex: a Latin family with an
// Arabic companion), as .woff or .ttf: WOFF2 crashes fontkit's subsetter on accented glyphs.
// Kept apart from their registration with React-PDF (fonts.ts) so that the render cache's
// key and the glyph check can list them without loading React-PDF.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fonts } from './theme.js';

const require = createRequire(import.meta.url);
const WEIGHTS = [400, 500, 600, 700] as const;

function fontFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'files', file);
}

/**
 * IBM Plex Sans Arabic whole (@expo-google-fonts: Google Fonts' files, no code runs): one
 * TrueType file per weight with the Arabic letters and the Latin letters, digits and
 * punctuation of the same design. With @fontsource's Arabic-only subset, every digit, "%",
 * "·" or Latin name in Arabic text came from another font, so a line fell into runs that
 * pdf.js read without the spaces between them ("طنجة·المغرب").
 */
const ARABIC_WEIGHTS: Record<(typeof WEIGHTS)[number], string> = { 400: '400Regular', 500: '500Medium', 600: '600SemiBold', 700: '700Bold' };
function arabicFile(weight: (typeof WEIGHTS)[number]): string {
  const name = ARABIC_WEIGHTS[weight];
  return join(dirname(require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/package.json')), name, `IBMPlexSansArabic_${name}.ttf`);
}

export interface FontFile {
  family: string;
  src: string;
  fontWeight: number;
  fontStyle?: 'italic';
}

let listed: readonly FontFile[] | undefined;
/** Every font file the templates may use; also what the output cache depends on. */
export function fontFiles(): readonly FontFile[] {
  // Listed once per process: the glyph check asks for every card (42 package lookups each).
  return (listed ??= listFontFiles());
}

function listFontFiles(): FontFile[] {
  const out: FontFile[] = [];
  for (const w of WEIGHTS) {
    out.push({ family: fonts.body[0], src: fontFile('@fontsource/ibm-plex-sans', `ibm-plex-sans-latin-${w}-normal.woff`), fontWeight: w });
    out.push({ family: fonts.body[0], src: fontFile('@fontsource/ibm-plex-sans', `ibm-plex-sans-latin-${w}-italic.woff`), fontWeight: w, fontStyle: 'italic' });
    out.push({ family: fonts.body[1], src: fontFile('@fontsource/ibm-plex-sans', `ibm-plex-sans-latin-ext-${w}-normal.woff`), fontWeight: w });
    out.push({ family: fonts.body[1], src: fontFile('@fontsource/ibm-plex-sans', `ibm-plex-sans-latin-ext-${w}-italic.woff`), fontWeight: w, fontStyle: 'italic' });
    out.push({ family: fonts.arabic[0], src: arabicFile(w), fontWeight: w });
  }
  for (const w of [600, 700]) {
    out.push({ family: fonts.condensed[0], src: fontFile('@fontsource/ibm-plex-sans-condensed', `ibm-plex-sans-condensed-latin-${w}-normal.woff`), fontWeight: w });
  }
  return out;
}
