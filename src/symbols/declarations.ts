import { ID, PUNCT, STR, type Tokens } from './tokens.js';
import type { SymbolNode } from './types.js';

/** Does a line break between `prev` and `next` end the statement (automatic semicolon rules)? */
export type NewlineRule = (d: Declarations, prev: number, next: number) => boolean;

export const noNewlineRule: NewlineRule = () => false;

/**
 * The token stream of one file with the helpers every declaration recogniser needs: bracket jumps,
 * statement ends, angle-bracket skipping and node construction. Indexes past the end read as ''.
 */
export class Declarations {
  readonly n: number;
  readonly text: string;
  private readonly kind: Uint8Array;
  private readonly val: string[];
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  private readonly line: Int32Array;
  private readonly endLine: Int32Array;
  private readonly newline: Uint8Array;
  private readonly match: Int32Array;

  constructor(t: Tokens) {
    this.n = t.n;
    this.text = t.text;
    this.kind = t.kind;
    this.val = t.val;
    this.start = t.start;
    this.end = t.end;
    this.line = t.line;
    this.endLine = t.endLine;
    this.newline = t.nl;
    this.match = t.match;
  }

  /** Token text ('' past the end and for string literals). */
  v(i: number): string {
    return i >= 0 && i < this.n ? this.val[i]! : '';
  }

  isId(i: number): boolean {
    return i >= 0 && i < this.n && this.kind[i] === ID;
  }

  isStr(i: number): boolean {
    return i >= 0 && i < this.n && this.kind[i] === STR;
  }

  isPunct(i: number): boolean {
    return i >= 0 && i < this.n && this.kind[i] === PUNCT;
  }

  isP(i: number, v: string): boolean {
    return i >= 0 && i < this.n && this.kind[i] === PUNCT && this.val[i] === v;
  }

  /** Is token i an opening bracket? */
  opens(i: number): boolean {
    if (!this.isPunct(i)) return false;
    const v = this.val[i];
    return v === '{' || v === '(' || v === '[';
  }

  closes(i: number): boolean {
    if (!this.isPunct(i)) return false;
    const v = this.val[i];
    return v === '}' || v === ')' || v === ']';
  }

  /** The partner of the bracket at i; an unclosed bracket runs to the last token. */
  close(i: number): number {
    const m = i >= 0 && i < this.n ? this.match[i]! : -1;
    return m >= 0 ? m : this.n - 1;
  }

  /** Token i starts a new line. */
  nl(i: number): boolean {
    return i < 0 || i >= this.n || this.newline[i] === 1;
  }

  /** Tokens i and i + 1 touch (no whitespace between). */
  adjacent(i: number): boolean {
    return i >= 0 && i + 1 < this.n && this.end[i] === this.start[i + 1];
  }

  /** Source text of token i (string literals included). */
  raw(i: number): string {
    return i >= 0 && i < this.n ? this.text.slice(this.start[i], this.end[i]) : '';
  }

  /** Source text of tokens [from, to], whitespace collapsed. */
  slice(from: number, to: number): string {
    if (from < 0 || to >= this.n || to < from) return '';
    return this.text.slice(this.start[from], this.end[to]).replace(/\s+/g, ' ');
  }

  /** Index after `<...>` at i (nested angles, brackets jumped); i itself when there is none. */
  skipAngles(i: number, limit: number): number {
    if (!this.isP(i, '<')) return i;
    let depth = 0;
    let j = i;
    while (j < limit) {
      if (this.kind[j] === PUNCT) {
        const v = this.val[j];
        if (v === '<') depth++;
        else if (v === '>') {
          if (--depth === 0) return j + 1;
        } else if (v === '(' || v === '[' || v === '{') {
          j = this.close(j);
        } else if (v === ';' || v === '}' || v === ')' || v === ']') return j;
      }
      j++;
    }
    return j;
  }

  /**
   * The last token of the statement or expression starting at i: up to and including `;`, before a
   * closer that ends the container, before `,` when stopAtComma, or before a line break the rule
   * treats as a statement end. Brackets are jumped whole.
   */
  statementEnd(i: number, limit: number, rule: NewlineRule, stopAtComma = false): number {
    let j = i;
    while (j < limit) {
      if (this.kind[j] === PUNCT) {
        const v = this.val[j];
        if (v === ';') return j;
        if (v === '}' || v === ')' || v === ']') return Math.max(i, j - 1);
        if (v === ',' && stopAtComma && j > i) return j - 1;
        if (v === '{' || v === '(' || v === '[') j = Math.min(this.close(j), limit - 1);
      }
      if (j + 1 >= limit || j + 1 >= this.n) return j;
      if (this.newline[j + 1] === 1 && rule(this, j, j + 1)) return j;
      j++;
    }
    return Math.max(i, limit - 1);
  }

  /**
   * The last token of a declaration whose parameters end before i: the `}` of its body, its `;`, the
   * end of an expression body opened by `expression` (C# `=>`, Kotlin `=`, a Java annotation's
   * `default`), or the token before a closer that ends the container. Brackets are jumped whole. With
   * a newline rule (Kotlin), `<...>` is jumped too and a line break the rule ends a statement at ends
   * the declaration there.
   */
  bodyEnd(i: number, to: number, expression = '', newline: NewlineRule | null = null): number {
    let j = i;
    while (j < to) {
      if (this.isP(j, '{')) return this.close(j);
      if (expression !== '' && this.v(j) === expression) return this.statementEnd(j, to, newline ?? noNewlineRule);
      if (this.isP(j, ';')) return j;
      if (this.closes(j)) return j - 1;
      if (newline === null) j = this.opens(j) ? this.close(j) + 1 : j + 1;
      else {
        j = this.isP(j, '<') ? this.skipAngles(j, to) : this.opens(j) ? this.close(j) + 1 : j + 1;
        if (j < this.n && this.nl(j) && !this.isP(j, '{') && !this.isP(j, expression) && newline(this, j - 1, j)) return j - 1;
      }
    }
    return to - 1;
  }

