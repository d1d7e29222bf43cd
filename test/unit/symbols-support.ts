import { enclosingSymbols, innermostOverlapping, type Language } from '../../src/symbols/index.js';
import type { SymbolNode } from '../../src/symbols/types.js';

/** A source file from its lines. */
export function source(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** The 1-based line of the first line containing `needle` (tests name lines by their content). */
export function lineOf(text: string, needle: string, nth = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && ++seen === nth) return i + 1;
  }
  throw new Error(`no line ${nth} containing ${JSON.stringify(needle)}`);
}

/** Names of the innermost symbols an edit of the given lines touches. */
export function namesAt(text: string, language: Language, start: number | string, end: number | string = start): string[] {
  const s = typeof start === 'string' ? lineOf(text, start) : start;
  const e = typeof end === 'string' ? lineOf(text, end) : end;
  return enclosingSymbols(text, language, [[s, e]])[0]!.map((x) => x.name);
}

/** The span of the named symbol as `[start, end]` plus its kind, for span and kind assertions. */
export function spanOf(text: string, language: Language, name: string): { kind: string; lines: [number, number] } | undefined {
  const total = text.split('\n').length;
  for (let line = 1; line <= total; line++) {
    const hit = enclosingSymbols(text, language, [[line, line]])[0]!.find((x) => x.name === name);
    if (hit) return { kind: hit.kind, lines: [hit.startLine, hit.endLine] };
  }
  return undefined;
}

/** Source text from a template literal: the first newline dropped so line 1 is the first line written. */
export function template(s: string): string {
  return s.replace(/^\n/, '');
}

/** The named symbol anywhere in an outline, depth first. */
export function findSymbol(nodes: readonly SymbolNode[], name: string): SymbolNode | undefined {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = findSymbol(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

/** Questions asked of one language's outliner directly (without the resolver in front of it). */
export function outlineQueries(outline: (text: string) => readonly SymbolNode[]) {
  return {
    /** The symbols a user editing lines start..end would be told about. */
    edited: (text: string, start: number, end = start): string[] => innermostOverlapping(outline(text), start, end).map((s) => s.name),
    /** The named symbol's first and last line and its kind. */
    span: (text: string, name: string): [number, number, string] | undefined => {
      const n = findSymbol(outline(text), name);
      return n && [n.startLine, n.endLine, n.kind];
    },
    /** Every symbol's name, parents before children. */
    allNames: (text: string): string[] => {
      const out: string[] = [];
      const walk = (ns: readonly SymbolNode[]): void => ns.forEach((n) => (out.push(n.name), walk(n.children)));
      walk(outline(text));
      return out;
    },
  };
}
