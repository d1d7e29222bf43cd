// Length (over 450 lines): Ruby's `end` can only be matched by a lexer that knows heredocs, `%`
// literals, regexes and modifier keywords, so lexer and outliner are one pass in one file.
import type { SymbolNode } from './types.js';

/**
 * Ruby outliner (see docs/symbols.md). One pass of a lexer that knows enough Ruby to match every
 * `end` with its opener: strings with `#{}` interpolation, heredocs, `%` literals, regex literals,
 * symbols, `?c` character literals, `=begin`/`=end`, `__END__`, and modifier `if`/`unless`/`while`/
 * `until` (which take no `end`) told apart from the statement forms by the token before them.
 *
 * Choices the contract leaves open:
 * - Names are qualified with '.', and `::` in a class or module name becomes '.': `module A;
 *   class B::C; def d` is `A.B.C.d`.
 * - `def self.x`, `def Foo.x` and the defs inside `class << self` are named after the enclosing class
 *   like instance methods: `Foo.x`. `class << self` itself is not a symbol; an edit of its own
 *   lines reports the enclosing class.
 * - `def` is a method inside a class, module or constant or with a receiver, else a function. Endless
 *   `def x = 1` spans its expression.
 * - Constants (`FOO = ...`, at top level too) span their whole statement: multi-line literals,
 *   heredoc bodies, `do ... end` blocks, trailing-operator and leading-dot continuation lines. A
 *   constant whose value has a block is a container: `Point = Struct.new(:x) do def dist` gives
 *   `Point.dist`.
 * - Blocks at module/class level (`included do`, `if`, `begin`) are transparent: their defs and
 *   constants belong to the enclosing module or class. Inside a def, nothing is a symbol.
 */
export function outlineRuby(text: string): SymbolNode[] {
  return new RubyOutliner(text).run();
}

/** What the last token lets come next: an operand (`op`, `start`) or an operator (`value`, `ident`). */
type Prev = 'start' | 'op' | 'value' | 'ident' | 'dot';

interface Frame {
  /** `stmt`: a constant or an endless def, closed by the end of its statement rather than by `end`. */
  kind: 'module' | 'class' | 'sclass' | 'def' | 'block' | 'stmt';
  node: SymbolNode | null;
  /** A method body: nothing inside is a symbol. */
  opaque: boolean;
  /** Bracket depth when the frame opened: a `stmt` ends only at this depth. */
  depth: number;
  /** Column of the opening keyword when it starts its line, else -1 (see recoverUnclosedDef). */
  indent?: number;
}

interface StringState {
  close: number;
  /** The opening bracket of a `%w[...]`-style literal: brackets nest inside it. */
  open: number;
  nest: number;
  interpolates: boolean;
  regex: boolean;
}

interface Heredoc {
  id: string;
  /** `<<~` and `<<-`: the terminator may be indented. */
  indented: boolean;
}

const blockKeywords = new Set(['if', 'unless', 'while', 'until']);
const valueKeywords = new Set(['end', 'self', 'nil', 'true', 'false', '__FILE__', '__LINE__', '__ENCODING__', 'redo', 'retry']);
const operandKeywords = new Set(['and', 'or', 'not', 'elsif', 'when', 'in']);
const operatorMethods = ['[]=', '[]', '<=>', '===', '==', '=~', '!=', '!~', '<<', '>>', '<=', '>=', '**', '+@', '-@', '!', '~', '+', '-', '*', '/', '%', '<', '>', '^', '&', '|', '`'];
const percentTypes = 'qQwWiIrsx';

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
}
function closerOf(c: number): number {
  if (c === 40) return 41;
  if (c === 91) return 93;
  if (c === 123) return 125;
  if (c === 60) return 62;
  return c;
}

const identTail = /[A-Za-z0-9_\u0080-\uffff]*/y;
const spaces = /[ \t\r\f\v]+/y;
const specialByDelimiters = new Map<number, RegExp>();

