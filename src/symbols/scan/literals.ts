// Literal readers more than one language uses: quoted runs, raw runs, triple quotes, strings that
// hold code (JS templates, PHP strings), and JavaScript's regexes and JSX. Each takes the position
// just after what opened the literal and returns the position just after it; an unterminated
// literal runs to the end.
import { isIdPart, isIdStart, MAX_NESTING, type Source } from './chars.js';

/** A quoted run with backslash escapes; an unescaped newline ends it unless multiline. */
export function escaped(s: Source, p: number, q: number, multiline: boolean): number {
  const t = s.t;
  const n = s.n;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === q) return p + 1;
    if (c === 92) p += 2;
    else if (c === 10 && !multiline) return p;
    else p++;
  }
  return n;
}

/** Up to and including the next `close`, with no escapes. */
export function until(s: Source, p: number, close: string): number {
  const i = s.t.indexOf(close, p);
  return i < 0 ? s.n : i + close.length;
}

/** A `"""` block's body. */
export function tripleQuoted(s: Source, p: number, escapes: boolean): number {
  const t = s.t;
  while (p < s.n) {
    const c = t.charCodeAt(p);
    if (c === 92 && escapes) p += 2;
    else if (c === 34 && t.startsWith('"""', p)) return p + 3;
    else p++;
  }
  return s.n;
}

/**
 * A quoted body with backslash escapes that may span lines, in which the two characters of `opener`
 * start code up to its closing `}`: JS templates (`${`) and PHP double-quoted strings (`{$`, whose
 * `$` is the code's first character). `codeAt`: where in the opener the code starts.
 */
export function interpolated(s: Source, p: number, close: number, opener: string, codeAt: number): number {
  const t = s.t;
  const first = opener.charCodeAt(0);
  const second = opener.charCodeAt(1);
  while (p < s.n) {
    const c = t.charCodeAt(p);
    if (c === close) return p + 1;
    if (c === 92) p += 2;
    else if (c === first && t.charCodeAt(p + 1) === second) p = s.interpolation(p + codeAt);
    else p++;
  }
  return s.n;
}

/** A regex body after `/`, or -1 when this `/` cannot be a regex (no closing `/` on the line). */
export function regex(s: Source, p: number): number {
  const t = s.t;
  let inClass = false;
  while (p < s.n) {
    const c = t.charCodeAt(p);
    if (c === 10) return -1;
    if (c === 92) p += 2;
    else if (c === 91) (inClass = true), p++;
    else if (c === 93) (inClass = false), p++;
    else if (c === 47 && !inClass) {
      p++;
      while (p < s.n && isIdPart(t.charCodeAt(p))) p++; // flags
      return p;
    } else p++;
  }
  return -1;
}

/** In TSX `<T,>` and `<T extends U>` open type parameters, not JSX. */
export function typeParams(s: Source, p: number): boolean {
  const t = s.t;
  if (!isIdStart(t.charCodeAt(p))) return false;
  let q = s.ident(p);
  while (t.charCodeAt(q) === 32) q++;
  return t.charCodeAt(q) === 44 || (t.startsWith('extends', q) && !isIdPart(t.charCodeAt(q + 7)));
}

/**
 * A JSX element or fragment whose `<` is at p - 1. Returns the position after it, or -1 when it is
 * not closed before the end of the file (then `<` was a comparison after all).
 */
export function jsxElement(s: Source, p: number): number {
  if (s.nesting >= MAX_NESTING) return -1;
  const t = s.t;
  const n = s.n;
  let depth = 0; // open elements whose opening tag is complete
  let inTag = true;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (inTag) {
      if (c === 34 || c === 39) {
        const i = t.indexOf(String.fromCharCode(c), p + 1);
        if (i < 0) return -1;
        p = i + 1;
      } else if (c === 123) p = s.interpolation(p + 1);
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
    } else if (c === 123) p = s.interpolation(p + 1);
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
