// The token scanner the C-family outliners (C/C++, C#, Java, Kotlin, Swift, Rust, Go, PHP) share:
// strings, raw strings, char literals, comments, preprocessor lines and generics, per language.
// Length (over 450 lines): each language's literal rules are one switch here, so a quirk is fixed
// once for every outliner that meets it; a per-language profile object is the planned split (#19).
import { finishLines, ID, matchBrackets, NUM, pairBrackets, PUNCT, STR, Tokens } from './tokens.js';
import type { Language } from './types.js';

export type { Tokens } from './tokens.js';

/** 1: may start an identifier, 2: may continue one. Non-ASCII letters count as identifier chars. */
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) IDENT[c] = 3;
  else if (/[0-9]/.test(ch)) IDENT[c] = 2;
}
const isIdStart = (c: number): boolean => (c < 128 ? (IDENT[c]! & 1) !== 0 : c > 159);
const isIdPart = (c: number): boolean => (c < 128 ? IDENT[c]! !== 0 : c > 159);
/** Interned one-character strings for punctuation: no allocation per token. */
const CHAR: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/**
 * Runs of identifier characters (isIdPart) and of whitespace, as sticky regexes. Why not a loop over
 * charCodeAt: a hook resolves once in a fresh process, where that loop runs in V8's interpreter at
 * tens of bytecodes per character, while a regex is compiled to machine code after its first use.
 * Both always match (possibly empty), so lastIndex is where the run ends.
 */
const IDENT_RUN = /[\w$\u00a0-\uffff]*/y;
const SPACE_RUN = /[\x00-\x20]*/y;

/** After these keywords an expression starts, so `/` opens a regex and `<` may open JSX. */
const EXPR_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'extends',
]);


// Recursion only follows nesting (template in template, JSX in JSX); this bounds hostile input.
const MAX_NESTING = 200;

/**
 * Words that, first on a line after `;` or `}`, may still continue the statement before them (`} else`,
 * `} catch`, `} while (x);`, `}\nas T`...): a scan never stops before one of them.
 */
const CONTINUING = new Set([
  'else', 'elseif', 'elif', 'catch', 'finally', 'while', 'where', 'as', 'is', 'in', 'instanceof', 'satisfies',
  'extends', 'implements', 'of', 'and', 'or', 'not', 'throws', 'rescue', 'ensure', 'when', 'then', 'do',
]);
/** In C and C++ `}\nName;` may end a declaration (`typedef struct {...}\nName;`): after `}` only these start a new one. */
const C_DECLARATION_START = new Set([
  'static', 'extern', 'inline', 'void', 'int', 'char', 'short', 'long', 'unsigned', 'signed', 'float', 'double', 'bool',
  'const', 'constexpr', 'consteval', 'struct', 'union', 'enum', 'class', 'typedef', 'template', 'namespace', 'using',
  'auto', 'virtual', 'explicit', 'friend',
]);

/**
 * Tokenizes `text` as `language` in one pass. Never throws: unterminated constructs run to the end.
 *
 * With `untilLine`, the scan may stop early: at the first line past it that starts, at column 0, a new
 * top-level declaration (after `;` or `}`, every bracket closed). Every declaration that overlaps lines
 * up to untilLine then comes out of the outliner exactly as from the whole file, at a fraction of the
 * cost: a hook outlines the edited file cold (V8's interpreter) and only asks about the edited lines.
 */
export function scan(text: string, language: Language, untilLine?: number): Tokens {
  const s = new Scanner(text, language, untilLine);
  s.run();
  finishLines(s.tokens);
  matchBrackets(s.tokens, s.pending, s.paired);
  return s.tokens;
}

class Scanner {
  readonly tokens: Tokens;
  private readonly n: number;
  private readonly js: boolean;
  private readonly jsx: boolean;
  private readonly cpp: boolean; // C, C++ and C#: preprocessor lines
  private readonly nestedComments: boolean;
  private nesting = 0;
  /** Bracket depth at each open `#if`, to tell balanced conditional branches from unbalanced ones. */
  private readonly conditionals: number[] = [];
  /** The directive skipBranch stopped at. */
  private stoppedAt = '';
  /** From this offset on (the line after untilLine) the scan may stop at a top-level declaration. */
  private readonly stopFrom: number;
  /** Brackets paired so far (tokens [0, paired)) and the openers still open: see pairBrackets. */
  readonly pending: number[] = [];
  paired = 0;

