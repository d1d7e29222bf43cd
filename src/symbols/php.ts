import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, noNewlineRule, NOT_THIS, prefixSkipper, readersFor, type Scope } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of PHP source (docs/symbols.md): braced namespaces, types, functions, methods, constants, properties. */
export function outlinePhp(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'php', untilLine));
  return declarationsIn(d, 0, d.n, { prefix: '', inType: false }, PHP);
}

const MODIFIERS = new Set(['abstract', 'final', 'readonly', 'public', 'protected', 'private', 'static', 'var']);

const namespace: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  if (d.isP(i + 1, '\\')) return NOT_THIS;
  let j = i + 1;
  let name = '';
  while (d.isId(j) || d.isP(j, '\\')) name += d.v(j++);
  if (!d.isP(j, '{')) return d.statementEnd(j, to, noNewlineRule) + 1; // `namespace A\B;` is not a symbol
  const close = d.close(j);
  const qualified = prefix + name;
  out.push(d.node(qualified, 'namespace', start, close, name === '' ? [] : declarationsIn(d, j + 1, close, { prefix: qualified + '.', inType: false }, PHP)));
  return close + 1;
};

const type: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  let j = i + 2;
  while (j < to && !d.isP(j, '{') && !d.isP(j, ';')) j = d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, '{')) return j + 1;
  const close = d.close(j);
  const qualified = prefix + d.v(i + 1);
  out.push(d.node(qualified, d.v(i).toLowerCase(), start, close, declarationsIn(d, j + 1, close, { prefix: qualified + '.', inType: true }, PHP)));
  return close + 1;
};

const fn: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType }, out) => {
  let j = i + 1;
  if (d.isP(j, '&')) j++;
  if (!d.isId(j) || !d.isP(j + 1, '(')) return d.statementEnd(i, to, noNewlineRule) + 1; // closure statement
  const name = d.v(j);
  let k = d.close(j + 1) + 1;
  while (k < to && !d.isP(k, '{') && !d.isP(k, ';') && !d.closes(k)) k = d.opens(k) ? d.close(k) + 1 : k + 1;
  const end = d.isP(k, '{') ? d.close(k) : d.isP(k, ';') ? k : k - 1;
  out.push(d.node(prefix + name, inType ? 'method' : 'function', start, end));
  return end + 1;
};

const constant: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  // `const A = 1;`, typed `const string A = 'a';`: the name is the identifier before `=`.
  let j = i + 1;
  while (j < to && !d.isP(j, '=') && !d.isP(j, ';')) j++;
  const end = d.statementEnd(i, to, noNewlineRule);
  if (d.isId(j - 1)) out.push(d.node(prefix + d.v(j - 1), 'constant', start, end));
  return end + 1;
};

/** A property after its modifiers (`public ?Foo $bar = null;` is named `bar`), or a statement. */
const propertyOrStatement: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType }, out) => {
  const w = d.isId(i) ? d.v(i).toLowerCase() : '';
  if (inType && i > start && w !== 'use' && w !== 'case') {
    let j = i;
    while (j < to && !(d.isId(j) && d.v(j).startsWith('$')) && !d.isP(j, ';') && !d.closes(j)) j++;
    const end = d.statementEnd(i, to, noNewlineRule);
    if (d.isId(j)) out.push(d.node(prefix + d.v(j).slice(1), 'property', start, end));
    return end + 1;
  }
  return d.statementEnd(i, to, noNewlineRule) + 1;
};

const PHP: DeclarationSyntax<Scope> = {
  separators: new Set([';']),
  whole: null,
  skipPrefix: prefixSkipper(
    (d, i) => (d.isP(i, '#') && d.isP(i + 1, '[') ? d.close(i + 1) + 1 : i), // #[Attribute]
    (d, i) => (d.isId(i) && MODIFIERS.has(d.v(i).toLowerCase()) && !d.isP(i + 1, '(') ? i + 1 : i),
  ),
  keyword: (d, i) => (d.isId(i) ? d.v(i).toLowerCase() : ''),
  readers: readersFor<Scope>([
    [['namespace'], namespace],
    [['class', 'interface', 'trait', 'enum'], type],
    [['function'], fn],
    [['const'], constant],
  ]),
  other: propertyOrStatement,
};
