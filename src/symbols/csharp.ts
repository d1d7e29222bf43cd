import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, type MemberScope, noNewlineRule, NOT_THIS, prefixSkipper, readersFor, tokenKeyword } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of C# source (docs/symbols.md): namespaces, types, and their members. */
export function outlineCSharp(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'csharp', untilLine));
  return members(d, 0, d.n, '', '');
}

const MODIFIERS = new Set([
  'public', 'private', 'protected', 'internal', 'static', 'readonly', 'const', 'volatile', 'virtual', 'override',
  'abstract', 'sealed', 'extern', 'unsafe', 'new', 'partial', 'async', 'fixed', 'required', 'file', 'global', 'ref',
]);
/** Modifiers that are also valid member names (`partial()`, `file = ...`). */
const CONTEXTUAL = new Set(['async', 'partial', 'file', 'required', 'global']);

const members = (d: Declarations, from: number, to: number, prefix: string, owner: string): SymbolNode[] =>
  declarationsIn(d, from, to, { prefix, owner }, CSHARP);

const namespace: DeclarationReader<MemberScope> = (d, start, i, to, { prefix }, out) => {
  let j = i + 1;
  let name = d.v(j++);
  while (d.isP(j, '.') && d.isId(j + 1)) (name += '.' + d.v(j + 1)), (j += 2);
  const qualified = prefix + name;
  if (d.isP(j, '{')) {
    const close = d.close(j);
    out.push(d.node(qualified, 'namespace', start, close, members(d, j + 1, close, qualified + '.', '')));
    return close + 1;
  }
  // File-scoped `namespace X;` qualifies everything after it but is no symbol itself.
  out.push(...members(d, j + 1, to, qualified + '.', ''));
  return to;
};

const type: DeclarationReader<MemberScope> = (d, start, i, to, { prefix }, out) => {
  const kw = d.v(i);
  let j = i;
  if (kw === 'record' && (d.v(i + 1) === 'class' || d.v(i + 1) === 'struct')) j++;
  if (!d.isId(j + 1)) return NOT_THIS;
  const name = d.v(j + 1);
  j += 2;
  while (j < to && !d.isP(j, '{') && !d.isP(j, ';')) j = d.isP(j, '<') ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  const qualified = prefix + name;
  if (!d.isP(j, '{')) {
    out.push(d.node(qualified, kw, start, j));
    return j + 1;
  }
  const close = d.close(j);
  const end = d.isP(close + 1, ';') ? close + 1 : close;
  out.push(d.node(qualified, kw, start, end, kw === 'enum' ? [] : members(d, j + 1, close, qualified + '.', name)));
  return end + 1;
};

/** Members: the name is the last identifier before `(`, `{`, `=>`, `=`, `;` or `,`. */
const member: DeclarationReader<MemberScope> = (d, start, i, to, { prefix, owner }, out) => {
  const w = d.v(i);
  const kw = w === 'delegate' || w === 'event' ? w : '';
  if (kw === '' && owner === '') return d.statementEnd(i, to, noNewlineRule) + 1; // top-level statements
  let name = '';
  let j: number;
  for (j = i; j < to; j++) {
    if (d.isP(j, '<') && name !== '') {
      j = d.skipAngles(j, to) - 1;
      continue;
    }
    if (d.isId(j)) {
      name = d.v(j) === 'operator' ? operatorName(d, j) : d.isP(j - 1, '~') ? '~' + d.v(j) : d.v(j);
      if (d.v(j) === 'operator') while (!d.isP(j + 1, '(') && j + 1 < to) j++;
      continue;
    }
    const v = d.v(j);
    if ((v === '[' && d.v(j - 1) === 'this') || (v === '(' && name === '')) {
      j = d.close(j); // indexer parameters; a tuple type before the name
      continue;
    }
    if (v === '(' || v === '{' || v === '=>' || v === '=' || v === ';' || v === ',') break;
    if (d.opens(j)) j = d.close(j);
    else if (d.closes(j)) return j;
  }
  const v = d.v(j);
  let end: number;
  let kind: string;
  if (v === '(' && kw !== 'event') {
    kind = kw === 'delegate' ? 'delegate' : 'method';
    end = d.bodyEnd(d.close(j) + 1, to, '=>'); // after `: base(...)`, `where` constraints
  } else {
    kind = kw === 'event' ? 'event' : v === '{' || v === '=>' ? 'property' : 'field';
    end = v === '{' ? d.close(j) : d.statementEnd(j, to, noNewlineRule);
    if (v === '{' && d.isP(end + 1, '=')) end = d.statementEnd(end + 1, to, noNewlineRule); // property initialiser
  }
  // The contract's C# members leave out indexers, operators and finalizers: edits there are the type's.
  const listed = name !== '' && name !== 'this' && !name.startsWith('~') && !name.startsWith('operator');
  if (listed) out.push(d.node(prefix + name, kind, start, end));
  return end + 1;
};

const CSHARP: DeclarationSyntax<MemberScope> = {
  separators: new Set([';', ',']),
  // [assembly: X]
  whole: (d, start) => (d.isP(start, '[') && d.isId(start + 1) && d.isP(start + 2, ':') ? d.close(start) + 1 : NOT_THIS),
  skipPrefix: prefixSkipper(
    (d, i) => (d.isP(i, '[') ? d.close(i) + 1 : i),
    (d, i) => {
      const w = d.v(i);
      const modifier = d.isId(i) && MODIFIERS.has(w) && !(CONTEXTUAL.has(w) && (d.isP(i + 1, '(') || d.isP(i + 1, '=') || d.isP(i + 1, ';')));
      return modifier ? i + 1 : i;
    },
  ),
  keyword: tokenKeyword,
  readers: readersFor<MemberScope>([
    [['using', 'extern'], (d, _start, i, to) => d.statementEnd(i, to, noNewlineRule) + 1],
    [['namespace'], namespace],
    [['class', 'struct', 'interface', 'enum', 'record'], type],
  ]),
  other: member,
};

function operatorName(d: Declarations, i: number): string {
  let name = 'operator';
  for (let j = i + 1; !d.isP(j, '(') && j < d.n && j < i + 4; j++) name += d.isId(j) && j === i + 1 ? ' ' + d.v(j) : d.v(j);
  return name;
}
