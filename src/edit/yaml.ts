// Change values in a YAML data file and keep everything else byte for byte: comments, key
// order, quoting, folded paragraphs, blank lines. Works on the `yaml` package's CST (its
// concrete syntax tree keeps every character of the source): a scalar keeps its style
// (CST.setScalarValue), a list grows by items written like its own, a missing key is added
// at the end of its map. Every edit is checked by parsing the result back.
import { CST, Parser, parse, stringify } from 'yaml';

type YamlPath = readonly (string | number)[];

/** Set `path` to `value` (text, list or map); `undefined` removes the key or list item. */
export interface YamlEdit {
  path: YamlPath;
  value: unknown;
}

export class YamlEditError extends Error {}

/**
 * The order a map's keys have in the file's schema, by the path of the map ([] for the record,
 * ['fr'] for its French block): a key added to the map goes before the first key after it in
 * this order, rather than at the end. Undefined for maps with no known order.
 */
export type KeyOrder = (path: YamlPath) => readonly string[] | undefined;

/** A map pair or list item of any collection (the CST's own types split these by kind). */
interface Item {
  start: CST.SourceToken[];
  key?: CST.Token | null;
  sep?: CST.SourceToken[];
  value?: CST.Token;
}
type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;
const itemsOf = (c: Collection) => c.items as unknown as Item[];

/** Folded paragraphs (`>-`) are rewrapped to this width, as the data files are written. */
const FOLD_WIDTH = 92;

export function editYamlText(text: string, edits: readonly YamlEdit[], order?: KeyOrder): string {
  try {
    return editInOrder(text, edits, order);
  } catch (e) {
    // A key that could not be placed by the schema's order is added at the end of its map.
    if (!order || !(e instanceof YamlEditError)) throw e;
    return editInOrder(text, edits, undefined);
  }
}

function editInOrder(text: string, edits: readonly YamlEdit[], order: KeyOrder | undefined): string {
  const tokens = Array.from(new Parser().parse(text));
  const doc = tokens.find((t): t is CST.Document => t.type === 'document');
  if (!doc) throw new YamlEditError('the file holds no YAML document');
  for (const edit of edits) applyEdit(doc, edit, undefined, order);
  let out = tokens.map((t) => CST.stringify(t)).join('');
  // The result must read back as the old data with exactly these values changed.
  const expected = parse(text) ?? {};
  for (const e of edits) setIn(expected, e.path, e.value);
  if (!deepEqual(readBack(out), expected)) {
    // A plain scalar that now reads as another type ("10.7" as a number) or not at all
    // ("a: b"): quote it — only the values that need it, the others keep their style.
    const needsQuotes = new Set(edits.filter((e) => !readsBack(text, e)));
    out = editYamlTextQuoted(text, edits, needsQuotes.size ? needsQuotes : new Set(edits), order);
    if (!deepEqual(readBack(out), expected)) throw new YamlEditError(`the edit of ${edits.map((e) => e.path.join('.')).join(', ')} did not read back as written`);
  }
  return out;
}

/** The data a text reads as; undefined when it is not valid YAML. */
function readBack(text: string): unknown {
  try {
    return parse(text);
  } catch {
    return Symbol('invalid YAML');
  }
}

function readsBack(text: string, edit: YamlEdit): boolean {
  const expected = parse(text) ?? {};
  setIn(expected, edit.path, edit.value);
  try {
    return deepEqual(readBack(editYamlTextQuoted(text, [edit], new Set(), undefined)), expected);
  } catch {
    return false;
  }
}

function editYamlTextQuoted(text: string, edits: readonly YamlEdit[], quoted: ReadonlySet<YamlEdit>, order: KeyOrder | undefined): string {
  const tokens = Array.from(new Parser().parse(text));
  const doc = tokens.find((t): t is CST.Document => t.type === 'document')!;
  for (const edit of edits) applyEdit(doc, edit, quoted.has(edit) ? 'QUOTE_DOUBLE' : undefined, order);
  return tokens.map((t) => CST.stringify(t)).join('');
}

