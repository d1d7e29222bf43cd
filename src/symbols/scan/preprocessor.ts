// Preprocessor lines (C, C++, C#) and compiler-control lines (Swift): where scanning resumes after
// one, and which conditional branches are scanned at all.
import type { Source } from './chars.js';

const COMPILER_CONTROL = /^(if|elseif|else|endif|warning|error|sourceLocation)$/;

export class Preprocessor {
  /** Bracket depth at each open `#if`, to tell balanced conditional branches from unbalanced ones. */
  private readonly conditionals: number[] = [];
  /** The directive skipBranch stopped at. */
  private stoppedAt = '';

  constructor(private readonly s: Source, private readonly style: 'preprocessor' | 'compilerControl') {}

  /**
   * A directive line at p (`#` first on its line). Returns where scanning resumes, or -1 when the
   * `#` is not a directive (Swift `#selector`). Every branch of `#if/#elif/#else` is scanned when the
   * first one leaves the bracket depth unchanged; when it does not (`#if X` `void f(int a) {` `#else`
   * `void f() {` `#endif`), the other branches would repeat the opening brace and are skipped.
   * `#if 0` blocks are skipped. `nested`: inside an interpolation, where no branch is tracked.
   */
  directive(p: number, nested: boolean, depth: number): number {
    const s = this.s;
    const t = s.t;
    let q = p + 1;
    while (t.charCodeAt(q) === 32 || t.charCodeAt(q) === 9) q++;
    const start = q;
    q = s.ident(q);
    const name = t.slice(start, q);
    if (this.style === 'compilerControl') {
      if (!COMPILER_CONTROL.test(name)) return -1;
      return s.lineEnd(q);
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
    const s = this.s;
    const t = s.t;
    while (p < s.n) {
      const c = t.charCodeAt(p);
      if (c === 10) return p;
      if (c === 92 && t.charCodeAt(p + 1) === 10) p += 2;
      else if (c === 92 && t.charCodeAt(p + 1) === 13) p += 3;
      else if (c === 47 && t.charCodeAt(p + 1) === 42) p = s.blockComment(p + 2);
      else if (c === 47 && t.charCodeAt(p + 1) === 47) return s.lineEnd(p);
      else p++;
    }
    return p;
  }

  /** Skips conditional lines to the matching #endif (toEndif) or to the next #else/#elif/#endif. */
  private skipBranch(p: number, toEndif: boolean): number {
    const s = this.s;
    const t = s.t;
    let level = 0;
    while (p < s.n) {
      let i = p + 1;
      while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
      if (t.charCodeAt(i) === 35) {
        i++;
        while (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9) i++;
        const start = i;
        i = s.ident(i);
        const name = t.slice(start, i);
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
      } else p = s.lineEnd(i);
    }
    return s.n;
  }
}
