// YAML (GitHub workflows, Compose, Kubernetes, OpenAPI): key paths (`jobs.test.steps[3]`), list
// items by their `name`/`id`/`key` (`steps["Checkout"]`), one symbol per document in a multi-document
// file, named `Deployment/web` after its `kind` and `metadata.name` where it has them.
//
// A line-based reader of block YAML: indentation decides nesting; quoted, flow and block scalars are
// skipped over as values (flow collections are leaves). What it does not read (`? ` complex keys,
// a tab in the indentation, a key more indented than its siblings) makes the file unparsable: the
// edit is then tracked at file level.
import { linesOf, LABEL_KEYS, named, uniqueLabels, UnparsableFile, type Draft } from './structured.js';
import type { SymbolNode } from './types.js';

/** A parsed block node: its last line (0-based index) and, for collections, its symbols. */
interface Parsed {
  /** Index of the node's last content line. */
  last: number;
  children: Draft[];
  /** A one-line plain or quoted scalar: where its text is (read only when it names something). */
  scalarCol?: number;
  /** A mapping's one-line `name`, `id`, `key` and `kind` values, and `metadata.name` (labels, document names). */
  fields?: Record<string, string | null>;
}

/** Keys whose one-line values are kept: item labels, and a Kubernetes document's kind and metadata.name. */
const FIELDS = new Set<string>([...LABEL_KEYS, 'kind']);

const NONE = -1;
/** A document marker, `---` or `...` at the start of a line. */
const MARKER = -2;
/** The children of every scalar: shared, never written to (named() replaces, never pushes). */
const LEAF: Draft[] = [];

class YamlReader {
  readonly lines: string[];
  /** Leading spaces of each line, NONE for a blank or comment-only line, MARKER for `---` and `...`. */
  readonly indents: Int32Array;

  constructor(text: string) {
    this.lines = linesOf(text);
    this.indents = new Int32Array(this.lines.length);
    this.lines.forEach((l, n) => {
      let i = 0;
      while (l.charCodeAt(i) === 32) i++;
      const c = l.charCodeAt(i);
      if (i === l.length || c === 35 /* # */) this.indents[n] = NONE;
      else if (i === 0 && (c === 45 || c === 46) && isMarkerLine(l)) this.indents[n] = MARKER;
      else if (c === 9 || c === 13) this.indents[n] = isBlank(l) || l.trimStart().startsWith('#') ? NONE : i;
      else this.indents[n] = i;
    });
  }

  fail(i: number, why: string): never {
    throw new UnparsableFile('yaml', i + 1, why);
  }

  isMarker(i: number): boolean {
    return this.indents[i] === MARKER;
  }

  /** The next content line or document marker at or after i; lines.length at the end. */
  next(i: number): number {
    while (i < this.lines.length && this.indents[i] === NONE) i++;
    return i;
  }

  /** A structural line must not be indented with a tab. */
  checkIndent(i: number): void {
    if (this.lines[i]![this.indents[i]!] === '\t') this.fail(i, 'tab in indentation');
  }

