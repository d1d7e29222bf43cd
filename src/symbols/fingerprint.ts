// What a file's units look like, as short hashes: each symbol's own text (its lines, minus the
// lines of the symbols nested in it) and the text outside every symbol. Two versions of a file
// agree on a unit when its hashes are equal, wherever the unit moved to. Pure.
import { stableHash } from '../core/hash.js';
import { OUTSIDE_SYMBOLS } from '../core/openness.js';
import type { SymbolNode } from './types.js';

export function unitFingerprints(text: string, roots: readonly SymbolNode[]): Map<string, string> {
  const lines = text.split('\n');
  const own = new Map<string, string[]>();
  const add = (unit: string, part: string) => {
    const list = own.get(unit);
    if (list) list.push(part);
    else own.set(unit, [part]);
  };
  /** Lines from..to (1-based, inclusive) of `n`'s own text: children are replaced by their names. */
  const walk = (nodes: readonly SymbolNode[], from: number, to: number, unit: string) => {
    let next = from;
    const parts: string[] = [];
    for (const c of nodes) {
      if (c.endLine < from || c.startLine > to) continue;
      if (c.startLine > next) parts.push(lines.slice(next - 1, c.startLine - 1).join('\n'));
      parts.push(`\u0000${c.name}`);
      walk(c.children, c.startLine, c.endLine, c.name);
      next = Math.max(next, c.endLine + 1);
    }
    if (next <= to) parts.push(lines.slice(next - 1, to).join('\n'));
    add(unit, parts.join('\n'));
  };
  walk(roots, 1, lines.length, OUTSIDE_SYMBOLS);
  const out = new Map<string, string>();
  // Two symbols of one name (overloads, a redefinition) form one unit, in source order.
  for (const [unit, parts] of own) out.set(unit, stableHash(parts.join('\u0001')));
  return out;
}