  constructor(private readonly t: string, private readonly lang: Language, untilLine?: number) {
    this.n = t.length;
    let stopFrom = Infinity;
    if (untilLine !== undefined) {
      let at = 0; // where line `line + 1` starts
      for (let line = 1; line <= untilLine && at >= 0; line++) {
        const nl = t.indexOf('\n', at);
        at = nl < 0 ? -1 : nl + 1;
      }
      if (at >= 0) stopFrom = at;
    }
    this.stopFrom = stopFrom;
    this.tokens = new Tokens(t);
    this.js = lang === 'typescript' || lang === 'tsx' || lang === 'javascript' || lang === 'jsx';
    this.jsx = lang === 'tsx' || lang === 'jsx';
    this.cpp = lang === 'c' || lang === 'cpp' || lang === 'csharp';
    this.nestedComments = lang === 'rust' || lang === 'swift' || lang === 'kotlin';
  }

  run(): void {
    let p = 0;
    if (this.lang === 'php') p = this.html(0);
    else if (this.t.startsWith('#!')) p = this.lineEnd(0);
    this.code(p, false);
  }

  /**
   * Scans code from p. At top level (nested = false) it emits tokens and runs to the end; nested (inside
   * a template `${}`, a string interpolation or a JSX `{}`) it emits nothing and returns just after the
   * bracket that closes the construct.
   */
  private code(p: number, nested: boolean): number {
    const t = this.t;
    const n = this.n;
    const lang = this.lang;
    let depth = 0;
    // Could the previous token end an expression? Decides regex vs division and JSX vs less-than.
    let exprEnd = false;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c <= 32 || c === 0xfeff || c === 0xa0) {
        SPACE_RUN.lastIndex = p + 1;
        SPACE_RUN.test(t);
        p = SPACE_RUN.lastIndex;
        continue;
      }
      const c1 = p + 1 < n ? t.charCodeAt(p + 1) : 0;
      const start = p;
      // Comments.
      if (c === 47 /* / */ && c1 === 47) {
        p = this.lineComment(p + 2);
        continue;
      }
      if (c === 47 && c1 === 42 /* * */) {
        p = this.blockComment(p + 2);
        continue;
      }
      if (c === 35 /* # */) {
        if (lang === 'php' && c1 !== 91 /* [ */) {
          p = this.lineComment(p + 1);
          continue;
        }
        if ((this.cpp || lang === 'swift') && this.atLineStart(p)) {
          const q = this.directive(p, nested, depth);
          if (q >= 0) {
            p = q;
            continue;
          }
        }
        if (lang === 'swift' && (c1 === 35 || c1 === 34)) {
          let h = 0;
          while (t.charCodeAt(p + h) === 35) h++;
          if (t.charCodeAt(p + h) === 34) {
            p = this.swiftString(p + h, h);
            exprEnd = this.str(nested, start, p);
            continue;
          }
        }
        if (this.js && isIdStart(c1)) {
          // #private member name
          p = this.ident(p + 1);
          if (!nested) this.tokens.push(ID, t.slice(start, p), start, p);
          exprEnd = true;
          continue;
        }
      }
      // Identifiers, with the string prefixes that hang off them.
      if (isIdStart(c) && !(c === 36 /* $ */ && lang === 'csharp')) {
        if (p >= this.stopFrom && !nested && depth <= 0 && t.charCodeAt(p - 1) === 10 && this.declarationStartsAt(p)) return n;
        p = this.ident(p);
        const q = this.prefixedString(start, p);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
        if (!nested || this.js) {
          const word = t.slice(start, p);
          if (!nested) this.tokens.push(ID, word, start, p);
          exprEnd = !this.js || !EXPR_KEYWORDS.has(word);
        } else exprEnd = true;
        continue;
      }
      if (isDigit(c) || (c === 46 && isDigit(c1))) {
        p = this.number(p);
        if (!nested) this.tokens.push(NUM, t.slice(start, p), start, p);
        exprEnd = true;
        continue;
      }
      // Strings and other quoted literals.
      if (c === 34 /* " */ || c === 39 /* ' */ || c === 96 /* ` */) {
        const q = this.quoted(p, c);
        if (q === -2) {
          p = this.lifetime(p);
          if (!nested) this.tokens.push(ID, t.slice(start, p), start, p);
          exprEnd = true;
          continue;
        }
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (lang === 'csharp' && (c === 36 || c === 64) /* $ @ */) {
        const q = this.csharpString(p);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
        if (c === 64 && isIdStart(c1)) {
          // @class: a verbatim identifier
          p = this.ident(p + 1);
          if (!nested) this.tokens.push(ID, t.slice(start + 1, p), start, p);
          exprEnd = true;
          continue;
        }
      }
      if (this.js && c === 47 && !exprEnd) {
        const q = this.regex(p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (this.jsx && c === 60 /* < */ && !exprEnd && (isIdStart(c1) || c1 === 62) && !this.typeParams(p + 1)) {
        const q = this.jsxElement(p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (lang === 'php') {
        if (c === 63 /* ? */ && c1 === 62 /* > */) {
          // `?>` ends a statement, then HTML runs to the next `<?php`.
          if (!nested) this.tokens.push(PUNCT, ';', p, p + 2);
          p = this.html(p + 2);
          exprEnd = false;
          continue;
        }
        if (c === 60 && c1 === 60 && t.charCodeAt(p + 2) === 60) {
          const q = this.heredoc(p + 3);
          if (q >= 0) {
            p = q;
            exprEnd = this.str(nested, start, p);
            continue;
          }
        }
      }
      // Brackets.
      if (c === 123 || c === 40 || c === 91) {
        depth++;
        if (!nested) this.tokens.push(PUNCT, CHAR[c]!, p, p + 1);
        p++;
        exprEnd = false;
        continue;
      }
      if (c === 125 || c === 41 || c === 93) {
        p++;
        if (nested && depth === 0) return p;
        depth--;
        if (!nested) this.tokens.push(PUNCT, CHAR[c]!, start, p);
        exprEnd = c !== 125;
        continue;
      }
      // Other punctuation: a few multi-character operators matter to the declaration recognisers.
      const op = multiPunct(c, c1, t.charCodeAt(p + 2));
      p += op === undefined ? 1 : op.length;
      if (!nested) this.tokens.push(PUNCT, op ?? (c < 128 ? CHAR[c]! : t[start]!), start, p);
      exprEnd = false;
    }
    return p;
  }

  /**
   * Does a new top-level declaration start at p (an identifier at column 0, past untilLine)? Only
   * when every bracket before it is closed and the previous token ends a statement beyond doubt.
   */
  private declarationStartsAt(p: number): boolean {
    const tk = this.tokens;
    const last = tk.n - 1;
    if (last < 0 || tk.kind[last] !== PUNCT) return false;
    const v = tk.val[last];
    if (v !== ';' && v !== '}') return false;
    const word = this.t.slice(p, this.ident(p));
    if (CONTINUING.has(word)) return false;
    const c = this.lang === 'c' || this.lang === 'cpp';
    if (v === '}' && c && !C_DECLARATION_START.has(word)) return false;
    pairBrackets(tk, this.pending, this.paired);
    this.paired = tk.n;
    if (this.pending.length > 0) return false;
    // A C type body (`struct s {...}`, maybe missing its `;` mid-edit) runs on to the next `;`: only a
    // function body (`f(...) {...}`) is known to end at its `}`.
    if (v === '}' && c) {
      const open = tk.match[last]!;
      return open > 0 && tk.kind[open - 1] === PUNCT && tk.val[open - 1] === ')';
    }
    return true;
  }

  /** Records an opaque literal that ended at p; returns the new exprEnd state. */
  private str(nested: boolean, s: number, e: number): boolean {
    if (!nested) this.tokens.push(STR, '', s, e);
    return true;
  }

  private ident(p: number): number {
    IDENT_RUN.lastIndex = p;
    IDENT_RUN.test(this.t);
    return IDENT_RUN.lastIndex;
  }

  private lineEnd(p: number): number {
    const i = this.t.indexOf('\n', p);
    return i < 0 ? this.n : i;
  }

  private lineComment(p: number): number {
    const end = this.lineEnd(p);
    if (this.lang === 'php') {
      // A PHP line comment also ends at `?>`.
      const close = this.t.indexOf('?>', p);
      if (close >= 0 && close < end) return close;
    }
    return end;
  }

  private blockComment(p: number): number {
    const t = this.t;
    if (!this.nestedComments) {
      const i = t.indexOf('*/', p);
      return i < 0 ? this.n : i + 2;
    }
    let level = 1;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 42 && t.charCodeAt(p + 1) === 47) {
        p += 2;
        if (--level === 0) return p;
      } else if (c === 47 && t.charCodeAt(p + 1) === 42) {
        p += 2;
        level++;
      } else p++;
    }
    return p;
  }

  private atLineStart(p: number): boolean {
    for (let i = p - 1; i >= 0; i--) {
      const c = this.t.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  private number(p: number): number {
    const t = this.t;
    const n = this.n;
    const digitSep = this.lang === 'c' || this.lang === 'cpp';
    const hex = t.charCodeAt(p) === 48 && (t.charCodeAt(p + 1) | 32) === 120;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (isIdPart(c) && c !== 36) p++;
      else if (c === 46 && isDigit(t.charCodeAt(p + 1))) p++;
      else if (c === 39 && digitSep && isIdPart(t.charCodeAt(p + 1))) p++;
      else if ((c === 43 || c === 45) && p > 0) {
        const e = t.charCodeAt(p - 1) | 32;
        if ((!hex && e === 101) || (hex && e === 112)) p++;
        else break;
      } else break;
    }
    return p;
  }

  /**
   * A literal opened by a quote at p: returns the position after it, -1 when the quote is plain
   * punctuation in this language, -2 for a Rust lifetime.
   */
  private quoted(p: number, q: number): number {
    const t = this.t;
    const lang = this.lang;
    const triple = t.charCodeAt(p + 1) === q && t.charCodeAt(p + 2) === q;
    if (q === 96) {
      if (this.js) return this.template(p + 1);
      if (lang === 'go') return this.until(p + 1, '`');
      if (lang === 'php') return this.escaped(p + 1, q, true);
      if (lang === 'kotlin' || lang === 'swift') return this.until(p + 1, '`'); // `quoted identifier`
      return -1;
    }
    if (q === 39) {
      if (lang === 'swift') return -1;
      if (lang === 'rust') return this.rustQuote(p);
      if (lang === 'php') return this.escaped(p + 1, q, true);
      return this.escaped(p + 1, q, false);
    }
    switch (lang) {
      case 'swift':
        return this.swiftString(p, 0);
      case 'kotlin':
        return triple ? this.kotlinString(p + 3, true) : this.kotlinString(p + 1, false);
      case 'java':
        return triple ? this.tripleQuoted(p + 3, true) : this.escaped(p + 1, q, false);
      case 'csharp':
        return this.csharpString(p);
      case 'php':
        return this.phpString(p + 1);
      case 'rust':
        return this.escaped(p + 1, q, true);
      default:
        return this.escaped(p + 1, q, false);
    }
  }

  /** A quoted run with backslash escapes; an unescaped newline ends it unless multiline. */
  private escaped(p: number, q: number, multiline: boolean): number {
    const t = this.t;
    const n = this.n;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === q) return p + 1;
      if (c === 92) p += 2;
      else if (c === 10 && !multiline) return p;
      else p++;
    }
    return n;
  }

