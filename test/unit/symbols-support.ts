import { enclosingSymbols, type Language } from '../../src/symbols/index.js';

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