function applyEdit(doc: CST.Document, { path, value }: YamlEdit, quote?: 'QUOTE_DOUBLE', order?: KeyOrder): void {
  if (path.length === 0) throw new YamlEditError('an edit needs a path');
  let parent: CST.Token | undefined = doc.value;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const item = parent && findItem(parent, key);
    if (!item?.value) {
      // Missing in between (a new language block): add the rest as one nested value.
      if (value === undefined) return;
      const rest = path.slice(i + 1).reduceRight<unknown>((v, k) => (typeof k === 'number' ? Object.assign([], { [k]: v }) : { [k]: v }), value);
      return insert(doc, parent, key, rest, path.slice(0, i), order);
    }
    parent = item.value;
  }
  const key = path[path.length - 1];
  const item = parent && findItem(parent, key);
  if (value === undefined) {
    if (!item || !parent || !isCollection(parent)) return;
    const items = itemsOf(parent);
    const at = items.indexOf(item);
    items.splice(at, 1);
    // The first item's indentation is written before the collection: the next item takes its place.
    if (at === 0 && items.length && parent.type !== 'flow-collection') items[0].start = items[0].start.filter((t) => t.type !== 'space');
    return;
  }
  if (!item?.value) return insert(doc, parent, key, value, path.slice(0, -1), order);
  setValue(item, value, { afterKey: typeof key === 'string', inFlow: parent?.type === 'flow-collection', quote });
}

function isCollection(t: CST.Token): t is Collection {
  return t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection';
}

function findItem(t: CST.Token, key: string | number): Item | undefined {
  if (t.type === 'block-seq' || (t.type === 'flow-collection' && t.start.source === '[')) return typeof key === 'number' ? itemsOf(t)[key] : undefined;
  if (t.type === 'block-map' || t.type === 'flow-collection') {
    return itemsOf(t).find((it) => it.key && CST.isScalar(it.key) && CST.resolveAsScalar(it.key)?.value === String(key));
  }
  return undefined;
}

interface SetContext {
  afterKey: boolean;
  inFlow: boolean;
  quote?: 'QUOTE_DOUBLE';
}

/** A copy of a list item to write after the last one, indented as a following item. */
function followingItem(last: Item, list: Collection): Item {
  const copy = structuredClone(last);
  if (list.type === 'block-seq') {
    copy.start = copy.start.filter((t) => t.type !== 'space' || copy.start.indexOf(t) > 0);
    if (copy.start[0]?.type !== 'space' && list.indent > 0) copy.start.unshift({ type: 'space', offset: 0, indent: 0, source: ' '.repeat(list.indent) });
  }
  return copy;
}

function setValue(item: Item, value: unknown, ctx: SetContext): void {
  const token = item.value!;
  const quote = ctx.quote;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    CST.setScalarValue(token, String(value), { afterKey: ctx.afterKey, inFlow: ctx.inFlow, type: typeof value === 'string' ? quote : undefined });
    if (token.type === 'block-scalar') refold(token);
    return;
  }
  if (Array.isArray(value) && (token.type === 'block-seq' || token.type === 'flow-collection')) {
    const items = itemsOf(token);
    if (items.length === 0) return replaceValue(item, value);
    // Extra items are copies of the last one (same indentation and style), then set.
    while (items.length < value.length) items.push(followingItem(items[items.length - 1], token));
    items.splice(value.length);
    if (token.type === 'flow-collection' && items.length) {
      // Commas separate flow items: the last keeps none, the others one.
      for (const [i, it] of items.entries()) {
        it.start = it.start.filter((s) => s.type !== 'comma' && s.type !== 'space');
        if (i > 0) it.start.unshift({ type: 'comma', offset: 0, indent: 0, source: ',' }, { type: 'space', offset: 0, indent: 0, source: ' ' });
      }
    }
    for (const [i, v] of value.entries()) setValue(items[i], v, { afterKey: false, inFlow: token.type === 'flow-collection', quote });
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && token.type === 'block-map') {
    const current = Object.fromEntries(itemsOf(token).filter((it) => it.key && CST.isScalar(it.key)).map((it) => [CST.resolveAsScalar(it.key)!.value, it]));
    for (const [k, v] of Object.entries(value)) {
      if (current[k]?.value) setValue(current[k], v, { afterKey: true, inFlow: false, quote });
      else if (v !== undefined) itemsOf(token).push(graftedItem(k, v, token.indent));
    }
    const kept = itemsOf(token).filter((it) => !(it.key && CST.isScalar(it.key) && (value as Record<string, unknown>)[CST.resolveAsScalar(it.key)!.value] === undefined));
    itemsOf(token).splice(0, Infinity, ...kept);
    return;
  }
  replaceValue(item, value);
}

