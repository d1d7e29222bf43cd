import { Declarations, type NewlineRule } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of Kotlin source (docs/symbols.md): classes, objects, interfaces, funs, properties, typealiases. */
export function outlineKotlin(text: string, untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, 'kotlin', untilLine));
  return declarations(d, 0, d.n, '', false);
}

const CONTINUES = new Set(['.', '?.', '?', ',', '=', '&', '|', ':', '->', '+', '*', '/', '%', '<']);
const CONTINUES_ID = new Set(['else', 'catch', 'finally', 'as', 'is', 'by', 'where', 'in', 'to']);

/** A line break ends a Kotlin statement unless the next line starts with a continuing operator. */
const kotlinNewline: NewlineRule = (d, prev, next) => {
  // `i++` / `i--` end an expression; the scanner gives them as two one-character tokens.
  const postfix = (d.isP(prev, '+') && d.isP(prev - 1, '+')) || (d.isP(prev, '-') && d.isP(prev - 1, '-'));
  if (!d.endsExpression(prev) && !(postfix && d.adjacent(prev - 1))) return false;
  if (d.isPunct(next)) return !CONTINUES.has(d.v(next));
  return !d.isId(next) || !CONTINUES_ID.has(d.v(next));
};

const MODIFIERS = new Set([
  'public', 'private', 'internal', 'protected', 'open', 'final', 'abstract', 'sealed', 'data', 'inline', 'value',
  'enum', 'annotation', 'companion', 'override', 'lateinit', 'const', 'suspend', 'tailrec', 'operator', 'infix',
  'external', 'inner', 'expect', 'actual', 'vararg', 'noinline', 'crossinline',
]);

function declarations(d: Declarations, from: number, to: number, prefix: string, inType: boolean): SymbolNode[] {
  const out: SymbolNode[] = [];
  let i = from;
  while (i < to) i = Math.max(declaration(d, i, to, prefix, inType, out), i + 1);
  return out;
}