  private until(p: number, close: string): number {
    const i = this.t.indexOf(close, p);
    return i < 0 ? this.n : i + close.length;
  }

  private tripleQuoted(p: number, escapes: boolean): number {
    const t = this.t;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 92 && escapes) p += 2;
      else if (c === 34 && t.startsWith('"""', p)) return p + 3;
      else p++;
    }
    return this.n;
  }

  /** JS template body after the backquote; `${...}` holds code, which may hold templates. */
  private template(p: number): number {
    const t = this.t;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 96) return p + 1;
      if (c === 92) p += 2;
      else if (c === 36 && t.charCodeAt(p + 1) === 123) p = this.interpolation(p + 2);
      else p++;
    }
    return this.n;
  }

  /** Code inside a string interpolation, from just after its opening bracket to just after its close. */
  private interpolation(p: number): number {
    if (this.nesting >= MAX_NESTING) return p;
    this.nesting++;
    const q = this.code(p, true);
    this.nesting--;
    return q;
  }

  /** A regex body after `/`, or -1 when this `/` cannot be a regex (no closing `/` on the line). */
  private regex(p: number): number {
    const t = this.t;
    let inClass = false;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 10) return -1;
      if (c === 92) p += 2;
      else if (c === 91) (inClass = true), p++;
      else if (c === 93) (inClass = false), p++;
      else if (c === 47 && !inClass) {
        p++;
        while (p < this.n && isIdPart(t.charCodeAt(p))) p++; // flags
        return p;
      } else p++;
    }
    return -1;
  }

  /** In TSX `<T,>` and `<T extends U>` open type parameters, not JSX. */
  private typeParams(p: number): boolean {
    const t = this.t;
    if (!isIdStart(t.charCodeAt(p))) return false;
    let q = this.ident(p);
    while (t.charCodeAt(q) === 32) q++;
    return t.charCodeAt(q) === 44 || (t.startsWith('extends', q) && !isIdPart(t.charCodeAt(q + 7)));
  }

  /**
   * A JSX element or fragment whose `<` is at p - 1. Returns the position after it, or -1 when it is
   * not closed before the end of the file (then `<` was a comparison after all).
   */
  private jsxElement(p: number): number {
    if (this.nesting >= MAX_NESTING) return -1;
    const t = this.t;
    const n = this.n;
    let depth = 0; // open elements whose opening tag is complete
    let inTag = true;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (inTag) {
        if (c === 34 || c === 39) {
          const i = t.indexOf(String.fromCharCode(c), p + 1);
          if (i < 0) return -1;
          p = i + 1;
        } else if (c === 123) p = this.interpolation(p + 1);
        else if (c === 47 && t.charCodeAt(p + 1) === 62) {
          p += 2;
          inTag = false;
          if (depth === 0) return p;
        } else if (c === 62) {
          p++;
          inTag = false;
          depth++;
        } else if (c === 60) return -1; // `a < b && c < d`: not a tag
        else p++;
      } else if (c === 123) p = this.interpolation(p + 1);
      else if (c === 60) {
        if (t.charCodeAt(p + 1) === 47) {
          const i = t.indexOf('>', p);
          if (i < 0) return -1;
          p = i + 1;
          if (--depth === 0) return p;
        } else {
          p++;
          inTag = true;
        }
      } else p++;
    }
    return -1;
  }

  /** Rust `'a'` / `'\n'` are chars; `'a` and `'static` are lifetimes (-2). */
  private rustQuote(p: number): number {
    const t = this.t;
    const c1 = t.charCodeAt(p + 1);
    if (c1 === 92) return this.escaped(p + 1, 39, false);
    const cp = t.codePointAt(p + 1) ?? 0;
    const w = cp > 0xffff ? 2 : 1;
    if (t.charCodeAt(p + 1 + w) === 39) return p + 2 + w;
    return isIdStart(c1) ? -2 : -1;
  }

  private lifetime(p: number): number {
    return this.ident(p + 1);
  }

  /** Rust r"..", r#".."#, br"..", C++ R"x(..)x", u8"..": string prefixes scanned as identifiers. */
  private prefixedString(s: number, e: number): number {
    const t = this.t;
    const next = t.charCodeAt(e);
    if (next !== 34 && next !== 35 && next !== 39) return -1;
    const w = t.slice(s, e);
    if (this.lang === 'rust') {
      if ((w === 'r' || w === 'br' || w === 'cr') && (next === 34 || next === 35)) {
        let h = 0;
        while (t.charCodeAt(e + h) === 35) h++;
        if (t.charCodeAt(e + h) !== 34) return -1;
        return this.until(e + h + 1, '"' + '#'.repeat(h));
      }
      if ((w === 'b' || w === 'c') && next === 34) return this.escaped(e + 1, 34, true);
      if (w === 'b' && next === 39) return this.escaped(e + 1, 39, false);
      return -1;
    }
    if (this.lang === 'c' || this.lang === 'cpp') {
      if (next === 34 && (w === 'R' || w === 'u8R' || w === 'uR' || w === 'UR' || w === 'LR')) {
        const open = t.indexOf('(', e + 1);
        if (open < 0 || open - e > 17) return -1;
        return this.until(open + 1, ')' + t.slice(e + 1, open) + '"');
      }
      if ((next === 34 || next === 39) && (w === 'u8' || w === 'u' || w === 'U' || w === 'L')) {
        return this.escaped(e + 1, next, false);
      }
    }
    return -1;
  }

  /** Swift "..", """..""" and #".."# with `\(...)` interpolation; p is at the first quote. */
  private swiftString(p: number, hashes: number): number {
    const t = this.t;
    const n = this.n;
    const multi = t.startsWith('"""', p);
    const close = (multi ? '"""' : '"') + '#'.repeat(hashes);
    p += multi ? 3 : 1;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === 34 && t.startsWith(close, p)) return p + close.length;
      if (c === 10 && !multi) return p;
      if (c === 92) {
        let q = p + 1;
        let h = 0;
        while (h < hashes && t.charCodeAt(q) === 35) q++, h++;
        if (h < hashes) {
          p++;
          continue;
        }
        p = t.charCodeAt(q) === 40 ? this.interpolation(q + 1) : q + 1;
      } else p++;
    }
    return n;
  }

  /** Kotlin ".." and """..""" with `${...}` interpolation; p is after the opening quotes. */
  private kotlinString(p: number, multi: boolean): number {
    const t = this.t;
    const n = this.n;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        if (!multi) return p + 1;
        if (t.startsWith('"""', p)) {
          p += 3;
          while (t.charCodeAt(p) === 34) p++;
          return p;
        }
        p++;
      } else if (c === 92 && !multi) p += 2;
      else if (c === 10 && !multi) return p;
      else if (c === 36 && t.charCodeAt(p + 1) === 123) p = this.interpolation(p + 2);
      else p++;
    }
    return n;
  }

  /** C# "..", @"..", $"..{x}..", $@"..", """raw""", $$"""..{{x}}..""". -1 when p starts none of them. */
  private csharpString(p: number): number {
    const t = this.t;
    const n = this.n;
    let dollars = 0;
    let verbatim = false;
    while (t.charCodeAt(p) === 36) dollars++, p++;
    if (t.charCodeAt(p) === 64) (verbatim = true), p++;
    while (t.charCodeAt(p) === 36) dollars++, p++;
    if (t.charCodeAt(p) !== 34) return -1;
    let quotes = 0;
    while (t.charCodeAt(p + quotes) === 34) quotes++;
    if (quotes === 2) return p + 2; // ""
    const raw = quotes >= 3;
    const close = raw ? '"'.repeat(quotes) : '"';
    p += raw ? quotes : 1;
    while (p < n) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        if (verbatim && !raw && t.charCodeAt(p + 1) === 34) p += 2;
        else if (t.startsWith(close, p)) return p + close.length;
        else p++;
      } else if (c === 92 && !verbatim && !raw) p += 2;
      else if (c === 10 && !verbatim && !raw) return p;
      else if (c === 123 && dollars > 0) {
        let run = 0;
        while (t.charCodeAt(p + run) === 123) run++;
        const need = raw ? dollars : 1;
        if (!raw && run >= 2) {
          p += 2; // {{ is a literal brace
          continue;
        }
        p = run >= need ? this.interpolation(p + run) : p + run;
      } else p++;
    }
    return n;
  }

  /** PHP ".." with `{$expr}` interpolation; p is after the quote. */
  private phpString(p: number): number {
    const t = this.t;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 34) return p + 1;
      if (c === 92) p += 2;
      else if (c === 123 && t.charCodeAt(p + 1) === 36) p = this.interpolation(p + 1);
      else p++;
    }
    return this.n;
  }

  /** PHP heredoc/nowdoc after `<<<`: the body ends at a line holding the label (indentation allowed). */
  private heredoc(p: number): number {
    const t = this.t;
    while (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9) p++;
    const q = t.charCodeAt(p);
    if (q === 39 || q === 34) p++;
    const s = p;
    p = this.ident(p);
    if (p === s) return -1;
    const label = t.slice(s, p);
    let line = this.lineEnd(p);
    while (line < this.n) {
      let i = line + 1;
      while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
      if (t.startsWith(label, i) && !isIdPart(t.charCodeAt(i + label.length))) return i + label.length;
      line = this.lineEnd(i);
    }
    return this.n;
  }

  /** PHP outside `<?php ... ?>`: skips HTML to just after the next open tag. */
  private html(p: number): number {
    const i = this.t.indexOf('<?', p);
    if (i < 0) return this.n;
    if (this.t.startsWith('<?php', i)) return i + 5;
    if (this.t.startsWith('<?=', i)) return i + 3;
    return i + 2;
  }

  /**
   * A preprocessor line at p (`#` first on its line). Returns where scanning resumes, or -1 when the
   * `#` is not a directive (Swift `#selector`). Every branch of `#if/#elif/#else` is scanned when the
   * first one leaves the bracket depth unchanged; when it does not (`#if X` `void f(int a) {` `#else`
   * `void f() {` `#endif`), the other branches would repeat the opening brace and are skipped.
   * `#if 0` blocks are skipped.
   */
  private directive(p: number, nested: boolean, depth: number): number {
    const t = this.t;
    let q = p + 1;
    while (t.charCodeAt(q) === 32 || t.charCodeAt(q) === 9) q++;
    const s = q;
    q = this.ident(q);
    const name = t.slice(s, q);
    if (this.lang === 'swift') {
      if (!/^(if|elseif|else|endif|warning|error|sourceLocation)$/.test(name)) return -1;
      return this.lineEnd(q);
    }
    const end = this.directiveEnd(q);
    if (nested) return end;
    const open = this.conditionals;
    if (name === 'else' || name === 'elif' || name === 'elifdef' || name === 'elifndef') {
      if (open.length > 0 && open[open.length - 1] === depth) return end;
      open.pop();
      return this.skipBranch(end, true);
    }
    if (name === 'endif') {
      open.pop();
      return end;
    }
    if (name === 'if' && /^\s*0\s*$/.test(t.slice(q, end).replace(/\/\/.*$/, ''))) {
      const after = this.skipBranch(end, false);
      if (this.stoppedAt !== 'endif') open.push(depth);
      return after;
    }
    if (name.startsWith('if')) open.push(depth);
    return end;
  }

  /** The end of a directive line, following backslash continuations and block comments. */
  private directiveEnd(p: number): number {
    const t = this.t;
    while (p < this.n) {
      const c = t.charCodeAt(p);
      if (c === 10) return p;
      if (c === 92 && t.charCodeAt(p + 1) === 10) p += 2;
      else if (c === 92 && t.charCodeAt(p + 1) === 13) p += 3;
      else if (c === 47 && t.charCodeAt(p + 1) === 42) p = this.blockComment(p + 2);
      else if (c === 47 && t.charCodeAt(p + 1) === 47) return this.lineEnd(p);
      else p++;
    }
    return p;
  }

  /** Skips conditional lines to the matching #endif (toEndif) or to the next #else/#elif/#endif. */
  private skipBranch(p: number, toEndif: boolean): number {
    const t = this.t;
    let level = 0;
    while (p < this.n) {
      let i = p + 1;
      while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
      if (t.charCodeAt(i) === 35) {
        i++;
        while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
        const s = i;
        i = this.ident(i);
        const name = t.slice(s, i);
        const end = this.directiveEnd(i);
        if (name.startsWith('if')) level++;
        else if (name === 'endif') {
          this.stoppedAt = name;
          if (level === 0) return end;
          level--;
        } else if (level === 0 && !toEndif && (name === 'else' || name.startsWith('elif'))) {
          this.stoppedAt = name;
          return end;
        }
        p = end;
      } else p = this.lineEnd(i);
    }
    return this.n;
  }
}

/** The few multi-character operators the declaration recognisers look at: => :: -> ?. ... */
function multiPunct(c: number, c1: number, c2: number): string | undefined {
  if (c === 61 && c1 === 62) return '=>';
  if (c === 58 && c1 === 58) return '::';
  if (c === 45 && c1 === 62) return '->';
  if (c === 63 && c1 === 46 && !isDigit(c2)) return '?.';
  if (c === 46 && c1 === 46 && c2 === 46) return '...';
  return undefined;
}