/** A collection replaced by a collection of another shape: written afresh, in block style. */
function replaceValue(item: Item, value: unknown): void {
  const indent = item.key && 'indent' in item.key ? item.key.indent : 0;
  const grafted = graftedItem('x', value, indent);
  item.sep = grafted.sep;
  item.value = grafted.value;
}

/** Add `key: value` where the path stops: in the nearest existing map, where the schema's order puts it (else at its end). */
function insert(doc: CST.Document, parent: CST.Token | undefined, key: string | number, value: unknown, at: YamlPath, order?: KeyOrder): void {
  if (typeof key === 'number') {
    const items = parent?.type === 'block-seq' ? itemsOf(parent) : [];
    if (key === items.length && items.length) {
      items.push(followingItem(items[items.length - 1], parent as CST.BlockSequence));
      return setValue(items[items.length - 1], value, { afterKey: false, inFlow: false });
    }
    throw new YamlEditError(`cannot add item ${key + 1} of ${at.join('.')}: the list has ${parent && isCollection(parent) ? parent.items.length : 0}`);
  }
  if (!parent) {
    // An empty file: the document becomes this map.
    doc.value = graftedMap(key, value, 0);
    return;
  }
  if (parent.type === 'flow-collection' && parent.start.source === '{') {
    // A flow map ({ fr: Maroc, en: Morocco }): the new pair goes last, after a comma.
    const items = itemsOf(parent);
    const snippet = stringify({ [key]: value }, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false });
    const flow = Array.from(new Parser().parse(snippet)).find((t): t is CST.Document => t.type === 'document')?.value;
    if (flow?.type !== 'flow-collection') throw new YamlEditError(`cannot write "${key}" as YAML`);
    const item = itemsOf(flow)[0];
    item.start = items.length ? [{ type: 'comma', offset: 0, indent: 0, source: ',' }, { type: 'space', offset: 0, indent: 0, source: ' ' }] : [];
    // Space written before the closing brace stays there.
    const last = items[items.length - 1];
    const trailing = last?.value && 'end' in last.value ? (last.value as { end?: CST.SourceToken[] }).end : undefined;
    const moved = trailing?.filter((t) => t.type === 'space') ?? [];
    if (trailing && moved.length) {
      (last!.value as { end?: CST.SourceToken[] }).end = trailing.filter((t) => t.type !== 'space');
    }
    if (item.value && ('end' in item.value || moved.length)) {
      const v = item.value as { end?: CST.SourceToken[] };
      v.end = [...(v.end ?? []).filter((t) => t.type !== 'space'), ...moved];
    }
    items.push(item);
    return;
  }
  if (parent.type !== 'block-map') throw new YamlEditError(`cannot add "${key}" to ${at.join('.') || 'the file'}: it is not a block map`);
  const items = itemsOf(parent);
  const grafted = graftedItem(key, value, parent.indent);
  const before = order && placeBefore(items, String(key), order(at));
  if (before === undefined) {
    ensureEndsWithNewline(items[items.length - 1]);
    items.push(grafted);
    return;
  }
  if (before === 0) {
    // The first key's indentation is written before the map: the new first key takes its place,
    // the old first key gets the indentation a following key has.
    grafted.start = grafted.start.filter((t) => t.type !== 'space');
    if (parent.indent > 0) items[0].start = [{ type: 'space', offset: 0, indent: 0, source: ' '.repeat(parent.indent) }, ...items[0].start.filter((t) => t.type !== 'space')];
  }
  // Comments written above the key it goes before stay with that key (they are in its start).
  items.splice(before, 0, grafted);
}