function nameAt(d: Declarations, i: number): string {
  return d.isStr(i) ? d.raw(i).replace(/`/g, '') : d.v(i);
}

function declaration(d: Declarations, start: number, to: number, prefix: string, inType: boolean, out: SymbolNode[]): number {
  if (d.isP(start, ';') || d.isP(start, ',')) return start + 1;
  if (d.isP(start, '@') && (d.v(start + 1) === 'file') && d.isP(start + 2, ':')) {
    let j = start + 3;
    while (d.isId(j) && d.isP(j + 1, '.')) j += 2;
    return d.isP(j + 1, '(') || d.isP(j + 1, '[') ? d.close(j + 1) + 1 : j + 1;
  }
  let i = start;
  let isCompanion = false;
  for (;;) {
    if (d.isP(i, '@')) {
      i++;
      if (d.isId(i) && d.isP(i + 1, ':')) i += 2; // use-site target: @field:Json
      if (d.isP(i, '[')) i = d.close(i) + 1;
      while (d.isId(i) && d.isP(i + 1, '.') && d.adjacent(i)) i += 2;
      if (d.isId(i)) i++;
      if (d.isP(i, '<')) i = d.skipAngles(i, to);
      if (d.isP(i, '(') && !d.nl(i)) i = d.close(i) + 1;
    } else if (d.isId(i) && (MODIFIERS.has(d.v(i)) || (d.v(i) === 'fun' && d.v(i + 1) === 'interface')) && d.isId(i + 1) && !d.nl(i + 1) || (d.v(i) === 'enum' && d.v(i + 1) === 'class')) {
      if (d.v(i) === 'companion') isCompanion = true;
      i++;
    } else break;
  }
  const w = d.isId(i) ? d.v(i) : '';
  if (w === 'class' || w === 'interface' || w === 'object') {
    let j = i + 1;
    let name = d.isId(j) || d.isStr(j) ? nameAt(d, j++) : isCompanion ? 'Companion' : '';
    if (name === '') return d.statementEnd(i, to, kotlinNewline) + 1; // object expression
    // Header: type parameters, primary constructor, supertypes, where-clause; then an optional body.
    let body = -1;
    while (j < to) {
      if (d.nl(j) && !d.isP(j, '{') && kotlinNewline(d, j - 1, j)) break;
      if (d.isP(j, '{')) {
        body = j;
        break;
      }
      if (d.isP(j, ';') || d.closes(j)) break;
      j = d.isP(j, '<') ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
    }
    name = prefix + name;
    if (body < 0) {
      out.push(d.node(name, w, start, j - 1));
      return j;
    }
    const close = d.close(body);
    const isEnum = d.slice(start, i).split(' ').includes('enum');
    const from = isEnum ? enumEntriesEnd(d, body + 1, close) : body + 1;
    out.push(d.node(name, w, start, close, declarations(d, from, close, name + '.', true)));
    return close + 1;
  }
  if (w === 'fun' || w === 'val' || w === 'var') {
    let j = i + 1;
    if (d.isP(j, '<')) j = d.skipAngles(j, to);
    let name = '';
    if (d.isP(j, '(')) {
      name = d.v(j + 1); // destructuring declaration
    } else {
      // [Receiver.]name: the last plain name before `(`, `:`, `=`, `by`, `get` or the line end. Names
      // are joined by `.` or `?.` (`T?.weak`); a name right after a name (`x by lazy`, `x get() = 1`)
      // is past the declared one.
      let afterName = false;
      while (j < to && (d.isId(j) || d.isStr(j) || d.isP(j, '.') || d.isP(j, '?.') || d.isP(j, '?') || d.isP(j, '<'))) {
        if (d.isP(j, '<')) {
          j = d.skipAngles(j, to);
          continue;
        }
        const isName = d.isId(j) || d.isStr(j);
        if (isName && afterName) break;
        if (isName) name = nameAt(d, j);
        afterName = isName;
        j++;
        if (d.nl(j)) break;
      }
    }
    if (name === '') return d.statementEnd(i, to, kotlinNewline) + 1;
    let end = w === 'fun' ? d.bodyEnd(j, to, '=', kotlinNewline) : d.statementEnd(j, to, kotlinNewline);
    if (w !== 'fun') end = accessorsEnd(d, end, to);
    out.push(d.node(prefix + name, w === 'fun' ? (inType ? 'method' : 'function') : inType ? 'property' : 'variable', start, end));
    return end + 1;
  }
  if (w === 'typealias' && d.isId(i + 1)) {
    const end = d.statementEnd(i + 1, to, kotlinNewline);
    out.push(d.node(prefix + d.v(i + 1), 'type', start, end));
    return end + 1;
  }
  if (w === 'init' && d.isP(i + 1, '{')) return d.close(i + 1) + 1; // init blocks are the class's own code
  if (w === 'constructor' && inType && d.isP(i + 1, '(')) {
    // A secondary constructor: `constructor(...) : this(...) { }`, a method like every constructor.
    const end = d.bodyEnd(i + 1, to, '=', kotlinNewline);
    out.push(d.node(prefix + 'constructor', 'method', start, end));
    return end + 1;
  }
  // `import a.b.*` ends at its line: the `*` would otherwise carry it on into the next declaration.
  if ((w === 'import' || w === 'package') && start === i) return lineEnd(d, i, to) + 1;
  return d.statementEnd(i, to, kotlinNewline) + 1;
}

/** The last token on token i's line. */
function lineEnd(d: Declarations, i: number, to: number): number {
  let j = i + 1;
  while (j < to && !d.nl(j)) j++;
  return j - 1;
}


/** Property accessors on the following lines (`get() = ...`, `private set`) extend the property. */
function accessorsEnd(d: Declarations, end: number, to: number): number {
  for (;;) {
    let j = end + 1;
    if (j >= to || !d.nl(j)) return end;
    while (d.isId(j) && MODIFIERS.has(d.v(j))) j++;
    if (d.v(j) !== 'get' && d.v(j) !== 'set') return end;
    const next = d.isP(j + 1, '(') ? d.close(j + 1) + 1 : j + 1;
    if (next < to && !d.nl(next) && !d.isP(next, '{') && !d.isP(next, '=') && !d.isP(next, ':')) return end;
    end = next >= to || d.nl(next) ? next - 1 : d.bodyEnd(next, to, '=', kotlinNewline);
  }
}

/** Enum entries (`A, B(1) { ... };`) come before the members; returns where members start. */
function enumEntriesEnd(d: Declarations, i: number, close: number): number {
  let j = i;
  while (j < close) {
    while (d.isP(j, '@') && d.isId(j + 1)) j += d.isP(j + 2, '(') ? d.close(j + 2) + 1 - j : 2;
    if (!d.isId(j) || MODIFIERS.has(d.v(j)) || d.v(j) === 'fun' || d.v(j) === 'val' || d.v(j) === 'var') return d.isP(j, ';') ? j + 1 : j;
    const after = d.isP(j + 1, '(') ? d.close(j + 1) + 1 : j + 1;
    const next = d.isP(after, '{') ? d.close(after) + 1 : after;
    if (d.isP(next, ',')) j = next + 1;
    else if (d.isP(next, ';')) return next + 1;
    else return next >= close ? close : next;
  }
  return close;
}