/** Matches what a string body must look at: escapes, newlines, `#{`, and its own delimiters. */
function stringSpecial(close: number, open: number): RegExp {
  const key = close * 65536 + (open + 1);
  let re = specialByDelimiters.get(key);
  if (!re) {
    const esc = (c: number): string => (c < 0 ? '' : '\\u' + c.toString(16).padStart(4, '0'));
    re = new RegExp(`[\\\\\\n#${esc(close)}${esc(open)}]`, 'g');
    specialByDelimiters.set(key, re);
  }
  return re;
}

class RubyOutliner {
  private i = 0;
  private line = 1;
  private readonly n: number;
  private prev: Prev = 'start';
  private spaceBefore = false;
  private depth = 0;
  private lastTokenLine = 0;
  private prevTokenLine = 0;
  private readonly roots: SymbolNode[] = [];
  private readonly stack: Frame[] = [];
  private opaqueDepth = 0;
  /** `while x do`: this `do` belongs to the loop and opens nothing. */
  private loopDo = false;
  private inBlockParams = false;
  private heredocs: Heredoc[] = [];
  /** Strings suspended at `#{`, with the bracket depth at which their `}` resumes them. */
  private readonly interpolations: { state: StringState; depth: number }[] = [];
  /** A def whose parameter list is open: at its `)`, an `=` makes it endless. */
  private pendingDef: { frame: Frame; depth: number } | null = null;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  run(): SymbolNode[] {
    const { text } = this;
    this.atLineStart();
    while (this.i < this.n) {
      const c = text.charCodeAt(this.i);
      if (c === 10) {
        this.newline();
        continue;
      }
      if (isSpace(c)) {
        spaces.lastIndex = this.i;
        spaces.test(text);
        this.i = spaces.lastIndex;
        this.spaceBefore = true;
        continue;
      }
      if (c === 35 /* # */) {
        const nl = text.indexOf('\n', this.i);
        this.i = nl < 0 ? this.n : nl;
        continue;
      }
      if (c === 92 /* \ */ && (text.charCodeAt(this.i + 1) === 10 || text.charCodeAt(this.i + 1) === 13)) {
        // Backslash line continuation: the statement goes on.
        const nl = text.indexOf('\n', this.i);
        this.i = nl < 0 ? this.n : nl + 1;
        this.line++;
        this.spaceBefore = true;
        continue;
      }
      this.prevTokenLine = this.lastTokenLine;
      this.lastTokenLine = this.line;
      this.token(c);
      this.spaceBefore = false;
    }
    this.closeStatements(this.lastTokenLine, 0);
    while (this.stack.length > 0) this.pop(this.lastTokenLine);
    return this.roots;
  }

  // ---- structure ----

