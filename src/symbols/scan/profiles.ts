// What the scanner needs to know about each language, as one record per language: which quotes open
// which literals, comment and directive forms, and the JavaScript expression rules. The scanner
// (scanner.ts) reads these fields and never the language's name; a language's own literal forms
// (Rust lifetimes, Swift raw strings, C# interpolation...) sit here next to its profile.
import { isIdStart, isIdPart, type Source } from './chars.js';
import { escaped, interpolated, tripleQuoted, until } from './literals.js';

/** The languages scan() tokenizes (Python and Ruby have outliners of their own). */
export type ScannedLanguage =
  | 'typescript' | 'tsx' | 'javascript' | 'jsx' | 'go' | 'rust' | 'swift' | 'java' | 'kotlin' | 'csharp' | 'c' | 'cpp' | 'php';

/** A reader's answer when what opened it is plain punctuation in this language. */
export const NOT_A_LITERAL = -1;
/** A Rust quote that opens a lifetime (`'a`), scanned as an identifier. */
export const LIFETIME = -2;

/**
 * Reads a literal whose opening character (a quote, `#`, `$` or `@`) is at p: returns the position
 * just after it, NOT_A_LITERAL, or LIFETIME.
 */
export type LiteralReader = (s: Source, p: number) => number;

export interface LanguageProfile {
  /** What `"`, `'` and `` ` `` open; null where the character is plain punctuation. */
  readonly doubleQuote: LiteralReader;
  readonly singleQuote: LiteralReader | null;
  readonly backquote: LiteralReader | null;
  /**
   * A string whose prefix scans as an identifier (Rust `r#".."#`, C++ `R"x(..)x"`, `u8".."`): the
   * prefix is [start, end); returns the end of the string or NOT_A_LITERAL.
   */
  readonly prefixedString: ((s: Source, start: number, end: number) => number) | null;
  /** A string opened by `#` (Swift `#"..."#`). */
  readonly hashString: LiteralReader | null;
  /** Strings opened by `$` or `@` (C# `$"..{x}.."`, `@"..."`): `$` then starts no identifier and `@name` is a verbatim name. */
  readonly sigilString: LiteralReader | null;
  /** A `<<<` heredoc; p is just after the `<<<`. */
  readonly heredoc: LiteralReader | null;
  /** Code sits in an HTML template (PHP): skips the HTML from p to just after the next open tag; `?>` closes code. */
  readonly html: ((s: Source, p: number) => number) | null;
  /** Block comments nest (a comment opened inside one needs its own close). */
  readonly nestedComments: boolean;
  /** `#` (not `#[`) starts a line comment. */
  readonly hashComments: boolean;
  /**
   * `#` first on a line: a C preprocessor line (continuations, conditional branches, `#if 0`) or a
   * Swift compiler-control line (`#if`, `#else`...: one line each, every branch scanned).
   */
  readonly directives: 'preprocessor' | 'compilerControl' | null;
  /** `1'000'000`. */
  readonly digitSeparators: boolean;
  /** `#name` is a (private member) name. */
  readonly privateNames: boolean;
  /** `/` where an expression starts opens a regex. */
  readonly regexLiterals: boolean;
  /** `<` where an expression starts opens a JSX element. */
  readonly jsx: boolean;
  /** After these words an expression starts (for regexLiterals and jsx); null when nothing asks. */
  readonly expressionKeywords: ReadonlySet<string> | null;
  /**
   * `}\nName;` may end a declaration (C `typedef struct {...}\nName;`): after `}` only these words
   * start a new one, and only a function body's `}` is known to end its declaration. Null: any word may.
   */
  readonly declarationStartsAfterBrace: ReadonlySet<string> | null;
}

const cString: LiteralReader = (s, p) => escaped(s, p + 1, 34, false);
const cChar: LiteralReader = (s, p) => escaped(s, p + 1, 39, false);
/** `` `raw` `` (Go) and `` `quoted identifier` `` (Kotlin, Swift). */
const rawBackquoted: LiteralReader = (s, p) => until(s, p + 1, '`');

/** C, Java and most others: what each field means when a language has nothing special. */
const plain: LanguageProfile = {
  doubleQuote: cString,
  singleQuote: cChar,
  backquote: null,
  prefixedString: null,
  hashString: null,
  sigilString: null,
  heredoc: null,
  html: null,
  nestedComments: false,
  hashComments: false,
  directives: null,
  digitSeparators: false,
  privateNames: false,
  regexLiterals: false,
  jsx: false,
  expressionKeywords: null,
  declarationStartsAfterBrace: null,
};

