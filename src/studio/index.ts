// The studio: a local web app beside the pipeline (see ./server.ts).
export { startStudio } from './server.js';
