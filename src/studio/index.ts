// The studio: a local web app beside the pipeline (see ./server.ts).
export { startStudio, type Studio, type StudioOptions } from './server.js';
