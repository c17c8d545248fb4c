// PDF/X-1a through Ghostscript: colours converted to CMYK with an output profile, PDF 1.3
// (so no live transparency), fonts embedded, trim and bleed boxes kept, an output intent and
// the GTS_PDFXVersion key written. Ghostscript is an optional system program: without it the
// rest of the print output is still made and the user is told what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFNumber } from 'pdf-lib';

export const GHOSTSCRIPT_MISSING =
  'PDF/X files need Ghostscript, which is not installed. Install it (Debian/Ubuntu: `sudo apt-get install ghostscript`; macOS: `brew install ghostscript`; Windows: https://ghostscript.com) and run `brochure print` again. The print files with bleed and crop marks were made without it.';

export const PDFX_VERSION = 'PDF/X-1a:2001';

/** The Ghostscript command (`gs`, or `gswin64c` on Windows) when it is installed. */
export function findGhostscript(): { command: string; version: string } | undefined {
  for (const command of process.platform === 'win32' ? ['gswin64c', 'gswin32c', 'gs'] : ['gs']) {
    const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return { command, version: r.stdout.trim() };
  }
  return undefined;
}

/** Ghostscript's own CMYK profile (from its search path), used when no profile is given. */
export function ghostscriptCmykProfile(command: string): string | undefined {
  const help = spawnSync(command, ['-h'], { encoding: 'utf8' }).stdout ?? '';
  const searchPath = help.split(/Search path:/)[1]?.split(/\n\S/)[0] ?? '';
  const dirs = searchPath.split(/[\s:;]+/).filter((d) => d.startsWith('/') || /^[A-Za-z]:\\/.test(d));
  for (const dir of dirs) {
    for (const candidate of [join(dir, 'default_cmyk.icc'), join(dir, 'iccprofiles', 'default_cmyk.icc'), join(dirname(dir), 'iccprofiles', 'default_cmyk.icc'), join(dirname(dirname(dir)), 'iccprofiles', 'default_cmyk.icc')]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** PostScript prefix that marks the output as PDF/X-1a and embeds the output intent. */
function pdfxDefinition(profile: string): string {
  const ps = (s: string) => '(' + s.replace(/[\\()]/g, (c) => '\\' + c) + ')';
  return `%!
% Written by brochure print: marks the output as ${PDFX_VERSION} with an embedded CMYK output profile.
[ /GTS_PDFXVersion (${PDFX_VERSION}) /GTS_PDFXConformance (${PDFX_VERSION}) /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${ps(profile)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent /S /GTS_PDFX
  /OutputCondition (CMYK offset printing) /OutputConditionIdentifier (Custom)
  /Info ${ps(profile.replace(/^.*[\\/]/, ''))} /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`;
}

/** The Ghostscript arguments, as documented in the README. */
export function ghostscriptArgs(input: string, output: string, definition: string, profile: string): string[] {
  return [
    '-dSAFER', '-dBATCH', '-dNOPAUSE', '-dQUIET',
    '-sDEVICE=pdfwrite',
    '-dPDFX', '-dCompatibilityLevel=1.3',
    '-sColorConversionStrategy=CMYK', '-dProcessColorModel=/DeviceCMYK',
    '-dEmbedAllFonts=true', '-dAutoRotatePages=/None',
    `--permit-file-read=${profile}`,
    `-sOutputFile=${output}`,
    definition, input,
  ];
}

export type PdfxResult = { ok: true; bytes: Buffer; notes: string[] } | { ok: false; message: string };

/**
 * PDF/X-1a forbids transparency, and Ghostscript meets that by turning a whole page that
 * uses any into a 720 dpi image (slow, and the text stops being text). The cards only use
 * constant opacity on thin rules (a 70 % white rule on the SDG tiles, a 30 % rule on the
 * cover), so in the copy sent to Ghostscript those are made opaque instead, and the user is
 * told. Soft masks and blend modes are left alone (Ghostscript flattens those pages).
 */
export async function withoutConstantOpacity(pdf: Uint8Array): Promise<{ bytes: Uint8Array; changed: number[] }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const changed: number[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    for (const key of ['CA', 'ca']) {
      const v = obj.get(PDFName.of(key));
      if (v instanceof PDFNumber && v.asNumber() < 1) {
        changed.push(Math.round(v.asNumber() * 100));
        obj.set(PDFName.of(key), PDFNumber.of(1));
      }
    }
  }
  if (!changed.length) return { bytes: pdf, changed };
  return { bytes: await doc.save({ useObjectStreams: false }), changed: [...new Set(changed)].sort((a, b) => a - b) };
}

/** Converts one print-ready PDF (with trim and bleed boxes) to PDF/X-1a. */
export async function toPdfX(pdf: Uint8Array, opts: { profile?: string; date?: Date } = {}): Promise<PdfxResult> {
  const gs = findGhostscript();
  if (!gs) return { ok: false, message: GHOSTSCRIPT_MISSING };
  const profile = opts.profile ?? ghostscriptCmykProfile(gs.command);
  if (!profile) return { ok: false, message: `Ghostscript ${gs.version} has no default CMYK profile (default_cmyk.icc): give one with --icc-profile <file.icc> (your print shop can send theirs)` };
  if (!existsSync(profile)) return { ok: false, message: `--icc-profile: ${profile} not found` };
  const { bytes: input, changed } = await withoutConstantOpacity(pdf);
  const notes = changed.length ? [`lines and areas drawn partly transparent (${changed.map((c) => `${c} %`).join(', ')} opacity) print fully opaque: ${PDFX_VERSION} allows no transparency`] : [];
  const dir = mkdtempSync(join(tmpdir(), 'brochure-pdfx-'));
  try {
    // Relative names in a fixed layout and the source's date: Ghostscript derives the file
    // ID from the output name and the time, so this keeps the output byte-identical.
    writeFileSync(join(dir, 'in.pdf'), input);
    writeFileSync(join(dir, 'pdfx-def.ps'), pdfxDefinition(profile));
    const epoch = String(Math.floor((opts.date ?? new Date(0)).getTime() / 1000));
    const r = spawnSync(gs.command, ghostscriptArgs('in.pdf', 'out.pdf', 'pdfx-def.ps', profile), { cwd: dir, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: epoch } });
    const outPath = join(dir, 'out.pdf');
    if (r.status !== 0 || !existsSync(outPath)) {
      const detail = (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ');
      return { ok: false, message: `Ghostscript could not make the PDF/X file: ${detail || `exit code ${r.status}`}` };
    }
    return { ok: true, bytes: readFileSync(outPath), notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