/** The index of the first existing key that the schema's order puts after `key` (undefined: at the end). */
function placeBefore(items: Item[], key: string, order: readonly string[] | undefined): number | undefined {
  const rank = order?.indexOf(key) ?? -1;
  if (!order || rank === -1) return undefined;
  const index = items.findIndex((it) => {
    const k = it.key && CST.isScalar(it.key) ? CST.resolveAsScalar(it.key)?.value : undefined;
    const r = k === undefined ? -1 : order.indexOf(k);
    return r > rank;
  });
  return index === -1 ? undefined : index;
}

function graftedMap(key: string, value: unknown, indent: number): CST.BlockMap {
  const snippet = stringify({ [key]: value }, { lineWidth: FOLD_WIDTH - indent, flowCollectionPadding: false, indent: 2 })
    .split('\n')
    .map((l) => (l ? ' '.repeat(indent) + l : l))
    .join('\n');
  const doc = Array.from(new Parser().parse(snippet)).find((t): t is CST.Document => t.type === 'document');
  if (doc?.value?.type !== 'block-map') throw new YamlEditError(`cannot write "${key}" as YAML`);
  // The indentation before the first key sits in the snippet document's start.
  const lead = doc.start.filter((s) => s.type === 'space');
  const first = itemsOf(doc.value)[0];
  first.start = [...lead, ...first.start];
  return doc.value;
}

function graftedItem(key: string, value: unknown, indent: number): Item {
  return itemsOf(graftedMap(key, value, indent))[0];
}

/** The last token of an item must end its line before another item follows. */
function ensureEndsWithNewline(item: Item | undefined): void {
  if (!item) return;
  const text = CST.stringify(item as unknown as CST.Token);
  if (text.endsWith('\n')) return;
  const v = item.value as (CST.Token & { end?: CST.SourceToken[] }) | undefined;
  const nl: CST.SourceToken = { type: 'newline', offset: 0, indent: 0, source: '\n' };
  if (v && 'end' in v) (v.end ??= []).push(nl);
  else if (v?.type === 'block-scalar') (v as CST.BlockScalar).source += '\n';
  else (item.sep ??= []).push(nl);
}

/** Rewrap the lines of a folded block scalar (`>` / `>-`) at FOLD_WIDTH; literal ones (`|`) are left as they are. */
function refold(token: CST.BlockScalar): void {
  const header = (token.props.find((p) => p.type === 'block-scalar-header') as CST.SourceToken | undefined)?.source ?? '';
  if (!header.startsWith('>')) return;
  const lines = token.source.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const indent = /^ */.exec(line)![0];
    let rest = line.slice(indent.length);
    // More-indented lines and short ones stay as they are.
    if (line.length <= FOLD_WIDTH || rest.startsWith(' ')) {
      out.push(line);
      continue;
    }
    while (indent.length + rest.length > FOLD_WIDTH) {
      // Break at a single space (a folded line break reads back as exactly one space).
      let at = rest.lastIndexOf(' ', FOLD_WIDTH - indent.length);
      while (at > 0 && (rest[at - 1] === ' ' || rest[at + 1] === ' ')) at = rest.lastIndexOf(' ', at - 1);
      if (at <= 0) break;
      out.push(indent + rest.slice(0, at));
      rest = rest.slice(at + 1);
    }
    out.push(indent + rest);
  }
  token.source = out.join('\n');
}

function setIn(obj: unknown, path: YamlPath, value: unknown): void {
  let o = obj as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(o) && typeof last === 'number') o.splice(last, 1);
    else delete o[last];
  } else o[last] = value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
