// Length (just over 450 lines): the tokenizer that makes logical lines and the indentation stack
// that makes symbols share their state (decorators, class bodies); split, they would pass it along.
import type { SymbolNode } from './types.js';

/**
 * Python outliner (see docs/symbols.md). One pass of a small tokenizer turns the text into logical
 * lines (brackets, backslashes and triple-quoted strings joined; comments and blank lines dropped;
 * strings masked to `""`), then an indentation stack turns those into symbols.
 *
 * Choices the contract leaves open:
 * - Every plain name a statement assigns is a symbol (as the benchmark's oracle reads it):
 *   `a = b = 1` and `a, *b = ...` declare `a` and `b`, all with the statement's span. Attributes,
 *   subscripts and augmented assignments (`x += 1`) declare nothing.
 * - A bare annotation (`x: int`, a dataclass field) is a variable like `x: int = 1`.
 * - `if`/`try`/`with`/`match` blocks at module or class level are transparent: what they declare
 *   belongs to the module or class (`if TYPE_CHECKING:` imports, `try:` fallbacks). In `for`/`while`
 *   bodies, defs and classes still count but assignments are loop state, not declarations.
 * - Semicolon-separated assignments on one line are one symbol each, with the same one-line span.
 * - The body of a one-line `class A: x = 1` is not reported separately (the class covers the line).
 * - PEP 695 `type X = ...` statements are not reported.
 */
export function outlinePython(text: string): SymbolNode[] {
  return buildTree(logicalLines(text));
}

interface LogicalLine {
  startLine: number;
  endLine: number;
  /** Column of the first token, tabs advancing to the next multiple of 8 as in CPython. */
  indent: number;
  /** The line's code: comments removed, strings replaced by `""`, continuation newlines by spaces. */
  code: string;
}

interface Frame {
  indent: number;
  node: SymbolNode | null;
  isFunction: boolean;
  /** A `for`/`while` body: its assignments are loop state, not declarations. */
  isLoop?: boolean;
}

const IDENT = String.raw`[\p{ID_Start}_][\p{ID_Continue}]*`;
const defRe = new RegExp(String.raw`^(?:async\s+)?def\s+(${IDENT})`, 'u');
const classRe = new RegExp(String.raw`^class\s+(${IDENT})`, 'u');
const blockRe = /^(?:if|elif|else|try|except|finally|with|for|while|async\s+(?:for|with))(?!\p{ID_Continue})/u;
const lambdaRe = /(?<!\p{ID_Continue})lambda(?!\p{ID_Continue})/u;
const loopRe = /^(?:for|while|async\s+for)(?!\p{ID_Continue})/u;
const targetRe = new RegExp(String.raw`^\*?\s*(${IDENT})$`, 'u');
const softBlockRe = /^(?:match|case)(?!\p{ID_Continue})/u;
// `(name): int = 1` is a plain-name target too.
const assignRe = new RegExp(String.raw`^(?:(${IDENT})|\(\s*(${IDENT})\s*\))\s*(?::|=(?!=))`, 'u');
const bareAssignInSubject = /(?<![=<>!:])=(?!=)/;
const keywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

function buildTree(lines: LogicalLine[]): SymbolNode[] {
  const roots: SymbolNode[] = [];
  const stack: Frame[] = [];
  let functionDepth = 0;
  let prevEnd = 0;
  let decoratorStart = 0;

  const close = (end: number): void => {
    const f = stack.pop();
    if (!f) return;
    if (f.node) f.node.endLine = end;
    if (f.isFunction) functionDepth--;
  };

  for (const l of lines) {
    // A body ends at its last code line: comments and blank lines after it never reach here.
    while (stack.length > 0 && l.indent <= stack[stack.length - 1]!.indent) close(prevEnd);
    prevEnd = l.endLine;
    if (functionDepth > 0) continue; // everything inside a function belongs to it

    const code = l.code;
    if (code.charCodeAt(0) === 64 /* @ */) {
      if (decoratorStart === 0) decoratorStart = l.startLine;
      continue;
    }
    const startLine = decoratorStart || l.startLine;
    decoratorStart = 0;

    let parent: SymbolNode | null = null;
    let inLoop = false;
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k]!;
      if (f.node) {
        parent = f.node;
        break;
      }
      if (f.isLoop) inLoop = true;
    }
    const qualify = (name: string): string => (parent ? `${parent.name}.${name}` : name);
    const add = (node: SymbolNode): void => {
      (parent ? parent.children : roots).push(node);
    };

    const def = defRe.exec(code);
    const cls = def ? null : classRe.exec(code);
    if (def || cls) {
      const node: SymbolNode = {
        name: qualify((def ?? cls)![1]!),
        kind: cls ? 'class' : parent ? 'method' : 'function',
        startLine,
        endLine: l.endLine,
        children: [],
      };
      add(node);
      // A one-line `def f(): return 1` is pushed too: the next line at its indent closes it at once.
      stack.push({ indent: l.indent, node, isFunction: !!def });
      if (def) functionDepth++;
      continue;
    }

    const colon = headerColon(code);
    if (blockRe.test(code) || (colon > 0 && softBlockRe.test(code) && isSoftBlockHeader(code, colon))) {
      const isLoop = loopRe.test(code);
      stack.push({ indent: l.indent, node: null, isFunction: false, isLoop });
      // `if X: y = 1`: the one-line body is still at module/class level.
      if (colon > 0 && !isLoop && !inLoop) addAssignments(code.slice(colon + 1), l, qualify, add);
      continue;
    }
    if (!inLoop) addAssignments(code, l, qualify, add);
  }
  while (stack.length > 0) close(prevEnd);
  return roots;
}