  private container(): SymbolNode | null {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const f = this.stack[k]!;
      if (f.node && f.kind !== 'def') return f.node;
    }
    return null;
  }

  private push(frame: Frame): void {
    this.stack.push(frame);
    if (frame.opaque) this.opaqueDepth++;
  }

  private pop(endLine: number): void {
    const f = this.stack.pop();
    if (!f) return;
    if (f.node) f.node.endLine = endLine;
    if (f.opaque) this.opaqueDepth--;
    if (this.pendingDef?.frame === f) this.pendingDef = null;
  }

  private addSymbol(name: string, kind: string): SymbolNode {
    const parent = this.container();
    const node: SymbolNode = {
      name: parent ? `${parent.name}.${name}` : name,
      kind,
      startLine: this.line,
      endLine: this.line,
      children: [],
    };
    (parent ? parent.children : this.roots).push(node);
    return node;
  }

  /** The statement ends: close constants and endless defs opened at this bracket depth. */
  private closeStatements(endLine: number, depth: number): void {
    for (;;) {
      const top = this.stack[this.stack.length - 1];
      if (!top || top.kind !== 'stmt' || top.depth < depth) return;
      this.pop(endLine);
    }
  }

  private statementEnd(endLine: number): void {
    this.prev = 'start';
    this.loopDo = false;
    this.inBlockParams = false;
    if (this.interpolations.length === 0) this.closeStatements(endLine, this.depth);
  }

  // ---- lines ----

  private newline(): void {
    const endLine = this.line;
    this.i++;
    this.line++;
    if (this.heredocs.length > 0) this.readHeredocBodies();
    this.atLineStart();
    this.spaceBefore = true;
    if (this.interpolations.length > 0) return;
    if (this.prev === 'op' || this.prev === 'dot') return; // `x = 1 +` / `foo.` continue below
    // A leading-dot method chain continues the statement. Only a pending constant or endless def
    // cares (the `.` token itself tells the rest), and asking only then keeps long comment blocks
    // from being rescanned at every line.
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === 'stmt' && top.depth >= this.depth && this.nextLineStartsWithDot()) return;
    // Heredoc bodies belong to the statement that opened them.
    this.statementEnd(this.line - 1 > endLine ? this.line - 1 : endLine);
  }

  private atLineStart(): void {
    const { text } = this;
    for (;;) {
      if (text.startsWith('=begin', this.i) && (this.i + 6 >= this.n || isSpace(text.charCodeAt(this.i + 6)) || text.charCodeAt(this.i + 6) === 10)) {
        // Block comment through the `=end` line.
        for (;;) {
          const nl = text.indexOf('\n', this.i);
          if (nl < 0) {
            this.i = this.n;
            return;
          }
          const isEnd = text.startsWith('=end', this.i);
          this.i = nl + 1;
          this.line++;
          if (isEnd) break;
        }
        continue;
      }
      if (text.startsWith('__END__', this.i)) {
        const after = text.charCodeAt(this.i + 7);
        if (this.i + 7 >= this.n || after === 10 || after === 13) this.i = this.n;
      }
      return;
    }
  }

  private readHeredocBodies(): void {
    const { text } = this;
    for (const h of this.heredocs) {
      while (this.i < this.n) {
        let nl = text.indexOf('\n', this.i);
        if (nl < 0) nl = this.n;
        let body = text.slice(this.i, nl);
        if (body.endsWith('\r')) body = body.slice(0, -1);
        this.i = Math.min(nl + 1, this.n);
        this.line++;
        if ((h.indented ? body.trimStart() : body) === h.id) break;
      }
    }
    this.heredocs = [];
  }

  private nextLineStartsWithDot(): boolean {
    const { text } = this;
    let k = this.i;
    while (k < this.n) {
      const c = text.charCodeAt(k);
      if (isSpace(c) || c === 10) k++;
      else if (c === 35) {
        const nl = text.indexOf('\n', k);
        if (nl < 0) return false;
        k = nl + 1;
      } else if (c === 46 /* . */) return text.charCodeAt(k + 1) !== 46;
      else return c === 38 /* & */ && text.charCodeAt(k + 1) === 46;
    }
    return false;
  }

  // ---- tokens ----

  /** Where a literal may start: after an operator, or after a method name called without parens (`puts /x/`). */
  private operandExpected(): boolean {
    if (this.prev === 'start' || this.prev === 'op') return true;
    if (this.prev !== 'ident' || !this.spaceBefore) return false;
    const next = this.text.charCodeAt(this.i + 1);
    return !isSpace(next) && next !== 61 /* = */ && next !== 10;
  }

  private token(c: number): void {
    const { text } = this;
    if (isIdentStart(c)) return this.word();
    if (c >= 48 && c <= 57) {
      let k = this.i + 1;
      while (k < this.n) {
        const d = text.charCodeAt(k);
        if (isIdentChar(d) || (d === 46 && text.charCodeAt(k + 1) >= 48 && text.charCodeAt(k + 1) <= 57)) k++;
        else break;
      }
      this.i = k;
      this.prev = 'value';
      return;
    }
    switch (c) {
      case 34 /* " */:
      case 96 /* ` */:
        this.i++;
        return this.string({ close: c, open: -1, nest: 0, interpolates: true, regex: false });
      case 39 /* ' */:
        this.i++;
        return this.string({ close: c, open: -1, nest: 0, interpolates: false, regex: false });
      case 64 /* @ */: {
        let k = this.i + 1;
        if (text.charCodeAt(k) === 64) k++;
        while (k < this.n && isIdentChar(text.charCodeAt(k))) k++;
        this.i = k;
        this.prev = 'value';
        return;
      }
      case 36 /* $ */: {
        let k = this.i + 1;
        if (isIdentStart(text.charCodeAt(k))) while (k < this.n && isIdentChar(text.charCodeAt(k))) k++;
        else if (text.charCodeAt(k) === 45 /* $-w */) k += 2;
        else k++; // $", $', $/, $1 ...: one character that must not start a literal
        while (k < this.n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
        this.i = k;
        this.prev = 'value';
        return;
      }
      case 58 /* : */:
        return this.colon();
      case 63 /* ? */:
        return this.question();
      case 47 /* / */:
        if (this.operandExpected()) {
          this.i++;
          return this.string({ close: 47, open: -1, nest: 0, interpolates: true, regex: true });
        }
        break;
      case 37 /* % */:
        if (this.operandExpected() && this.percentLiteral()) return;
        break;
      case 60 /* < */:
        if (text.charCodeAt(this.i + 1) === 60 && this.heredocStart()) return;
        break;
      case 40:
      case 91:
      case 123:
        this.depth++;
        this.i++;
        this.prev = 'op';
        if (c === 123 && text.charCodeAt(this.skipSpaces(this.i)) === 124) this.inBlockParams = true;
        return;
      case 125 /* } */:
      case 41:
      case 93: {
        const top = this.interpolations[this.interpolations.length - 1];
        if (c === 125 && top && top.depth === this.depth) {
          this.interpolations.pop();
          this.i++;
          return this.string(top.state);
        }
        this.depth = Math.max(0, this.depth - 1);
        this.i++;
        this.prev = 'value';
        if (c === 41 && this.pendingDef && this.depth === this.pendingDef.depth) {
          const { frame } = this.pendingDef;
          this.pendingDef = null;
          if (this.endlessAt(this.i)) this.makeEndless(frame);
        }
        return;
      }
      case 59 /* ; */:
        this.i++;
        this.statementEnd(this.line);
        return;
      case 46 /* . */:
        if (text.charCodeAt(this.i + 1) === 46) {
          this.i += text.charCodeAt(this.i + 2) === 46 ? 3 : 2;
          this.prev = 'op';
        } else {
          this.i++;
          this.prev = 'dot';
        }
        return;
      case 38 /* & */:
        if (text.charCodeAt(this.i + 1) === 46) {
          this.i += 2;
          this.prev = 'dot';
          return;
        }
        break;
      case 124 /* | */:
        if (this.inBlockParams) {
          // `do |a, b|`: the closing bar starts the block's first statement.
          const isOpening = this.lastWasBlockOpen();
          this.i++;
          if (!isOpening) {
            this.inBlockParams = false;
            this.prev = 'start';
          } else {
            this.prev = 'op';
          }
          return;
        }
        break;
    }
    // Any other operator (runs of operator characters are equivalent for what follows).
    this.i++;
    this.prev = 'op';
  }

  private lastWasBlockOpen(): boolean {
    // Scan back over spaces: the opening bar directly follows `do` or `{`.
    let k = this.i - 1;
    while (k >= 0 && isSpace(this.text.charCodeAt(k))) k--;
    const c = this.text.charCodeAt(k);
    return c === 123 || (c === 111 && this.text.startsWith('do', k - 1));
  }

  private skipSpaces(k: number): number {
    while (k < this.n && isSpace(this.text.charCodeAt(k))) k++;
    return k;
  }

  private word(): void {
    const { text } = this;
    const start = this.i;
    identTail.lastIndex = start + 1;
    identTail.test(text);
    let k = identTail.lastIndex;
    const nc = text.charCodeAt(k);
    if ((nc === 63 || nc === 33) && text.charCodeAt(k + 1) !== 61) k++; // empty?, save!
    const word = text.slice(start, k);
    this.i = k;
    const afterDot = this.prev === 'dot';
    // `if:` / `class: 'x'` are hash keys and keyword arguments.
    if (text.charCodeAt(k) === 58 && text.charCodeAt(k + 1) !== 58 && !afterDot) {
      this.i = k + 1;
      this.prev = 'op';
      return;
    }
    if (afterDot) {
      this.prev = 'ident';
      return;
    }
    switch (word) {
      case 'def':
        return this.def(this.recoverUnclosedDef(start));
      case 'class':
        this.recoverUnclosedDef(start);
        return this.classOrModule('class');
      case 'module':
        this.recoverUnclosedDef(start);
        return this.classOrModule('module');
      case 'end':
        this.closeStatements(this.line, this.depth);
        this.pop(this.line);
        this.prev = 'value';
        return;
      case 'case':
      case 'begin':
        this.push({ kind: 'block', node: null, opaque: false, depth: this.depth });
        this.prev = 'start';
        return;
      case 'then':
      case 'else':
      case 'ensure':
      case 'rescue':
        // A body follows: a line ending here is not continued on the next (unlike `and`, `when`).
        this.prev = 'start';
        return;
      case 'for':
        this.push({ kind: 'block', node: null, opaque: false, depth: this.depth });
        this.loopDo = true;
        this.prev = 'op';
        return;
      case 'do':
        if (this.loopDo) this.loopDo = false;
        else this.push({ kind: 'block', node: null, opaque: false, depth: this.depth });
        if (text.charCodeAt(this.skipSpaces(this.i)) === 124) this.inBlockParams = true;
        this.prev = 'start';
        return;
    }
    if (blockKeywords.has(word)) {
      // After a value (`return if x`, `end while y`) it is a modifier and takes no `end`.
      if (this.prev === 'start' || this.prev === 'op') {
        this.push({ kind: 'block', node: null, opaque: false, depth: this.depth });
        if (word === 'while' || word === 'until') this.loopDo = true;
      }
      this.prev = 'op';
      return;
    }
    if (operandKeywords.has(word)) {
      this.prev = 'op';
      return;
    }
    if (valueKeywords.has(word)) {
      this.prev = 'value';
      return;
    }
    const c0 = word.charCodeAt(0);
    if (c0 >= 65 && c0 <= 90 && this.prev === 'start' && this.opaqueDepth === 0) {
      // `FOO = 1`, `FOO ||= 1`, `RDoc::Markup::Heading = Struct.new(...)`.
      let e = k;
      while (text.charCodeAt(e) === 58 && text.charCodeAt(e + 1) === 58 && isIdentStart(text.charCodeAt(e + 2))) {
        e += 3;
        while (e < this.n && isIdentChar(text.charCodeAt(e))) e++;
      }
      if (this.isAssignmentAt(e, true)) {
        const node = this.addSymbol(text.slice(start, e).split('::').join('.'), 'constant');
        this.push({ kind: 'stmt', node, opaque: false, depth: this.depth });
        this.i = e;
        this.prev = 'value';
        return;
      }
    }
    this.prev = c0 >= 65 && c0 <= 90 ? 'value' : 'ident';
  }

  /** `=` (not `==`, `=~`, `=>`) after optional spaces; with `orAssign`, `||=` too. */
  private isAssignmentAt(k: number, orAssign = false): boolean {
    const j = this.skipSpaces(k);
    if (orAssign && this.text.startsWith('||=', j)) return true;
    if (this.text.charCodeAt(j) !== 61) return false;
    const d = this.text.charCodeAt(j + 1);
    return d !== 61 && d !== 126 && d !== 62;
  }

  private endlessAt(k: number): boolean {
    return this.isAssignmentAt(k);
  }

  private makeEndless(frame: Frame): void {
    frame.kind = 'stmt';
    frame.depth = this.depth;
  }

  /**
   * A file being edited often has a def whose `end` is not typed yet. Ruby would nest everything
   * below inside it; a def, class or module that starts a line at or left of an open def's
   * indentation closes that def instead (valid code indents what a def body holds).
   * Returns the column of the keyword when it starts its line, else -1.
   */
  private recoverUnclosedDef(start: number): number {
    const { text } = this;
    let k = start;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (k > 0 && text.charCodeAt(k - 1) !== 10) return -1;
    const col = start - k;
    for (let f = this.stack.length - 1; f >= 0; f--) {
      const frame = this.stack[f]!;
      if (frame.kind !== 'def' || frame.indent === undefined || frame.indent < col) continue;
      while (this.stack.length > f) this.pop(this.prevTokenLine);
      break;
    }
    return col;
  }

  private def(col: number): void {
    const { text } = this;
    let k = this.skipSpaces(this.i);
    // `def self.x`, `def Foo::x`, `def @obj.x`: a singleton method, named after its container like the others.
    let r = k;
    const bare = k;
    while (text.charCodeAt(r) === 64 /* @ */ || (r === k && text.charCodeAt(r) === 36) /* $ */) r++;
    if (isIdentStart(text.charCodeAt(r))) {
      r++;
      while (r < this.n && isIdentChar(text.charCodeAt(r))) r++;
      if (text.charCodeAt(r) === 46 && text.charCodeAt(r + 1) !== 46) k = r + 1;
      else if (text.charCodeAt(r) === 58 && text.charCodeAt(r + 1) === 58) k = r + 2;
    }
    const name = this.methodName(k);
    k += name.length;
    this.i = k;
    this.prev = 'ident';
    // A singleton def (`def Delegator.block`) is a method even at top level.
    const kind = this.container() || k - name.length !== bare ? 'method' : 'function';
    const node = this.opaqueDepth === 0 && name !== '' ? this.addSymbol(name, kind) : null;
    const frame: Frame = { kind: 'def', node, opaque: true, depth: this.depth, ...(col >= 0 ? { indent: col } : {}) };
    this.push(frame);
    const j = this.skipSpaces(k);
    if (text.charCodeAt(j) === 40) this.pendingDef = { frame, depth: this.depth };
    else if (this.endlessAt(j)) this.makeEndless(frame);
  }

  private methodName(k: number): string {
    const { text } = this;
    if (isIdentStart(text.charCodeAt(k))) {
      let e = k + 1;
      while (e < this.n && isIdentChar(text.charCodeAt(e))) e++;
      const c = text.charCodeAt(e);
      if (c === 63 || c === 33) e++;
      else if (c === 61) {
        // `def x=(v)` is a setter; `def x = 1` (with a space) is endless.
        const d = text.charCodeAt(e + 1);
        if (d !== 61 && d !== 126 && d !== 62) e++;
      }
      return text.slice(k, e);
    }
    for (const op of operatorMethods) if (text.startsWith(op, k)) return op;
    return '';
  }

  private classOrModule(kind: 'class' | 'module'): void {
    const { text } = this;
    let k = this.skipSpaces(this.i);
    if (kind === 'class' && text.startsWith('<<', k)) {
      this.push({ kind: 'sclass', node: null, opaque: false, depth: this.depth });
      this.i = k + 2;
      this.prev = 'op';
      return;
    }
    const start = k;
    while (k < this.n) {
      const c = text.charCodeAt(k);
      if (isIdentChar(c)) k++;
      else if (c === 58 && text.charCodeAt(k + 1) === 58) k += 2;
      else break;
    }
    const name = text.slice(start, k).replace(/^::/, '').split('::').join('.');
    this.i = k;
    this.prev = 'value';
    const node = this.opaqueDepth === 0 && name !== '' ? this.addSymbol(name, kind) : null;
    this.push({ kind, node, opaque: false, depth: this.depth });
  }

  private colon(): void {
    const { text } = this;
    const next = text.charCodeAt(this.i + 1);
    if (next === 58) {
      this.i += 2;
      this.prev = 'dot';
      return;
    }
    if (next === 34 || next === 39) {
      // :"quoted symbol"
      this.i += 2;
      return this.string({ close: next, open: -1, nest: 0, interpolates: next === 34, regex: false });
    }
    if (isIdentStart(next)) {
      // :end, :class, :if are symbols, not keywords.
      let k = this.i + 2;
      while (k < this.n && isIdentChar(text.charCodeAt(k))) k++;
      const c = text.charCodeAt(k);
      if (c === 63 || c === 33 || (c === 61 && text.charCodeAt(k + 1) !== 61 && text.charCodeAt(k + 1) !== 62 && text.charCodeAt(k + 1) !== 126)) k++;
      this.i = k;
      this.prev = 'value';
      return;
    }
    if (this.prev !== 'value' || this.spaceBefore) {
      for (const op of operatorMethods) {
        if (text.startsWith(op, this.i + 1)) {
          // :/, :%, :<< must not start a regex, a percent literal or a heredoc.
          this.i += 1 + op.length;
          this.prev = 'value';
          return;
        }
      }
    }
    this.i++;
    this.prev = 'op';
  }

  private question(): void {
    const { text } = this;
    if (this.prev === 'start' || this.prev === 'op') {
      const next = text.charCodeAt(this.i + 1);
      if (next === 92 /* \ */) {
        this.i += 3; // ?\n, ?\\, ?\"
        this.prev = 'value';
        return;
      }
      if (this.i + 1 < this.n && !isSpace(next) && next !== 10 && !isIdentChar(text.charCodeAt(this.i + 2))) {
        this.i += 2; // ?a, ?", ?#
        this.prev = 'value';
        return;
      }
    }
    this.i++;
    this.prev = 'op';
  }

  private percentLiteral(): boolean {
    const { text } = this;
    let k = this.i + 1;
    let type = '';
    const t = text.charCodeAt(k);
    if (percentTypes.includes(String.fromCharCode(t)) && t !== 0 && !isIdentChar(text.charCodeAt(k + 1)) && !isSpace(text.charCodeAt(k + 1))) {
      type = String.fromCharCode(t);
      k++;
    }
    const open = text.charCodeAt(k);
    if (k >= this.n || isIdentChar(open) || isSpace(open) || open === 10 || (type === '' && open === 61)) return false;
    const close = closerOf(open);
    this.i = k + 1;
    this.string({
      close,
      open: close === open ? -1 : open,
      nest: 0,
      interpolates: type === '' || 'QWIrx'.includes(type),
      regex: type === 'r',
    });
    return true;
  }

  private heredocStart(): boolean {
    const { text } = this;
    let k = this.i + 2;
    const flag = text.charCodeAt(k);
    const indented = flag === 126 /* ~ */ || flag === 45; /* - */
    if (indented) k++;
    const q = text.charCodeAt(k);
    let id: string;
    if (q === 39 || q === 34 || q === 96) {
      const close = text.indexOf(String.fromCharCode(q), k + 1);
      const nl = text.indexOf('\n', k + 1);
      if (close < 0 || (nl >= 0 && nl < close)) return false;
      id = text.slice(k + 1, close);
      k = close + 1;
    } else if (isIdentStart(q)) {
      let e = k + 1;
      while (e < this.n && isIdentChar(text.charCodeAt(e))) e++;
      id = text.slice(k, e);
      k = e;
    } else {
      return false;
    }
    const operand = this.prev === 'start' || this.prev === 'op';
    // After a method name (`puts <<~EOS`) too, but `list <<item` is a shift unless it looks like a heredoc id.
    const afterCall = this.prev === 'ident' && this.spaceBefore && (indented || !(q >= 97 && q <= 122));
    if (!operand && !afterCall) return false;
    this.heredocs.push({ id, indented });
    this.i = k;
    this.prev = 'value';
    return true;
  }

  /** Scans a string body; suspends at `#{` (resumed by the matching `}`). */
  private string(st: StringState): void {
    const { text } = this;
    let k = this.i;
    const special = stringSpecial(st.close, st.open);
    while (k < this.n) {
      // Jump to the next character that matters natively: a hook runs this once, before any JIT.
      special.lastIndex = k;
      if (!special.test(text)) break;
      k = special.lastIndex - 1;
      const c = text.charCodeAt(k);
      if (c === 92 /* \ */) {
        if (text.charCodeAt(k + 1) === 10) this.line++;
        k += 2;
        continue;
      }
      if (c === 10) {
        this.line++;
        k++;
        continue;
      }
      if (c === st.open) {
        st.nest++;
      } else if (c === st.close) {
        if (st.nest === 0) {
          k++;
          if (st.regex) while (k < this.n && isIdentStart(text.charCodeAt(k))) k++;
          this.i = k;
          this.prev = 'value';
          this.lastTokenLine = this.line;
          return;
        }
        st.nest--;
      } else if (c === 35 && st.interpolates && text.charCodeAt(k + 1) === 123) {
        // Code inside starts fresh; the `}` met back at this bracket depth resumes the string.
        this.i = k + 2;
        this.interpolations.push({ state: st, depth: this.depth });
        this.prev = 'start';
        return;
      }
      k++;
    }
    this.i = this.n;
  }
}
