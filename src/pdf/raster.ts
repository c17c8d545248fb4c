// A page of a PDF as a PNG picture (thumbnails, before/after images of a review): drawn by
// pdf.js on @napi-rs/canvas, both loaded when the first page is drawn. The fonts are the PDF's
// own embedded ones: what a reader sees.
export async function pageImage(pdf: Uint8Array, page: number, width: number): Promise<Buffer> {
  const [{ createCanvas }, pdfjs] = await Promise.all([import('@napi-rs/canvas'), import('pdfjs-dist/legacy/build/pdf.mjs')]);
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const p = await doc.getPage(Math.min(page, doc.numPages));
    const natural = p.getViewport({ scale: 1 });
    const viewport = p.getViewport({ scale: width / natural.width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    await p.render({ canvasContext: canvas.getContext('2d') as unknown as CanvasRenderingContext2D, viewport, canvas: canvas as unknown as HTMLCanvasElement }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await doc.destroy();
  }
}
