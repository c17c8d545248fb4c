// PDF pages drawn with pdf.js (served by the studio from its npm package).
import * as pdfjs from '/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
/** One pdf.js worker for the whole page: every document is parsed and drawn through it. */
const worker = new pdfjs.PDFWorker({ name: 'studio' });

const documents = new Map();
/** One loaded PDF per URL (the URL carries the file's modification time); older ones are let go. */
export function openPdf(url) {
  if (!documents.has(url)) {
    documents.set(url, pdfjs.getDocument({ url, worker, isEvalSupported: false }).promise);
    if (documents.size > 80) {
      const [oldest, loading] = documents.entries().next().value;
      documents.delete(oldest);
      loading.then((doc) => doc.destroy()).catch(() => {});
    }
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
