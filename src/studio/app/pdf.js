// PDF pages drawn with pdf.js (served by the studio from its npm package).
import * as pdfjs from '/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';

const documents = new Map();
/** One loaded PDF per URL (the URL carries the file's modification time). */
export function openPdf(url) {
  if (!documents.has(url)) {
    documents.set(url, pdfjs.getDocument({ url, isEvalSupported: false }).promise);
    if (documents.size > 80) documents.delete(documents.keys().next().value);
  }
  return documents.get(url);
}

/** Draw page `n` into a canvas `cssWidth` pixels wide. */
export async function drawPage(url, n, canvas, cssWidth) {
  const doc = await openPdf(url);
  const page = await doc.getPage(n);
  const base = page.getViewport({ scale: 1 });
  const scale = (cssWidth * (window.devicePixelRatio || 1)) / base.width;
  const viewport = page.getViewport({ scale });
  const off = document.createElement('canvas');
  off.width = Math.round(viewport.width);
  off.height = Math.round(viewport.height);
  await page.render({ canvas: off, canvasContext: off.getContext('2d'), viewport }).promise;
  // Swapped in whole: the previous drawing stays until the new one is ready.
  canvas.width = off.width;
  canvas.height = off.height;
  canvas.getContext('2d').drawImage(off, 0, 0);
  canvas.dataset.drawn = url;
  return doc.numPages;
}

// Thumbnails are drawn as they scroll into view, a few at a time.
const waiting = [];
let drawing = 0;
function next() {
  while (drawing < 3 && waiting.length) {
    const canvas = waiting.shift();
    if (!canvas.isConnected || canvas.dataset.drawn === canvas.dataset.src) continue;
    drawing++;
    drawPage(canvas.dataset.src, 1, canvas, canvas.clientWidth || 200).catch(() => {}).finally(() => { drawing--; next(); });
  }
}
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (!e.isIntersecting) continue;
    observer.unobserve(e.target);
    waiting.push(e.target);
  }
  next();
}, { rootMargin: '400px' });
export function thumbnail(canvas, url) {
  if (canvas.dataset.drawn === url) return;
  canvas.dataset.src = url;
  observer.observe(canvas);
}
