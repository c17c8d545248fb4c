// The props that place a node in the PDF's structure tree (tagged PDF, PDF/UA), as styles
// place it on the page. Drawn by the render patch (patches/README.md): a `role` wraps what the
// node and its children draw in a structure element; an `artifact` marks page furniture.
import '@react-pdf/renderer';

/** Standard PDF structure types the templates use (ISO 32000-1, 14.8.4). */
export type StructureRole =
  | 'Document' | 'Part' | 'Art' | 'Sect' | 'Div'
  | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'Span'
  | 'L' | 'LI' | 'Lbl' | 'LBody'
  | 'TOC' | 'TOCI' | 'Reference' | 'Note' | 'Link' | 'Figure' | 'Caption';

/** Why something is not content: running page furniture, or drawn-only layout. */
type ArtifactType = 'Pagination' | 'Layout';

interface StructureProps {
  role?: StructureRole;
  /** Alternative text: a Figure's description, a Link's description. */
  alt?: string;
  /** The element's language when it differs from the document's (BCP 47). */
  lang?: string;
  /** On right-to-left text: the language of the Latin-script names inside it. */
  latinLang?: string;
  /** The element's unique /ID (a Note's; the parts a booklet turns into page furniture). */
  elementId?: string;
  /** Nodes with the same structId are one element: a section or list continued on the next page. */
  structId?: string;
  artifact?: ArtifactType;
}

declare module '@react-pdf/renderer' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface NodeProps extends StructureProps {}
  interface DocumentProps {
    /** Write a tagged PDF (structure tree, marked content). */
    tagged?: boolean;
    latinLang?: string;
    /** 'rtl': /ViewerPreferences /Direction /R2L, the document binds on the right. */
    direction?: 'ltr' | 'rtl';
  }
}

/** Heading role of a level (1–6). */
export function heading(level: number): StructureRole {
  return `H${Math.min(6, Math.max(1, level))}` as StructureRole;
}
