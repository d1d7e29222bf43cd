// Character classes the scanner and its literal readers share, and the one interface they read source through.

/** 1: may start an identifier, 2: may continue one. Non-ASCII letters count as identifier chars. */
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) IDENT[c] = 3;
  else if (/[0-9]/.test(ch)) IDENT[c] = 2;
}
export const isIdStart = (c: number): boolean => (c < 128 ? (IDENT[c]! & 1) !== 0 : c > 159);
export const isIdPart = (c: number): boolean => (c < 128 ? IDENT[c]! !== 0 : c > 159);
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Runs of identifier characters (isIdPart) and of whitespace, as sticky regexes. Why not a loop over
 * charCodeAt: a hook resolves once in a fresh process, where that loop runs in V8's interpreter at
 * tens of bytecodes per character, while a regex is compiled to machine code after its first use.
 * Both always match (possibly empty), so lastIndex is where the run ends.
 */
export const IDENT_RUN = /[\w$\u00a0-\uffff]*/y;
export const SPACE_RUN = /[\x00-\x20]*/y;

// Recursion only follows nesting (template in template, JSX in JSX); this bounds hostile input.
export const MAX_NESTING = 200;

/**
 * The text being scanned, as the literal readers and the preprocessor see it. Positions past the end
 * read as NaN (charCodeAt), so no reader needs a bounds check before looking one character ahead.
 */
export interface Source {
  readonly t: string;
  readonly n: number;
  /** Interpolations open around the current position (see MAX_NESTING). */
  readonly nesting: number;
  /** The end of the identifier run starting at p. */
  ident(p: number): number;
  /** The position of the line break that ends p's line (or the end of the text). */
  lineEnd(p: number): number;
  /** The end of a block comment whose body starts at p. */
  blockComment(p: number): number;
  /** Scans the code of an interpolation from p, just after its opening bracket; returns just after its close. */
  interpolation(p: number): number;
}
