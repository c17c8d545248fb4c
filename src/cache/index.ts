// The render cache: PDF bytes (and small records beside them) keyed by the digest of
// everything that decides them — the resolved document and the tool itself (its code, fonts,
// patches, versions). One folder, .cache/renders/, safe to delete.
export { RenderCache } from './store.js';
export { digest, digestFiles, filesUnder } from './digest.js';
export { toolKey, codeKey } from './tool.js';