  /** The key of a mapping entry starting at column col of line i, with the column after its colon. */
  keyAt(i: number, col: number): { key: string; after: number } | undefined {
    const l = this.lines[i]!;
    const c = l[col];
    if (c === '"' || c === "'") {
      const end = c === '"' ? /"(?:[^"\\]|\\.)*"/y : /'(?:[^']|'')*'/y;
      end.lastIndex = col;
      const m = end.exec(l);
      if (!m) return undefined;
      const colon = /[ \t]*:(?=[ \t]|$)/y;
      colon.lastIndex = col + m[0].length;
      const k = colon.exec(l);
      if (!k) return undefined;
      return { key: unquote(m[0]), after: colon.lastIndex };
    }
    if (c === undefined || '-?:,[]{}#&*!|>%@`'.includes(c)) {
      // `-x:` and `:x:` are plain keys; `- x`, `? x` and `: x` are indicators.
      if (!((c === '-' || c === ':' || c === '?') && l[col + 1] !== undefined && !/[ \t]/.test(l[col + 1]!))) return undefined;
    }
    for (let j = col; j < l.length; j++) {
      const ch = l[j];
      if (ch === '#' && (l[j - 1] === ' ' || l[j - 1] === '\t')) return undefined;
      if (ch === ':' && (j + 1 === l.length || l[j + 1] === ' ' || l[j + 1] === '\t')) {
        return { key: l.slice(col, j).trimEnd(), after: j + 1 };
      }
    }
    return undefined;
  }

  /** First non-space column at or after col on line i, or undefined when only a comment or nothing is left. */
  rest(i: number, col: number): number | undefined {
    const l = this.lines[i]!;
    let c = l.charCodeAt(col);
    while (c === 32 || c === 9) c = l.charCodeAt(++col);
    if (col >= l.length || c === 35 /* # */) return undefined;
    return col;
  }

  /** Skips node properties (`&anchor`, `!tag`) before a value. */
  afterProperties(i: number, col: number | undefined): number | undefined {
    const l = this.lines[i]!;
    while (col !== undefined && (l[col] === '&' || l[col] === '!')) {
      let j = col;
      while (j < l.length && l[j] !== ' ' && l[j] !== '\t') j++;
      col = this.rest(i, j);
    }
    return col;
  }

  /**
   * The value of a key or item whose indicator is on line i, its text (if any) starting at col;
   * `owner` is the indentation of the key or `-`: the value's own lines are indented further.
   */
  value(i: number, col: number | undefined, owner: number, allowSameIndentSeq: boolean): Parsed {
    col = this.afterProperties(i, col);
    if (col === undefined) {
      const j = this.next(i + 1);
      if (j >= this.lines.length || this.isMarker(j)) return { last: i, children: LEAF };
      const ind = this.indents[j]!;
      if (ind > owner) return this.block(j, ind, owner);
      // A list may stand at its key's own indentation (`steps:` then `- run: x`).
      if (allowSameIndentSeq && ind === owner && isDash(this.lines[j]!, ind)) return this.sequence(j, ind);
      return { last: i, children: LEAF };
    }
    return this.block(i, col, owner);
  }

  /** A node starting at column col of line i: a list, a mapping or a scalar. */
  block(i: number, col: number, owner: number): Parsed {
    this.checkIndent(i);
    const l = this.lines[i]!;
    if (isDash(l, col)) return this.sequence(i, col);
    if (l[col] === '?' && (l[col + 1] === undefined || l[col + 1] === ' ')) this.fail(i, 'complex keys are not read');
    const key = this.keyAt(i, col);
    if (key) return this.mapping(i, col, key);
    return this.scalar(i, col, owner);
  }

  /** A mapping whose first key, at (i, col), is `first`. */
  mapping(i: number, col: number, first: { key: string; after: number }): Parsed {
    const children: Draft[] = [];
    let fields: Record<string, string | null> | undefined;
    let last = i;
    let at = i;
    let k: { key: string; after: number } | undefined = first;
    for (;;) {
      const v = this.value(at, this.rest(at, k.after), col, true);
      children.push({ key: k.key, kind: 'key', startLine: at + 1, endLine: v.last + 1, children: v.children });
      // null: the key is there but its value is no one-line scalar (a `name: {}` names no item).
      if (FIELDS.has(k.key)) (fields ??= {})[k.key] = v.scalarCol === undefined ? null : this.scalarText(at, v.scalarCol);
      else if (k.key === 'metadata' && typeof v.fields?.name === 'string') (fields ??= {})['metadata.name'] = v.fields.name;
      last = v.last;
      const j = this.next(last + 1);
      if (j >= this.lines.length || this.isMarker(j)) break;
      const ind = this.indents[j]!;
      if (ind < col) break;
      if (ind > col) this.fail(j, 'unexpected indentation');
      if (isDash(this.lines[j]!, ind)) break; // the end of a list that stood at its key's indentation
      this.checkIndent(j);
      at = j;
      k = this.keyAt(at, col);
      if (!k) this.fail(at, 'expected a key');
    }
    return { last, children, fields };
  }

  sequence(i: number, col: number): Parsed {
    const items: Draft[] = [];
    const labels: Array<string | undefined> = [];
    let at = i;
    let last = i;
    for (;;) {
      const v = this.value(at, this.rest(at, col + 1), col, false);
      items.push({ index: items.length, kind: 'item', startLine: at + 1, endLine: v.last + 1, children: v.children });
      labels.push(labelOf(v));
      last = v.last;
      const j = this.next(v.last + 1);
      if (j >= this.lines.length || this.isMarker(j)) break;
      const ind = this.indents[j]!;
      if (ind < col) break;
      if (ind > col) this.fail(j, 'unexpected indentation');
      if (!isDash(this.lines[j]!, ind)) break;
      this.checkIndent(j);
      at = j;
    }
    uniqueLabels(labels).forEach((label, n) => {
      if (label !== undefined) items[n]!.label = label;
    });
    return { last, children: items };
  }

  /** A scalar or flow collection starting at column col of line i. */
  scalar(i: number, col: number, owner: number): Parsed {
    const l = this.lines[i]!;
    const c = l[col];
    if (c === '|' || c === '>') {
      let last = i;
      for (let j = i + 1; j < this.lines.length; j++) {
        const t = this.lines[j]!;
        if (isBlank(t)) continue;
        if (leadingSpaces(t) <= owner || (owner < 0 && this.isMarker(j))) break;
        last = j;
      }
      return { last, children: LEAF };
    }
    if (c === '"' || c === "'") {
      const { line } = this.closeQuote(i, col);
      return { last: line, children: LEAF, scalarCol: line === i ? col : undefined };
    }
    if (c === '[' || c === '{') return { last: this.closeFlow(i, col), children: LEAF };
    // A plain scalar, continued on more indented lines up to a comment or a blank-separated end.
    let last = i;
    for (let j = i + 1; j < this.lines.length; j++) {
      if (this.isMarker(j)) break;
      const t = this.lines[j]!;
      if (isBlank(t)) continue;
      if (this.indents[j] === NONE || leadingSpaces(t) <= owner) break;
      // A plain scalar never holds `: `: this is a key indented under a value (`a: 1` then `  b: 2`).
      if (/:([ \t]|$)/.test(t)) this.fail(j, 'a key under a scalar value');
      last = j;
    }
    return { last, children: LEAF, scalarCol: last === i && c !== '*' ? col : undefined };
  }

  /** The text of the one-line scalar at (i, col): unquoted, or plain without its comment. */
  scalarText(i: number, col: number): string {
    const l = this.lines[i]!;
    if (l[col] === '"' || l[col] === "'") return unquote(l.slice(col, this.closeQuote(i, col).end + 1));
    return l.slice(col).replace(/[ \t]+#.*$/, '').trimEnd();
  }

  /** Line and column of the quote closing the scalar opened at (i, col). */
  closeQuote(i: number, col: number): { line: number; end: number } {
    const q = this.lines[i]![col]!;
    let j = col + 1;
    for (let n = i; n < this.lines.length; n++, j = 0) {
      const l = this.lines[n]!;
      for (; j < l.length; j++) {
        if (q === '"' && l[j] === '\\') j++;
        else if (l[j] === q) {
          if (q === "'" && l[j + 1] === "'") j++;
          else return { line: n, end: j };
        }
      }
    }
    this.fail(i, 'unterminated quoted scalar');
  }

  /** The line of the bracket closing the flow collection opened at (i, col). */
  closeFlow(i: number, col: number): number {
    let depth = 0;
    let n = i;
    let j = col;
    while (n < this.lines.length) {
      const l = this.lines[n]!;
      if (j >= l.length) {
        n++;
        j = 0;
        continue;
      }
      const ch = l[j]!;
      // A quote opens a scalar only where one may start: `[don't]` is a plain scalar.
      if ((ch === '"' || ch === "'") && /(^|[[{,:])[ \t]*$/.test(l.slice(0, j))) {
        const q = this.closeQuote(n, j);
        n = q.line;
        j = q.end + 1;
        continue;
      }
      if (ch === '#' && (j === 0 || l[j - 1] === ' ' || l[j - 1] === '\t')) {
        n++;
        j = 0;
        continue;
      }
      if (ch === '[' || ch === '{') depth++;
      else if ((ch === ']' || ch === '}') && --depth === 0) return n;
      j++;
    }
    this.fail(i, 'unterminated flow collection');
  }
}

function isMarkerLine(l: string): boolean {
  const d = l.charCodeAt(3);
  return (l.startsWith('---') || l.startsWith('...')) && (l.length === 3 || d === 32 || d === 9);
}

function isBlank(l: string): boolean {
  for (let i = 0; i < l.length; i++) {
    const c = l.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function leadingSpaces(l: string): number {
  let i = 0;
  while (l.charCodeAt(i) === 32) i++;
  return i;
}

function isDash(l: string, col: number): boolean {
  return l[col] === '-' && (l[col + 1] === undefined || l[col + 1] === ' ' || l[col + 1] === '\t');
}

function unquote(q: string): string {
  if (q.startsWith("'")) return q.slice(1, -1).replaceAll("''", "'");
  try {
    return JSON.parse(q) as string;
  } catch {
    return q.slice(1, -1);
  }
}

function labelOf(v: Parsed): string | undefined {
  if (!v.fields) return undefined;
  for (const k of LABEL_KEYS) if (v.fields[k] !== undefined) return v.fields[k] ?? undefined;
  return undefined;
}

/** Every document's symbols, from its first line (its `---` if it has one) to its last content line. */
function documents(r: YamlReader): Array<{ first: number; last: number; root: Parsed }> {
  const docs: Array<{ first: number; last: number; root: Parsed }> = [];
  let i = 0;
  let marker: number | undefined;
  while (i < r.lines.length) {
    const l = r.lines[i]!;
    if (r.isMarker(i)) {
      if (l.startsWith('---')) {
        if (r.rest(i, 3) !== undefined) r.fail(i, 'content on the document marker line is not read');
        marker = i;
      } else marker = undefined;
      i++;
      continue;
    }
    if (r.indents[i] === NONE || (l.startsWith('%') && marker === undefined)) {
      i++;
      continue;
    }
    const root = r.block(i, r.indents[i]!, -1);
    docs.push({ first: marker ?? i, last: root.last, root });
    marker = undefined;
    i = r.next(root.last + 1);
    if (i < r.lines.length && !r.isMarker(i)) r.fail(i, 'unexpected content');
  }
  return docs;
}

export function outlineYaml(text: string): SymbolNode[] {
  const r = new YamlReader(text);
  const docs = documents(r);
  if (docs.length === 1) return named(docs[0]!.root.children);
  const names = docs.map(({ root }) => {
    const kind = root.fields?.kind ?? undefined;
    const name = root.fields?.['metadata.name'] ?? undefined;
    return kind !== undefined && name !== undefined ? `${kind}/${name}` : undefined;
  });
  const unique = uniqueLabels(names);
  return named(docs.map(({ first, last, root }, n): Draft => ({ title: unique[n] ?? `document[${n}]`, kind: 'section', startLine: first + 1, endLine: last + 1, children: root.children })));
}
