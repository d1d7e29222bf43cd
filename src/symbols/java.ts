import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, type MemberScope, noNewlineRule, NOT_THIS, prefixSkipper, readersFor, tokenKeyword } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of Java source (docs/symbols.md): types, methods, constructors, one symbol per field declaration. */
export function outlineJava(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'java', untilLine));
  return members(d, 0, d.n, '', '');
}

const MODIFIERS = new Set([
  'public', 'protected', 'private', 'static', 'final', 'abstract', 'native', 'synchronized', 'transient',
  'volatile', 'strictfp', 'default', 'sealed', 'non',
]);
const TYPES = new Set(['class', 'interface', 'enum', 'record']);

/** Declarations in [from, to). */
const members = (d: Declarations, from: number, to: number, prefix: string, owner: string): SymbolNode[] =>
  declarationsIn(d, from, to, { prefix, owner }, JAVA);

/** Skips annotations (`@A`, `@a.B(...)`) and modifiers; returns the first token after them. */
const skipAnnotationsAndModifiers = prefixSkipper(
  (d, i) => {
    if (!d.isP(i, '@') || !d.isId(i + 1) || d.v(i + 1) === 'interface') return i;
    i += 2;
    while (d.isP(i, '.') && d.isId(i + 1)) i += 2;
    return d.isP(i, '(') ? d.close(i) + 1 : i;
  },
  (d, i) => {
    if (!d.isId(i) || !MODIFIERS.has(d.v(i))) return i;
    return d.v(i) === 'non' && d.isP(i + 1, '-') ? i + 3 : i + 1; // non-sealed
  },
);

/** A class, interface, enum, record or `@interface` annotation type. */
const type: DeclarationReader<MemberScope> = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  const annotationType = d.isP(i, '@') && d.v(i + 1) === 'interface';
  if (!((TYPES.has(w) && d.isId(i + 1) && (w !== 'record' || d.isP(i + 2, '(') || d.isP(i + 2, '<'))) || annotationType)) return NOT_THIS;
  const nameAt = annotationType ? i + 2 : i + 1;
  const name = d.v(nameAt);
  let j = nameAt + 1;
  while (j < to && !d.isP(j, '{') && !d.isP(j, ';')) j = d.isP(j, '<') ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, '{')) return j + 1;
  const close = d.close(j);
  const qualified = prefix + name;
  const bodyStart = w === 'enum' ? enumConstantsEnd(d, j + 1, close) : j + 1;
  const kind = annotationType ? 'annotation' : w;
  out.push(d.node(qualified, kind, start, close, members(d, bodyStart, close, qualified + '.', name)));
  return close + 1;
};

/** Method, constructor or field: the identifier before `(` names a method, before `=`, `;` or `,` a field. */
const member: DeclarationReader<MemberScope> = (d, start, i, to, { prefix, owner }, out) => {
  if (owner === '') return d.statementEnd(i, to, noNewlineRule) + 1; // package, import
  let j = i;
  let name = '';
  while (j < to) {
    if (d.isP(j, '<')) {
      j = d.skipAngles(j, to);
      continue;
    }
    if (d.isId(j)) name = d.v(j);
    else if (d.isP(j, '(')) {
      const end = d.bodyEnd(d.close(j) + 1, to, 'default'); // after `throws`, an annotation's `default` value
      out.push(d.node(prefix + name, 'method', start, end));
      return end + 1;
    } else if (d.isP(j, '=') || d.isP(j, ';') || d.isP(j, ',')) {
      const end = d.statementEnd(j, to, noNewlineRule);
      out.push(d.node(prefix + name, 'field', start, end));
      return end + 1;
    } else if (d.isP(j, '{')) {
      // compact record constructor `Name {`
      const end = d.close(j);
      if (name === owner) out.push(d.node(prefix + name, 'method', start, end));
      return end + 1;
    } else if (d.closes(j)) return j;
    else if (d.isP(j, '[')) j = d.close(j);
    j++;
  }
  return to;
};

const JAVA: DeclarationSyntax<MemberScope> = {
  separators: new Set([';', ',']),
  whole: null,
  skipPrefix: skipAnnotationsAndModifiers,
  keyword: tokenKeyword,
  readers: readersFor<MemberScope>([
    [['{'], (d, _start, i) => (d.isP(i, '{') ? d.close(i) + 1 : NOT_THIS)], // initializer block: code of the class
    [['class', 'interface', 'enum', 'record', '@'], type],
  ]),
  other: member,
};


/** Enum constants (`A, B(1) { ... }, C;`) come before the members; returns where members start. */
function enumConstantsEnd(d: Declarations, i: number, close: number): number {
  let j = i;
  while (j < close) {
    j = skipAnnotationsAndModifiers(d, j, close);
    if (!d.isId(j)) return d.isP(j, ';') ? j + 1 : j;
    const after = d.isP(j + 1, '(') ? d.close(j + 1) + 1 : j + 1;
    const next = d.isP(after, '{') ? d.close(after) + 1 : after;
    if (d.isP(next, ',')) j = next + 1;
    else if (d.isP(next, ';')) return next + 1;
    else if (next >= close) return close;
    else return j; // not a constant list: members start here
  }
  return close;
}