/** After these keywords an expression starts, so `/` opens a regex and `<` may open JSX. */
const EXPR_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'extends',
]);

/** In C and C++ `}\nName;` may end a declaration (`typedef struct {...}\nName;`): after `}` only these start a new one. */
const C_DECLARATION_START = new Set([
  'static', 'extern', 'inline', 'void', 'int', 'char', 'short', 'long', 'unsigned', 'signed', 'float', 'double', 'bool',
  'const', 'constexpr', 'consteval', 'struct', 'union', 'enum', 'class', 'typedef', 'template', 'namespace', 'using',
  'auto', 'virtual', 'explicit', 'friend',
]);

const javascript: LanguageProfile = {
  ...plain,
  backquote: (s, p) => interpolated(s, p + 1, 96, '${', 2), // `..${expr}..`
  privateNames: true,
  regexLiterals: true,
  expressionKeywords: EXPR_KEYWORDS,
};
const jsx: LanguageProfile = { ...javascript, jsx: true };

const c: LanguageProfile = {
  ...plain,
  prefixedString: cPrefixedString,
  directives: 'preprocessor',
  digitSeparators: true,
  declarationStartsAfterBrace: C_DECLARATION_START,
};

const PROFILES: Record<ScannedLanguage, LanguageProfile> = {
  typescript: javascript,
  javascript,
  tsx: jsx,
  jsx,
  go: { ...plain, backquote: rawBackquoted },
  rust: {
    ...plain,
    doubleQuote: (s, p) => escaped(s, p + 1, 34, true),
    singleQuote: rustQuote,
    prefixedString: rustPrefixedString,
    nestedComments: true,
  },
  swift: {
    ...plain,
    doubleQuote: (s, p) => swiftString(s, p, 0),
    singleQuote: null,
    backquote: rawBackquoted,
    hashString: swiftHashString,
    nestedComments: true,
    directives: 'compilerControl',
  },
  java: {
    ...plain,
    doubleQuote: (s, p) => (s.t.startsWith('"""', p) ? tripleQuoted(s, p + 3, true) : escaped(s, p + 1, 34, false)),
  },
  kotlin: {
    ...plain,
    doubleQuote: (s, p) => (s.t.startsWith('"""', p) ? kotlinString(s, p + 3, true) : kotlinString(s, p + 1, false)),
    backquote: rawBackquoted,
    nestedComments: true,
  },
  csharp: { ...plain, doubleQuote: csharpString, sigilString: csharpString, directives: 'preprocessor' },
  c,
  cpp: c,
  php: {
    ...plain,
    doubleQuote: (s, p) => interpolated(s, p + 1, 34, '{$', 1), // "..{$expr}.."
    singleQuote: (s, p) => escaped(s, p + 1, 39, true),
    backquote: (s, p) => escaped(s, p + 1, 96, true),
    heredoc: phpHeredoc,
    html: phpHtml,
    hashComments: true,
  },
};

export function profileOf(language: ScannedLanguage): LanguageProfile {
  return PROFILES[language];
}

/** Rust `'a'` / `'\n'` are chars; `'a` and `'static` are lifetimes. */
function rustQuote(s: Source, p: number): number {
  const t = s.t;
  const c1 = t.charCodeAt(p + 1);
  if (c1 === 92) return escaped(s, p + 1, 39, false);
  const cp = t.codePointAt(p + 1) ?? 0;
  const w = cp > 0xffff ? 2 : 1;
  if (t.charCodeAt(p + 1 + w) === 39) return p + 2 + w;
  return isIdStart(c1) ? LIFETIME : NOT_A_LITERAL;
}

/** Rust r"..", r#".."#, br"..", b'x', c"..". */
function rustPrefixedString(s: Source, start: number, e: number): number {
  const t = s.t;
  const next = t.charCodeAt(e);
  if (next !== 34 && next !== 35 && next !== 39) return NOT_A_LITERAL;
  const w = t.slice(start, e);
  if ((w === 'r' || w === 'br' || w === 'cr') && (next === 34 || next === 35)) {
    let h = 0;
    while (t.charCodeAt(e + h) === 35) h++;
    if (t.charCodeAt(e + h) !== 34) return NOT_A_LITERAL;
    return until(s, e + h + 1, '"' + '#'.repeat(h));
  }
  if ((w === 'b' || w === 'c') && next === 34) return escaped(s, e + 1, 34, true);
  if (w === 'b' && next === 39) return escaped(s, e + 1, 39, false);
  return NOT_A_LITERAL;
}

