// What the outliners of structured files (JSON, YAML, TOML, Markdown, INI/.env) share: how a key
// path is spelled, how a list item is named, and what a file that does not parse means.
import type { StructuredFormat, SymbolNode } from './types.js';

/**
 * The file does not parse (a JSON file mid-edit, YAML indented with a tab). The resolver throws it
 * rather than answer []: [] would mean "between entries", and the edit must be tracked at file level.
 */
export class UnparsableFile extends Error {
  constructor(format: string, line: number, why: string) {
    super(`${format}: line ${line}: ${why}`);
    this.name = 'UnparsableFile';
  }
}

/** A reader's place in a structured file's text, how it gives up, and its comma lists (JSON and TOML readers extend it). */
export abstract class TextCursor {
  pos = 0;
  line = 1;
  constructor(readonly src: string, private readonly format: StructuredFormat) {}

  fail(why: string): never {
    throw new UnparsableFile(this.format, this.line, why);
  }

  /** Whitespace and comments, where they may stand between a list's items. */
  abstract skip(): void;

  /**
   * The items of a list whose opening bracket is at pos, each read by `item`, separated by commas (a
   * trailing one allowed) up to `close`; pos ends just after the closer.
   */
  list<T>(close: string, item: () => T): T[] {
    this.pos++;
    const items: T[] = [];
    for (;;) {
      this.skip();
      if (this.src[this.pos] === close) break;
      items.push(item());
      this.skip();
      if (this.src[this.pos] === ',') this.pos++;
      else if (this.src[this.pos] !== close) this.fail(`expected "," or "${close}"`);
    }
    this.pos++;
    return items;
  }
}

/** A key as one segment of a path: bare where that reads unambiguously, else `["./quoted"]`. */
export function keySegment(parent: string | undefined, key: string): string {
  const bare = isBare(key);
  if (parent === undefined) return bare ? key : `[${JSON.stringify(key)}]`;
  return bare ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** No `.`, brackets, quote or whitespace: a character loop, as this runs once per key of a file. */
function isBare(key: string): boolean {
  if (key === '') return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    // . [ ] " space tab CR LF, and other Unicode spaces
    if (c === 46 || c === 91 || c === 93 || c === 34 || c <= 32 || (c > 127 && /\s/.test(key[i]!))) return false;
  }
  return true;
}

/** An item of a list: `steps["Checkout"]` where it has a label, else `steps[3]` (0-based). */
export function itemSegment(parent: string | undefined, index: number, label: string | undefined): string {
  return `${parent ?? ''}[${label === undefined ? index : JSON.stringify(label)}]`;
}

/** Keys whose scalar value names a list item, in order of preference. */
export const LABEL_KEYS = ['name', 'id', 'key'] as const;

/**
 * Labels for the items of one list: an item's label is kept only when no sibling has the same one
 * (two steps both named "Build" are told apart by their index).
 */
export function uniqueLabels(labels: ReadonlyArray<string | undefined>): Array<string | undefined> {
  const seen = new Map<string, number>();
  for (const l of labels) if (l !== undefined) seen.set(l, (seen.get(l) ?? 0) + 1);
  return labels.map((l) => (l !== undefined && seen.get(l) === 1 ? l : undefined));
}

/**
 * Children that all sit on their parent's only line cannot be told apart by an edit's lines: a
 * one-line `"files": ["dist", "src"]` is edited as a whole.
 */
export function pruneOneLiners(nodes: SymbolNode[]): SymbolNode[] {
  for (const n of nodes) {
    if (n.startLine === n.endLine) n.children = [];
    else pruneOneLiners(n.children);
  }
  return nodes;
}

/**
 * A symbol before its name is spelled: a key, an item (its label may be known only after its
 * children are read) or a section with a name of its own. named() spells every name top-down once.
 */
export interface Draft {
  kind: string;
  startLine: number;
  endLine: number;
  children: Draft[];
  key?: string;
  index?: number;
  label?: string;
  title?: string;
}

/**
 * Names drafts under `parent`, in place (a 5,000-line file has thousands: no second tree is built);
 * children of a one-line draft are dropped (see pruneOneLiners).
 */
export function named(drafts: Draft[], parent?: string): SymbolNode[] {
  for (const d of drafts as Array<Draft & { name: string }>) {
    d.name = d.title ?? (d.key !== undefined ? keySegment(parent, d.key) : itemSegment(parent, d.index ?? 0, d.label));
    if (d.startLine === d.endLine) d.children = [];
    else named(d.children, d.name);
  }
  return drafts as unknown as SymbolNode[];
}

/** The lines of a file, without their CR if it has CRLF line ends. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  return text.includes('\r') ? lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) : lines;
}

/** A tree node. */
export function node(name: string, kind: string, startLine: number, endLine: number, children: SymbolNode[] = []): SymbolNode {
  return { name, kind, startLine, endLine, children };
}
