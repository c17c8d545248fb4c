// Every PDF the tool writes: tagged PDF/UA-1 (structure tree, languages, title shown in the
// window) and archival PDF/A-2a (sRGB output intent, everything embedded), with the metadata
// of the resolved document. One place, so cards, factsheets and
// booklets cannot differ in what makes them accessible.
import type { ReactNode } from 'react';
import { Document, type DocumentProps } from '@react-pdf/renderer';
import type { DocumentMetadata } from '../src/resolve/index.js';
import './structure.js';

/** `onRender` passes through: the fitting step reads the layout from it. */
export function TaggedDocument({ metadata: m, outline = false, onRender, children }: { metadata: DocumentMetadata; outline?: boolean; onRender?: DocumentProps['onRender']; children: ReactNode }) {
  return (
    <Document
      onRender={onRender}
      tagged
      conformance="PDF/A-2a+PDF/UA"
      title={m.title}
      subject={m.subject}
      author={m.author}
      creator={m.author}
      producer="mc2cm-brochure"
      language={m.language}
      direction={m.direction}
      latinLang={m.latinLanguage}
      creationDate={m.creationDate}
      modificationDate={m.creationDate}
      {...(outline ? { pageMode: 'useOutlines' as const } : {})}
    >
      {children}
    </Document>
  );
}