function addAssignments(
  code: string,
  l: LogicalLine,
  qualify: (name: string) => string,
  add: (node: SymbolNode) => void,
): void {
  for (const stmt of splitStatements(code)) {
    for (const name of assignedNames(stmt)) {
      if (keywords.has(name)) continue;
      add({ name: qualify(name), kind: 'variable', startLine: l.startLine, endLine: l.endLine, children: [] });
    }
  }
}

/**
 * The plain names a statement assigns: `x = 1`, `x: int = 1`, `x: int`, every target of
 * `a = b = 1`, every name of `a, *b = ...` / `(a, b) = ...`. Attributes and subscripts are not names.
 */
function assignedNames(stmt: string): string[] {
  const m = assignRe.exec(stmt);
  if (m) {
    const first = m[1] ?? m[2]!;
    if (stmt.charCodeAt(m[0].length - 1) === 58 /* : annotated: one target */) return [first];
  } else if (!stmt.includes('=')) {
    return [];
  }
  // Split at top-level `=` (not `==`, `<=`, `>=`, `!=`, `:=`, or inside brackets): all but the last part are targets.
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  // Targets never hold a lambda; its default arguments (`f = lambda x=1: x`) are not targets.
  const lambda = stmt.search(lambdaRe);
  const scanEnd = lambda < 0 ? stmt.length : lambda;
  for (let i = 0; i < scanEnd; i++) {
    const c = stmt.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 61 && depth === 0) {
      const before = stmt.charCodeAt(i - 1);
      const after = stmt.charCodeAt(i + 1);
      if (after === 61) {
        i++;
        continue;
      }
      if (before === 61 || before === 60 || before === 62 || before === 33 || before === 58) continue;
      // `x += 1` and friends are not declarations.
      if ('+-*/%&|^@<>'.includes(stmt[i - 1] ?? '')) return parts.length === 0 ? [] : namesOf(parts);
      parts.push(stmt.slice(from, i));
      from = i + 1;
    }
  }
  return namesOf(parts);
}

function namesOf(targets: string[]): string[] {
  const out: string[] = [];
  for (let t of targets) {
    t = t.trim();
    if ((t.startsWith('(') && t.endsWith(')')) || (t.startsWith('[') && t.endsWith(']'))) t = t.slice(1, -1);
    let depth = 0;
    let from = 0;
    const items: string[] = [];
    for (let i = 0; i <= t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      else if ((c === 44 || i === t.length) && depth === 0) {
        items.push(t.slice(from, i).trim());
        from = i + 1;
      }
    }
    for (const item of items) {
      const m = targetRe.exec(item);
      if (m) out.push(m[1]!);
    }
  }
  return out;
}

/** Top-level `;`-separated statements of a logical line (strings are already masked). */
function splitStatements(code: string): string[] {
  if (!code.includes(';')) return [code.trim()];
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 59 && depth === 0) {
      out.push(code.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(code.slice(from).trim());
  return out;
}

/** Index of the `:` that ends a compound statement's header, or -1. */
function headerColon(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    else if (c === 58 && depth === 0 && code.charCodeAt(i + 1) !== 61 /* := */) return i;
  }
  return -1;
}

