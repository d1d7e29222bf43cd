import { Declarations, type NewlineRule } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** The Go spec's semicolon insertion: a line break after these tokens ends the statement. */
const goNewline: NewlineRule = (d, prev) => {
  if (!d.isPunct(prev)) return true;
  const v = d.v(prev);
  return v === ')' || v === ']' || v === '}';
};

/** Outline of Go source (docs/symbols.md): funcs, methods as `T.M`, types, top-level var/const specs. */
export function outlineGo(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'go', untilLine));
  const out: SymbolNode[] = [];
  let i = 0;
  while (i < d.n) {
    const w = d.isId(i) ? d.v(i) : '';
    let next: number;
    if (w === 'func') next = func(d, i, out);
    else if (w === 'type' || w === 'var' || w === 'const') next = specs(d, i, out);
    else next = d.statementEnd(i, d.n, goNewline) + 1;
    i = Math.max(next, i + 1);
  }
  return out;
}

function func(d: Declarations, start: number, out: SymbolNode[]): number {
  let i = start + 1;
  let receiver = '';
  if (d.isP(i, '(')) {
    receiver = receiverType(d, i);
    i = d.close(i) + 1;
  }
  if (!d.isId(i)) return d.statementEnd(i, d.n, goNewline) + 1;
  const name = d.v(i++);
  if (d.isP(i, '[')) i = d.close(i) + 1; // type parameters
  if (!d.isP(i, '(')) return d.statementEnd(i, d.n, goNewline) + 1;
  let j = d.close(i) + 1;
  let end = j - 1;
  // Results, then the body; `struct{}` / `interface{}` in a result type are not the body.
  while (j < d.n) {
    if (d.isP(j, '{')) {
      if (d.v(j - 1) === 'struct' || d.v(j - 1) === 'interface') {
        j = d.close(j) + 1;
        end = j - 1;
        continue;
      }
      end = d.close(j);
      break;
    }
    if (d.isP(j, ';') || d.closes(j) || (d.nl(j) && goNewline(d, j - 1, j))) break;
    j = d.opens(j) ? d.close(j) + 1 : j + 1;
    end = j - 1;
  }
  out.push(d.node(receiver === '' ? name : `${receiver}.${name}`, receiver === '' ? 'function' : 'method', start, end));
  return end + 1;
}

/** `(s *Stack[T])` → `Stack`: the last identifier before any type arguments. */
function receiverType(d: Declarations, open: number): string {
  const close = d.close(open);
  let name = '';
  for (let j = open + 1; j < close; j++) {
    if (d.isP(j, '[')) break;
    if (d.isId(j)) name = d.v(j);
  }
  return name;
}

/** `type`/`var`/`const`, single or grouped in parentheses: one symbol per spec. */
function specs(d: Declarations, start: number, out: SymbolNode[]): number {
  const keyword = d.v(start);
  if (!d.isP(start + 1, '(')) {
    const end = d.statementEnd(start + 1, d.n, goNewline);
    spec(d, keyword, start, start + 1, end, out);
    return end + 1;
  }
  const close = d.close(start + 1);
  const found: SymbolNode[] = [];
  let i = start + 2;
  while (i < close) {
    if (d.isP(i, ';')) {
      i++;
      continue;
    }
    const end = d.statementEnd(i, close, goNewline);
    spec(d, keyword, i, i, end, found);
    i = end + 1;
  }
  // A group holding one spec reads as a single declaration: the keyword line belongs to it.
  const single = found.length > 0 && found.every((n) => n.startLine === found[0]!.startLine);
  for (const n of found) out.push(single ? { ...n, startLine: d.node('', '', start, start).startLine, endLine: d.node('', '', close, close).endLine } : n);
  return close + 1;
}

/** One spec: `Name [T any] struct {...}`, or `a, b int = 1, 2` (a symbol per name). */
function spec(d: Declarations, keyword: string, from: number, nameAt: number, end: number, out: SymbolNode[]): void {
  if (!d.isId(nameAt)) return;
  let kind = keyword === 'var' ? 'variable' : 'constant';
  if (keyword === 'type') {
    let j = nameAt + 1;
    if (d.isP(j, '[')) j = d.close(j) + 1; // type parameters (or an array length)
    if (d.isP(j, '=')) j++;
    const w = d.v(j);
    kind = w === 'struct' ? 'struct' : w === 'interface' ? 'interface' : 'type';
    out.push(d.node(d.v(nameAt), kind, from, end));
    return;
  }
  for (let j = nameAt; d.isId(j); j += 2) {
    out.push(d.node(d.v(j), kind, from, end));
    if (!d.isP(j + 1, ',')) break;
  }
}
