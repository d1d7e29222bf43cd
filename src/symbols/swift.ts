import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, identifierKeyword, type NewlineRule, NOT_THIS, prefixSkipper, readersFor, type Scope } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of Swift source (docs/symbols.md): types, extensions (named after the type), members. */
export function outlineSwift(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'swift', untilLine));
  return declarationsIn(d, 0, d.n, { prefix: '', inType: false }, SWIFT);
}

const CONTINUES = new Set(['.', '?.', ',', '=', '+', '-', '*', '/', '%', '<', '&', '|', '^', '?', ':', '->', '=>']);
const CONTINUES_ID = new Set(['else', 'where', 'catch', 'throws', 'rethrows', 'async', 'as', 'is', 'in']);

/** Swift has no `;`: a line break ends a statement unless an operator or keyword carries it on. */
export const swiftNewline: NewlineRule = (d, prev, next) => {
  if (!d.endsExpression(prev)) return false;
  if (d.isPunct(next)) return !CONTINUES.has(d.v(next));
  return !d.isId(next) || !CONTINUES_ID.has(d.v(next));
};

const MODIFIERS = new Set([
  'public', 'private', 'fileprivate', 'internal', 'open', 'final', 'static', 'override', 'mutating',
  'nonmutating', 'lazy', 'weak', 'unowned', 'dynamic', 'required', 'convenience', 'optional', 'indirect',
  'nonisolated', 'isolated', 'distributed', 'package', 'consuming', 'borrowing', 'prefix', 'postfix', 'infix',
]);
const func: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType }, out) => {
  const w = d.v(i);
  let j = i + 1;
  let name = w;
  if (w === 'func') {
    const plain = identifier(d, j);
    if (plain) (name = plain), j++;
    else {
      name = '';
      while (j < to && d.isPunct(j) && !d.isP(j, '(') && !(name !== '' && d.isP(j, '<') && !d.adjacent(j - 1))) name += d.v(j++);
    }
  } else if (d.isP(j, '?') || d.isP(j, '!')) j++;
  const end = d.bodyEnd(j, to, '', swiftNewline); // generics, parameters, effects, `-> T`, `where`, then the body or the line end
  out.push(d.node(prefix + name, inType ? 'method' : 'function', start, end));
  return end + 1;
};

const type: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  if (!identifier(d, i + 1) && w !== 'extension') return NOT_THIS;
  let j = i + 1;
  let name = identifier(d, j++) || d.v(j - 1);
  while (d.isP(j, '.') && d.isId(j + 1)) (name += '.' + d.v(j + 1)), (j += 2);
  while (j < to && !d.isP(j, '{')) {
    if (d.isP(j, '<')) j = d.skipAngles(j, to);
    else if (d.closes(j) || d.isP(j, ';')) break;
    else j = d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  if (!d.isP(j, '{')) return j;
  const close = d.close(j);
  const qualified = prefix + name;
  out.push(d.node(qualified, w, start, close, declarationsIn(d, j + 1, close, { prefix: qualified + '.', inType: true }, SWIFT)));
  return close + 1;
};

const variable: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType }, out) => {
  if (!identifier(d, i + 1) && !d.isP(i + 1, '(')) return NOT_THIS;
  const name = identifier(d, i + 1) || d.v(i + 2);
  const end = d.statementEnd(i + 1, to, swiftNewline);
  out.push(d.node(prefix + name, inType ? 'property' : 'variable', start, end));
  return end + 1;
};

const typealias: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const end = d.statementEnd(i + 1, to, swiftNewline);
  out.push(d.node(prefix + d.v(i + 1), 'type', start, end));
  return end + 1;
};

/** `prefix operator ~`: the operator ends the line, where no expression could have ended. */
const operator: DeclarationReader<Scope> = (d, _start, i, to) => {
  let j = i + 1;
  while (j < to && !d.nl(j)) j++;
  return j;
};

const SWIFT: DeclarationSyntax<Scope> = {
  separators: new Set([';']),
  whole: null,
  skipPrefix: prefixSkipper(
    (d, i) => {
      if (!d.isP(i, '@') || !d.isId(i + 1)) return i;
      i += 2;
      return d.isP(i, '(') && d.adjacent(i - 1) ? d.close(i) + 1 : i;
    },
    (d, i) => {
      if (!d.isId(i) || !(MODIFIERS.has(d.v(i)) || (d.v(i) === 'class' && isDeclKeyword(d, i + 1)))) return i;
      i++;
      return d.isP(i, '(') && d.isId(i + 1) && d.isP(i + 2, ')') ? i + 3 : i; // private(set)
    },
  ),
  keyword: identifierKeyword,
  readers: readersFor<Scope>([
    [['func', 'init', 'deinit', 'subscript'], func],
    [['class', 'struct', 'enum', 'protocol', 'actor', 'extension'], type],
    [['var', 'let'], variable],
    [['typealias'], typealias],
    [['operator'], operator],
  ]),
  other: (d, _start, i, to) => d.statementEnd(i, to, swiftNewline) + 1,
};

/** An identifier's name, `` `default` `` (a keyword used as a name) without its backticks; '' if token i is none. */
function identifier(d: Declarations, i: number): string {
  if (d.isId(i)) return d.v(i);
  const raw = d.isStr(i) ? d.raw(i) : '';
  return raw.length > 2 && raw.startsWith('`') && raw.endsWith('`') ? raw.slice(1, -1) : '';
}

function isDeclKeyword(d: Declarations, i: number): boolean {
  const w = d.v(i);
  return w === 'func' || w === 'var' || w === 'let' || w === 'subscript' || MODIFIERS.has(w);
}