/** `match x:` / `case [a, b]:` as opposed to a variable named `match` (`match: int = 1`, `match = f(lambda: 1)`). */
function isSoftBlockHeader(code: string, colon: number): boolean {
  const s = code.slice(code.startsWith('match') ? 5 : 4, colon);
  if (s.trim() === '') return false;
  const first = s.charCodeAt(0);
  if (first !== 32 && first !== 9 && first !== 40 && first !== 91 && first !== 123 && first !== 34 && first !== 45) {
    return false;
  }
  return !bareAssignInSubject.test(s);
}

const enum Ch {
  Tab = 9,
  Nl = 10,
  FormFeed = 12,
  Cr = 13,
  Space = 32,
  DQuote = 34,
  Hash = 35,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Colon = 58,
  Equals = 61,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  LBrace = 123,
  RBrace = 125,
}

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c >= 128;
}

/** String prefix letters that may precede a quote: r, u, b, f, t and their two-letter combinations. */
function stringPrefix(text: string, quoteAt: number): { isF: boolean; isRaw: boolean } | null {
  let k = quoteAt;
  while (k > 0 && quoteAt - k < 3) {
    const c = text.charCodeAt(k - 1) | 0x20;
    if (c === 0x72 || c === 0x75 || c === 0x62 || c === 0x66 || c === 0x74) k--;
    else break;
  }
  if (k > 0 && isIdentChar(text.charCodeAt(k - 1))) {
    // `xr"..."` is an identifier followed by a string only in broken code; a quote after an
    // identifier is still a string, just without prefix semantics.
    return { isF: false, isRaw: false };
  }
  const p = text.slice(k, quoteAt).toLowerCase();
  if (p.length > 2 || (p.length === 2 && !['br', 'rb', 'fr', 'rf', 'tr', 'rt'].includes(p))) return null;
  return { isF: p.includes('f') || p.includes('t'), isRaw: p.includes('r') };
}

