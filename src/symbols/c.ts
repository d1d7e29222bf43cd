import { type DeclarationReader, Declarations, declarationsIn, type DeclarationSyntax, identifierKeyword, noNewlineRule, NOT_THIS, prefixSkipper, readersFor, type Scope } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/**
 * Outline of C or C++ source (docs/symbols.md): function and method definitions (prototypes are not
 * symbols), type definitions, namespaces, typedefs/aliases and top-level variables.
 */
export function outlineC(text: string, language: 'c' | 'cpp', untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, language, untilLine));
  return items(d, 0, d.n, '', false);
}

/** `name(...)` groups that are attributes or specifiers, never a function's name. */
const SPECIFIER_CALLS = new Set([
  '__attribute__', '__declspec', 'alignas', '_Alignas', '__asm__', '__asm', 'asm', 'decltype', 'noexcept',
  'throw', 'requires', '__pragma', '_Pragma', 'sizeof', 'alignof', 'typeof', '__typeof__',
]);
/** Words that may follow a parameter list, on its line or the next, before the body. */
const TAIL_WORDS = new Set(['const', 'volatile', 'noexcept', 'override', 'final', 'throw', 'try', 'requires', 'mutable', '__attribute__', 'constexpr', 'where']);
const ACCESS = new Set(['public', 'private', 'protected', 'signals', 'slots', 'Q_SIGNALS', 'Q_SLOTS']);
const TYPE_KEYWORDS = new Set(['class', 'struct', 'union', 'enum']);
const MACRO = /^[A-Z_][A-Z0-9_]*$/;

const items = (d: Declarations, from: number, to: number, prefix: string, inClass: boolean): SymbolNode[] =>
  declarationsIn(d, from, to, { prefix, inType: inClass }, C);

/** `public:`, `public slots:`. */
const access: DeclarationReader<Scope> = (d, _start, i, _to, { inType: inClass }) => {
  if (inClass && d.isP(i + 1, ':')) return i + 2;
  if (inClass && ACCESS.has(d.v(i + 1)) && d.isP(i + 2, ':')) return i + 3;
  return NOT_THIS;
};

const externC: DeclarationReader<Scope> = (d, start, i, to, { prefix, inType: inClass }, out) => {
  if (!d.isStr(i + 1)) return NOT_THIS;
  if (d.isP(i + 2, '{')) {
    // extern "C" { ... }: its declarations belong to the enclosing scope.
    const close = d.close(i + 2);
    out.push(...items(d, i + 3, close, prefix, inClass));
    return close + 1;
  }
  return declaration(d, start, i + 2, to, prefix, inClass, out);
};

/** `typedef struct {...} A, *PA;`: a symbol per declarator, each spanning the whole typedef. */
const typedef: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  const end = d.statementEnd(i, to, noNewlineRule);
  let from = i + 1;
  for (let j = from; j <= end; j++) {
    if (d.isP(j, ',') || j === end) {
      const name = declaratorName(d, from, j);
      if (name !== '') out.push(d.node(prefix + name, 'type', start, end));
      from = j + 1;
    } else if (d.opens(j)) j = d.close(j);
    else if (d.isP(j, '<')) j = d.skipAngles(j, end) - 1;
  }
  return end + 1;
};

const using: DeclarationReader<Scope> = (d, start, i, to, { prefix }, out) => {
  const end = d.statementEnd(i, to, noNewlineRule);
  if (d.isId(i + 1) && d.isP(i + 2, '=')) out.push(d.node(prefix + d.v(i + 1), 'type', start, end));
  return end + 1;
};

const C: DeclarationSyntax<Scope> = {
  separators: new Set([';']),
  whole: null,
  // `[[attributes]]`, `template <...>` and specifier calls (`__attribute__((...))`), in any order; C has no modifier that matters.
  skipPrefix: prefixSkipper(
    (d, i, to) => {
      if (d.isP(i, '[') && d.isP(i + 1, '[')) return d.close(i) + 1;
      if (d.v(i) === 'template' && d.isP(i + 1, '<')) return d.skipAngles(i + 1, to);
      if (SPECIFIER_CALLS.has(d.v(i)) && d.isP(i + 1, '(')) return d.close(i + 1) + 1;
      return i;
    },
    (_d, i) => i,
  ),
  keyword: identifierKeyword,
  readers: readersFor<Scope>([
    [[...ACCESS], access],
    [['extern'], externC],
    [['namespace'], (d, start, i, to, { prefix }, out) => namespace(d, start, i + 1, to, prefix, out)],
    [['inline'], (d, start, i, to, { prefix }, out) => (d.v(i + 1) === 'namespace' ? namespace(d, start, i + 2, to, prefix, out) : NOT_THIS)],
    [['typedef'], typedef],
    [['using'], using],
    [[...TYPE_KEYWORDS], (d, start, i, to, { prefix }, out) => typeDefinition(d, start, i, to, prefix, out)],
  ]),
  other: (d, start, i, to, { prefix, inType: inClass }, out) => declaration(d, start, i, to, prefix, inClass, out),
};