  node(name: string, kind: string, from: number, to: number, children: SymbolNode[] = []): SymbolNode {
    const a = Math.min(from, this.n - 1);
    const b = Math.max(a, Math.min(to, this.n - 1));
    return { name, kind, startLine: this.line[a] ?? 1, endLine: this.endLine[b] ?? 1, children };
  }

  /** A token that can end an expression or a type (so a following line break may end the statement). */
  endsExpression(i: number): boolean {
    if (i < 0 || i >= this.n) return false;
    if (this.kind[i] !== PUNCT) return true;
    const v = this.val[i];
    return v === ')' || v === ']' || v === '}' || v === '>' || v === '?' || v === '!';
  }
}

// The walk the C-family outliners (C/C++, C#, Java, PHP, Rust, Swift) share: declarations one after
// another between two tokens, separators skipped, attributes and modifiers skipped, then the word
// after them picks how the declaration is read. A language gives its syntax as a DeclarationSyntax.
// It lives here, not in a file of its own, so that a hook's bundle loads one shared chunk, not two.

/** Where declarations sit: what encloses them, qualified, and a dot ('' at file level). */
export interface Scope {
  readonly prefix: string;
  /** Inside a type's body (a class, a trait, an impl): functions there are methods. */
  readonly inType: boolean;
}

/** Java's and C#'s scope: members are told by the enclosing type's simple name. */
export interface MemberScope {
  readonly prefix: string;
  /** '' outside types (there only types are declarations). */
  readonly owner: string;
}

/**
 * Reads the declaration whose first token is `start` and whose keyword (after attributes and
 * modifiers) is at i, pushing its symbols onto out; S is the language's scope (Scope, MemberScope).
 * Returns the index after it, or NOT_THIS when the keyword does not introduce this form here (then
 * `other` reads it).
 */
export type DeclarationReader<S> = (d: Declarations, start: number, i: number, to: number, scope: S, out: SymbolNode[]) => number;

export const NOT_THIS = -1;

export interface DeclarationSyntax<S> {
  /** Tokens that stand alone between declarations: `;`, and `,` in Java and C#. */
  readonly separators: ReadonlySet<string>;
  /** A form read whole at a declaration's first token (C# `[assembly: X]`, Rust `#![...]`): the index after it, or NOT_THIS. */
  readonly whole: ((d: Declarations, start: number) => number) | null;
  /** The first token after the attributes, annotations and modifiers that start at i. */
  readonly skipPrefix: (d: Declarations, i: number, to: number) => number;
  /** The word at i that picks a reader (PHP's keywords are case-insensitive). */
  readonly keyword: (d: Declarations, i: number) => string;
  readonly readers: ReadonlyMap<string, DeclarationReader<S>>;
  /** What no keyword reader claims: members, variables, statements. */
  readonly other: DeclarationReader<S>;
}

/** The symbols declared in tokens [from, to). */
export function declarationsIn<S>(d: Declarations, from: number, to: number, scope: S, syntax: DeclarationSyntax<S>): SymbolNode[] {
  const out: SymbolNode[] = [];
  let i = from;
  while (i < to) i = Math.max(declaration(d, i, to, scope, syntax, out), i + 1);
  return out;
}

function declaration<S>(d: Declarations, start: number, to: number, scope: S, syntax: DeclarationSyntax<S>, out: SymbolNode[]): number {
  if (d.isPunct(start) && syntax.separators.has(d.v(start))) return start + 1;
  if (syntax.whole !== null) {
    const end = syntax.whole(d, start);
    if (end !== NOT_THIS) return end;
  }
  const i = syntax.skipPrefix(d, start, to);
  const read = syntax.readers.get(syntax.keyword(d, i));
  if (read !== undefined) {
    const end = read(d, start, i, to, scope, out);
    if (end !== NOT_THIS) return end;
  }
  return syntax.other(d, start, i, to, scope, out);
}

/**
 * The common prefix loop: attributes and modifiers in any order. Each step returns the index after
 * the attribute (or modifier) at i, or i itself when there is none there.
 */
export function prefixSkipper(
  attribute: (d: Declarations, i: number, to: number) => number,
  modifier: (d: Declarations, i: number) => number,
): (d: Declarations, i: number, to: number) => number {
  return (d, i, to) => {
    for (;;) {
      let j = attribute(d, i, to);
      if (j === i) j = modifier(d, i);
      if (j === i) return i;
      i = j;
    }
  };
}

/** The word at i, or '' when token i is not an identifier. */
export const identifierKeyword = (d: Declarations, i: number): string => (d.isId(i) ? d.v(i) : '');
/** The token at i, whatever its kind. */
export const tokenKeyword = (d: Declarations, i: number): string => d.v(i);

/** One reader for several keywords. */
export function readersFor<S>(entries: Array<[words: readonly string[], read: DeclarationReader<S>]>): ReadonlyMap<string, DeclarationReader<S>> {
  const map = new Map<string, DeclarationReader<S>>();
  for (const [words, read] of entries) for (const w of words) map.set(w, read);
  return map;
}
