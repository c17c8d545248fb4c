// The shape of the data, in zod: one definition for the tool and for editors (the JSON
// Schemas in data/schemas/ are generated from it by `brochure schema`).
export { targetCode } from './common.js';
export * from './records.js';
export * from './factsheet.js';
export * from './booklet.js';
export { jsonSchemas, vscodeSettings, catalogueIds, SCHEMA_FILES } from './json.js';
