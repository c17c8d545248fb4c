/** Pages of a PDF written by React-PDF (pdfkit writes one uncompressed /Type /Page dictionary per page). */
export function countPages(pdf: Uint8Array): number {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}