/** C++ R"x(..)x" raw strings and u8"..", L'x' encoding prefixes. */
function cPrefixedString(s: Source, start: number, e: number): number {
  const t = s.t;
  const next = t.charCodeAt(e);
  if (next !== 34 && next !== 35 && next !== 39) return NOT_A_LITERAL;
  const w = t.slice(start, e);
  if (next === 34 && (w === 'R' || w === 'u8R' || w === 'uR' || w === 'UR' || w === 'LR')) {
    const open = t.indexOf('(', e + 1);
    if (open < 0 || open - e > 17) return NOT_A_LITERAL;
    return until(s, open + 1, ')' + t.slice(e + 1, open) + '"');
  }
  if ((next === 34 || next === 39) && (w === 'u8' || w === 'u' || w === 'U' || w === 'L')) {
    return escaped(s, e + 1, next, false);
  }
  return NOT_A_LITERAL;
}

/** Swift #".."#, ##""".."""##: the hashes at p, then a string that only they close. */
function swiftHashString(s: Source, p: number): number {
  const t = s.t;
  const c1 = t.charCodeAt(p + 1);
  if (c1 !== 35 && c1 !== 34) return NOT_A_LITERAL;
  let h = 0;
  while (t.charCodeAt(p + h) === 35) h++;
  return t.charCodeAt(p + h) === 34 ? swiftString(s, p + h, h) : NOT_A_LITERAL;
}

/** Swift "..", """..""" and #".."# with `\(...)` interpolation; p is at the first quote. */
function swiftString(s: Source, p: number, hashes: number): number {
  const t = s.t;
  const n = s.n;
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
      p = t.charCodeAt(q) === 40 ? s.interpolation(q + 1) : q + 1;
    } else p++;
  }
  return n;
}

/** Kotlin ".." and """..""" with `${...}` interpolation; p is after the opening quotes. */
function kotlinString(s: Source, p: number, multi: boolean): number {
  const t = s.t;
  const n = s.n;
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
    else if (c === 36 && t.charCodeAt(p + 1) === 123) p = s.interpolation(p + 2);
    else p++;
  }
  return n;
}

/** C# "..", @"..", $"..{x}..", $@"..", """raw""", $$"""..{{x}}...""". NOT_A_LITERAL when p starts none of them. */
function csharpString(s: Source, p: number): number {
  const t = s.t;
  const n = s.n;
  let dollars = 0;
  let verbatim = false;
  while (t.charCodeAt(p) === 36) dollars++, p++;
  if (t.charCodeAt(p) === 64) (verbatim = true), p++;
  while (t.charCodeAt(p) === 36) dollars++, p++;
  if (t.charCodeAt(p) !== 34) return NOT_A_LITERAL;
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
      p = run >= need ? s.interpolation(p + run) : p + run;
    } else p++;
  }
  return n;
}

/** PHP heredoc/nowdoc after `<<<`: the body ends at a line holding the label (indentation allowed). */
function phpHeredoc(s: Source, p: number): number {
  const t = s.t;
  while (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9) p++;
  const q = t.charCodeAt(p);
  if (q === 39 || q === 34) p++;
  const start = p;
  p = s.ident(p);
  if (p === start) return NOT_A_LITERAL;
  const label = t.slice(start, p);
  let line = s.lineEnd(p);
  while (line < s.n) {
    let i = line + 1;
    while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
    if (t.startsWith(label, i) && !isIdPart(t.charCodeAt(i + label.length))) return i + label.length;
    line = s.lineEnd(i);
  }
  return s.n;
}

/** PHP outside `<?php ... ?>`: skips HTML to just after the next open tag. */
function phpHtml(s: Source, p: number): number {
  const t = s.t;
  const i = t.indexOf('<?', p);
  if (i < 0) return s.n;
  if (t.startsWith('<?php', i)) return i + 5;
  if (t.startsWith('<?=', i)) return i + 3;
  return i + 2;
}
