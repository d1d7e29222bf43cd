// The token scanner the C-family outliners (C/C++, C#, Java, Kotlin, Swift, Rust, Go, PHP, and
// TypeScript/JavaScript) share: the driver. What differs between languages is a LanguageProfile
// (scan/profiles.ts), read here field by field; literal readers live in scan/literals.ts and next to
// their profiles, preprocessor lines in scan/preprocessor.ts.
import { IDENT_RUN, isDigit, isIdPart, isIdStart, MAX_NESTING, SPACE_RUN, type Source } from './scan/chars.js';
import { jsxElement, regex, typeParams } from './scan/literals.js';
import { Preprocessor } from './scan/preprocessor.js';
import { LIFETIME, profileOf, type LanguageProfile, type ScannedLanguage } from './scan/profiles.js';
import { finishLines, ID, matchBrackets, NUM, pairBrackets, PUNCT, STR, Tokens } from './tokens.js';

export type { Tokens } from './tokens.js';
export type { ScannedLanguage } from './scan/profiles.js';

/** Interned one-character strings for punctuation: no allocation per token. */
const CHAR: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/**
 * Words that, first on a line after `;` or `}`, may still continue the statement before them (`} else`,
 * `} catch`, `} while (x);`, `}\nas T`...): a scan never stops before one of them.
 */
const CONTINUING = new Set([
  'else', 'elseif', 'elif', 'catch', 'finally', 'while', 'where', 'as', 'is', 'in', 'instanceof', 'satisfies',
  'extends', 'implements', 'of', 'and', 'or', 'not', 'throws', 'rescue', 'ensure', 'when', 'then', 'do',
]);

/**
 * Tokenizes `text` as `language` in one pass. Never throws: unterminated constructs run to the end.
 *
 * With `untilLine`, the scan may stop early: at the first line past it that starts, at column 0, a new
 * top-level declaration (after `;` or `}`, every bracket closed). Every declaration that overlaps lines
 * up to untilLine then comes out of the outliner exactly as from the whole file, at a fraction of the
 * cost: a hook outlines the edited file cold (V8's interpreter) and only asks about the edited lines.
 */
export function scan(text: string, language: ScannedLanguage, untilLine?: number): Tokens {
  const s = new Scanner(text, profileOf(language), untilLine);
  s.run();
  finishLines(s.tokens);
  matchBrackets(s.tokens, s.pending, s.paired);
  return s.tokens;
}

class Scanner implements Source {
  readonly tokens: Tokens;
  readonly n: number;
  nesting = 0;
  private readonly preprocessor: Preprocessor | null;
  /** From this offset on (the line after untilLine) the scan may stop at a top-level declaration. */
  private readonly stopFrom: number;
  /** Brackets paired so far (tokens [0, paired)) and the openers still open: see pairBrackets. */
  readonly pending: number[] = [];
  paired = 0;

  constructor(readonly t: string, private readonly profile: LanguageProfile, untilLine?: number) {
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
    this.preprocessor = profile.directives === null ? null : new Preprocessor(this, profile.directives);
  }

  run(): void {
    let p = 0;
    if (this.profile.html !== null) p = this.profile.html(this, 0);
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
    const profile = this.profile;
    const keywords = profile.expressionKeywords;
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
        if (profile.hashComments && c1 !== 91 /* [ */) {
          p = this.lineComment(p + 1);
          continue;
        }
        if (this.preprocessor !== null && this.atLineStart(p)) {
          const q = this.preprocessor.directive(p, nested, depth);
          if (q >= 0) {
            p = q;
            continue;
          }
        }
        if (profile.hashString !== null) {
          const q = profile.hashString(this, p);
          if (q >= 0) {
            p = q;
            exprEnd = this.str(nested, start, p);
            continue;
          }
        }
        if (profile.privateNames && isIdStart(c1)) {
          // #private member name
          p = this.ident(p + 1);
          if (!nested) this.tokens.push(ID, t.slice(start, p), start, p);
          exprEnd = true;
          continue;
        }
      }
      // Identifiers, with the string prefixes that hang off them.
      if (isIdStart(c) && !(c === 36 /* $ */ && profile.sigilString !== null)) {
        if (p >= this.stopFrom && !nested && depth <= 0 && t.charCodeAt(p - 1) === 10 && this.declarationStartsAt(p)) return n;
        p = this.ident(p);
        const q = profile.prefixedString === null ? -1 : profile.prefixedString(this, start, p);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
        if (!nested || keywords !== null) {
          const word = t.slice(start, p);
          if (!nested) this.tokens.push(ID, word, start, p);
          exprEnd = keywords === null || !keywords.has(word);
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
        const read = c === 34 ? profile.doubleQuote : c === 39 ? profile.singleQuote : profile.backquote;
        const q = read === null ? -1 : read(this, p);
        if (q === LIFETIME) {
          p = this.ident(p + 1);
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
      if (profile.sigilString !== null && (c === 36 || c === 64) /* $ @ */) {
        const q = profile.sigilString(this, p);
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
      if (profile.regexLiterals && c === 47 && !exprEnd) {
        const q = regex(this, p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (profile.jsx && c === 60 /* < */ && !exprEnd && (isIdStart(c1) || c1 === 62) && !typeParams(this, p + 1)) {
        const q = jsxElement(this, p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (profile.html !== null && c === 63 /* ? */ && c1 === 62 /* > */) {
        // `?>` ends a statement, then HTML runs to the next `<?php`.
        if (!nested) this.tokens.push(PUNCT, ';', p, p + 2);
        p = profile.html(this, p + 2);
        exprEnd = false;
        continue;
      }
      if (profile.heredoc !== null && c === 60 && c1 === 60 && t.charCodeAt(p + 2) === 60) {
        const q = profile.heredoc(this, p + 3);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
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
    const afterBrace = this.profile.declarationStartsAfterBrace;
    if (v === '}' && afterBrace !== null && !afterBrace.has(word)) return false;
    pairBrackets(tk, this.pending, this.paired);
    this.paired = tk.n;
    if (this.pending.length > 0) return false;
    // A C type body (`struct s {...}`, maybe missing its `;` mid-edit) runs on to the next `;`: only a
    // function body (`f(...) {...}`) is known to end at its `}`.
    if (v === '}' && afterBrace !== null) {
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

  ident(p: number): number {
    IDENT_RUN.lastIndex = p;
    IDENT_RUN.test(this.t);
    return IDENT_RUN.lastIndex;
  }

  lineEnd(p: number): number {
    const i = this.t.indexOf('\n', p);
    return i < 0 ? this.n : i;
  }

  private lineComment(p: number): number {
    const end = this.lineEnd(p);
    if (this.profile.html !== null) {
      // A line comment also ends at `?>`.
      const close = this.t.indexOf('?>', p);
      if (close >= 0 && close < end) return close;
    }
    return end;
  }

  blockComment(p: number): number {
    const t = this.t;
    if (!this.profile.nestedComments) {
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

  /** Code inside a string interpolation, from just after its opening bracket to just after its close. */
  interpolation(p: number): number {
    if (this.nesting >= MAX_NESTING) return p;
    this.nesting++;
    const q = this.code(p, true);
    this.nesting--;
    return q;
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
    const digitSep = this.profile.digitSeparators;
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
