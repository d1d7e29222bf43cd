// The walk the C-family outliners (C/C++, C#, Java, PHP, Rust, Swift) share: declarations one after
// another between two tokens, separators skipped, attributes and modifiers skipped, then the word
// after them picks how the declaration is read. A language gives its syntax as a DeclarationSyntax.
import type { Declarations } from './declarations.js';
import type { SymbolNode } from './types.js';

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
 * modifiers) is at i, pushing its symbols onto out. Returns the index after it, or NOT_THIS when the
 * keyword does not introduce this form here (then `other` reads it).
 */
export type DeclarationReader<Scope> = (d: Declarations, start: number, i: number, to: number, scope: Scope, out: SymbolNode[]) => number;

export const NOT_THIS = -1;

export interface DeclarationSyntax<Scope> {
  /** Tokens that stand alone between declarations: `;`, and `,` in Java and C#. */
  readonly separators: ReadonlySet<string>;
  /** A form read whole at a declaration's first token (C# `[assembly: X]`, Rust `#![...]`): the index after it, or NOT_THIS. */
  readonly whole: ((d: Declarations, start: number) => number) | null;
  /** The first token after the attributes, annotations and modifiers that start at i. */
  readonly skipPrefix: (d: Declarations, i: number, to: number) => number;
  /** The word at i that picks a reader (PHP's keywords are case-insensitive). */
  readonly keyword: (d: Declarations, i: number) => string;
  readonly readers: ReadonlyMap<string, DeclarationReader<Scope>>;
  /** What no keyword reader claims: members, variables, statements. */
  readonly other: DeclarationReader<Scope>;
}

/** The symbols declared in tokens [from, to). */
export function declarationsIn<Scope>(d: Declarations, from: number, to: number, scope: Scope, syntax: DeclarationSyntax<Scope>): SymbolNode[] {
  const out: SymbolNode[] = [];
  let i = from;
  while (i < to) i = Math.max(declaration(d, i, to, scope, syntax, out), i + 1);
  return out;
}

function declaration<Scope>(d: Declarations, start: number, to: number, scope: Scope, syntax: DeclarationSyntax<Scope>, out: SymbolNode[]): number {
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
export function readersFor<Scope>(entries: Array<[words: readonly string[], read: DeclarationReader<Scope>]>): ReadonlyMap<string, DeclarationReader<Scope>> {
  const map = new Map<string, DeclarationReader<Scope>>();
  for (const [words, read] of entries) for (const w of words) map.set(w, read);
  return map;
}