/** The characters each scanning loop must look at; everything between them is skipped at once. */
const codeSpecial = /[\n#\\"'()[\]{}]/g;
const dqSpecial = /["\\\n{]/g;
const sqSpecial = /['\\\n{]/g;

function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  /** Scans a string body from just after its opening quote(s); returns the index after its end. */
  const scanString = (from: number, q: number, triple: boolean, isF: boolean, isRaw: boolean): number => {
    let k = from;
    const special = q === Ch.DQuote ? dqSpecial : sqSpecial;
    while (k < n) {
      special.lastIndex = k;
      if (!special.test(text)) return n;
      k = special.lastIndex - 1;
      const c = text.charCodeAt(k);
      if (c === Ch.Backslash) {
        const d = text.charCodeAt(k + 1);
        if (isF && (d === Ch.LBrace || d === Ch.RBrace)) {
          // `fr'\{{'`: a backslash escapes no brace; the brace is read on its own.
          k++;
          continue;
        }
        if (d === Ch.Nl) line++;
        else if (d === Ch.Cr && text.charCodeAt(k + 2) === Ch.Nl) {
          line++;
          k++;
        } else if (isF && !isRaw && d === 78 /* N */ && text.charCodeAt(k + 2) === Ch.LBrace) {
          // `\N{EM DASH}` is a named escape, not a replacement field.
          const close = text.indexOf('}', k + 3);
          const nl = text.indexOf('\n', k + 3);
          if (close >= 0 && (nl < 0 || close < nl)) k = close - 1;
        }
        k += 2;
        continue;
      }
      if (c === Ch.Nl) {
        if (!triple) return k; // unterminated: Python stops the string at the line end too
        line++;
        k++;
        continue;
      }
      if (c === q) {
        if (!triple) return k + 1;
        if (text.charCodeAt(k + 1) === q && text.charCodeAt(k + 2) === q) return k + 3;
        k++;
        continue;
      }
      if (isF && c === Ch.LBrace) {
        if (text.charCodeAt(k + 1) === Ch.LBrace) {
          k += 2;
          continue;
        }
        k = scanReplacementField(k + 1, q, triple);
        continue;
      }
      k++;
    }
    return n;
  };

  /** An f-string `{...}`: an expression (which may hold strings of any quote, PEP 701), then `!r`, then `:spec`. */
  const scanReplacementField = (from: number, q: number, triple: boolean): number => {
    let k = from;
    let depth = 0;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === Ch.Nl) {
        // PEP 701 lets a replacement field span lines even in a one-line string; a half-typed
        // `f"{` must still not swallow the definitions below.
        if (!triple && startsDeclaration(text, k + 1)) return k;
        line++;
        k++;
      } else if (c === Ch.DQuote || c === Ch.SQuote) {
        k = scanStringAt(k);
      } else if (c === Ch.LParen || c === Ch.LBracket || c === Ch.LBrace) {
        depth++;
        k++;
      } else if (c === Ch.RParen || c === Ch.RBracket || c === Ch.RBrace) {
        if (depth === 0 && c === Ch.RBrace) return k + 1;
        depth = Math.max(0, depth - 1);
        k++;
      } else if (c === Ch.Colon && depth === 0) {
        return scanFormatSpec(k + 1, q, triple);
      } else {
        k++;
      }
    }
    return n;
  };

  /** Format spec text is literal (a fill character may be a quote: `{x:'^10}`) except nested `{...}`. */
  const scanFormatSpec = (from: number, q: number, triple: boolean): number => {
    let k = from;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === Ch.RBrace) return k + 1;
      if (c === Ch.LBrace) {
        k = scanReplacementField(k + 1, q, triple);
        continue;
      }
      if (c === Ch.Nl) {
        if (!triple) return k;
        line++;
      } else if (c === q && (!triple || (text.charCodeAt(k + 1) === q && text.charCodeAt(k + 2) === q))) {
        return k; // the enclosing string ends here (broken code): let it close
      }
      k++;
    }
    return n;
  };

  /** A string literal starting at quote `at` (its prefix letters already passed). */
  const scanStringAt = (at: number): number => {
    const q = text.charCodeAt(at);
    const prefix = stringPrefix(text, at) ?? { isF: false, isRaw: false };
    const triple = text.charCodeAt(at + 1) === q && text.charCodeAt(at + 2) === q;
    return scanString(at + (triple ? 3 : 1), q, triple, prefix.isF, prefix.isRaw);
  };

  while (i < n) {
    let indent = 0;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === Ch.Space) indent++;
      else if (c === Ch.Tab) indent = indent - (indent % 8) + 8;
      else if (c === Ch.FormFeed) indent = 0;
      else break;
    }
    if (j >= n) break;
    const first = text.charCodeAt(j);
    if (first === Ch.Nl || first === Ch.Cr || first === Ch.Hash) {
      const nl = text.indexOf('\n', j);
      if (nl < 0) break;
      i = nl + 1;
      line++;
      continue;
    }

    const startLine = line;
    let depth = 0;
    let code = '';
    let run = j;
    i = j;
    while (i < n) {
      // Jump over ordinary code natively: a hook runs this once per process, before any JIT.
      codeSpecial.lastIndex = i;
      if (!codeSpecial.test(text)) {
        i = n;
        break;
      }
      i = codeSpecial.lastIndex - 1;
      const c = text.charCodeAt(i);
      if (c === Ch.Nl) {
        code += text.slice(run, i);
        if (depth > 0 && !startsDeclaration(text, i + 1)) {
          line++;
          i++;
          code += ' ';
          run = i;
          continue;
        }
        break;
      }
      if (c === Ch.Hash) {
        code += text.slice(run, i);
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        run = i;
      } else if (c === Ch.Backslash && (text.charCodeAt(i + 1) === Ch.Nl || (text.charCodeAt(i + 1) === Ch.Cr && text.charCodeAt(i + 2) === Ch.Nl))) {
        code += text.slice(run, i) + ' ';
        i += text.charCodeAt(i + 1) === Ch.Nl ? 2 : 3;
        line++;
        run = i;
      } else if (c === Ch.DQuote || c === Ch.SQuote) {
        code += text.slice(run, i) + '""';
        i = scanStringAt(i);
        run = i;
      } else {
        if (c === Ch.LParen || c === Ch.LBracket || c === Ch.LBrace) depth++;
        else if (c === Ch.RParen || c === Ch.RBracket || c === Ch.RBrace) depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (i >= n) code += text.slice(run, n);
    out.push({ startLine, endLine: line, indent, code: code.trimEnd() });
    if (i < n) {
      i++; // the newline
      line++;
    }
  }
  return out;
}

/**
 * Recovery for a file mid-edit: `def`/`class` can never appear inside brackets, so an unclosed
 * bracket must not swallow the definitions below it.
 */
function startsDeclaration(text: string, from: number): boolean {
  let k = from;
  while (text.charCodeAt(k) === Ch.Space || text.charCodeAt(k) === Ch.Tab) k++;
  const c = text.charCodeAt(k);
  if (c !== 100 /* d */ && c !== 99 /* c */ && c !== 97 /* a */) return false;
  return /^(?:async\s+def|def|class)\s+[\p{ID_Start}_]/u.test(text.slice(k, k + 40));
}
