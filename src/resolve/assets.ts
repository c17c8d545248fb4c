// Image files named by the data: they must lie inside the project's assets/ folder and
// be real PNG or JPEG files (checked by content, not by name).
import { readFileSync, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { closest, distance } from 'fastest-levenshtein';
import { basename, dirname, resolve, relative, isAbsolute, join, sep, extname } from 'node:path';
import { parseSvg, type SvgNode } from './svg.js';

interface ImageData {
  data: Buffer;
  format: 'png' | 'jpg';
}

/** A picture as the templates draw it: a raster image, or the shapes of an SVG file. */
export type Picture = { kind: 'raster'; image: ImageData } | { kind: 'vector'; svg: SvgNode };

export type AssetResult = { ok: true; picture: Picture } | { ok: false; message: string };

function imageFormat(bytes: Buffer): ImageData['format'] | undefined {
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  return undefined;
}

/**
 * An image named relative to assets/: the one prepared for print (src/resolve/images.ts)
 * when there is one, else the file as it is.
 */
export function loadAsset(root: string, name: string, prepared?: Map<string, AssetResult & { warning?: string }>): AssetResult & { warning?: string } {
  return prepared?.get(name) ?? readAsset(root, name);
}

/** Read an image named relative to assets/; refuse anything that escapes that folder. */
export function readAsset(root: string, name: string, tooLarge?: (bytes: number) => string | undefined): AssetResult {
  const assets = resolve(root, 'assets');
  if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    return { ok: false, message: `"${name}": write a path inside assets/, such as logos/partner.png (no "..", no absolute path)` };
  }
  const path = resolve(assets, name);
  if (!existsSync(path)) {
    const guess = similarAsset(assets, name);
    return { ok: false, message: `"${name}": no such file in assets/${guess ? `: did you mean "${guess}"? (names must match exactly, capitals too)` : ''}` };
  }
  // A link inside assets/ pointing elsewhere is refused too.
  const real = realpathSync(path);
  const realAssets = realpathSync(assets);
  if (relative(realAssets, real).startsWith('..') || isAbsolute(relative(realAssets, real))) {
    return { ok: false, message: `"${name}": the file lies outside assets/` };
  }
  const refused = tooLarge?.(statSync(real).size); // before reading it all
  if (refused) return { ok: false, message: refused };
  const data = readFileSync(real);
  const format = imageFormat(data);
  if (format) return { ok: true, picture: { kind: 'raster', image: { data, format } } };
  if (extname(name).toLowerCase() === '.svg') {
    const svg = parseSvg(data.toString('utf8'));
    if (svg) return { ok: true, picture: { kind: 'vector', svg } };
    return { ok: false, message: `"${name}": not a readable SVG image (checked by content)` };
  }
  return { ok: false, message: `"${name}": not a PNG, JPEG or SVG image (checked by content)` };
}

/** A file of the same folder whose name differs only in capitals, or by a letter or two. */
function similarAsset(assets: string, name: string): string | undefined {
  const dir = dirname(name);
  const folder = resolve(assets, dir);
  if (!existsSync(folder)) return undefined;
  const base = basename(name);
  const files = readdirSync(folder);
  const found = files.find((f) => f.toLowerCase() === base.toLowerCase()) ?? (files.length ? closest(base.toLowerCase(), files.map((f) => f.toLowerCase())) : undefined);
  if (!found || distance(found.toLowerCase(), base.toLowerCase()) > Math.max(2, base.length / 4)) return undefined;
  const real = files.find((f) => f.toLowerCase() === found.toLowerCase())!;
  return dir === '.' ? real : `${dir}/${real}`;
}

/** An official SDG icon dropped in by the team, if there is one: assets/sdg/<lang>/<goal>.png|.jpg|.svg */
export function findSdgIcon(root: string, lang: string, goal: number, prepared?: Map<string, AssetResult & { warning?: string }>): (AssetResult & { warning?: string }) | undefined {
  const present = prepared ? iconFiles(prepared, root, lang) : undefined;
  for (const ext of ['png', 'jpg', 'svg']) {
    const name = join('sdg', lang, `${goal}.${ext}`);
    if (present ? present.has(`${goal}.${ext}`) : existsSync(join(root, 'assets', name))) return loadAsset(root, name.split(sep).join('/'), prepared);
  }
  return undefined;
}

/**
 * The files of assets/sdg/<lang>/, listed once per set of prepared images (one build): every
 * card asks for each of its goals, and asking the disk each time (3 names × goals × cards,
 * twice with the booklet) cost an edit in watch ~10 ms.
 */
const listedIcons = new WeakMap<object, Map<string, Set<string>>>();
function iconFiles(prepared: object, root: string, lang: string): Set<string> {
  let byDir = listedIcons.get(prepared);
  if (!byDir) listedIcons.set(prepared, (byDir = new Map()));
  const dir = join(root, 'assets', 'sdg', lang);
  let files = byDir.get(dir);
  if (!files) byDir.set(dir, (files = new Set(existsSync(dir) ? readdirSync(dir) : [])));
  return files;
}
