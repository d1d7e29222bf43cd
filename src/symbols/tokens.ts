/** Token kinds. Strings, template literals, regex literals, JSX and char literals are one opaque STR. */
export const ID = 0;
export const PUNCT = 1;
export const STR = 2;
export const NUM = 3;

/**
 * The significant tokens of C-like source, as parallel arrays. Comments, preprocessor lines and
 * whitespace are dropped.
 *
 * Performance: a hook outlines a whole file on every edit. One object per token made the garbage
 * collector the biggest cost, and fresh typed arrays per call (off-heap memory) triggered full
 * collections; so the arrays are reused from one scan to the next. A Tokens is therefore only valid
 * until the next scan() (see scanner.ts) — outliners use it synchronously and keep nothing but the SymbolNodes.
 */
export class Tokens {
  n = 0;
  kind: Uint8Array;
  /** The text of ID, PUNCT and NUM tokens; '' for STR (slice the source with start/end). */
  val: string[];
  start: Int32Array;
  end: Int32Array;
  /** 1-based lines of the first and last character. */
  line: Int32Array;
  endLine: Int32Array;
  /** 1 when a line break separates the token from the previous one (statements end without `;`). */
  nl: Uint8Array;
  /** For each bracket token, the index of its partner; -1 when unmatched or not a bracket. */
  match: Int32Array;

  constructor(readonly text: string) {
    const cap = Math.max(1024, text.length >> 2);
    if (pool.kind.length < cap) grow(cap);
    ({ val: this.val, kind: this.kind, start: this.start, end: this.end, line: this.line, endLine: this.endLine, nl: this.nl, match: this.match } = pool);
  }

  push(k: number, v: string, s: number, e: number): void {
    const n = this.n;
    if (n === this.kind.length) {
      // The pool's arrays are replaced by larger ones (val, a plain array, grows in place).
      grow(n * 2);
      ({ kind: this.kind, start: this.start, end: this.end, line: this.line, endLine: this.endLine, nl: this.nl, match: this.match } = pool);
    }
    this.kind[n] = k;
    this.start[n] = s;
    this.end[n] = e;
    if (n < this.val.length) this.val[n] = v;
    else this.val.push(v);
    this.n = n + 1;
  }
}

const pool = {
  val: [] as string[],
  kind: new Uint8Array(0),
  start: new Int32Array(0),
  end: new Int32Array(0),
  line: new Int32Array(0),
  endLine: new Int32Array(0),
  nl: new Uint8Array(0),
  match: new Int32Array(0),
};

/** Enlarges the shared arrays, keeping what the current scan has written so far. */
function grow(cap: number): void {
  const kind = new Uint8Array(cap);
  kind.set(pool.kind);
  const start = new Int32Array(cap);
  start.set(pool.start);
  const end = new Int32Array(cap);
  end.set(pool.end);
  pool.kind = kind;
  pool.start = start;
  pool.end = end;
  pool.line = new Int32Array(cap);
  pool.endLine = new Int32Array(cap);
  pool.nl = new Uint8Array(cap);
  pool.match = new Int32Array(cap);
}

/** Fills line, endLine and nl in one forward walk over the text. */
export function finishLines(tk: Tokens): void {
  const text = tk.text;
  const n = tk.n;
  let line = 1;
  let nextNl = text.indexOf('\n');
  let prevEndLine = 0;
  for (let i = 0; i < n; i++) {
    const s = tk.start[i]!;
    while (nextNl >= 0 && nextNl < s) {
      line++;
      nextNl = text.indexOf('\n', nextNl + 1);
    }
    tk.line[i] = line;
    tk.nl[i] = line > prevEndLine ? 1 : 0;
    const e = tk.end[i]! - 1;
    while (nextNl >= 0 && nextNl < e) {
      line++;
      nextNl = text.indexOf('\n', nextNl + 1);
    }
    tk.endLine[i] = line;
    prevEndLine = line;
  }
}

/**
 * Pairs brackets; a stray closer pops back to its opener, or is ignored when there is none. A bracket
 * left open (a file caught mid-edit: `function a() {` not yet closed) ends before the next line that is
 * indented no deeper than the line that opened it, so the declarations below it stay visible.
 * `pending` holds what pairBrackets() left open over a prefix of the tokens (from `from` on).
 */
export function matchBrackets(tk: Tokens, pending: number[] = [], from = 0): void {
  const stack = pending;
  pairBrackets(tk, stack, from);
  for (const o of stack) {
    const indent = indentOf(tk.text, tk.start[o]!);
    let k = o + 1;
    while (k < tk.n && !(tk.nl[k] === 1 && tk.start[k]! - lineStart(tk.text, tk.start[k]!) <= indent)) k++;
    // The last token before that line stands in for the missing closer (never the opener itself).
    if (k - 1 > o) tk.match[o] = k - 1;
  }
}

/**
 * Pairs the brackets of tokens [from, n) onto `stack` (the openers still open). Incremental: once the
 * stack is empty, no later token can change a pair already made, which is what lets a scan stop early.
 */
export function pairBrackets(tk: Tokens, stack: number[], from: number): void {
  const match = tk.match;
  const kind = tk.kind;
  const val = tk.val;
  for (let i = from; i < tk.n; i++) {
    match[i] = -1;
    if (kind[i] !== PUNCT) continue;
    const v = val[i];
    if (v === '(' || v === '[' || v === '{') stack.push(i);
    else if (v === ')' || v === ']' || v === '}') {
      const open = v === ')' ? '(' : v === ']' ? '[' : '{';
      let j = stack.length - 1;
      while (j >= 0 && val[stack[j]!] !== open) j--;
      if (j < 0) continue;
      const o = stack[j]!;
      stack.length = j;
      match[o] = i;
      match[i] = o;
    }
  }
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Columns of leading whitespace on the line holding pos. */
function indentOf(text: string, pos: number): number {
  const s = lineStart(text, pos);
  let i = s;
  while (i < pos && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - s;
}
