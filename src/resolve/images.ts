// Images named by the data (partner and funder logos, official SDG icons), prepared before
// resolving: checked against hard limits, and downsampled with sharp (libvips) to 300 dpi
// at the largest size the templates print them. A 6000 × 6000 pixel logo once made a build
// take minutes and gigabytes and put 56 MB into every PDF; it is now a few kilobytes.
// The same file always gives the same bytes (same library version, fixed settings).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidData } from '../validate/index.js';
import { LANGUAGES } from '../text/index.js';
import { pictureSizes } from '../design/index.js';
import { readAsset, type AssetResult } from './assets.js';

/**
 * Limits, in one place. A logo or an icon is printed a few centimetres wide, so 300 dpi
 * needs a few hundred pixels. Larger files are downsampled, with a warning past
 * WARN_FACTOR; past the hard limits the file is a photograph, a scan or a mistake, whose
 * decoding alone would cost seconds and hundreds of megabytes: it is refused.
 */
const IMAGE_LIMITS = {
  /** Print resolution the images are brought down to. */
  dpi: 300,
  /** Warn when an image has more than this many times the pixels it needs, in width or height. */
  warnFactor: 4,
  /** Refused above this many pixels (width × height): 100 megapixels, 400 MB once decoded. */
  maxPixels: 100_000_000,
  /** Refused above this file size. */
  maxBytes: 50 * 1024 * 1024,
} as const;

export type PictureUse = keyof typeof pictureSizes;
/** Changes when the way images are prepared changes (a new key for every kept image). */
const IMAGE_FORMAT = 1;

/** An asset as resolve uses it, with a warning when the file is far larger than its print needs. */
export type PreparedAsset = AssetResult & { warning?: string };
/** Prepared assets by their name under assets/ (as the data writes it). */
export type PreparedImages = Map<string, PreparedAsset>;

/** Pixels needed for a picture printed at most `size` points, at IMAGE_LIMITS.dpi. */
function pixelsFor(use: PictureUse): { width: number; height: number } {
  const px = (pt: number) => Math.ceil((pt / 72) * IMAGE_LIMITS.dpi);
  return { width: px(pictureSizes[use].width), height: px(pictureSizes[use].height) };
}

/** Every image the data names, with how it is used: logos of partners and funders, SDG icons. */
export function imageUses(root: string, data: ValidData): Map<string, PictureUse> {
  const uses = new Map<string, PictureUse>();
  for (const a of data.actions) for (const p of a.record.partners) if (p.logo) uses.set(p.logo, 'logo');
  for (const f of data.factsheets.records) if (f.record.funder !== 'european-union' && f.record.funder.logo) uses.set(f.record.funder.logo, 'logo');
  for (const lang of LANGUAGES) {
    const dir = join(root, 'assets', 'sdg', lang);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) if (/^\d+\.(png|jpg)$/.test(name)) uses.set(`sdg/${lang}/${name}`, 'icon');
  }
  return uses;
}

/** Where prepared images are kept between builds (the workspace keeps them in memory and in the render cache). */
export interface ImageStore {
  get(key: string): PreparedAsset | undefined;
  put(key: string, asset: PreparedAsset): void;
}

/** A prepared image as bytes, to keep on disk, and back. */
export const serialiseAsset = (a: PreparedAsset): Buffer => Buffer.from(JSON.stringify(a, (k, v) => (k === 'data' ? Buffer.from(v.data ?? v).toString('base64') : v)));
export const deserialiseAsset = (bytes: Buffer): PreparedAsset => JSON.parse(bytes.toString('utf8'), (k, v) => (k === 'data' ? Buffer.from(v, 'base64') : v)) as PreparedAsset;

/** Read, check and downsample every raster image the data uses. SVG files pass as they are. */
export async function prepareImages(root: string, uses: Map<string, PictureUse>, store?: ImageStore): Promise<PreparedImages> {
  const prepared: PreparedImages = new Map();
  let sharp: typeof import('sharp').default | undefined;
  for (const [name, use] of uses) {
    const asset = readAsset(root, name, (bytes) => bytes > IMAGE_LIMITS.maxBytes
      ? `"${name}": the file is ${mb(bytes)}, above the ${mb(IMAGE_LIMITS.maxBytes)} an image may be: a ${use} needs ${size(pixelsFor(use))} pixels at ${IMAGE_LIMITS.dpi} dpi; save a smaller copy`
      : undefined);
    if (!asset.ok || asset.picture.kind !== 'raster') {
      prepared.set(name, asset);
      continue;
    }
    const { data, format } = asset.picture.image;
    // The same file for the same use was prepared by an earlier build: no decoding again.
    const key = createHash('sha256').update(`image ${IMAGE_FORMAT} ${name} ${use} ${IMAGE_LIMITS.dpi} ${format}\0`).update(data).digest('hex');
    const kept = store?.get(key);
    if (kept) {
      prepared.set(name, kept);
      continue;
    }
    const keep = (result: PreparedAsset) => {
      prepared.set(name, result);
      store?.put(key, result);
    };
    sharp ??= (await import('sharp')).default; // loaded only when there are images
    let meta: { width?: number; height?: number };
    try {
      meta = await sharp(data, { limitInputPixels: false }).metadata();
    } catch {
      keep({ ok: false, message: `"${name}": the ${format.toUpperCase()} file is damaged and cannot be read` });
      continue;
    }
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    const need = pixelsFor(use);
    if (width * height > IMAGE_LIMITS.maxPixels) {
      keep({ ok: false, message: `"${name}": ${width} × ${height} pixels is above the limit of ${IMAGE_LIMITS.maxPixels / 1e6} million pixels: a ${use} needs ${size(need)} pixels at ${IMAGE_LIMITS.dpi} dpi; save a smaller copy` });
      continue;
    }
    if (width <= need.width && height <= need.height) {
      keep(asset); // small enough: the file as it is
      continue;
    }
    try {
      // Fit inside the needed size, keeping the proportions; never enlarged; metadata dropped.
      const resized = sharp(data, { limitInputPixels: false }).resize({ width: need.width, height: need.height, fit: 'inside', withoutEnlargement: true });
      const bytes = format === 'png' ? await resized.png({ compressionLevel: 9, adaptiveFiltering: false }).toBuffer() : await resized.jpeg({ quality: 92, mozjpeg: false }).toBuffer();
      const far = width > need.width * IMAGE_LIMITS.warnFactor || height > need.height * IMAGE_LIMITS.warnFactor;
      keep({
        ok: true,
        picture: { kind: 'raster', image: { data: bytes, format } },
        warning: far ? `"${name}" is ${width} × ${height} pixels, far more than the ${size(need)} a ${use} needs at ${IMAGE_LIMITS.dpi} dpi: it is printed downsampled; a smaller file would build faster` : undefined,
      });
    } catch (e) {
      keep({ ok: false, message: `"${name}": the image cannot be read: ${(e as Error).message}` });
    }
  }
  return prepared;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
const size = (s: { width: number; height: number }) => `${s.width} × ${s.height}`;