function namespace(d: Declarations, start: number, i: number, to: number, prefix: string, out: SymbolNode[]): number {
  let name = '';
  while (d.isId(i) || d.isP(i, '::')) name += d.isId(i) ? d.v(i++) : (i++, '.');
  if (!d.isP(i, '{')) return d.statementEnd(i, to, noNewlineRule) + 1; // namespace alias
  const close = d.close(i);
  if (name === '') out.push(...items(d, i + 1, close, prefix, false)); // anonymous: transparent
  else out.push(d.node(prefix + name, 'namespace', start, close, items(d, i + 1, close, prefix + name + '.', false)));
  return close + 1;
}

/**
 * `class/struct/union/enum [attrs] Name [: bases] { ... } [declarators];`. Returns -1 when this is not
 * a definition (`struct stat *p;`, `struct Foo f(void) {`), 1 + the end for a forward declaration.
 */
function typeDefinition(d: Declarations, start: number, i: number, to: number, prefix: string, out: SymbolNode[]): number {
  const kind = d.v(i);
  let j = i + 1;
  if (kind === 'enum' && (d.v(j) === 'class' || d.v(j) === 'struct')) j++;
  let name = '';
  for (; j < to; j++) {
    if (d.isId(j)) {
      if (SPECIFIER_CALLS.has(d.v(j)) && d.isP(j + 1, '(')) j = d.close(j + 1);
      else if (d.v(j) !== 'final') name = d.isP(j - 1, '::') ? name + '.' + d.v(j) : d.v(j);
    } else if (d.isP(j, '<')) j = d.skipAngles(j, to) - 1;
    else if (d.isP(j, '[') || (d.isP(j, '(') && d.isId(j - 1))) j = d.close(j);
    else if (!d.isP(j, '::')) break;
  }
  if (d.isP(j, ':')) {
    while (j < to && !d.isP(j, '{') && !d.isP(j, ';')) j = d.isP(j, '<') ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  if (d.isP(j, ';') && d.isId(j - 1)) return j + 1; // forward declaration
  if (!d.isP(j, '{')) return -1;
  const close = d.close(j);
  const end = d.isP(close + 1, ';') ? close + 1 : d.isId(close + 1) || d.isP(close + 1, '*') ? d.statementEnd(close + 1, to, noNewlineRule) : close;
  if (name === '') return end + 1; // anonymous struct used by a variable: not a named symbol
  const qualified = prefix + name;
  const children = kind === 'enum' ? [] : items(d, j + 1, close, qualified + '.', true);
  out.push(d.node(qualified, kind, start, end, children));
  return end + 1;
}

/** A function/method definition, a prototype (no symbol), or a variable (a symbol at file level only). */
function declaration(d: Declarations, start: number, i: number, to: number, prefix: string, inClass: boolean, out: SymbolNode[]): number {
  let name = '';
  let pointer = false; // seen `(*name)`: the next `(...)` is its parameter list
  let j = i;
  while (j < to) {
    if (d.isId(j)) {
      const w = d.v(j);
      if (j > i && d.nl(j) && j - 1 === i && MACRO.test(d.v(i))) return j; // `Q_OBJECT` without `;`
      if (SPECIFIER_CALLS.has(w) && d.isP(j + 1, '(')) {
        j = d.close(j + 1) + 1;
        continue;
      }
      if (w === 'operator') {
        const [op, paren] = operatorName(d, j, to);
        name = d.isP(j - 1, '::') ? name + '.' + op : op;
        j = paren;
        continue;
      }
      const part = d.isP(j - 1, '~') ? '~' + w : w;
      name = d.isP(j - 1, '::') || (d.isP(j - 1, '~') && d.isP(j - 2, '::')) ? name + '.' + part : part;
      j++;
      continue;
    }
    const v = d.v(j);
    if (v === '<' && name !== '') {
      j = d.skipAngles(j, to);
      continue;
    }
    if (v === '(') {
      if (d.isP(j + 1, '*') || d.isP(j + 1, '&') || d.isP(j + 1, '^')) {
        // (*name)(...): a function pointer variable
        let k = j + 1;
        while (k < d.close(j) && !d.isId(k)) k++;
        name = d.v(k);
        pointer = true;
        j = d.close(j) + 1;
        continue;
      }
      if (name === '' || pointer) {
        j = d.close(j) + 1;
        continue;
      }
      const [body, end] = functionTail(d, d.close(j) + 1, to);
      if (body) out.push(d.node(prefix + name, inClass || name.includes('.') ? 'method' : 'function', start, end));
      return end + 1;
    }
    if (v === '[') {
      j = d.close(j) + 1;
      continue;
    }
    if (v === '=' || v === ';' || v === ',' || v === '{' || v === ':') {
      // A fragment without a name (an `#else` branch's `: Base() {}`) is skipped by itself: its
      // statement end could be the next top-level `;`, far below.
      if (name === '') return (v === '{' ? d.close(j) : j) + 1;
      const end = d.statementEnd(j, to, noNewlineRule);
      const isExtern = d.slice(start, j).split(' ').includes('extern') && v !== '=';
      if (!inClass && name !== '' && !isExtern) out.push(d.node(prefix + name, 'variable', start, end));
      return end + 1;
    }
    if (d.closes(j)) return j;
    j++;
  }
  return to;
}

/** `operator==`, `operator()`, `operator new[]`, `operator bool`: the name and the index of its `(`. */
function operatorName(d: Declarations, i: number, to: number): [string, number] {
  if (d.isP(i + 1, '(') && d.isP(i + 2, ')') && d.isP(i + 3, '(')) return ['operator()', i + 3];
  let name = 'operator';
  let j = i + 1;
  for (; j < to && !d.isP(j, '(') && j < i + 6; j++) name += d.isId(j) && j === i + 1 ? ' ' + d.v(j) : d.isStr(j) ? d.raw(j) : d.v(j);
  return [name, j];
}

/**
 * After a parameter list: qualifiers, trailing return type, a constructor's member initialisers
 * (`: a(x), b{y}`), then the body. Returns [has a body, last token]. A line that starts with an
 * unexpected identifier ends it: the `(...)` was a macro invocation, not a declarator.
 */
function functionTail(d: Declarations, i: number, to: number): [boolean, number] {
  let initialisers = false;
  let j = i;
  while (j < to) {
    const v = d.v(j);
    if (d.isPunct(j)) {
      if (v === '{') {
        if (initialisers && (d.isId(j - 1) || d.isP(j - 1, '>'))) {
          j = d.close(j) + 1;
          continue;
        }
        return [true, d.close(j)];
      }
      if (v === ';') return [false, j];
      if (v === '=') {
        // `= default` / `= delete` define the function; `= 0` (pure virtual) only declares it.
        const defined = d.v(j + 1) === 'default' || d.v(j + 1) === 'delete';
        return [defined, d.statementEnd(j, to, noNewlineRule)];
      }
      if (v === ':') initialisers = true;
      if (d.closes(j)) return [false, j - 1];
      if (v === '<') {
        j = d.skipAngles(j, to);
        continue;
      }
      j = d.opens(j) ? d.close(j) + 1 : j + 1;
      continue;
    }
    if (d.isId(j) && d.nl(j) && !initialisers && !TAIL_WORDS.has(v) && !MACRO.test(v)) return [false, j - 1];
    j++;
  }
  return [false, to - 1];
}

/** The declared name of a typedef: the last identifier outside brackets, or the one in `(*name)`. */
function declaratorName(d: Declarations, from: number, end: number): string {
  let name = '';
  for (let j = from; j < end; j++) {
    if (d.isP(j, '(')) {
      // (*name), (^name), (CALLBACK *name): the identifier after the pointer mark
      for (let k = j + 1; k < d.close(j); k++) {
        if ((d.isP(k, '*') || d.isP(k, '^') || d.isP(k, '&')) && d.isId(k + 1)) return d.v(k + 1);
      }
      j = d.close(j);
    } else if (d.opens(j)) j = d.close(j);
    else if (d.isP(j, '<')) j = d.skipAngles(j, end) - 1;
    else if (d.isId(j) && !SPECIFIER_CALLS.has(d.v(j))) name = d.v(j);
  }
  return name;
}
