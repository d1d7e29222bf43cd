import { Declarations, type NewlineRule } from './declarations.js';
import { scan } from './scanner.js';
import type { SymbolNode } from './types.js';

/** Outline of TypeScript, TSX, JavaScript or JSX source (docs/symbols.md). */
export function outlineTypeScript(text: string, language: 'typescript' | 'tsx' | 'javascript' | 'jsx', untilLine?: number): SymbolNode[] {
  const d = new Declarations(scan(text, language, untilLine));
  return new TypeScriptOutliner(d).items(0, d.n, '', false);
}

const NOT_ENDING = new Set(['in', 'instanceof', 'typeof', 'new', 'extends', 'keyof', 'as', 'satisfies', 'is', 'of', 'await', 'yield', 'return', 'export', 'default', 'async', 'readonly', 'unique', 'infer']);
const CONTINUES_P = new Set(['.', '?.', ',', '=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '?', ':', '=>', '!']);
// Not `else`, `catch`, `finally`: they continue statements, never a declaration, and a class field
// may be named `else` (`else?: If | Else` on the line after a field).
const CONTINUES_ID = new Set(['in', 'instanceof', 'as', 'satisfies', 'extends', 'is', 'of']);

/** ASI, approximately: a line break ends a statement after an expression unless the next line continues it. */
const asi: NewlineRule = (d, prev, next) => {
  const pv = d.v(prev);
  // `x!` touching what it follows is a non-null assertion and ends the expression; a lone `!` is a prefix.
  const postfixBang = pv === '!' && d.adjacent(prev - 1) && d.endsExpression(prev - 1) && !d.isP(prev - 1, '!');
  if (d.isId(prev) ? NOT_ENDING.has(pv) : !d.endsExpression(prev) || (pv === '!' && !postfixBang)) return false;
  const nv = d.v(next);
  if (d.isPunct(next)) return !CONTINUES_P.has(nv) || (nv === '!' && !d.isPunct(prev));
  if (d.isId(next)) return !CONTINUES_ID.has(nv);
  return !d.isStr(next) || !d.isId(prev); // `tag\n`template`` continues
};

/** A `{` after these is an object type inside a signature, not a body. */
const TYPE_BRACE_AFTER = new Set([':', '|', '&', '=>', ',', '<', '(', '[', '?', '=', 'keyof', 'typeof', 'extends', 'readonly']);

const CLASS_MODIFIERS = new Set(['public', 'private', 'protected', 'static', 'readonly', 'abstract', 'override', 'declare', 'accessor', 'async']);

class TypeScriptOutliner {
  constructor(private readonly d: Declarations) {}

  /** Declarations in [from, to): the file or a namespace body (inClass false), or a class body. */
  items(from: number, to: number, prefix: string, inClass: boolean): SymbolNode[] {
    const out: SymbolNode[] = [];
    let i = from;
    while (i < to) {
      const next = inClass ? this.member(i, to, prefix, out) : this.statement(i, to, prefix, out);
      i = Math.max(next, i + 1);
    }
    return out;
  }

  private decorators(i: number, to: number): number {
    const d = this.d;
    while (i < to && d.isP(i, '@')) {
      i++;
      if (d.isP(i, '(')) i = d.close(i) + 1;
      while (d.isId(i) && d.isP(i + 1, '.')) i += 2;
      if (d.isId(i)) i++;
      if (d.isP(i, '<')) i = d.skipAngles(i, to);
      if (d.isP(i, '(') && !d.nl(i)) i = d.close(i) + 1;
    }
    return i;
  }

  private statement(start: number, to: number, prefix: string, out: SymbolNode[]): number {
    const d = this.d;
    if (d.isP(start, ';')) return start + 1;
    let i = this.decorators(start, to);
    let isDefault = false;
    for (;;) {
      const w = d.v(i);
      if (!d.isId(i)) break;
      if (w === 'export') {
        i++;
        if (d.v(i) === 'default') (isDefault = true), i++;
      } else if (w === 'declare' || (w === 'abstract' && d.v(i + 1) === 'class') || (w === 'async' && d.v(i + 1) === 'function' && !d.nl(i + 1))) {
        i++;
      } else break;
      i = this.decorators(i, to);
    }
    const w = d.isId(i) ? d.v(i) : '';
    const id1 = d.isId(i + 1);
    switch (w) {
      case 'function':
        return this.fn(start, i, to, prefix, isDefault ? 'default' : '', 'function', out);
      case 'class':
        return this.classLike(start, i, to, prefix, isDefault, 'class', out);
      case 'interface':
        if (id1) return this.classLike(start, i, to, prefix, false, 'interface', out);
        break;
      case 'enum':
        if (id1) return this.classLike(start, i, to, prefix, false, 'enum', out);
        break;
      case 'type':
        if (id1 && !d.nl(i + 1)) return this.named(start, i + 1, to, prefix, 'type', out);
        break;
      case 'namespace':
      case 'module':
      case 'global':
        if (w === 'global' ? d.isP(i + 1, '{') : (id1 || d.isStr(i + 1)) && !d.nl(i + 1)) {
          return this.namespace(start, i, to, prefix, out);
        }
        break;
      case 'const':
        if (d.v(i + 1) === 'enum') return this.classLike(start, i + 1, to, prefix, false, 'enum', out);
        return this.variables(start, i + 1, to, prefix, out);
      case 'let':
      case 'var':
        if (id1 || d.isP(i + 1, '{') || d.isP(i + 1, '[')) return this.variables(start, i + 1, to, prefix, out);
        break;
    }
    return d.statementEnd(i, to, asi) + 1;
  }

  /** `function [*] [name] [<T>] (params) [: type] { body }` or a bodiless overload signature. */
  private fn(start: number, i: number, to: number, prefix: string, anonymous: string, kind: string, out: SymbolNode[]): number {
    const d = this.d;
    i++;
    if (d.isP(i, '*')) i++;
    let name = anonymous;
    if (d.isId(i)) name = d.v(i++);
    if (d.isP(i, '<')) i = d.skipAngles(i, to);
    if (!d.isP(i, '(') || name === '') return d.statementEnd(i, to, asi) + 1;
    const end = this.signatureEnd(d.close(i) + 1, to);
    out.push(d.node(prefix + name, kind, start, end));
    return end + 1;
  }

  /**
   * After a parameter list: the last token of the declaration, i.e. the body's closing brace, the `;`
   * of an overload/abstract signature, or the signature's last token before a line break.
   */
  private signatureEnd(i: number, to: number): number {
    const d = this.d;
    let j = i;
    while (j < to) {
      if (d.isPunct(j)) {
        const v = d.v(j);
        let jumped = -1;
        if (v === '{') {
          if (j === i || !TYPE_BRACE_AFTER.has(d.v(j - 1))) return d.close(j);
          jumped = d.close(j) + 1;
        } else if (v === ';') return j;
        else if (v === '}' || v === ')' || v === ']') return j - 1;
        else if (v === '(' || v === '[') jumped = d.close(j) + 1;
        else if (v === '<') jumped = d.skipAngles(j, to);
        if (jumped >= 0) {
          // The line may end right after the bracket: `): x is Foo<T>` then the next overload.
          j = jumped;
          if (j < to && j < d.n && d.nl(j) && !d.isP(j, '{') && asi(d, j - 1, j)) return j - 1;
          continue;
        }
      }
      if (j + 1 >= to || j + 1 >= d.n) return j;
      if (d.nl(j + 1) && !d.isP(j + 1, '{') && asi(d, j, j + 1)) return j;
      j++;
    }
    return to - 1;
  }

  /** class / interface / enum: name, heritage, then a braced body (members only for classes). */
  private classLike(start: number, i: number, to: number, prefix: string, isDefault: boolean, kind: string, out: SymbolNode[]): number {
    const d = this.d;
    i++;
    let name = isDefault ? 'default' : '';
    if (d.isId(i) && d.v(i) !== 'extends' && d.v(i) !== 'implements') name = d.v(i++);
    let j = i;
    while (j < to && !(d.isP(j, '{') && !TYPE_BRACE_AFTER.has(d.v(j - 1)))) {
      if (d.isP(j, '<')) j = d.skipAngles(j, to);
      else if (d.isP(j, ';') || d.closes(j)) return j + 1;
      else j = d.opens(j) ? d.close(j) + 1 : j + 1;
    }
    if (j >= to) return to;
    const close = d.close(j);
    if (name === '') return close + 1;
    const qualified = prefix + name;
    const children = kind === 'class' ? this.items(j + 1, close, qualified + '.', true) : [];
    out.push(d.node(qualified, kind, start, close, children));
    return close + 1;
  }

  /** `type Name<T> = ...`: i is at the name. */
  private named(start: number, i: number, to: number, prefix: string, kind: string, out: SymbolNode[]): number {
    const end = this.d.statementEnd(i, to, asi);
    out.push(this.d.node(prefix + this.d.v(i), kind, start, end));
    return end + 1;
  }

  /** `namespace A.B { }`, `declare module 'x' { }`, `declare global { }`. */
  private namespace(start: number, i: number, to: number, prefix: string, out: SymbolNode[]): number {
    const d = this.d;
    i++;
    let name: string;
    if (d.isStr(i)) name = d.raw(i++).slice(1, -1);
    else if (d.v(i - 1) === 'global') name = 'global';
    else {
      name = d.v(i++);
      while (d.isP(i, '.') && d.isId(i + 1)) (name += '.' + d.v(i + 1)), (i += 2);
    }
    if (!d.isP(i, '{')) return d.statementEnd(i, to, asi) + 1;
    const close = d.close(i);
    const qualified = prefix + name;
    out.push(d.node(qualified, 'module', start, close, this.items(i + 1, close, qualified + '.', false)));
    return close + 1;
  }

  /** `const a = 1, b = () => {}`: one symbol per declarator; i is at the first declarator. */
  private variables(start: number, i: number, to: number, prefix: string, out: SymbolNode[]): number {
    const d = this.d;
    let first = start;
    for (;;) {
      let name = '';
      if (d.isId(i)) name = d.v(i++);
      else if (d.opens(i)) i = d.close(i) + 1; // destructuring pattern: binds several names, reported as none
      if (d.isP(i, '!')) i++;
      if (d.isP(i, ':')) i = this.typeEnd(i + 1, to);
      let kind = 'variable';
      let end = i - 1;
      if (d.isP(i, '=')) {
        kind = this.initialiserKind(i + 1);
        end = this.initialiserEnd(i + 1, to);
      }
      const semicolon = d.isP(end, ';');
      const comma = d.isP(end + 1, ',');
      if (name !== '') out.push(d.node(prefix + name, kind, first, end));
      if (semicolon || !comma) return end + 1;
      i = end + 2;
      first = i;
    }
  }

  /**
   * The last token of a declarator's initialiser: before the `,` that starts the next declarator, but
   * not a comma between type arguments (`forwardRef<El, Props<'pre'>>(...)`, `f<A, B>(x)`).
   */
  private initialiserEnd(i: number, to: number): number {
    const d = this.d;
    let from = i;
    for (;;) {
      const end = d.statementEnd(from, to, asi, true);
      const comma = end + 1;
      if (!d.isP(comma, ',')) return end;
      const after = this.typeArgumentsAround(from, comma, to);
      if (after < 0) return end;
      // An instantiation expression ends the declarator (with its `;` if any); a call goes on.
      if (d.isP(after, ';')) return after;
      if (after >= to || d.nl(after)) return after - 1;
      from = after;
    }
  }

  /** If the comma at `comma` lies in `name<...>(` type arguments opened after `from`, the token after their `>`; else -1. */
  private typeArgumentsAround(from: number, comma: number, to: number): number {
    const d = this.d;
    for (let k = from; k < comma; k = d.opens(k) ? d.close(k) + 1 : k + 1) {
      if (!d.isP(k, '<') || !d.isId(k - 1) || !d.adjacent(k - 1)) continue;
      const after = d.skipAngles(k, to);
      // A call, a tagged template or an instantiation expression (`const g = h<A, B>;`) follows.
      if (after > comma && (d.isP(after, '(') || d.isStr(after) || d.isP(after, ';') || after >= to || d.nl(after))) return after;
    }
    return -1;
  }

  /** The token after a type annotation starting at i: the `=`, `,`, `;` or closer that ends it. */
  private typeEnd(i: number, to: number): number {
    const d = this.d;
    let angles = 0;
    let j = i;
    while (j < to) {
      if (d.isPunct(j)) {
        const v = d.v(j);
        if (v === '<') angles++;
        else if (v === '>' && angles > 0) angles--;
        else if (angles === 0 && (v === '=' || v === ',' || v === ';' || v === ')' || v === '}' || v === ']')) return j;
        else if (v === '{' || v === '(' || v === '[') j = d.close(j);
      }
      if (j + 1 < d.n && d.nl(j + 1) && angles === 0 && asi(d, j, j + 1)) return j + 1;
      j++;
    }
    return j;
  }

  /** function for arrow and function expressions, class for class expressions, else variable. */
  private initialiserKind(i: number): string {
    const d = this.d;
    if (d.v(i) === 'async' && !d.nl(i + 1)) i++;
    const w = d.isId(i) ? d.v(i) : '';
    if (w === 'function') return 'function';
    if (w === 'class') return 'class';
    if (w !== '' && d.isP(i + 1, '=>')) return 'function';
    if (d.isP(i, '<')) i = d.skipAngles(i, d.n);
    if (!d.isP(i, '(')) return 'variable';
    let j = d.close(i) + 1;
    if (d.isP(j, ':')) {
      // return type annotation: find `=>` before the statement could plausibly end
      while (j < d.n && !d.isP(j, '=>') && !d.isP(j, ';') && !d.isP(j, '{') && !(d.nl(j) && j > i)) {
        j = d.opens(j) ? d.close(j) + 1 : j + 1;
      }
    }
    return d.isP(j, '=>') ? 'function' : 'variable';
  }

  /** One class member: method, accessor, constructor, field (a field holding a function is a method). */
  private member(start: number, to: number, prefix: string, out: SymbolNode[]): number {
    const d = this.d;
    if (d.isP(start, ';') || d.isP(start, ',')) return start + 1;
    let i = this.decorators(start, to);
    if (d.v(i) === 'static' && d.isP(i + 1, '{')) return d.close(i + 1) + 1; // static block: class code
    while (d.isId(i) && CLASS_MODIFIERS.has(d.v(i)) && this.startsName(i + 1)) i++;
    if ((d.v(i) === 'get' || d.v(i) === 'set') && this.startsName(i + 1)) i++;
    if (d.isP(i, '*')) i++;
    let name: string;
    if (i >= to) return to;
    if (d.isStr(i)) name = d.raw(i).slice(1, -1);
    else if (!d.isPunct(i)) name = d.v(i);
    else if (d.v(i) === '[') {
      if (d.isId(i + 1) && d.isP(i + 2, ':')) return d.statementEnd(i, to, asi) + 1; // index signature
      name = d.slice(i, d.close(i));
      i = d.close(i);
    } else return d.statementEnd(i, to, asi) + 1;
    i++;
    if (d.isP(i, '?') || d.isP(i, '!')) i++;
    let kind = 'property';
    let end: number;
    if (d.isP(i, '(') || d.isP(i, '<')) {
      kind = 'method';
      if (d.isP(i, '<')) i = d.skipAngles(i, to);
      end = d.isP(i, '(') ? this.signatureEnd(d.close(i) + 1, to) : d.statementEnd(i, to, asi);
    } else {
      if (d.isP(i, ':')) i = this.typeEnd(i + 1, to);
      if (d.isP(i, '=')) {
        if (this.initialiserKind(i + 1) === 'function') kind = 'method';
        end = d.statementEnd(i + 1, to, asi);
      } else end = d.isP(i, ';') ? i : i - 1;
    }
    out.push(d.node(prefix + name, kind, start, end));
    return end + 1;
  }

  /** Does token i begin a member name on the same line (so the word before it is a modifier)? */
  private startsName(i: number): boolean {
    const d = this.d;
    if (i >= d.n || d.nl(i)) return false;
    return !d.isPunct(i) || d.v(i) === '[' || d.v(i) === '*' || d.v(i) === '{';
  }
}
