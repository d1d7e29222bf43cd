import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, identifierKeyword, noNewlineRule, NOT_THIS, readersFor, type Scope } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of Rust source (docs/symbols.md): items, with impl members named `impl Foo.bar`. */
export function outlineRust(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'rust', untilLine));
  return items(d, 0, d.n, '', false);
}

const QUALIFIERS = new Set(['async', 'unsafe', 'safe', 'default']);

const items = (d: Declarations, from: number, to: number, prefix: string, inImpl: boolean): SymbolNode[] =>
  declarationsIn(d, from, to, { prefix, inType: inImpl }, RUST);

/** Attributes, `pub(crate)`, then qualifiers (`const async unsafe extern "C" fn`), in that order. */
function skipPrefix(d: Declarations, i: number): number {
  while (d.isP(i, '#') && d.isP(i + 1, '[')) i = d.close(i + 1) + 1;
  if (d.v(i) === 'pub') {
    i++;
    if (d.isP(i, '(')) i = d.close(i) + 1;
  }
  for (;;) {
    const w = d.v(i);
    if (QUALIFIERS.has(w) && d.isId(i + 1)) i++;
    else if (w === 'const' && (d.v(i + 1) === 'fn' || QUALIFIERS.has(d.v(i + 1)) || d.v(i + 1) === 'extern')) i++;
    else if (w === 'extern' && (d.v(i + 1) === 'fn' || (d.isStr(i + 1) && d.v(i + 2) === 'fn'))) i += d.v(i + 1) === 'fn' ? 1 : 2;
    else return i;
  }
}

/** An item named by the identifier after its keyword, ending at its body or `;`. */
const named: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType: inImpl }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const w = d.v(i);
  const kind = w === 'fn' ? (inImpl ? 'method' : 'function') : w;
  return push(d, out, prefix + d.v(i + 1), kind, start, d.bodyEnd(i + 2, to));
};

const trait: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) =>
  d.isId(i + 1) ? container(d, out, prefix + d.v(i + 1), 'trait', start, i + 2, to) : NOT_THIS;

const impl: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) =>
  container(d, out, prefix + implName(d, i + 1, to), 'impl', start, i + 1, to);

const mod: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const name = prefix + d.v(i + 1);
  if (d.isP(i + 2, '{')) return container(d, out, name, 'module', start, i + 2, to);
  return push(d, out, name, 'module', start, d.statementEnd(i, to, noNewlineRule));
};

const binding: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  const n = w === 'static' && d.v(i + 1) === 'mut' ? i + 2 : i + 1;
  if (!d.isId(n)) return NOT_THIS;
  const kind = w === 'const' ? 'constant' : w === 'static' ? 'variable' : 'type';
  return push(d, out, prefix + d.v(n), kind, start, d.statementEnd(n, to, noNewlineRule));
};

const macroRules: DeclarationReader<Scope> = (d, start, i, _to, { prefix }, out) => {
  if (!d.isP(i + 1, '!') || !d.isId(i + 2)) return NOT_THIS;
  let end = d.opens(i + 3) ? d.close(i + 3) : i + 2;
  if (d.isP(end + 1, ';')) end++;
  return push(d, out, prefix + d.v(i + 2), 'macro', start, end);
};

/** extern "C" { ... }: its declarations belong to the enclosing module. */
const externBlock: DeclarationReader<Scope> = (d, _start, i, _to, { prefix }, out) => {
  if (!d.isStr(i + 1) || !d.isP(i + 2, '{')) return NOT_THIS;
  const close = d.close(i + 2);
  out.push(...items(d, i + 3, close, prefix, false));
  return close + 1;
};

/** use, extern crate, macro invocations (`foo! { }`, `cfg_if::cfg_if! { }`), anything unknown. */
const statement: DeclarationReader<Scope> = (d, _start, i, to) => {
  let m = i;
  while (d.isId(m) && d.isP(m + 1, '::') && d.isId(m + 2)) m += 2;
  if (d.isId(m) && d.isP(m + 1, '!') && d.opens(m + 2)) {
    const close = d.close(m + 2);
    return d.isP(close + 1, ';') ? close + 2 : close + 1;
  }
  return d.statementEnd(i, to, noNewlineRule) + 1;
};

const RUST: DeclarationSyntax<Scope> = {
  separators: new Set([';']),
  // An inner attribute `#![...]` is about the enclosing module.
  whole: (d, start) => (d.isP(start, '#') && d.isP(start + 1, '!') && d.isP(start + 2, '[') ? d.close(start + 2) + 1 : NOT_THIS),
  skipPrefix,
  keyword: identifierKeyword,
  readers: readersFor<Scope>([
    [['fn', 'struct', 'enum', 'union'], named],
    [['trait'], trait],
    [['impl'], impl],
    [['mod'], mod],
    [['const', 'static', 'type'], binding],
    [['macro_rules'], macroRules],
    [['extern'], externBlock],
  ]),
  other: statement,
};

function push(d: Declarations, out: SymbolNode[], name: string, kind: string, start: number, end: number): number {
  out.push(d.node(name, kind, start, end));
  return end + 1;
}


function container(d: Declarations, out: SymbolNode[], name: string, kind: string, start: number, i: number, to: number): number {
  let j = i;
  while (j < to && !d.isP(j, '{') && !d.isP(j, ';')) j = d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, '{')) return push(d, out, name, kind, start, j);
  const close = d.close(j);
  out.push(d.node(name, kind, start, close, items(d, j + 1, close, name + '.', kind !== 'module')));
  return close + 1;
}

/** `impl<T: X> Trait<T> for Foo<T> where ...` → `impl Trait for Foo`; paths keep `::`, `&'a` stays tight. */
function implName(d: Declarations, i: number, to: number): string {
  let name = 'impl';
  let glue = false; // the previous part binds to the next one (`::`, `&`, `!`, `*`)
  let j = i;
  while (j < to && !d.isP(j, '{') && !d.isP(j, ';') && d.v(j) !== 'where') {
    if (d.isP(j, '<')) {
      j = d.skipAngles(j, to);
      continue;
    }
    const part = d.opens(j) ? d.slice(j, d.close(j)) : d.raw(j);
    const path = part === '::' && j > i && (d.isId(j - 1) || d.isP(j - 1, '>')) && d.v(j - 1) !== 'for';
    name += glue || path ? part : ' ' + part;
    glue = part === '::' || part === '&' || part === '!' || part === '*';
    j = d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  return name;
}
