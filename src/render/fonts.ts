// Registers the font files (fontFiles.ts) with React-PDF, once per process.
import { Font } from '@react-pdf/renderer';
import { fontFiles, type FontFile } from '../design/index.js';


let registered = false;
export function registerFonts(): void {
  if (registered) return;
  const byFamily = new Map<string, Omit<FontFile, 'family'>[]>();
  for (const { family, ...f } of fontFiles()) byFamily.set(family, [...(byFamily.get(family) ?? []), f]);
  for (const [family, list] of byFamily) Font.register({ family, fonts: list });
  registered = true;
}
