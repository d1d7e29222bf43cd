// src/core/patch.ts
function isHunk(v) {
  if (!v || typeof v !== "object") return false;
  const h2 = v;
  return typeof h2.newStart === "number" && typeof h2.newLines === "number" && Array.isArray(h2.lines);
}
function editedRanges(hunks) {
  const out = [];
  for (const h2 of hunks) {
    let line = h2.newStart;
    let start = -1;
    let end = -1;
    const mark = (l) => {
      if (start < 0 || l < start) start = l;
      if (l > end) end = l;
    };
    const lines = h2.lines.map((raw) => typeof raw === "string" ? raw : " ");
    for (let i = 0; i < lines.length; ) {
      const c2 = lines[i][0];
      if (c2 === "-" || c2 === "+") {
        const removed = [];
        const added = [];
        while (i < lines.length && lines[i][0] === "-") removed.push(lines[i++].slice(1));
        while (i < lines.length && (lines[i][0] === "+" || lines[i][0] === "\\")) if (lines[i++][0] === "+") added.push(lines[i - 1].slice(1));
        const at = Math.max(1, line);
        removed.forEach((r, k) => {
          if (!(k < added.length && commaOnly(r, added[k]))) mark(at);
        });
        added.forEach((a, k) => {
          if (!(k < removed.length && commaOnly(removed[k], a))) mark(line + k);
        });
        line += added.length;
      } else {
        if (c2 !== "\\") line++;
        i++;
      }
    }
    if (start < 0) {
      start = Math.max(1, h2.newStart);
      end = Math.max(start, h2.newStart + Math.max(0, h2.newLines - 1));
    }
    out.push([start, end]);
  }
  return mergeRanges(out);
}
function commaOnly(a, b) {
  const x = a.trimEnd();
  const y = b.trimEnd();
  return x !== y && (x + "," === y || y + "," === x);
}
function mergeRanges(ranges) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
function lineCount(text) {
  if (text.length === 0) return 1;
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") ? n - 1 : n;
}
function rangeOfText(file, needle) {
  if (!needle) return void 0;
  const at = file.indexOf(needle);
  if (at < 0) return void 0;
  const start = lineCount(file.slice(0, at + 1));
  const end = start + (needle.match(/\n/g)?.length ?? 0) - (needle.endsWith("\n") ? 1 : 0);
  return [start, Math.max(start, end)];
}
function rangeOfEdit(file, oldString, newString) {
  const r = rangeOfText(file, oldString);
  if (!r || typeof newString !== "string") return r;
  const before = oldString.split("\n");
  const after = newString.split("\n");
  let kept = 0;
  while (kept < before.length && kept < after.length && (before[kept] === after[kept] || commaOnly(before[kept], after[kept]))) kept++;
  let keptAtEnd = 0;
  while (keptAtEnd < before.length - kept && keptAtEnd < after.length - kept && before[before.length - 1 - keptAtEnd] === after[after.length - 1 - keptAtEnd]) keptAtEnd++;
  const first = r[0] + kept;
  const last = Math.min(r[1], r[0] + before.length - 1 - keptAtEnd);
  if (first <= last) return [first, last];
  const at = Math.min(first, lineCount(file));
  return [at, at];
}

// src/core/openness.ts
var WHOLE_FILE = "*";
var OUTSIDE_SYMBOLS = "(top)";

// src/symbols/tokens.ts
var ID = 0;
var PUNCT = 1;
var STR = 2;
var NUM = 3;
var Tokens = class {
  constructor(text) {
    this.text = text;
    const cap = Math.max(1024, text.length >> 2);
    if (pool.kind.length < cap) grow(cap);
    ({ val: this.val, kind: this.kind, start: this.start, end: this.end, line: this.line, endLine: this.endLine, nl: this.nl, match: this.match } = pool);
  }
  text;
  n = 0;
  kind;
  /** The text of ID, PUNCT and NUM tokens; '' for STR (slice the source with start/end). */
  val;
  start;
  end;
  /** 1-based lines of the first and last character. */
  line;
  endLine;
  /** 1 when a line break separates the token from the previous one (statements end without `;`). */
  nl;
  /** For each bracket token, the index of its partner; -1 when unmatched or not a bracket. */
  match;
  push(k, v, s, e) {
    const n = this.n;
    if (n === this.kind.length) {
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
};
var pool = {
  val: [],
  kind: new Uint8Array(0),
  start: new Int32Array(0),
  end: new Int32Array(0),
  line: new Int32Array(0),
  endLine: new Int32Array(0),
  nl: new Uint8Array(0),
  match: new Int32Array(0)
};
function grow(cap) {
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
function finishLines(tk) {
  const text = tk.text;
  const n = tk.n;
  let line = 1;
  let nextNl = text.indexOf("\n");
  let prevEndLine = 0;
  for (let i = 0; i < n; i++) {
    const s = tk.start[i];
    while (nextNl >= 0 && nextNl < s) {
      line++;
      nextNl = text.indexOf("\n", nextNl + 1);
    }
    tk.line[i] = line;
    tk.nl[i] = line > prevEndLine ? 1 : 0;
    const e = tk.end[i] - 1;
    while (nextNl >= 0 && nextNl < e) {
      line++;
      nextNl = text.indexOf("\n", nextNl + 1);
    }
    tk.endLine[i] = line;
    prevEndLine = line;
  }
}
function matchBrackets(tk, pending = [], from = 0) {
  const stack = pending;
  pairBrackets(tk, stack, from);
  for (const o of stack) {
    const indent = indentOf(tk.text, tk.start[o]);
    let k = o + 1;
    while (k < tk.n && !(tk.nl[k] === 1 && tk.start[k] - lineStart(tk.text, tk.start[k]) <= indent)) k++;
    if (k - 1 > o) tk.match[o] = k - 1;
  }
}
function pairBrackets(tk, stack, from) {
  const match = tk.match;
  const kind = tk.kind;
  const val = tk.val;
  for (let i = from; i < tk.n; i++) {
    match[i] = -1;
    if (kind[i] !== PUNCT) continue;
    const v = val[i];
    if (v === "(" || v === "[" || v === "{") stack.push(i);
    else if (v === ")" || v === "]" || v === "}") {
      const open = v === ")" ? "(" : v === "]" ? "[" : "{";
      let j = stack.length - 1;
      while (j >= 0 && val[stack[j]] !== open) j--;
      if (j < 0) continue;
      const o = stack[j];
      stack.length = j;
      match[o] = i;
      match[i] = o;
    }
  }
}
function lineStart(text, pos) {
  return text.lastIndexOf("\n", pos - 1) + 1;
}
function indentOf(text, pos) {
  const s = lineStart(text, pos);
  let i = s;
  while (i < pos && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i - s;
}

// src/symbols/declarations.ts
var noNewlineRule = () => false;
var Declarations = class {
  n;
  text;
  kind;
  val;
  start;
  end;
  line;
  endLine;
  newline;
  match;
  constructor(t) {
    this.n = t.n;
    this.text = t.text;
    this.kind = t.kind;
    this.val = t.val;
    this.start = t.start;
    this.end = t.end;
    this.line = t.line;
    this.endLine = t.endLine;
    this.newline = t.nl;
    this.match = t.match;
  }
  /** Token text ('' past the end and for string literals). */
  v(i) {
    return i >= 0 && i < this.n ? this.val[i] : "";
  }
  isId(i) {
    return i >= 0 && i < this.n && this.kind[i] === ID;
  }
  isStr(i) {
    return i >= 0 && i < this.n && this.kind[i] === STR;
  }
  isPunct(i) {
    return i >= 0 && i < this.n && this.kind[i] === PUNCT;
  }
  isP(i, v) {
    return i >= 0 && i < this.n && this.kind[i] === PUNCT && this.val[i] === v;
  }
  /** Is token i an opening bracket? */
  opens(i) {
    if (!this.isPunct(i)) return false;
    const v = this.val[i];
    return v === "{" || v === "(" || v === "[";
  }
  closes(i) {
    if (!this.isPunct(i)) return false;
    const v = this.val[i];
    return v === "}" || v === ")" || v === "]";
  }
  /** The partner of the bracket at i; an unclosed bracket runs to the last token. */
  close(i) {
    const m = i >= 0 && i < this.n ? this.match[i] : -1;
    return m >= 0 ? m : this.n - 1;
  }
  /** Token i starts a new line. */
  nl(i) {
    return i < 0 || i >= this.n || this.newline[i] === 1;
  }
  /** Tokens i and i + 1 touch (no whitespace between). */
  adjacent(i) {
    return i >= 0 && i + 1 < this.n && this.end[i] === this.start[i + 1];
  }
  /** Source text of token i (string literals included). */
  raw(i) {
    return i >= 0 && i < this.n ? this.text.slice(this.start[i], this.end[i]) : "";
  }
  /** Source text of tokens [from, to], whitespace collapsed. */
  slice(from, to) {
    if (from < 0 || to >= this.n || to < from) return "";
    return this.text.slice(this.start[from], this.end[to]).replace(/\s+/g, " ");
  }
  /** Index after `<...>` at i (nested angles, brackets jumped); i itself when there is none. */
  skipAngles(i, limit) {
    if (!this.isP(i, "<")) return i;
    let depth = 0;
    let j = i;
    while (j < limit) {
      if (this.kind[j] === PUNCT) {
        const v = this.val[j];
        if (v === "<") depth++;
        else if (v === ">") {
          if (--depth === 0) return j + 1;
        } else if (v === "(" || v === "[" || v === "{") {
          j = this.close(j);
        } else if (v === ";" || v === "}" || v === ")" || v === "]") return j;
      }
      j++;
    }
    return j;
  }
  /**
   * The last token of the statement or expression starting at i: up to and including `;`, before a
   * closer that ends the container, before `,` when stopAtComma, or before a line break the rule
   * treats as a statement end. Brackets are jumped whole.
   */
  statementEnd(i, limit, rule, stopAtComma = false) {
    let j = i;
    while (j < limit) {
      if (this.kind[j] === PUNCT) {
        const v = this.val[j];
        if (v === ";") return j;
        if (v === "}" || v === ")" || v === "]") return Math.max(i, j - 1);
        if (v === "," && stopAtComma && j > i) return j - 1;
        if (v === "{" || v === "(" || v === "[") j = Math.min(this.close(j), limit - 1);
      }
      if (j + 1 >= limit || j + 1 >= this.n) return j;
      if (this.newline[j + 1] === 1 && rule(this, j, j + 1)) return j;
      j++;
    }
    return Math.max(i, limit - 1);
  }
  /**
   * The last token of a declaration whose parameters end before i: the `}` of its body, its `;`, the
   * end of an expression body opened by `expression` (C# `=>`, Kotlin `=`, a Java annotation's
   * `default`), or the token before a closer that ends the container. Brackets are jumped whole. With
   * a newline rule (Kotlin), `<...>` is jumped too and a line break the rule ends a statement at ends
   * the declaration there.
   */
  bodyEnd(i, to, expression = "", newline = null) {
    let j = i;
    while (j < to) {
      if (this.isP(j, "{")) return this.close(j);
      if (expression !== "" && this.v(j) === expression) return this.statementEnd(j, to, newline ?? noNewlineRule);
      if (this.isP(j, ";")) return j;
      if (this.closes(j)) return j - 1;
      if (newline === null) j = this.opens(j) ? this.close(j) + 1 : j + 1;
      else {
        j = this.isP(j, "<") ? this.skipAngles(j, to) : this.opens(j) ? this.close(j) + 1 : j + 1;
        if (j < this.n && this.nl(j) && !this.isP(j, "{") && !this.isP(j, expression) && newline(this, j - 1, j)) return j - 1;
      }
    }
    return to - 1;
  }
  node(name, kind, from, to, children = []) {
    const a = Math.min(from, this.n - 1);
    const b = Math.max(a, Math.min(to, this.n - 1));
    return { name, kind, startLine: this.line[a] ?? 1, endLine: this.endLine[b] ?? 1, children };
  }
  /** A token that can end an expression or a type (so a following line break may end the statement). */
  endsExpression(i) {
    if (i < 0 || i >= this.n) return false;
    if (this.kind[i] !== PUNCT) return true;
    const v = this.val[i];
    return v === ")" || v === "]" || v === "}" || v === ">" || v === "?" || v === "!";
  }
};
var NOT_THIS = -1;
function declarationsIn(d, from, to, scope, syntax) {
  const out = [];
  let i = from;
  while (i < to) i = Math.max(declaration(d, i, to, scope, syntax, out), i + 1);
  return out;
}
function declaration(d, start, to, scope, syntax, out) {
  if (d.isPunct(start) && syntax.separators.has(d.v(start))) return start + 1;
  if (syntax.whole !== null) {
    const end = syntax.whole(d, start);
    if (end !== NOT_THIS) return end;
  }
  const i = syntax.skipPrefix(d, start, to);
  const read = syntax.readers.get(syntax.keyword(d, i));
  if (read !== void 0) {
    const end = read(d, start, i, to, scope, out);
    if (end !== NOT_THIS) return end;
  }
  return syntax.other(d, start, i, to, scope, out);
}
function prefixSkipper(attribute, modifier) {
  return (d, i, to) => {
    for (; ; ) {
      let j = attribute(d, i, to);
      if (j === i) j = modifier(d, i);
      if (j === i) return i;
      i = j;
    }
  };
}
var identifierKeyword = (d, i) => d.isId(i) ? d.v(i) : "";
var tokenKeyword = (d, i) => d.v(i);
function readersFor(entries) {
  const map = /* @__PURE__ */ new Map();
  for (const [words, read] of entries) for (const w of words) map.set(w, read);
  return map;
}

// src/symbols/scan/chars.ts
var IDENT = new Uint8Array(128);
for (let c2 = 0; c2 < 128; c2++) {
  const ch = String.fromCharCode(c2);
  if (/[A-Za-z_$]/.test(ch)) IDENT[c2] = 3;
  else if (/[0-9]/.test(ch)) IDENT[c2] = 2;
}
var isIdStart = (c2) => c2 < 128 ? (IDENT[c2] & 1) !== 0 : c2 > 159;
var isIdPart = (c2) => c2 < 128 ? IDENT[c2] !== 0 : c2 > 159;
var isDigit = (c2) => c2 >= 48 && c2 <= 57;
var IDENT_RUN = /[\w$\u00a0-\uffff]*/y;
var SPACE_RUN = /[\x00-\x20]*/y;
var MAX_NESTING = 200;

// src/symbols/scan/literals.ts
function escaped(s, p, q, multiline) {
  const t = s.t;
  const n = s.n;
  while (p < n) {
    const c2 = t.charCodeAt(p);
    if (c2 === q) return p + 1;
    if (c2 === 92) p += 2;
    else if (c2 === 10 && !multiline) return p;
    else p++;
  }
  return n;
}
function until(s, p, close) {
  const i = s.t.indexOf(close, p);
  return i < 0 ? s.n : i + close.length;
}
function tripleQuoted(s, p, escapes) {
  const t = s.t;
  while (p < s.n) {
    const c2 = t.charCodeAt(p);
    if (c2 === 92 && escapes) p += 2;
    else if (c2 === 34 && t.startsWith('"""', p)) return p + 3;
    else p++;
  }
  return s.n;
}
function interpolated(s, p, close, opener, codeAt) {
  const t = s.t;
  const first = opener.charCodeAt(0);
  const second = opener.charCodeAt(1);
  while (p < s.n) {
    const c2 = t.charCodeAt(p);
    if (c2 === close) return p + 1;
    if (c2 === 92) p += 2;
    else if (c2 === first && t.charCodeAt(p + 1) === second) p = s.interpolation(p + codeAt);
    else p++;
  }
  return s.n;
}
function regex(s, p) {
  const t = s.t;
  let inClass = false;
  while (p < s.n) {
    const c2 = t.charCodeAt(p);
    if (c2 === 10) return -1;
    if (c2 === 92) p += 2;
    else if (c2 === 91) inClass = true, p++;
    else if (c2 === 93) inClass = false, p++;
    else if (c2 === 47 && !inClass) {
      p++;
      while (p < s.n && isIdPart(t.charCodeAt(p))) p++;
      return p;
    } else p++;
  }
  return -1;
}
function typeParams(s, p) {
  const t = s.t;
  if (!isIdStart(t.charCodeAt(p))) return false;
  let q = s.ident(p);
  while (t.charCodeAt(q) === 32) q++;
  return t.charCodeAt(q) === 44 || t.startsWith("extends", q) && !isIdPart(t.charCodeAt(q + 7));
}
function jsxElement(s, p) {
  if (s.nesting >= MAX_NESTING) return -1;
  const t = s.t;
  const n = s.n;
  let depth = 0;
  let inTag = true;
  while (p < n) {
    const c2 = t.charCodeAt(p);
    if (inTag) {
      if (c2 === 34 || c2 === 39) {
        const i = t.indexOf(String.fromCharCode(c2), p + 1);
        if (i < 0) return -1;
        p = i + 1;
      } else if (c2 === 123) p = s.interpolation(p + 1);
      else if (c2 === 47 && t.charCodeAt(p + 1) === 62) {
        p += 2;
        inTag = false;
        if (depth === 0) return p;
      } else if (c2 === 62) {
        p++;
        inTag = false;
        depth++;
      } else if (c2 === 60) return -1;
      else p++;
    } else if (c2 === 123) p = s.interpolation(p + 1);
    else if (c2 === 60) {
      if (t.charCodeAt(p + 1) === 47) {
        const i = t.indexOf(">", p);
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

// src/symbols/scan/preprocessor.ts
var COMPILER_CONTROL = /^(if|elseif|else|endif|warning|error|sourceLocation)$/;
var Preprocessor = class {
  constructor(s, style) {
    this.s = s;
    this.style = style;
  }
  s;
  style;
  /** Bracket depth at each open `#if`, to tell balanced conditional branches from unbalanced ones. */
  conditionals = [];
  /** The directive skipBranch stopped at. */
  stoppedAt = "";
  /**
   * A directive line at p (`#` first on its line). Returns where scanning resumes, or -1 when the
   * `#` is not a directive (Swift `#selector`). Every branch of `#if/#elif/#else` is scanned when the
   * first one leaves the bracket depth unchanged; when it does not (`#if X` `void f(int a) {` `#else`
   * `void f() {` `#endif`), the other branches would repeat the opening brace and are skipped.
   * `#if 0` blocks are skipped. `nested`: inside an interpolation, where no branch is tracked.
   */
  directive(p, nested, depth) {
    const s = this.s;
    const t = s.t;
    let q = p + 1;
    while (t.charCodeAt(q) === 32 || t.charCodeAt(q) === 9) q++;
    const start = q;
    q = s.ident(q);
    const name = t.slice(start, q);
    if (this.style === "compilerControl") {
      if (!COMPILER_CONTROL.test(name)) return -1;
      return s.lineEnd(q);
    }
    const end = this.directiveEnd(q);
    if (nested) return end;
    const open = this.conditionals;
    if (name === "else" || name === "elif" || name === "elifdef" || name === "elifndef") {
      if (open.length > 0 && open[open.length - 1] === depth) return end;
      open.pop();
      return this.skipBranch(end, true);
    }
    if (name === "endif") {
      open.pop();
      return end;
    }
    if (name === "if" && /^\s*0\s*$/.test(t.slice(q, end).replace(/\/\/.*$/, ""))) {
      const after = this.skipBranch(end, false);
      if (this.stoppedAt !== "endif") open.push(depth);
      return after;
    }
    if (name.startsWith("if")) open.push(depth);
    return end;
  }
  /** The end of a directive line, following backslash continuations and block comments. */
  directiveEnd(p) {
    const s = this.s;
    const t = s.t;
    while (p < s.n) {
      const c2 = t.charCodeAt(p);
      if (c2 === 10) return p;
      if (c2 === 92 && t.charCodeAt(p + 1) === 10) p += 2;
      else if (c2 === 92 && t.charCodeAt(p + 1) === 13) p += 3;
      else if (c2 === 47 && t.charCodeAt(p + 1) === 42) p = s.blockComment(p + 2);
      else if (c2 === 47 && t.charCodeAt(p + 1) === 47) return s.lineEnd(p);
      else p++;
    }
    return p;
  }
  /** Skips conditional lines to the matching #endif (toEndif) or to the next #else/#elif/#endif. */
  skipBranch(p, toEndif) {
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
        if (name.startsWith("if")) level++;
        else if (name === "endif") {
          this.stoppedAt = name;
          if (level === 0) return end;
          level--;
        } else if (level === 0 && !toEndif && (name === "else" || name.startsWith("elif"))) {
          this.stoppedAt = name;
          return end;
        }
        p = end;
      } else p = s.lineEnd(i);
    }
    return s.n;
  }
};

// src/symbols/scan/profiles.ts
var NOT_A_LITERAL = -1;
var LIFETIME = -2;
var cString = (s, p) => escaped(s, p + 1, 34, false);
var cChar = (s, p) => escaped(s, p + 1, 39, false);
var rawBackquoted = (s, p) => until(s, p + 1, "`");
var plain = {
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
  declarationStartsAfterBrace: null
};
var EXPR_KEYWORDS = /* @__PURE__ */ new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
  "extends"
]);
var C_DECLARATION_START = /* @__PURE__ */ new Set([
  "static",
  "extern",
  "inline",
  "void",
  "int",
  "char",
  "short",
  "long",
  "unsigned",
  "signed",
  "float",
  "double",
  "bool",
  "const",
  "constexpr",
  "consteval",
  "struct",
  "union",
  "enum",
  "class",
  "typedef",
  "template",
  "namespace",
  "using",
  "auto",
  "virtual",
  "explicit",
  "friend"
]);
var javascript = {
  ...plain,
  backquote: (s, p) => interpolated(s, p + 1, 96, "${", 2),
  // `..${expr}..`
  privateNames: true,
  regexLiterals: true,
  expressionKeywords: EXPR_KEYWORDS
};
var jsx = { ...javascript, jsx: true };
var c = {
  ...plain,
  prefixedString: cPrefixedString,
  directives: "preprocessor",
  digitSeparators: true,
  declarationStartsAfterBrace: C_DECLARATION_START
};
var PROFILES = {
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
    nestedComments: true
  },
  swift: {
    ...plain,
    doubleQuote: (s, p) => swiftString(s, p, 0),
    singleQuote: null,
    backquote: rawBackquoted,
    hashString: swiftHashString,
    nestedComments: true,
    directives: "compilerControl"
  },
  java: {
    ...plain,
    doubleQuote: (s, p) => s.t.startsWith('"""', p) ? tripleQuoted(s, p + 3, true) : escaped(s, p + 1, 34, false)
  },
  kotlin: {
    ...plain,
    doubleQuote: (s, p) => s.t.startsWith('"""', p) ? kotlinString(s, p + 3, true) : kotlinString(s, p + 1, false),
    backquote: rawBackquoted,
    nestedComments: true
  },
  csharp: { ...plain, doubleQuote: csharpString, sigilString: csharpString, directives: "preprocessor" },
  c,
  cpp: c,
  php: {
    ...plain,
    doubleQuote: (s, p) => interpolated(s, p + 1, 34, "{$", 1),
    // "..{$expr}.."
    singleQuote: (s, p) => escaped(s, p + 1, 39, true),
    backquote: (s, p) => escaped(s, p + 1, 96, true),
    heredoc: phpHeredoc,
    html: phpHtml,
    hashComments: true
  }
};
function profileOf(language) {
  return PROFILES[language];
}
function rustQuote(s, p) {
  const t = s.t;
  const c1 = t.charCodeAt(p + 1);
  if (c1 === 92) return escaped(s, p + 1, 39, false);
  const cp = t.codePointAt(p + 1) ?? 0;
  const w = cp > 65535 ? 2 : 1;
  if (t.charCodeAt(p + 1 + w) === 39) return p + 2 + w;
  return isIdStart(c1) ? LIFETIME : NOT_A_LITERAL;
}
function rustPrefixedString(s, start, e) {
  const t = s.t;
  const next = t.charCodeAt(e);
  if (next !== 34 && next !== 35 && next !== 39) return NOT_A_LITERAL;
  const w = t.slice(start, e);
  if ((w === "r" || w === "br" || w === "cr") && (next === 34 || next === 35)) {
    let h2 = 0;
    while (t.charCodeAt(e + h2) === 35) h2++;
    if (t.charCodeAt(e + h2) !== 34) return NOT_A_LITERAL;
    return until(s, e + h2 + 1, '"' + "#".repeat(h2));
  }
  if ((w === "b" || w === "c") && next === 34) return escaped(s, e + 1, 34, true);
  if (w === "b" && next === 39) return escaped(s, e + 1, 39, false);
  return NOT_A_LITERAL;
}
function cPrefixedString(s, start, e) {
  const t = s.t;
  const next = t.charCodeAt(e);
  if (next !== 34 && next !== 35 && next !== 39) return NOT_A_LITERAL;
  const w = t.slice(start, e);
  if (next === 34 && (w === "R" || w === "u8R" || w === "uR" || w === "UR" || w === "LR")) {
    const open = t.indexOf("(", e + 1);
    if (open < 0 || open - e > 17) return NOT_A_LITERAL;
    return until(s, open + 1, ")" + t.slice(e + 1, open) + '"');
  }
  if ((next === 34 || next === 39) && (w === "u8" || w === "u" || w === "U" || w === "L")) {
    return escaped(s, e + 1, next, false);
  }
  return NOT_A_LITERAL;
}
function swiftHashString(s, p) {
  const t = s.t;
  const c1 = t.charCodeAt(p + 1);
  if (c1 !== 35 && c1 !== 34) return NOT_A_LITERAL;
  let h2 = 0;
  while (t.charCodeAt(p + h2) === 35) h2++;
  return t.charCodeAt(p + h2) === 34 ? swiftString(s, p + h2, h2) : NOT_A_LITERAL;
}
function swiftString(s, p, hashes) {
  const t = s.t;
  const n = s.n;
  const multi = t.startsWith('"""', p);
  const close = (multi ? '"""' : '"') + "#".repeat(hashes);
  p += multi ? 3 : 1;
  while (p < n) {
    const c2 = t.charCodeAt(p);
    if (c2 === 34 && t.startsWith(close, p)) return p + close.length;
    if (c2 === 10 && !multi) return p;
    if (c2 === 92) {
      let q = p + 1;
      let h2 = 0;
      while (h2 < hashes && t.charCodeAt(q) === 35) q++, h2++;
      if (h2 < hashes) {
        p++;
        continue;
      }
      p = t.charCodeAt(q) === 40 ? s.interpolation(q + 1) : q + 1;
    } else p++;
  }
  return n;
}
function kotlinString(s, p, multi) {
  const t = s.t;
  const n = s.n;
  while (p < n) {
    const c2 = t.charCodeAt(p);
    if (c2 === 34) {
      if (!multi) return p + 1;
      if (t.startsWith('"""', p)) {
        p += 3;
        while (t.charCodeAt(p) === 34) p++;
        return p;
      }
      p++;
    } else if (c2 === 92 && !multi) p += 2;
    else if (c2 === 10 && !multi) return p;
    else if (c2 === 36 && t.charCodeAt(p + 1) === 123) p = s.interpolation(p + 2);
    else p++;
  }
  return n;
}
function csharpString(s, p) {
  const t = s.t;
  const n = s.n;
  let dollars = 0;
  let verbatim = false;
  while (t.charCodeAt(p) === 36) dollars++, p++;
  if (t.charCodeAt(p) === 64) verbatim = true, p++;
  while (t.charCodeAt(p) === 36) dollars++, p++;
  if (t.charCodeAt(p) !== 34) return NOT_A_LITERAL;
  let quotes = 0;
  while (t.charCodeAt(p + quotes) === 34) quotes++;
  if (quotes === 2) return p + 2;
  const raw = quotes >= 3;
  const close = raw ? '"'.repeat(quotes) : '"';
  p += raw ? quotes : 1;
  while (p < n) {
    const c2 = t.charCodeAt(p);
    if (c2 === 34) {
      if (verbatim && !raw && t.charCodeAt(p + 1) === 34) p += 2;
      else if (t.startsWith(close, p)) return p + close.length;
      else p++;
    } else if (c2 === 92 && !verbatim && !raw) p += 2;
    else if (c2 === 10 && !verbatim && !raw) return p;
    else if (c2 === 123 && dollars > 0) {
      let run = 0;
      while (t.charCodeAt(p + run) === 123) run++;
      const need = raw ? dollars : 1;
      if (!raw && run >= 2) {
        p += 2;
        continue;
      }
      p = run >= need ? s.interpolation(p + run) : p + run;
    } else p++;
  }
  return n;
}
function phpHeredoc(s, p) {
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
function phpHtml(s, p) {
  const t = s.t;
  const i = t.indexOf("<?", p);
  if (i < 0) return s.n;
  if (t.startsWith("<?php", i)) return i + 5;
  if (t.startsWith("<?=", i)) return i + 3;
  return i + 2;
}

// src/symbols/scanner.ts
var CHAR = Array.from({ length: 128 }, (_, c2) => String.fromCharCode(c2));
var CONTINUING = /* @__PURE__ */ new Set([
  "else",
  "elseif",
  "elif",
  "catch",
  "finally",
  "while",
  "where",
  "as",
  "is",
  "in",
  "instanceof",
  "satisfies",
  "extends",
  "implements",
  "of",
  "and",
  "or",
  "not",
  "throws",
  "rescue",
  "ensure",
  "when",
  "then",
  "do"
]);
function scan(text, language, untilLine) {
  const s = new Scanner(text, profileOf(language), untilLine);
  s.run();
  finishLines(s.tokens);
  matchBrackets(s.tokens, s.pending, s.paired);
  return s.tokens;
}
var Scanner = class {
  constructor(t, profile, untilLine) {
    this.t = t;
    this.profile = profile;
    this.n = t.length;
    let stopFrom = Infinity;
    if (untilLine !== void 0) {
      let at = 0;
      for (let line = 1; line <= untilLine && at >= 0; line++) {
        const nl = t.indexOf("\n", at);
        at = nl < 0 ? -1 : nl + 1;
      }
      if (at >= 0) stopFrom = at;
    }
    this.stopFrom = stopFrom;
    this.tokens = new Tokens(t);
    this.preprocessor = profile.directives === null ? null : new Preprocessor(this, profile.directives);
  }
  t;
  profile;
  tokens;
  n;
  nesting = 0;
  preprocessor;
  /** From this offset on (the line after untilLine) the scan may stop at a top-level declaration. */
  stopFrom;
  /** Brackets paired so far (tokens [0, paired)) and the openers still open: see pairBrackets. */
  pending = [];
  paired = 0;
  run() {
    let p = 0;
    if (this.profile.html !== null) p = this.profile.html(this, 0);
    else if (this.t.startsWith("#!")) p = this.lineEnd(0);
    this.code(p, false);
  }
  /**
   * Scans code from p. At top level (nested = false) it emits tokens and runs to the end; nested (inside
   * a template `${}`, a string interpolation or a JSX `{}`) it emits nothing and returns just after the
   * bracket that closes the construct.
   */
  code(p, nested) {
    const t = this.t;
    const n = this.n;
    const profile = this.profile;
    const keywords2 = profile.expressionKeywords;
    let depth = 0;
    let exprEnd = false;
    while (p < n) {
      const c2 = t.charCodeAt(p);
      if (c2 <= 32 || c2 === 65279 || c2 === 160) {
        SPACE_RUN.lastIndex = p + 1;
        SPACE_RUN.test(t);
        p = SPACE_RUN.lastIndex;
        continue;
      }
      const c1 = p + 1 < n ? t.charCodeAt(p + 1) : 0;
      const start = p;
      if (c2 === 47 && c1 === 47) {
        p = this.lineComment(p + 2);
        continue;
      }
      if (c2 === 47 && c1 === 42) {
        p = this.blockComment(p + 2);
        continue;
      }
      if (c2 === 35) {
        if (profile.hashComments && c1 !== 91) {
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
          p = this.ident(p + 1);
          if (!nested) this.tokens.push(ID, t.slice(start, p), start, p);
          exprEnd = true;
          continue;
        }
      }
      if (isIdStart(c2) && !(c2 === 36 && profile.sigilString !== null)) {
        if (p >= this.stopFrom && !nested && depth <= 0 && t.charCodeAt(p - 1) === 10 && this.declarationStartsAt(p)) return n;
        p = this.ident(p);
        const q = profile.prefixedString === null ? -1 : profile.prefixedString(this, start, p);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
        if (!nested || keywords2 !== null) {
          const word = t.slice(start, p);
          if (!nested) this.tokens.push(ID, word, start, p);
          exprEnd = keywords2 === null || !keywords2.has(word);
        } else exprEnd = true;
        continue;
      }
      if (isDigit(c2) || c2 === 46 && isDigit(c1)) {
        p = this.number(p);
        if (!nested) this.tokens.push(NUM, t.slice(start, p), start, p);
        exprEnd = true;
        continue;
      }
      if (c2 === 34 || c2 === 39 || c2 === 96) {
        const read = c2 === 34 ? profile.doubleQuote : c2 === 39 ? profile.singleQuote : profile.backquote;
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
      if (profile.sigilString !== null && (c2 === 36 || c2 === 64)) {
        const q = profile.sigilString(this, p);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
        if (c2 === 64 && isIdStart(c1)) {
          p = this.ident(p + 1);
          if (!nested) this.tokens.push(ID, t.slice(start + 1, p), start, p);
          exprEnd = true;
          continue;
        }
      }
      if (profile.regexLiterals && c2 === 47 && !exprEnd) {
        const q = regex(this, p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (profile.jsx && c2 === 60 && !exprEnd && (isIdStart(c1) || c1 === 62) && !typeParams(this, p + 1)) {
        const q = jsxElement(this, p + 1);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (profile.html !== null && c2 === 63 && c1 === 62) {
        if (!nested) this.tokens.push(PUNCT, ";", p, p + 2);
        p = profile.html(this, p + 2);
        exprEnd = false;
        continue;
      }
      if (profile.heredoc !== null && c2 === 60 && c1 === 60 && t.charCodeAt(p + 2) === 60) {
        const q = profile.heredoc(this, p + 3);
        if (q >= 0) {
          p = q;
          exprEnd = this.str(nested, start, p);
          continue;
        }
      }
      if (c2 === 123 || c2 === 40 || c2 === 91) {
        depth++;
        if (!nested) this.tokens.push(PUNCT, CHAR[c2], p, p + 1);
        p++;
        exprEnd = false;
        continue;
      }
      if (c2 === 125 || c2 === 41 || c2 === 93) {
        p++;
        if (nested && depth === 0) return p;
        depth--;
        if (!nested) this.tokens.push(PUNCT, CHAR[c2], start, p);
        exprEnd = c2 !== 125;
        continue;
      }
      const op = multiPunct(c2, c1, t.charCodeAt(p + 2));
      p += op === void 0 ? 1 : op.length;
      if (!nested) this.tokens.push(PUNCT, op ?? (c2 < 128 ? CHAR[c2] : t[start]), start, p);
      exprEnd = false;
    }
    return p;
  }
  /**
   * Does a new top-level declaration start at p (an identifier at column 0, past untilLine)? Only
   * when every bracket before it is closed and the previous token ends a statement beyond doubt.
   */
  declarationStartsAt(p) {
    const tk = this.tokens;
    const last = tk.n - 1;
    if (last < 0 || tk.kind[last] !== PUNCT) return false;
    const v = tk.val[last];
    if (v !== ";" && v !== "}") return false;
    const word = this.t.slice(p, this.ident(p));
    if (CONTINUING.has(word)) return false;
    const afterBrace = this.profile.declarationStartsAfterBrace;
    if (v === "}" && afterBrace !== null && !afterBrace.has(word)) return false;
    pairBrackets(tk, this.pending, this.paired);
    this.paired = tk.n;
    if (this.pending.length > 0) return false;
    if (v === "}" && afterBrace !== null) {
      const open = tk.match[last];
      return open > 0 && tk.kind[open - 1] === PUNCT && tk.val[open - 1] === ")";
    }
    return true;
  }
  /** Records an opaque literal that ended at p; returns the new exprEnd state. */
  str(nested, s, e) {
    if (!nested) this.tokens.push(STR, "", s, e);
    return true;
  }
  ident(p) {
    IDENT_RUN.lastIndex = p;
    IDENT_RUN.test(this.t);
    return IDENT_RUN.lastIndex;
  }
  lineEnd(p) {
    const i = this.t.indexOf("\n", p);
    return i < 0 ? this.n : i;
  }
  lineComment(p) {
    const end = this.lineEnd(p);
    if (this.profile.html !== null) {
      const close = this.t.indexOf("?>", p);
      if (close >= 0 && close < end) return close;
    }
    return end;
  }
  blockComment(p) {
    const t = this.t;
    if (!this.profile.nestedComments) {
      const i = t.indexOf("*/", p);
      return i < 0 ? this.n : i + 2;
    }
    let level = 1;
    while (p < this.n) {
      const c2 = t.charCodeAt(p);
      if (c2 === 42 && t.charCodeAt(p + 1) === 47) {
        p += 2;
        if (--level === 0) return p;
      } else if (c2 === 47 && t.charCodeAt(p + 1) === 42) {
        p += 2;
        level++;
      } else p++;
    }
    return p;
  }
  /** Code inside a string interpolation, from just after its opening bracket to just after its close. */
  interpolation(p) {
    if (this.nesting >= MAX_NESTING) return p;
    this.nesting++;
    const q = this.code(p, true);
    this.nesting--;
    return q;
  }
  atLineStart(p) {
    for (let i = p - 1; i >= 0; i--) {
      const c2 = this.t.charCodeAt(i);
      if (c2 === 10) return true;
      if (c2 !== 32 && c2 !== 9) return false;
    }
    return true;
  }
  number(p) {
    const t = this.t;
    const n = this.n;
    const digitSep = this.profile.digitSeparators;
    const hex = t.charCodeAt(p) === 48 && (t.charCodeAt(p + 1) | 32) === 120;
    while (p < n) {
      const c2 = t.charCodeAt(p);
      if (isIdPart(c2) && c2 !== 36) p++;
      else if (c2 === 46 && isDigit(t.charCodeAt(p + 1))) p++;
      else if (c2 === 39 && digitSep && isIdPart(t.charCodeAt(p + 1))) p++;
      else if ((c2 === 43 || c2 === 45) && p > 0) {
        const e = t.charCodeAt(p - 1) | 32;
        if (!hex && e === 101 || hex && e === 112) p++;
        else break;
      } else break;
    }
    return p;
  }
};
function multiPunct(c2, c1, c22) {
  if (c2 === 61 && c1 === 62) return "=>";
  if (c2 === 58 && c1 === 58) return "::";
  if (c2 === 45 && c1 === 62) return "->";
  if (c2 === 63 && c1 === 46 && !isDigit(c22)) return "?.";
  if (c2 === 46 && c1 === 46 && c22 === 46) return "...";
  return void 0;
}

// src/symbols/c.ts
function outlineC(text, language, untilLine) {
  const d = new Declarations(scan(text, language, untilLine));
  return items(d, 0, d.n, "", false);
}
var SPECIFIER_CALLS = /* @__PURE__ */ new Set([
  "__attribute__",
  "__declspec",
  "alignas",
  "_Alignas",
  "__asm__",
  "__asm",
  "asm",
  "decltype",
  "noexcept",
  "throw",
  "requires",
  "__pragma",
  "_Pragma",
  "sizeof",
  "alignof",
  "typeof",
  "__typeof__"
]);
var TAIL_WORDS = /* @__PURE__ */ new Set(["const", "volatile", "noexcept", "override", "final", "throw", "try", "requires", "mutable", "__attribute__", "constexpr", "where"]);
var ACCESS = /* @__PURE__ */ new Set(["public", "private", "protected", "signals", "slots", "Q_SIGNALS", "Q_SLOTS"]);
var TYPE_KEYWORDS = /* @__PURE__ */ new Set(["class", "struct", "union", "enum"]);
var MACRO = /^[A-Z_][A-Z0-9_]*$/;
var items = (d, from, to, prefix, inClass) => declarationsIn(d, from, to, { prefix, inType: inClass }, C);
var access = (d, _start, i, _to, { inType: inClass }) => {
  if (inClass && d.isP(i + 1, ":")) return i + 2;
  if (inClass && ACCESS.has(d.v(i + 1)) && d.isP(i + 2, ":")) return i + 3;
  return NOT_THIS;
};
var externC = (d, start, i, to, { prefix, inType: inClass }, out) => {
  if (!d.isStr(i + 1)) return NOT_THIS;
  if (d.isP(i + 2, "{")) {
    const close = d.close(i + 2);
    out.push(...items(d, i + 3, close, prefix, inClass));
    return close + 1;
  }
  return declaration2(d, start, i + 2, to, prefix, inClass, out);
};
var typedef = (d, start, i, to, { prefix }, out) => {
  const end = d.statementEnd(i, to, noNewlineRule);
  let from = i + 1;
  for (let j = from; j <= end; j++) {
    if (d.isP(j, ",") || j === end) {
      const name = declaratorName(d, from, j);
      if (name !== "") out.push(d.node(prefix + name, "type", start, end));
      from = j + 1;
    } else if (d.opens(j)) j = d.close(j);
    else if (d.isP(j, "<")) j = d.skipAngles(j, end) - 1;
  }
  return end + 1;
};
var using = (d, start, i, to, { prefix }, out) => {
  const end = d.statementEnd(i, to, noNewlineRule);
  if (d.isId(i + 1) && d.isP(i + 2, "=")) out.push(d.node(prefix + d.v(i + 1), "type", start, end));
  return end + 1;
};
var C = {
  separators: /* @__PURE__ */ new Set([";"]),
  whole: null,
  // `[[attributes]]`, `template <...>` and specifier calls (`__attribute__((...))`), in any order; C has no modifier that matters.
  skipPrefix: prefixSkipper(
    (d, i, to) => {
      if (d.isP(i, "[") && d.isP(i + 1, "[")) return d.close(i) + 1;
      if (d.v(i) === "template" && d.isP(i + 1, "<")) return d.skipAngles(i + 1, to);
      if (SPECIFIER_CALLS.has(d.v(i)) && d.isP(i + 1, "(")) return d.close(i + 1) + 1;
      return i;
    },
    (_d, i) => i
  ),
  keyword: identifierKeyword,
  readers: readersFor([
    [[...ACCESS], access],
    [["extern"], externC],
    [["namespace"], (d, start, i, to, { prefix }, out) => namespace(d, start, i + 1, to, prefix, out)],
    [["inline"], (d, start, i, to, { prefix }, out) => d.v(i + 1) === "namespace" ? namespace(d, start, i + 2, to, prefix, out) : NOT_THIS],
    [["typedef"], typedef],
    [["using"], using],
    [[...TYPE_KEYWORDS], (d, start, i, to, { prefix }, out) => typeDefinition(d, start, i, to, prefix, out)]
  ]),
  other: (d, start, i, to, { prefix, inType: inClass }, out) => declaration2(d, start, i, to, prefix, inClass, out)
};
function namespace(d, start, i, to, prefix, out) {
  let name = "";
  while (d.isId(i) || d.isP(i, "::")) name += d.isId(i) ? d.v(i++) : (i++, ".");
  if (!d.isP(i, "{")) return d.statementEnd(i, to, noNewlineRule) + 1;
  const close = d.close(i);
  if (name === "") out.push(...items(d, i + 1, close, prefix, false));
  else out.push(d.node(prefix + name, "namespace", start, close, items(d, i + 1, close, prefix + name + ".", false)));
  return close + 1;
}
function typeDefinition(d, start, i, to, prefix, out) {
  const kind = d.v(i);
  let j = i + 1;
  if (kind === "enum" && (d.v(j) === "class" || d.v(j) === "struct")) j++;
  let name = "";
  for (; j < to; j++) {
    if (d.isId(j)) {
      if (SPECIFIER_CALLS.has(d.v(j)) && d.isP(j + 1, "(")) j = d.close(j + 1);
      else if (d.v(j) !== "final") name = d.isP(j - 1, "::") ? name + "." + d.v(j) : d.v(j);
    } else if (d.isP(j, "<")) j = d.skipAngles(j, to) - 1;
    else if (d.isP(j, "[") || d.isP(j, "(") && d.isId(j - 1)) j = d.close(j);
    else if (!d.isP(j, "::")) break;
  }
  if (d.isP(j, ":")) {
    while (j < to && !d.isP(j, "{") && !d.isP(j, ";")) j = d.isP(j, "<") ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  if (d.isP(j, ";") && d.isId(j - 1)) return j + 1;
  if (!d.isP(j, "{")) return -1;
  const close = d.close(j);
  const end = d.isP(close + 1, ";") ? close + 1 : d.isId(close + 1) || d.isP(close + 1, "*") ? d.statementEnd(close + 1, to, noNewlineRule) : close;
  if (name === "") return end + 1;
  const qualified = prefix + name;
  const children = kind === "enum" ? [] : items(d, j + 1, close, qualified + ".", true);
  out.push(d.node(qualified, kind, start, end, children));
  return end + 1;
}
function declaration2(d, start, i, to, prefix, inClass, out) {
  let name = "";
  let pointer = false;
  let j = i;
  while (j < to) {
    if (d.isId(j)) {
      const w = d.v(j);
      if (j > i && d.nl(j) && j - 1 === i && MACRO.test(d.v(i))) return j;
      if (SPECIFIER_CALLS.has(w) && d.isP(j + 1, "(")) {
        j = d.close(j + 1) + 1;
        continue;
      }
      if (w === "operator") {
        const [op, paren] = operatorName(d, j, to);
        name = d.isP(j - 1, "::") ? name + "." + op : op;
        j = paren;
        continue;
      }
      const part = d.isP(j - 1, "~") ? "~" + w : w;
      name = d.isP(j - 1, "::") || d.isP(j - 1, "~") && d.isP(j - 2, "::") ? name + "." + part : part;
      j++;
      continue;
    }
    const v = d.v(j);
    if (v === "<" && name !== "") {
      j = d.skipAngles(j, to);
      continue;
    }
    if (v === "(") {
      if (d.isP(j + 1, "*") || d.isP(j + 1, "&") || d.isP(j + 1, "^")) {
        let k = j + 1;
        while (k < d.close(j) && !d.isId(k)) k++;
        name = d.v(k);
        pointer = true;
        j = d.close(j) + 1;
        continue;
      }
      if (name === "" || pointer) {
        j = d.close(j) + 1;
        continue;
      }
      const [body, end] = functionTail(d, d.close(j) + 1, to);
      if (body) out.push(d.node(prefix + name, inClass || name.includes(".") ? "method" : "function", start, end));
      return end + 1;
    }
    if (v === "[") {
      j = d.close(j) + 1;
      continue;
    }
    if (v === "=" || v === ";" || v === "," || v === "{" || v === ":") {
      if (name === "") return (v === "{" ? d.close(j) : j) + 1;
      const end = d.statementEnd(j, to, noNewlineRule);
      const isExtern = d.slice(start, j).split(" ").includes("extern") && v !== "=";
      if (!inClass && name !== "" && !isExtern) out.push(d.node(prefix + name, "variable", start, end));
      return end + 1;
    }
    if (d.closes(j)) return j;
    j++;
  }
  return to;
}
function operatorName(d, i, to) {
  if (d.isP(i + 1, "(") && d.isP(i + 2, ")") && d.isP(i + 3, "(")) return ["operator()", i + 3];
  let name = "operator";
  let j = i + 1;
  for (; j < to && !d.isP(j, "(") && j < i + 6; j++) name += d.isId(j) && j === i + 1 ? " " + d.v(j) : d.isStr(j) ? d.raw(j) : d.v(j);
  return [name, j];
}
function functionTail(d, i, to) {
  let initialisers = false;
  let j = i;
  while (j < to) {
    const v = d.v(j);
    if (d.isPunct(j)) {
      if (v === "{") {
        if (initialisers && (d.isId(j - 1) || d.isP(j - 1, ">"))) {
          j = d.close(j) + 1;
          continue;
        }
        return [true, d.close(j)];
      }
      if (v === ";") return [false, j];
      if (v === "=") {
        const defined = d.v(j + 1) === "default" || d.v(j + 1) === "delete";
        return [defined, d.statementEnd(j, to, noNewlineRule)];
      }
      if (v === ":") initialisers = true;
      if (d.closes(j)) return [false, j - 1];
      if (v === "<") {
        j = d.skipAngles(j, to);
        continue;
      }
      j = d.opens(j) ? d.close(j) + 1 : j + 1;
      continue;
    }
    if (d.isId(j) && d.nl(j) && !initialisers && !TAIL_WORDS.has(v) && !MACRO.test(v)) return [false, j - 1];
    j++;
  }
  return [false, to - 1];
}
function declaratorName(d, from, end) {
  let name = "";
  for (let j = from; j < end; j++) {
    if (d.isP(j, "(")) {
      for (let k = j + 1; k < d.close(j); k++) {
        if ((d.isP(k, "*") || d.isP(k, "^") || d.isP(k, "&")) && d.isId(k + 1)) return d.v(k + 1);
      }
      j = d.close(j);
    } else if (d.opens(j)) j = d.close(j);
    else if (d.isP(j, "<")) j = d.skipAngles(j, end) - 1;
    else if (d.isId(j) && !SPECIFIER_CALLS.has(d.v(j))) name = d.v(j);
  }
  return name;
}

// src/symbols/csharp.ts
function outlineCSharp(text, untilLine) {
  const d = new Declarations(scan(text, "csharp", untilLine));
  return members(d, 0, d.n, "", "");
}
var MODIFIERS = /* @__PURE__ */ new Set([
  "public",
  "private",
  "protected",
  "internal",
  "static",
  "readonly",
  "const",
  "volatile",
  "virtual",
  "override",
  "abstract",
  "sealed",
  "extern",
  "unsafe",
  "new",
  "partial",
  "async",
  "fixed",
  "required",
  "file",
  "global",
  "ref"
]);
var CONTEXTUAL = /* @__PURE__ */ new Set(["async", "partial", "file", "required", "global"]);
var members = (d, from, to, prefix, owner) => declarationsIn(d, from, to, { prefix, owner }, CSHARP);
var namespace2 = (d, start, i, to, { prefix }, out) => {
  let j = i + 1;
  let name = d.v(j++);
  while (d.isP(j, ".") && d.isId(j + 1)) name += "." + d.v(j + 1), j += 2;
  const qualified = prefix + name;
  if (d.isP(j, "{")) {
    const close = d.close(j);
    out.push(d.node(qualified, "namespace", start, close, members(d, j + 1, close, qualified + ".", "")));
    return close + 1;
  }
  out.push(...members(d, j + 1, to, qualified + ".", ""));
  return to;
};
var type = (d, start, i, to, { prefix }, out) => {
  const kw = d.v(i);
  let j = i;
  if (kw === "record" && (d.v(i + 1) === "class" || d.v(i + 1) === "struct")) j++;
  if (!d.isId(j + 1)) return NOT_THIS;
  const name = d.v(j + 1);
  j += 2;
  while (j < to && !d.isP(j, "{") && !d.isP(j, ";")) j = d.isP(j, "<") ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  const qualified = prefix + name;
  if (!d.isP(j, "{")) {
    out.push(d.node(qualified, kw, start, j));
    return j + 1;
  }
  const close = d.close(j);
  const end = d.isP(close + 1, ";") ? close + 1 : close;
  out.push(d.node(qualified, kw, start, end, kw === "enum" ? [] : members(d, j + 1, close, qualified + ".", name)));
  return end + 1;
};
var member = (d, start, i, to, { prefix, owner }, out) => {
  const w = d.v(i);
  const kw = w === "delegate" || w === "event" ? w : "";
  if (kw === "" && owner === "") return d.statementEnd(i, to, noNewlineRule) + 1;
  let name = "";
  let j;
  for (j = i; j < to; j++) {
    if (d.isP(j, "<") && name !== "") {
      j = d.skipAngles(j, to) - 1;
      continue;
    }
    if (d.isId(j)) {
      name = d.v(j) === "operator" ? operatorName2(d, j) : d.isP(j - 1, "~") ? "~" + d.v(j) : d.v(j);
      if (d.v(j) === "operator") while (!d.isP(j + 1, "(") && j + 1 < to) j++;
      continue;
    }
    const v2 = d.v(j);
    if (v2 === "[" && d.v(j - 1) === "this" || v2 === "(" && name === "") {
      j = d.close(j);
      continue;
    }
    if (v2 === "(" || v2 === "{" || v2 === "=>" || v2 === "=" || v2 === ";" || v2 === ",") break;
    if (d.opens(j)) j = d.close(j);
    else if (d.closes(j)) return j;
  }
  const v = d.v(j);
  let end;
  let kind;
  if (v === "(" && kw !== "event") {
    kind = kw === "delegate" ? "delegate" : "method";
    end = d.bodyEnd(d.close(j) + 1, to, "=>");
  } else {
    kind = kw === "event" ? "event" : v === "{" || v === "=>" ? "property" : "field";
    end = v === "{" ? d.close(j) : d.statementEnd(j, to, noNewlineRule);
    if (v === "{" && d.isP(end + 1, "=")) end = d.statementEnd(end + 1, to, noNewlineRule);
  }
  const listed = name !== "" && name !== "this" && !name.startsWith("~") && !name.startsWith("operator");
  if (listed) out.push(d.node(prefix + name, kind, start, end));
  return end + 1;
};
var CSHARP = {
  separators: /* @__PURE__ */ new Set([";", ","]),
  // [assembly: X]
  whole: (d, start) => d.isP(start, "[") && d.isId(start + 1) && d.isP(start + 2, ":") ? d.close(start) + 1 : NOT_THIS,
  skipPrefix: prefixSkipper(
    (d, i) => d.isP(i, "[") ? d.close(i) + 1 : i,
    (d, i) => {
      const w = d.v(i);
      const modifier = d.isId(i) && MODIFIERS.has(w) && !(CONTEXTUAL.has(w) && (d.isP(i + 1, "(") || d.isP(i + 1, "=") || d.isP(i + 1, ";")));
      return modifier ? i + 1 : i;
    }
  ),
  keyword: tokenKeyword,
  readers: readersFor([
    [["using", "extern"], (d, _start, i, to) => d.statementEnd(i, to, noNewlineRule) + 1],
    [["namespace"], namespace2],
    [["class", "struct", "interface", "enum", "record"], type]
  ]),
  other: member
};
function operatorName2(d, i) {
  let name = "operator";
  for (let j = i + 1; !d.isP(j, "(") && j < d.n && j < i + 4; j++) name += d.isId(j) && j === i + 1 ? " " + d.v(j) : d.v(j);
  return name;
}

// src/symbols/go.ts
var goNewline = (d, prev) => {
  if (!d.isPunct(prev)) return true;
  const v = d.v(prev);
  return v === ")" || v === "]" || v === "}";
};
function outlineGo(text, untilLine) {
  const d = new Declarations(scan(text, "go", untilLine));
  const out = [];
  let i = 0;
  while (i < d.n) {
    const w = d.isId(i) ? d.v(i) : "";
    let next;
    if (w === "func") next = func(d, i, out);
    else if (w === "type" || w === "var" || w === "const") next = specs(d, i, out);
    else next = d.statementEnd(i, d.n, goNewline) + 1;
    i = Math.max(next, i + 1);
  }
  return out;
}
function func(d, start, out) {
  let i = start + 1;
  let receiver = "";
  if (d.isP(i, "(")) {
    receiver = receiverType(d, i);
    i = d.close(i) + 1;
  }
  if (!d.isId(i)) return d.statementEnd(i, d.n, goNewline) + 1;
  const name = d.v(i++);
  if (d.isP(i, "[")) i = d.close(i) + 1;
  if (!d.isP(i, "(")) return d.statementEnd(i, d.n, goNewline) + 1;
  let j = d.close(i) + 1;
  let end = j - 1;
  while (j < d.n) {
    if (d.isP(j, "{")) {
      if (d.v(j - 1) === "struct" || d.v(j - 1) === "interface") {
        j = d.close(j) + 1;
        end = j - 1;
        continue;
      }
      end = d.close(j);
      break;
    }
    if (d.isP(j, ";") || d.closes(j) || d.nl(j) && goNewline(d, j - 1, j)) break;
    j = d.opens(j) ? d.close(j) + 1 : j + 1;
    end = j - 1;
  }
  out.push(d.node(receiver === "" ? name : `${receiver}.${name}`, receiver === "" ? "function" : "method", start, end));
  return end + 1;
}
function receiverType(d, open) {
  const close = d.close(open);
  let name = "";
  for (let j = open + 1; j < close; j++) {
    if (d.isP(j, "[")) break;
    if (d.isId(j)) name = d.v(j);
  }
  return name;
}
function specs(d, start, out) {
  const keyword = d.v(start);
  if (!d.isP(start + 1, "(")) {
    const end = d.statementEnd(start + 1, d.n, goNewline);
    spec(d, keyword, start, start + 1, end, out);
    return end + 1;
  }
  const close = d.close(start + 1);
  const found = [];
  let i = start + 2;
  while (i < close) {
    if (d.isP(i, ";")) {
      i++;
      continue;
    }
    const end = d.statementEnd(i, close, goNewline);
    spec(d, keyword, i, i, end, found);
    i = end + 1;
  }
  const single = found.length > 0 && found.every((n) => n.startLine === found[0].startLine);
  for (const n of found) out.push(single ? { ...n, startLine: d.node("", "", start, start).startLine, endLine: d.node("", "", close, close).endLine } : n);
  return close + 1;
}
function spec(d, keyword, from, nameAt2, end, out) {
  if (!d.isId(nameAt2)) return;
  let kind = keyword === "var" ? "variable" : "constant";
  if (keyword === "type") {
    let j = nameAt2 + 1;
    if (d.isP(j, "[")) j = d.close(j) + 1;
    if (d.isP(j, "=")) j++;
    const w = d.v(j);
    kind = w === "struct" ? "struct" : w === "interface" ? "interface" : "type";
    out.push(d.node(d.v(nameAt2), kind, from, end));
    return;
  }
  for (let j = nameAt2; d.isId(j); j += 2) {
    out.push(d.node(d.v(j), kind, from, end));
    if (!d.isP(j + 1, ",")) break;
  }
}

// src/symbols/structured.ts
var UnparsableFile = class extends Error {
  constructor(format, line, why) {
    super(`${format}: line ${line}: ${why}`);
    this.name = "UnparsableFile";
  }
};
var TextCursor = class {
  constructor(src, format) {
    this.src = src;
    this.format = format;
  }
  src;
  format;
  pos = 0;
  line = 1;
  fail(why) {
    throw new UnparsableFile(this.format, this.line, why);
  }
  /**
   * The items of a list whose opening bracket is at pos, each read by `item`, separated by commas (a
   * trailing one allowed) up to `close`; pos ends just after the closer.
   */
  list(close, item) {
    this.pos++;
    const items3 = [];
    for (; ; ) {
      this.skip();
      if (this.src[this.pos] === close) break;
      items3.push(item());
      this.skip();
      if (this.src[this.pos] === ",") this.pos++;
      else if (this.src[this.pos] !== close) this.fail(`expected "," or "${close}"`);
    }
    this.pos++;
    return items3;
  }
};
function keySegment(parent, key) {
  const bare = isBare(key);
  if (parent === void 0) return bare ? key : `[${JSON.stringify(key)}]`;
  return bare ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
function isBare(key) {
  if (key === "") return false;
  for (let i = 0; i < key.length; i++) {
    const c2 = key.charCodeAt(i);
    if (c2 === 46 || c2 === 91 || c2 === 93 || c2 === 34 || c2 <= 32 || c2 > 127 && /\s/.test(key[i])) return false;
  }
  return true;
}
function itemSegment(parent, index, label) {
  return `${parent ?? ""}[${label === void 0 ? index : JSON.stringify(label)}]`;
}
var LABEL_KEYS = ["name", "id", "key"];
function uniqueLabels(labels) {
  const seen = /* @__PURE__ */ new Map();
  for (const l of labels) if (l !== void 0) seen.set(l, (seen.get(l) ?? 0) + 1);
  return labels.map((l) => l !== void 0 && seen.get(l) === 1 ? l : void 0);
}
function pruneOneLiners(nodes) {
  for (const n of nodes) {
    if (n.startLine === n.endLine) n.children = [];
    else pruneOneLiners(n.children);
  }
  return nodes;
}
function named(drafts, parent) {
  for (const d of drafts) {
    d.name = d.title ?? (d.key !== void 0 ? keySegment(parent, d.key) : itemSegment(parent, d.index ?? 0, d.label));
    if (d.startLine === d.endLine) d.children = [];
    else named(d.children, d.name);
  }
  return drafts;
}
function linesOf(text) {
  const lines = text.split("\n");
  return text.includes("\r") ? lines.map((l) => l.endsWith("\r") ? l.slice(0, -1) : l) : lines;
}
function node(name, kind, startLine, endLine, children = []) {
  return { name, kind, startLine, endLine, children };
}

// src/symbols/ini.ts
var SECTION = /^[ \t]*\[([^\]\n]*)\][ \t]*(?:[#;].*)?$/;
var ENTRY = /^[ \t]*(?:export[ \t]+)?([^=:\s#;[][^=:]*?)[ \t]*[=:]/;
var COMMENT = /^[ \t]*[#;]/;
var blank = (l) => /^[ \t]*$/.test(l);
function quoteCloses(lines, i, valueAt) {
  const l = lines[i];
  const q = l.slice(valueAt).trimStart()[0];
  if (q !== '"' && q !== "'") return -1;
  const open = l.indexOf(q, valueAt);
  const closesAt = (s, from) => {
    for (let j = from; j < s.length; j++) {
      if (q === '"' && s[j] === "\\") j++;
      else if (s[j] === q) return true;
    }
    return false;
  };
  if (closesAt(l, open + 1)) return -1;
  for (let k = i + 1; k < lines.length; k++) if (closesAt(lines[k], 0)) return k;
  return -1;
}
function outlineIni(text) {
  const lines = linesOf(text);
  const roots = [];
  let section;
  let entry;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (blank(l) || COMMENT.test(l)) continue;
    const s = SECTION.exec(l);
    if (s) {
      section = node(s[1].trim(), "section", i + 1, i + 1);
      roots.push(section);
      entry = void 0;
      continue;
    }
    if (entry && /^[ \t]/.test(l)) {
      entry.endLine = i + 1;
      if (section) section.endLine = i + 1;
      continue;
    }
    const e = ENTRY.exec(l);
    if (!e) {
      entry = void 0;
      continue;
    }
    const closes = quoteCloses(lines, i, e[0].length);
    const end = closes < 0 ? i + 1 : closes + 1;
    entry = node(keySegment(section?.name, e[1]), "key", i + 1, end);
    (section ? section.children : roots).push(entry);
    if (section) section.endLine = end;
    i = end - 1;
  }
  return roots;
}

// src/symbols/json.ts
var Reader = class extends TextCursor {
  /** Whitespace and comments. */
  skip() {
    const s = this.src;
    for (; ; ) {
      const c2 = s.charCodeAt(this.pos);
      if (c2 === 10) {
        this.line++;
        this.pos++;
      } else if (c2 === 32 || c2 === 9 || c2 === 13 || c2 === 65279 || c2 === 160 || c2 === 8232 || c2 === 8233) this.pos++;
      else if (c2 === 47 && s.charCodeAt(this.pos + 1) === 47) {
        const nl = s.indexOf("\n", this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else if (c2 === 47 && s.charCodeAt(this.pos + 1) === 42) {
        const close = s.indexOf("*/", this.pos + 2);
        if (close < 0) this.fail("unterminated comment");
        this.countLines(this.pos, close + 2);
        this.pos = close + 2;
      } else return;
    }
  }
  countLines(from, to) {
    for (let i = this.src.indexOf("\n", from); i >= 0 && i < to; i = this.src.indexOf("\n", i + 1)) this.line++;
  }
  string() {
    const s = this.src;
    const quote = s[this.pos];
    let i = this.pos + 1;
    let out = "";
    let from = i;
    for (; ; ) {
      const c2 = s[i];
      if (c2 === void 0) this.fail("unterminated string");
      if (c2 === quote) break;
      if (c2 === "\n") this.fail("line break in a string");
      if (c2 === "\\") {
        out += s.slice(from, i);
        const e = s[i + 1];
        if (e === void 0) this.fail("unterminated string");
        if (e === "u") {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("bad \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          if (e === "\n") this.line++;
          else if (e === "\r" && s[i + 2] === "\n") {
            this.line++;
            i++;
          }
          out += { n: "\n", t: "	", r: "\r", b: "\b", f: "\f", "\n": "", "\r": "" }[e] ?? e;
          i += 2;
        }
        from = i;
        continue;
      }
      i++;
    }
    out += s.slice(from, i);
    this.pos = i + 1;
    return out;
  }
  /** A number, literal or JSON5 unquoted key: a run of word characters. */
  word() {
    const m = /[A-Za-z0-9_$+\-.]+/y;
    m.lastIndex = this.pos;
    const hit = m.exec(this.src);
    if (!hit) this.fail(`unexpected ${JSON.stringify(this.src[this.pos] ?? "end of file")}`);
    this.pos += hit[0].length;
    return hit[0];
  }
  value() {
    this.skip();
    const c2 = this.src[this.pos];
    const start = this.line;
    if (c2 === "{") {
      const members3 = this.list("}", () => {
        const line = this.line;
        const k = this.src[this.pos];
        const key = k === '"' || k === "'" ? this.string() : this.word();
        this.skip();
        if (this.src[this.pos] !== ":") this.fail('expected ":"');
        this.pos++;
        return { key, line, value: this.value() };
      });
      return { type: "object", start, end: this.line, members: members3 };
    }
    if (c2 === "[") {
      const items3 = this.list("]", () => this.value());
      return { type: "array", start, end: this.line, items: items3 };
    }
    if (c2 === '"' || c2 === "'") {
      const text = this.string();
      return { type: "scalar", start, end: this.line, text };
    }
    if (c2 === void 0) this.fail("value expected");
    const w = this.word();
    return { type: "scalar", start, end: this.line, text: w };
  }
};
function labelOf(v) {
  if (v.type !== "object") return void 0;
  for (const k of LABEL_KEYS) {
    const m = v.members.find((x) => x.key === k);
    if (m) return m.value.type === "scalar" ? m.value.text : void 0;
  }
  return void 0;
}
function childrenOf(v, path) {
  if (v.type === "object") {
    return v.members.map((m) => {
      const name = keySegment(path, m.key);
      return node(name, "key", m.line, m.value.end, childrenOf(m.value, name));
    });
  }
  if (v.type === "array") {
    const labels = uniqueLabels(v.items.map(labelOf));
    return v.items.map((item, i) => {
      const name = itemSegment(path, i, labels[i]);
      return node(name, "item", item.start, item.end, childrenOf(item, name));
    });
  }
  return [];
}
function outlineJson(text) {
  const r = new Reader(text, "json");
  const root = r.value();
  r.skip();
  if (r.pos < text.length) r.fail("content after the top-level value");
  return pruneOneLiners(childrenOf(root, void 0));
}

// src/symbols/markdown.ts
var FRONT_MATTER = "front matter";
var FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
var ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
var SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
var BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
var LIST = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
var HTML_UNTIL = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/]
];
var HTML_BLOCK = /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)/i;
var HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;
var blank2 = (l) => /^[ \t]*$/.test(l);
var indentOf2 = (l) => l.length - l.trimStart().length;
function frontMatter(lines) {
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return void 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return [1, i + 1];
  return void 0;
}
function headings(lines, from) {
  const out = [];
  let fence;
  let htmlEnd;
  let htmlToBlank = false;
  let paragraph;
  let container2 = false;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    if (fence) {
      const m = FENCE.exec(l);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && blank2(m[2])) fence = void 0;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(l)) htmlEnd = void 0;
      continue;
    }
    if (blank2(l)) {
      paragraph = void 0;
      htmlToBlank = false;
      continue;
    }
    if (htmlToBlank) continue;
    const indent = indentOf2(l);
    if (container2 && (indent >= 2 || paragraph !== void 0 && !LIST.test(l) && !BREAK.test(l) && !ATX.test(l) && !FENCE.test(l))) {
      if (indent < 4 || paragraph !== void 0) paragraph = paragraph ?? i;
      continue;
    }
    if (container2) {
      container2 = false;
      paragraph = void 0;
    }
    if (indent >= 4) continue;
    const fm = FENCE.exec(l);
    if (fm && !(fm[1][0] === "`" && fm[2].includes("`"))) {
      fence = { char: fm[1][0], len: fm[1].length };
      paragraph = void 0;
      continue;
    }
    const atx = ATX.exec(l);
    if (atx) {
      const text = atx[2].trim().replace(/(^|[ \t]+)#+$/, "").trim();
      out.push({ level: atx[1].length, text, start: i, line: i });
      paragraph = void 0;
      continue;
    }
    const setext = SETEXT.exec(l);
    if (setext && paragraph !== void 0) {
      const text = lines.slice(paragraph, i).map((x) => x.trim()).join(" ");
      out.push({ level: setext[1][0] === "=" ? 1 : 2, text, start: paragraph, line: i });
      paragraph = void 0;
      continue;
    }
    if (BREAK.test(l)) {
      paragraph = void 0;
      continue;
    }
    const until2 = HTML_UNTIL.find(([open]) => open.test(l));
    if (until2) {
      paragraph = void 0;
      if (!until2[1].test(l.slice(l.indexOf("<") + 2))) htmlEnd = until2[1];
      continue;
    }
    if (HTML_BLOCK.test(l) || paragraph === void 0 && HTML_LONE_TAG.test(l)) {
      paragraph = void 0;
      htmlToBlank = true;
      continue;
    }
    if (LIST.test(l) || /^ {0,3}>/.test(l)) {
      container2 = true;
      const content = l.replace(/^ {0,3}(?:[-+*]|\d{1,9}[.)]|>)[ \t]*/, "");
      paragraph = content === "" || ATX.test(content) || FENCE.test(content) || BREAK.test(content) ? void 0 : i;
      continue;
    }
    paragraph = paragraph ?? i;
  }
  return out;
}
function outlineMarkdown(text) {
  const lines = linesOf(text);
  const roots = [];
  const fm = frontMatter(lines);
  if (fm) roots.push(node(FRONT_MATTER, "section", fm[0], fm[1]));
  const hs = headings(lines, fm ? fm[1] : 0);
  const lastContent = (before) => {
    let i = before - 1;
    while (i >= 0 && blank2(lines[i])) i--;
    return i;
  };
  const stack = [];
  const topSiblings = /* @__PURE__ */ new Map();
  hs.forEach((h2, n) => {
    let end = lines.length;
    for (let k = n + 1; k < hs.length; k++) {
      if (hs[k].level <= h2.level) {
        end = hs[k].start;
        break;
      }
    }
    while (stack.length && stack.at(-1).level >= h2.level) stack.pop();
    const parent = stack.at(-1);
    const siblings = parent ? parent.siblings : topSiblings;
    const title = h2.text.replace(/\s+/g, " ");
    const seen = (siblings.get(title) ?? 0) + 1;
    siblings.set(title, seen);
    const own = seen > 1 ? `${title} (${seen})` : title;
    const name = parent ? `${parent.node.name} > ${own}` : own;
    const s = node(name, "section", h2.start + 1, Math.max(h2.line, lastContent(end)) + 1);
    (parent ? parent.node.children : roots).push(s);
    stack.push({ level: h2.level, node: s, siblings: /* @__PURE__ */ new Map() });
  });
  return roots;
}

// src/symbols/toml.ts
var Reader2 = class extends TextCursor {
  /** Spaces and tabs only (a value or key must end its line). */
  spaces() {
    while (this.src[this.pos] === " " || this.src[this.pos] === "	") this.pos++;
  }
  /** Whitespace, line breaks and comments (between statements and inside arrays). */
  skip() {
    for (; ; ) {
      const c2 = this.src[this.pos];
      if (c2 === "\n") {
        this.line++;
        this.pos++;
      } else if (c2 === " " || c2 === "	" || c2 === "\r" || c2 === "\uFEFF") this.pos++;
      else if (c2 === "#") {
        const nl = this.src.indexOf("\n", this.pos);
        this.pos = nl < 0 ? this.src.length : nl;
      } else return;
    }
  }
  /** After a statement: only a comment may follow on its line. */
  endOfLine() {
    this.spaces();
    const c2 = this.src[this.pos];
    if (c2 === "#") {
      const nl = this.src.indexOf("\n", this.pos);
      this.pos = nl < 0 ? this.src.length : nl;
    } else if (c2 === "\r" && this.src[this.pos + 1] === "\n") this.pos++;
    else if (c2 !== "\n" && c2 !== void 0) this.fail("expected the end of the line");
  }
  countLines(from, to) {
    for (let i = this.src.indexOf("\n", from); i >= 0 && i < to; i = this.src.indexOf("\n", i + 1)) this.line++;
  }
  /** A one-line string, unescaped for keys and labels. */
  quoted() {
    const s = this.src;
    const q = s.charCodeAt(this.pos);
    let escaped2 = false;
    let i = this.pos + 1;
    for (; ; ) {
      const c2 = s.charCodeAt(i);
      if (Number.isNaN(c2) || c2 === 10) this.fail("unterminated string");
      if (c2 === q) break;
      if (c2 === 92 && q === 34) {
        escaped2 = true;
        i += 2;
        continue;
      }
      i++;
    }
    const raw = s.slice(this.pos + 1, i);
    this.pos = i + 1;
    if (!escaped2) return raw;
    try {
      return JSON.parse(`"${raw.replace(/\\U([0-9a-fA-F]{8})/g, (_m, h2) => String.fromCodePoint(parseInt(h2, 16)))}"`);
    } catch {
      return raw;
    }
  }
  key() {
    const parts = [];
    for (; ; ) {
      this.spaces();
      const c2 = this.src[this.pos];
      if (c2 === '"' || c2 === "'") parts.push(this.quoted());
      else {
        const m = /[A-Za-z0-9_-]+/y;
        m.lastIndex = this.pos;
        const hit = m.exec(this.src);
        if (!hit) this.fail("expected a key");
        parts.push(hit[0]);
        this.pos += hit[0].length;
      }
      this.spaces();
      if (this.src[this.pos] !== ".") return parts;
      this.pos++;
    }
  }
  value() {
    const s = this.src;
    const start = this.line;
    const c2 = s[this.pos];
    if (s.startsWith('"""', this.pos) || s.startsWith("'''", this.pos)) {
      const q = s.slice(this.pos, this.pos + 3);
      let i = this.pos + 3;
      for (; ; ) {
        const at = s.indexOf(q, i);
        if (at < 0) this.fail("unterminated multi-line string");
        if (q === '"""' && isEscaped(s, at)) {
          i = at + 1;
          continue;
        }
        let end = at + 3;
        while (s[end] === q[0] && end < at + 5) end++;
        this.countLines(this.pos, end);
        this.pos = end;
        return { type: "scalar", start, end: this.line, text: "" };
      }
    }
    if (c2 === '"' || c2 === "'") return { type: "scalar", start, end: start, text: this.quoted() };
    if (c2 === "[") {
      const items3 = this.list("]", () => this.value());
      return { type: "array", start, end: this.line, items: items3 };
    }
    if (c2 === "{") {
      const members3 = this.list("}", () => {
        const line = this.line;
        const key = this.key();
        if (s[this.pos] !== "=") this.fail('expected "="');
        this.pos++;
        this.spaces();
        return { key, line, value: this.value() };
      });
      return { type: "table", start, end: this.line, members: members3 };
    }
    const m = /[A-Za-z0-9_+\-.:]+(?: [0-9][0-9:.+\-Z]*)?/y;
    m.lastIndex = this.pos;
    const hit = m.exec(s);
    if (!hit || !BARE_VALUE.test(hit[0])) this.fail(`not a value: ${JSON.stringify(hit?.[0] ?? c2 ?? "end of file")}`);
    this.pos += hit[0].length;
    return { type: "scalar", start, end: start, text: hit[0] };
  }
};
var BARE_VALUE = /^(?:true|false|[+-]?(?:inf|nan)|[+-]?\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d[\d_]*)?|0x[\dA-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
function isEscaped(s, at) {
  let n = 0;
  while (s[at - 1 - n] === "\\") n++;
  return n % 2 === 1;
}
function labelOf2(members3) {
  for (const k of LABEL_KEYS) {
    const m = members3.find((x) => x.key.length === 1 && x.key[0] === k);
    if (m) return m.value.type === "scalar" ? m.value.text : void 0;
  }
  return void 0;
}
function valueChildren(v, path, defined) {
  if (v.type === "table") return membersOf(v.members, path, defined);
  if (v.type !== "array") return [];
  const labels = uniqueLabels(v.items.map((x) => x.type === "table" ? labelOf2(x.members) : void 0));
  return v.items.map((x, i) => {
    const name = itemSegment(path, i, labels[i]);
    return node(name, "item", x.start, x.end, valueChildren(x, name, defined));
  });
}
function membersOf(members3, path, defined) {
  return members3.map((m) => {
    let name = path;
    for (const k of m.key) {
      if (name !== void 0 && name !== path && defined.values.has(name)) throw new UnparsableFile("toml", m.line, `${name} is a value`);
      name = keySegment(name, k);
    }
    if (defined.names.has(name)) throw new UnparsableFile("toml", m.line, `${name} defined twice`);
    defined.names.add(name);
    defined.values.add(name);
    return node(name, "key", m.line, m.value.end, valueChildren(m.value, name, defined));
  });
}
function outlineToml(text) {
  const r = new Reader2(text, "toml");
  const root = [];
  const tables = [];
  const current = /* @__PURE__ */ new Map();
  const counts = /* @__PURE__ */ new Map();
  let members3 = root;
  for (; ; ) {
    r.skip();
    if (r.pos >= text.length) break;
    const line = r.line;
    if (text[r.pos] === "[") {
      const isArray = text[r.pos + 1] === "[";
      r.pos += isArray ? 2 : 1;
      const segments = r.key();
      if (!text.startsWith(isArray ? "]]" : "]", r.pos)) r.fail('expected "]"');
      r.pos += isArray ? 2 : 1;
      r.endOfLine();
      const parts = [];
      let id = "";
      segments.forEach((seg, k) => {
        parts.push({ key: seg });
        id += "\0" + seg;
        if (isArray && k === segments.length - 1) {
          const index = counts.get(id) ?? 0;
          counts.set(id, index + 1);
          const element = { group: id, index };
          current.set(id, element);
          parts.push({ element });
          id += `#${index}`;
        } else {
          const element = current.get(id);
          if (element) {
            parts.push({ element });
            id += `#${element.index}`;
          }
        }
      });
      const table = { parts, line, members: [] };
      tables.push(table);
      members3 = table.members;
      continue;
    }
    const key = r.key();
    if (text[r.pos] !== "=") r.fail('expected "="');
    r.pos++;
    r.spaces();
    members3.push({ key, line, value: r.value() });
    r.endOfLine();
  }
  const groups = /* @__PURE__ */ new Map();
  for (const t of tables) {
    const last = t.parts.at(-1);
    if ("element" in last) {
      last.element.label = labelOf2(t.members);
      const group = groups.get(last.element.group);
      if (group) group.push(last.element);
      else groups.set(last.element.group, [last.element]);
    }
  }
  const finalLabel = /* @__PURE__ */ new Map();
  for (const els of groups.values()) {
    const labels = uniqueLabels(els.map((e) => e.label));
    els.forEach((e, i) => finalLabel.set(e, labels[i]));
  }
  const render = (parts) => parts.reduce((s, p) => "key" in p ? keySegment(s, p.key) : itemSegment(s, p.element.index, finalLabel.get(p.element)), void 0);
  const defined = { names: /* @__PURE__ */ new Set(), values: /* @__PURE__ */ new Set() };
  const out = membersOf(root, void 0, defined);
  for (const t of tables) {
    const name = render(t.parts);
    if (defined.names.has(name)) throw new UnparsableFile("toml", t.line, `${name} defined twice`);
    for (let k = 1; k < t.parts.length; k++) {
      const prefix = render(t.parts.slice(0, k));
      if (defined.values.has(prefix)) throw new UnparsableFile("toml", t.line, `${prefix} is a value`);
    }
    defined.names.add(name);
    const children = membersOf(t.members, name, defined);
    const end = t.members.length ? t.members.at(-1).value.end : t.line;
    out.push(node(name, "table", t.line, end, children));
  }
  return pruneOneLiners(out);
}

// src/symbols/yaml.ts
var FIELDS = /* @__PURE__ */ new Set([...LABEL_KEYS, "kind"]);
var NONE = -1;
var MARKER = -2;
var LEAF = [];
var YamlReader = class {
  lines;
  /** Leading spaces of each line, NONE for a blank or comment-only line, MARKER for `---` and `...`. */
  indents;
  constructor(text) {
    this.lines = linesOf(text);
    this.indents = new Int32Array(this.lines.length);
    this.lines.forEach((l, n) => {
      let i = 0;
      while (l.charCodeAt(i) === 32) i++;
      const c2 = l.charCodeAt(i);
      if (i === l.length || c2 === 35) this.indents[n] = NONE;
      else if (i === 0 && (c2 === 45 || c2 === 46) && isMarkerLine(l)) this.indents[n] = MARKER;
      else if (c2 === 9 || c2 === 13) this.indents[n] = isBlank(l) || l.trimStart().startsWith("#") ? NONE : i;
      else this.indents[n] = i;
    });
  }
  fail(i, why) {
    throw new UnparsableFile("yaml", i + 1, why);
  }
  isMarker(i) {
    return this.indents[i] === MARKER;
  }
  /** The next content line or document marker at or after i; lines.length at the end. */
  next(i) {
    while (i < this.lines.length && this.indents[i] === NONE) i++;
    return i;
  }
  /** A structural line must not be indented with a tab. */
  checkIndent(i) {
    if (this.lines[i][this.indents[i]] === "	") this.fail(i, "tab in indentation");
  }
  /** The key of a mapping entry starting at column col of line i, with the column after its colon. */
  keyAt(i, col) {
    const l = this.lines[i];
    const c2 = l[col];
    if (c2 === '"' || c2 === "'") {
      const end = c2 === '"' ? /"(?:[^"\\]|\\.)*"/y : /'(?:[^']|'')*'/y;
      end.lastIndex = col;
      const m = end.exec(l);
      if (!m) return void 0;
      const colon = /[ \t]*:(?=[ \t]|$)/y;
      colon.lastIndex = col + m[0].length;
      const k = colon.exec(l);
      if (!k) return void 0;
      return { key: unquote(m[0]), after: colon.lastIndex };
    }
    if (c2 === void 0 || "-?:,[]{}#&*!|>%@`".includes(c2)) {
      if (!((c2 === "-" || c2 === ":" || c2 === "?") && l[col + 1] !== void 0 && !/[ \t]/.test(l[col + 1]))) return void 0;
    }
    for (let j = col; j < l.length; j++) {
      const ch = l[j];
      if (ch === "#" && (l[j - 1] === " " || l[j - 1] === "	")) return void 0;
      if (ch === ":" && (j + 1 === l.length || l[j + 1] === " " || l[j + 1] === "	")) {
        return { key: l.slice(col, j).trimEnd(), after: j + 1 };
      }
    }
    return void 0;
  }
  /** First non-space column at or after col on line i, or undefined when only a comment or nothing is left. */
  rest(i, col) {
    const l = this.lines[i];
    let c2 = l.charCodeAt(col);
    while (c2 === 32 || c2 === 9) c2 = l.charCodeAt(++col);
    if (col >= l.length || c2 === 35) return void 0;
    return col;
  }
  /** Skips node properties (`&anchor`, `!tag`) before a value. */
  afterProperties(i, col) {
    const l = this.lines[i];
    while (col !== void 0 && (l[col] === "&" || l[col] === "!")) {
      let j = col;
      while (j < l.length && l[j] !== " " && l[j] !== "	") j++;
      col = this.rest(i, j);
    }
    return col;
  }
  /**
   * The value of a key or item whose indicator is on line i, its text (if any) starting at col;
   * `owner` is the indentation of the key or `-`: the value's own lines are indented further.
   */
  value(i, col, owner, allowSameIndentSeq) {
    col = this.afterProperties(i, col);
    if (col === void 0) {
      const j = this.next(i + 1);
      if (j >= this.lines.length || this.isMarker(j)) return { last: i, children: LEAF };
      const ind = this.indents[j];
      if (ind > owner) return this.block(j, ind, owner);
      if (allowSameIndentSeq && ind === owner && isDash(this.lines[j], ind)) return this.sequence(j, ind);
      return { last: i, children: LEAF };
    }
    return this.block(i, col, owner);
  }
  /** A node starting at column col of line i: a list, a mapping or a scalar. */
  block(i, col, owner) {
    this.checkIndent(i);
    const l = this.lines[i];
    if (isDash(l, col)) return this.sequence(i, col);
    if (l[col] === "?" && (l[col + 1] === void 0 || l[col + 1] === " ")) this.fail(i, "complex keys are not read");
    const key = this.keyAt(i, col);
    if (key) return this.mapping(i, col, key);
    return this.scalar(i, col, owner);
  }
  /** A mapping whose first key, at (i, col), is `first`. */
  mapping(i, col, first) {
    const children = [];
    let fields;
    let last = i;
    let at = i;
    let k = first;
    for (; ; ) {
      const v = this.value(at, this.rest(at, k.after), col, true);
      children.push({ key: k.key, kind: "key", startLine: at + 1, endLine: v.last + 1, children: v.children });
      if (FIELDS.has(k.key)) (fields ??= {})[k.key] = v.scalarCol === void 0 ? null : this.scalarText(at, v.scalarCol);
      else if (k.key === "metadata" && typeof v.fields?.name === "string") (fields ??= {})["metadata.name"] = v.fields.name;
      last = v.last;
      const j = this.next(last + 1);
      if (j >= this.lines.length || this.isMarker(j)) break;
      const ind = this.indents[j];
      if (ind < col) break;
      if (ind > col) this.fail(j, "unexpected indentation");
      if (isDash(this.lines[j], ind)) break;
      this.checkIndent(j);
      at = j;
      k = this.keyAt(at, col);
      if (!k) this.fail(at, "expected a key");
    }
    return { last, children, fields };
  }
  sequence(i, col) {
    const items3 = [];
    const labels = [];
    let at = i;
    let last = i;
    for (; ; ) {
      const v = this.value(at, this.rest(at, col + 1), col, false);
      items3.push({ index: items3.length, kind: "item", startLine: at + 1, endLine: v.last + 1, children: v.children });
      labels.push(labelOf3(v));
      last = v.last;
      const j = this.next(v.last + 1);
      if (j >= this.lines.length || this.isMarker(j)) break;
      const ind = this.indents[j];
      if (ind < col) break;
      if (ind > col) this.fail(j, "unexpected indentation");
      if (!isDash(this.lines[j], ind)) break;
      this.checkIndent(j);
      at = j;
    }
    uniqueLabels(labels).forEach((label, n) => {
      if (label !== void 0) items3[n].label = label;
    });
    return { last, children: items3 };
  }
  /** A scalar or flow collection starting at column col of line i. */
  scalar(i, col, owner) {
    const l = this.lines[i];
    const c2 = l[col];
    if (c2 === "|" || c2 === ">") {
      let last2 = i;
      for (let j = i + 1; j < this.lines.length; j++) {
        const t = this.lines[j];
        if (isBlank(t)) continue;
        if (leadingSpaces(t) <= owner || owner < 0 && this.isMarker(j)) break;
        last2 = j;
      }
      return { last: last2, children: LEAF };
    }
    if (c2 === '"' || c2 === "'") {
      const { line } = this.closeQuote(i, col);
      return { last: line, children: LEAF, scalarCol: line === i ? col : void 0 };
    }
    if (c2 === "[" || c2 === "{") return { last: this.closeFlow(i, col), children: LEAF };
    let last = i;
    for (let j = i + 1; j < this.lines.length; j++) {
      if (this.isMarker(j)) break;
      const t = this.lines[j];
      if (isBlank(t)) continue;
      if (this.indents[j] === NONE || leadingSpaces(t) <= owner) break;
      if (/:([ \t]|$)/.test(t)) this.fail(j, "a key under a scalar value");
      last = j;
    }
    return { last, children: LEAF, scalarCol: last === i && c2 !== "*" ? col : void 0 };
  }
  /** The text of the one-line scalar at (i, col): unquoted, or plain without its comment. */
  scalarText(i, col) {
    const l = this.lines[i];
    if (l[col] === '"' || l[col] === "'") return unquote(l.slice(col, this.closeQuote(i, col).end + 1));
    return l.slice(col).replace(/[ \t]+#.*$/, "").trimEnd();
  }
  /** Line and column of the quote closing the scalar opened at (i, col). */
  closeQuote(i, col) {
    const q = this.lines[i][col];
    let j = col + 1;
    for (let n = i; n < this.lines.length; n++, j = 0) {
      const l = this.lines[n];
      for (; j < l.length; j++) {
        if (q === '"' && l[j] === "\\") j++;
        else if (l[j] === q) {
          if (q === "'" && l[j + 1] === "'") j++;
          else return { line: n, end: j };
        }
      }
    }
    this.fail(i, "unterminated quoted scalar");
  }
  /** The line of the bracket closing the flow collection opened at (i, col). */
  closeFlow(i, col) {
    let depth = 0;
    let n = i;
    let j = col;
    while (n < this.lines.length) {
      const l = this.lines[n];
      if (j >= l.length) {
        n++;
        j = 0;
        continue;
      }
      const ch = l[j];
      if ((ch === '"' || ch === "'") && /(^|[[{,:])[ \t]*$/.test(l.slice(0, j))) {
        const q = this.closeQuote(n, j);
        n = q.line;
        j = q.end + 1;
        continue;
      }
      if (ch === "#" && (j === 0 || l[j - 1] === " " || l[j - 1] === "	")) {
        n++;
        j = 0;
        continue;
      }
      if (ch === "[" || ch === "{") depth++;
      else if ((ch === "]" || ch === "}") && --depth === 0) return n;
      j++;
    }
    this.fail(i, "unterminated flow collection");
  }
};
function isMarkerLine(l) {
  const d = l.charCodeAt(3);
  return (l.startsWith("---") || l.startsWith("...")) && (l.length === 3 || d === 32 || d === 9);
}
function isBlank(l) {
  for (let i = 0; i < l.length; i++) {
    const c2 = l.charCodeAt(i);
    if (c2 !== 32 && c2 !== 9 && c2 !== 13) return false;
  }
  return true;
}
function leadingSpaces(l) {
  let i = 0;
  while (l.charCodeAt(i) === 32) i++;
  return i;
}
function isDash(l, col) {
  return l[col] === "-" && (l[col + 1] === void 0 || l[col + 1] === " " || l[col + 1] === "	");
}
function unquote(q) {
  if (q.startsWith("'")) return q.slice(1, -1).replaceAll("''", "'");
  try {
    return JSON.parse(q);
  } catch {
    return q.slice(1, -1);
  }
}
function labelOf3(v) {
  if (!v.fields) return void 0;
  for (const k of LABEL_KEYS) if (v.fields[k] !== void 0) return v.fields[k] ?? void 0;
  return void 0;
}
function documents(r) {
  const docs = [];
  let i = 0;
  let marker;
  while (i < r.lines.length) {
    const l = r.lines[i];
    if (r.isMarker(i)) {
      if (l.startsWith("---")) {
        if (r.rest(i, 3) !== void 0) r.fail(i, "content on the document marker line is not read");
        marker = i;
      } else marker = void 0;
      i++;
      continue;
    }
    if (r.indents[i] === NONE || l.startsWith("%") && marker === void 0) {
      i++;
      continue;
    }
    const root = r.block(i, r.indents[i], -1);
    docs.push({ first: marker ?? i, last: root.last, root });
    marker = void 0;
    i = r.next(root.last + 1);
    if (i < r.lines.length && !r.isMarker(i)) r.fail(i, "unexpected content");
  }
  return docs;
}
function outlineYaml(text) {
  const r = new YamlReader(text);
  const docs = documents(r);
  if (docs.length === 1) return named(docs[0].root.children);
  const names = docs.map(({ root }) => {
    const kind = root.fields?.kind ?? void 0;
    const name = root.fields?.["metadata.name"] ?? void 0;
    return kind !== void 0 && name !== void 0 ? `${kind}/${name}` : void 0;
  });
  const unique = uniqueLabels(names);
  return named(docs.map(({ first, last, root }, n) => ({ title: unique[n] ?? `document[${n}]`, kind: "section", startLine: first + 1, endLine: last + 1, children: root.children })));
}

// src/symbols/java.ts
function outlineJava(text, untilLine) {
  const d = new Declarations(scan(text, "java", untilLine));
  return members2(d, 0, d.n, "", "");
}
var MODIFIERS2 = /* @__PURE__ */ new Set([
  "public",
  "protected",
  "private",
  "static",
  "final",
  "abstract",
  "native",
  "synchronized",
  "transient",
  "volatile",
  "strictfp",
  "default",
  "sealed",
  "non"
]);
var TYPES = /* @__PURE__ */ new Set(["class", "interface", "enum", "record"]);
var members2 = (d, from, to, prefix, owner) => declarationsIn(d, from, to, { prefix, owner }, JAVA);
var skipAnnotationsAndModifiers = prefixSkipper(
  (d, i) => {
    if (!d.isP(i, "@") || !d.isId(i + 1) || d.v(i + 1) === "interface") return i;
    i += 2;
    while (d.isP(i, ".") && d.isId(i + 1)) i += 2;
    return d.isP(i, "(") ? d.close(i) + 1 : i;
  },
  (d, i) => {
    if (!d.isId(i) || !MODIFIERS2.has(d.v(i))) return i;
    return d.v(i) === "non" && d.isP(i + 1, "-") ? i + 3 : i + 1;
  }
);
var type2 = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  const annotationType = d.isP(i, "@") && d.v(i + 1) === "interface";
  if (!(TYPES.has(w) && d.isId(i + 1) && (w !== "record" || d.isP(i + 2, "(") || d.isP(i + 2, "<")) || annotationType)) return NOT_THIS;
  const nameAt2 = annotationType ? i + 2 : i + 1;
  const name = d.v(nameAt2);
  let j = nameAt2 + 1;
  while (j < to && !d.isP(j, "{") && !d.isP(j, ";")) j = d.isP(j, "<") ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, "{")) return j + 1;
  const close = d.close(j);
  const qualified = prefix + name;
  const bodyStart = w === "enum" ? enumConstantsEnd(d, j + 1, close) : j + 1;
  const kind = annotationType ? "annotation" : w;
  out.push(d.node(qualified, kind, start, close, members2(d, bodyStart, close, qualified + ".", name)));
  return close + 1;
};
var member2 = (d, start, i, to, { prefix, owner }, out) => {
  if (owner === "") return d.statementEnd(i, to, noNewlineRule) + 1;
  let j = i;
  let name = "";
  while (j < to) {
    if (d.isP(j, "<")) {
      j = d.skipAngles(j, to);
      continue;
    }
    if (d.isId(j)) name = d.v(j);
    else if (d.isP(j, "(")) {
      const end = d.bodyEnd(d.close(j) + 1, to, "default");
      out.push(d.node(prefix + name, "method", start, end));
      return end + 1;
    } else if (d.isP(j, "=") || d.isP(j, ";") || d.isP(j, ",")) {
      const end = d.statementEnd(j, to, noNewlineRule);
      out.push(d.node(prefix + name, "field", start, end));
      return end + 1;
    } else if (d.isP(j, "{")) {
      const end = d.close(j);
      if (name === owner) out.push(d.node(prefix + name, "method", start, end));
      return end + 1;
    } else if (d.closes(j)) return j;
    else if (d.isP(j, "[")) j = d.close(j);
    j++;
  }
  return to;
};
var JAVA = {
  separators: /* @__PURE__ */ new Set([";", ","]),
  whole: null,
  skipPrefix: skipAnnotationsAndModifiers,
  keyword: tokenKeyword,
  readers: readersFor([
    [["{"], (d, _start, i) => d.isP(i, "{") ? d.close(i) + 1 : NOT_THIS],
    // initializer block: code of the class
    [["class", "interface", "enum", "record", "@"], type2]
  ]),
  other: member2
};
function enumConstantsEnd(d, i, close) {
  let j = i;
  while (j < close) {
    j = skipAnnotationsAndModifiers(d, j, close);
    if (!d.isId(j)) return d.isP(j, ";") ? j + 1 : j;
    const after = d.isP(j + 1, "(") ? d.close(j + 1) + 1 : j + 1;
    const next = d.isP(after, "{") ? d.close(after) + 1 : after;
    if (d.isP(next, ",")) j = next + 1;
    else if (d.isP(next, ";")) return next + 1;
    else if (next >= close) return close;
    else return j;
  }
  return close;
}

// src/symbols/kotlin.ts
function outlineKotlin(text, untilLine) {
  const d = new Declarations(scan(text, "kotlin", untilLine));
  return declarations(d, 0, d.n, "", false);
}
var CONTINUES = /* @__PURE__ */ new Set([".", "?.", "?", ",", "=", "&", "|", ":", "->", "+", "*", "/", "%", "<"]);
var CONTINUES_ID = /* @__PURE__ */ new Set(["else", "catch", "finally", "as", "is", "by", "where", "in", "to"]);
var kotlinNewline = (d, prev, next) => {
  const postfix = d.isP(prev, "+") && d.isP(prev - 1, "+") || d.isP(prev, "-") && d.isP(prev - 1, "-");
  if (!d.endsExpression(prev) && !(postfix && d.adjacent(prev - 1))) return false;
  if (d.isPunct(next)) return !CONTINUES.has(d.v(next));
  return !d.isId(next) || !CONTINUES_ID.has(d.v(next));
};
var MODIFIERS3 = /* @__PURE__ */ new Set([
  "public",
  "private",
  "internal",
  "protected",
  "open",
  "final",
  "abstract",
  "sealed",
  "data",
  "inline",
  "value",
  "enum",
  "annotation",
  "companion",
  "override",
  "lateinit",
  "const",
  "suspend",
  "tailrec",
  "operator",
  "infix",
  "external",
  "inner",
  "expect",
  "actual",
  "vararg",
  "noinline",
  "crossinline"
]);
function declarations(d, from, to, prefix, inType) {
  const out = [];
  let i = from;
  while (i < to) i = Math.max(declaration3(d, i, to, prefix, inType, out), i + 1);
  return out;
}
function nameAt(d, i) {
  return d.isStr(i) ? d.raw(i).replace(/`/g, "") : d.v(i);
}
function declaration3(d, start, to, prefix, inType, out) {
  if (d.isP(start, ";") || d.isP(start, ",")) return start + 1;
  if (d.isP(start, "@") && d.v(start + 1) === "file" && d.isP(start + 2, ":")) {
    let j = start + 3;
    while (d.isId(j) && d.isP(j + 1, ".")) j += 2;
    return d.isP(j + 1, "(") || d.isP(j + 1, "[") ? d.close(j + 1) + 1 : j + 1;
  }
  let i = start;
  let isCompanion = false;
  for (; ; ) {
    if (d.isP(i, "@")) {
      i++;
      if (d.isId(i) && d.isP(i + 1, ":")) i += 2;
      if (d.isP(i, "[")) i = d.close(i) + 1;
      while (d.isId(i) && d.isP(i + 1, ".") && d.adjacent(i)) i += 2;
      if (d.isId(i)) i++;
      if (d.isP(i, "<")) i = d.skipAngles(i, to);
      if (d.isP(i, "(") && !d.nl(i)) i = d.close(i) + 1;
    } else if (d.isId(i) && (MODIFIERS3.has(d.v(i)) || d.v(i) === "fun" && d.v(i + 1) === "interface") && d.isId(i + 1) && !d.nl(i + 1) || d.v(i) === "enum" && d.v(i + 1) === "class") {
      if (d.v(i) === "companion") isCompanion = true;
      i++;
    } else break;
  }
  const w = d.isId(i) ? d.v(i) : "";
  if (w === "class" || w === "interface" || w === "object") {
    let j = i + 1;
    let name = d.isId(j) || d.isStr(j) ? nameAt(d, j++) : isCompanion ? "Companion" : "";
    if (name === "") return d.statementEnd(i, to, kotlinNewline) + 1;
    let body = -1;
    while (j < to) {
      if (d.nl(j) && !d.isP(j, "{") && kotlinNewline(d, j - 1, j)) break;
      if (d.isP(j, "{")) {
        body = j;
        break;
      }
      if (d.isP(j, ";") || d.closes(j)) break;
      j = d.isP(j, "<") ? d.skipAngles(j, to) : d.opens(j) ? d.close(j) + 1 : j + 1;
    }
    name = prefix + name;
    if (body < 0) {
      out.push(d.node(name, w, start, j - 1));
      return j;
    }
    const close = d.close(body);
    const isEnum = d.slice(start, i).split(" ").includes("enum");
    const from = isEnum ? enumEntriesEnd(d, body + 1, close) : body + 1;
    out.push(d.node(name, w, start, close, declarations(d, from, close, name + ".", true)));
    return close + 1;
  }
  if (w === "fun" || w === "val" || w === "var") {
    let j = i + 1;
    if (d.isP(j, "<")) j = d.skipAngles(j, to);
    let name = "";
    if (d.isP(j, "(")) {
      name = d.v(j + 1);
    } else {
      let afterName = false;
      while (j < to && (d.isId(j) || d.isStr(j) || d.isP(j, ".") || d.isP(j, "?.") || d.isP(j, "?") || d.isP(j, "<"))) {
        if (d.isP(j, "<")) {
          j = d.skipAngles(j, to);
          continue;
        }
        const isName = d.isId(j) || d.isStr(j);
        if (isName && afterName) break;
        if (isName) name = nameAt(d, j);
        afterName = isName;
        j++;
        if (d.nl(j)) break;
      }
    }
    if (name === "") return d.statementEnd(i, to, kotlinNewline) + 1;
    let end = w === "fun" ? d.bodyEnd(j, to, "=", kotlinNewline) : d.statementEnd(j, to, kotlinNewline);
    if (w !== "fun") end = accessorsEnd(d, end, to);
    out.push(d.node(prefix + name, w === "fun" ? inType ? "method" : "function" : inType ? "property" : "variable", start, end));
    return end + 1;
  }
  if (w === "typealias" && d.isId(i + 1)) {
    const end = d.statementEnd(i + 1, to, kotlinNewline);
    out.push(d.node(prefix + d.v(i + 1), "type", start, end));
    return end + 1;
  }
  if (w === "init" && d.isP(i + 1, "{")) return d.close(i + 1) + 1;
  if (w === "constructor" && inType && d.isP(i + 1, "(")) {
    const end = d.bodyEnd(i + 1, to, "=", kotlinNewline);
    out.push(d.node(prefix + "constructor", "method", start, end));
    return end + 1;
  }
  if ((w === "import" || w === "package") && start === i) return lineEnd(d, i, to) + 1;
  return d.statementEnd(i, to, kotlinNewline) + 1;
}
function lineEnd(d, i, to) {
  let j = i + 1;
  while (j < to && !d.nl(j)) j++;
  return j - 1;
}
function accessorsEnd(d, end, to) {
  for (; ; ) {
    let j = end + 1;
    if (j >= to || !d.nl(j)) return end;
    while (d.isId(j) && MODIFIERS3.has(d.v(j))) j++;
    if (d.v(j) !== "get" && d.v(j) !== "set") return end;
    const next = d.isP(j + 1, "(") ? d.close(j + 1) + 1 : j + 1;
    if (next < to && !d.nl(next) && !d.isP(next, "{") && !d.isP(next, "=") && !d.isP(next, ":")) return end;
    end = next >= to || d.nl(next) ? next - 1 : d.bodyEnd(next, to, "=", kotlinNewline);
  }
}
function enumEntriesEnd(d, i, close) {
  let j = i;
  while (j < close) {
    while (d.isP(j, "@") && d.isId(j + 1)) j += d.isP(j + 2, "(") ? d.close(j + 2) + 1 - j : 2;
    if (!d.isId(j) || MODIFIERS3.has(d.v(j)) || d.v(j) === "fun" || d.v(j) === "val" || d.v(j) === "var") return d.isP(j, ";") ? j + 1 : j;
    const after = d.isP(j + 1, "(") ? d.close(j + 1) + 1 : j + 1;
    const next = d.isP(after, "{") ? d.close(after) + 1 : after;
    if (d.isP(next, ",")) j = next + 1;
    else if (d.isP(next, ";")) return next + 1;
    else return next >= close ? close : next;
  }
  return close;
}

// src/symbols/php.ts
function outlinePhp(text, untilLine) {
  const d = new Declarations(scan(text, "php", untilLine));
  return declarationsIn(d, 0, d.n, { prefix: "", inType: false }, PHP);
}
var MODIFIERS4 = /* @__PURE__ */ new Set(["abstract", "final", "readonly", "public", "protected", "private", "static", "var"]);
var namespace3 = (d, start, i, to, { prefix }, out) => {
  if (d.isP(i + 1, "\\")) return NOT_THIS;
  let j = i + 1;
  let name = "";
  while (d.isId(j) || d.isP(j, "\\")) name += d.v(j++);
  if (!d.isP(j, "{")) return d.statementEnd(j, to, noNewlineRule) + 1;
  const close = d.close(j);
  const qualified = prefix + name;
  out.push(d.node(qualified, "namespace", start, close, name === "" ? [] : declarationsIn(d, j + 1, close, { prefix: qualified + ".", inType: false }, PHP)));
  return close + 1;
};
var type3 = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  let j = i + 2;
  while (j < to && !d.isP(j, "{") && !d.isP(j, ";")) j = d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, "{")) return j + 1;
  const close = d.close(j);
  const qualified = prefix + d.v(i + 1);
  out.push(d.node(qualified, d.v(i).toLowerCase(), start, close, declarationsIn(d, j + 1, close, { prefix: qualified + ".", inType: true }, PHP)));
  return close + 1;
};
var fn = (d, start, i, to, { prefix, inType }, out) => {
  let j = i + 1;
  if (d.isP(j, "&")) j++;
  if (!d.isId(j) || !d.isP(j + 1, "(")) return d.statementEnd(i, to, noNewlineRule) + 1;
  const name = d.v(j);
  let k = d.close(j + 1) + 1;
  while (k < to && !d.isP(k, "{") && !d.isP(k, ";") && !d.closes(k)) k = d.opens(k) ? d.close(k) + 1 : k + 1;
  const end = d.isP(k, "{") ? d.close(k) : d.isP(k, ";") ? k : k - 1;
  out.push(d.node(prefix + name, inType ? "method" : "function", start, end));
  return end + 1;
};
var constant = (d, start, i, to, { prefix }, out) => {
  let j = i + 1;
  while (j < to && !d.isP(j, "=") && !d.isP(j, ";")) j++;
  const end = d.statementEnd(i, to, noNewlineRule);
  if (d.isId(j - 1)) out.push(d.node(prefix + d.v(j - 1), "constant", start, end));
  return end + 1;
};
var propertyOrStatement = (d, start, i, to, { prefix, inType }, out) => {
  const w = d.isId(i) ? d.v(i).toLowerCase() : "";
  if (inType && i > start && w !== "use" && w !== "case") {
    let j = i;
    while (j < to && !(d.isId(j) && d.v(j).startsWith("$")) && !d.isP(j, ";") && !d.closes(j)) j++;
    const end = d.statementEnd(i, to, noNewlineRule);
    if (d.isId(j)) out.push(d.node(prefix + d.v(j).slice(1), "property", start, end));
    return end + 1;
  }
  return d.statementEnd(i, to, noNewlineRule) + 1;
};
var PHP = {
  separators: /* @__PURE__ */ new Set([";"]),
  whole: null,
  skipPrefix: prefixSkipper(
    (d, i) => d.isP(i, "#") && d.isP(i + 1, "[") ? d.close(i + 1) + 1 : i,
    // #[Attribute]
    (d, i) => d.isId(i) && MODIFIERS4.has(d.v(i).toLowerCase()) && !d.isP(i + 1, "(") ? i + 1 : i
  ),
  keyword: (d, i) => d.isId(i) ? d.v(i).toLowerCase() : "",
  readers: readersFor([
    [["namespace"], namespace3],
    [["class", "interface", "trait", "enum"], type3],
    [["function"], fn],
    [["const"], constant]
  ]),
  other: propertyOrStatement
};

// src/symbols/python.ts
function outlinePython(text) {
  return buildTree(logicalLines(text));
}
var IDENT2 = String.raw`[\p{ID_Start}_][\p{ID_Continue}]*`;
var defRe = new RegExp(String.raw`^(?:async\s+)?def\s+(${IDENT2})`, "u");
var classRe = new RegExp(String.raw`^class\s+(${IDENT2})`, "u");
var blockRe = /^(?:if|elif|else|try|except|finally|with|for|while|async\s+(?:for|with))(?!\p{ID_Continue})/u;
var lambdaRe = /(?<!\p{ID_Continue})lambda(?!\p{ID_Continue})/u;
var loopRe = /^(?:for|while|async\s+for)(?!\p{ID_Continue})/u;
var targetRe = new RegExp(String.raw`^\*?\s*(${IDENT2})$`, "u");
var softBlockRe = /^(?:match|case)(?!\p{ID_Continue})/u;
var assignRe = new RegExp(String.raw`^(?:(${IDENT2})|\(\s*(${IDENT2})\s*\))\s*(?::|=(?!=))`, "u");
var bareAssignInSubject = /(?<![=<>!:])=(?!=)/;
var keywords = /* @__PURE__ */ new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield"
]);
function buildTree(lines) {
  const roots = [];
  const stack = [];
  let functionDepth = 0;
  let prevEnd = 0;
  let decoratorStart = 0;
  const close = (end) => {
    const f = stack.pop();
    if (!f) return;
    if (f.node) f.node.endLine = end;
    if (f.isFunction) functionDepth--;
  };
  for (const l of lines) {
    while (stack.length > 0 && l.indent <= stack[stack.length - 1].indent) close(prevEnd);
    prevEnd = l.endLine;
    if (functionDepth > 0) continue;
    const code = l.code;
    if (code.charCodeAt(0) === 64) {
      if (decoratorStart === 0) decoratorStart = l.startLine;
      continue;
    }
    const startLine = decoratorStart || l.startLine;
    decoratorStart = 0;
    let parent = null;
    let inLoop = false;
    for (let k = stack.length - 1; k >= 0; k--) {
      const f = stack[k];
      if (f.node) {
        parent = f.node;
        break;
      }
      if (f.isLoop) inLoop = true;
    }
    const qualify = (name) => parent ? `${parent.name}.${name}` : name;
    const add = (node2) => {
      (parent ? parent.children : roots).push(node2);
    };
    const def = defRe.exec(code);
    const cls = def ? null : classRe.exec(code);
    if (def || cls) {
      const node2 = {
        name: qualify((def ?? cls)[1]),
        kind: cls ? "class" : parent ? "method" : "function",
        startLine,
        endLine: l.endLine,
        children: []
      };
      add(node2);
      stack.push({ indent: l.indent, node: node2, isFunction: !!def });
      if (def) functionDepth++;
      continue;
    }
    const colon = headerColon(code);
    if (blockRe.test(code) || colon > 0 && softBlockRe.test(code) && isSoftBlockHeader(code, colon)) {
      const isLoop = loopRe.test(code);
      stack.push({ indent: l.indent, node: null, isFunction: false, isLoop });
      if (colon > 0 && !isLoop && !inLoop) addAssignments(code.slice(colon + 1), l, qualify, add);
      continue;
    }
    if (!inLoop) addAssignments(code, l, qualify, add);
  }
  while (stack.length > 0) close(prevEnd);
  return roots;
}
function addAssignments(code, l, qualify, add) {
  for (const stmt of splitStatements(code)) {
    for (const name of assignedNames(stmt)) {
      if (keywords.has(name)) continue;
      add({ name: qualify(name), kind: "variable", startLine: l.startLine, endLine: l.endLine, children: [] });
    }
  }
}
function assignedNames(stmt) {
  const m = assignRe.exec(stmt);
  if (m) {
    const first = m[1] ?? m[2];
    if (stmt.charCodeAt(m[0].length - 1) === 58) return [first];
  } else if (!stmt.includes("=")) {
    return [];
  }
  const parts = [];
  let depth = 0;
  let from = 0;
  const lambda = stmt.search(lambdaRe);
  const scanEnd = lambda < 0 ? stmt.length : lambda;
  for (let i = 0; i < scanEnd; i++) {
    const c2 = stmt.charCodeAt(i);
    if (c2 === 40 || c2 === 91 || c2 === 123) depth++;
    else if (c2 === 41 || c2 === 93 || c2 === 125) depth = Math.max(0, depth - 1);
    else if (c2 === 61 && depth === 0) {
      const before = stmt.charCodeAt(i - 1);
      const after = stmt.charCodeAt(i + 1);
      if (after === 61) {
        i++;
        continue;
      }
      if (before === 61 || before === 60 || before === 62 || before === 33 || before === 58) continue;
      if ("+-*/%&|^@<>".includes(stmt[i - 1] ?? "")) return parts.length === 0 ? [] : namesOf(parts);
      parts.push(stmt.slice(from, i));
      from = i + 1;
    }
  }
  return namesOf(parts);
}
function namesOf(targets) {
  const out = [];
  for (let t of targets) {
    t = t.trim();
    if (t.startsWith("(") && t.endsWith(")") || t.startsWith("[") && t.endsWith("]")) t = t.slice(1, -1);
    let depth = 0;
    let from = 0;
    const items3 = [];
    for (let i = 0; i <= t.length; i++) {
      const c2 = t.charCodeAt(i);
      if (c2 === 40 || c2 === 91 || c2 === 123) depth++;
      else if (c2 === 41 || c2 === 93 || c2 === 125) depth = Math.max(0, depth - 1);
      else if ((c2 === 44 || i === t.length) && depth === 0) {
        items3.push(t.slice(from, i).trim());
        from = i + 1;
      }
    }
    for (const item of items3) {
      const m = targetRe.exec(item);
      if (m) out.push(m[1]);
    }
  }
  return out;
}
function splitStatements(code) {
  if (!code.includes(";")) return [code.trim()];
  const out = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const c2 = code.charCodeAt(i);
    if (c2 === 40 || c2 === 91 || c2 === 123) depth++;
    else if (c2 === 41 || c2 === 93 || c2 === 125) depth = Math.max(0, depth - 1);
    else if (c2 === 59 && depth === 0) {
      out.push(code.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(code.slice(from).trim());
  return out;
}
function headerColon(code) {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c2 = code.charCodeAt(i);
    if (c2 === 40 || c2 === 91 || c2 === 123) depth++;
    else if (c2 === 41 || c2 === 93 || c2 === 125) depth = Math.max(0, depth - 1);
    else if (c2 === 58 && depth === 0 && code.charCodeAt(i + 1) !== 61) return i;
  }
  return -1;
}
function isSoftBlockHeader(code, colon) {
  const s = code.slice(code.startsWith("match") ? 5 : 4, colon);
  if (s.trim() === "") return false;
  const first = s.charCodeAt(0);
  if (first !== 32 && first !== 9 && first !== 40 && first !== 91 && first !== 123 && first !== 34 && first !== 45) {
    return false;
  }
  return !bareAssignInSubject.test(s);
}
function isIdentChar(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 >= 48 && c2 <= 57 || c2 === 95 || c2 >= 128;
}
function stringPrefix(text, quoteAt) {
  let k = quoteAt;
  while (k > 0 && quoteAt - k < 3) {
    const c2 = text.charCodeAt(k - 1) | 32;
    if (c2 === 114 || c2 === 117 || c2 === 98 || c2 === 102 || c2 === 116) k--;
    else break;
  }
  if (k > 0 && isIdentChar(text.charCodeAt(k - 1))) {
    return { isF: false, isRaw: false };
  }
  const p = text.slice(k, quoteAt).toLowerCase();
  if (p.length > 2 || p.length === 2 && !["br", "rb", "fr", "rf", "tr", "rt"].includes(p)) return null;
  return { isF: p.includes("f") || p.includes("t"), isRaw: p.includes("r") };
}
var codeSpecial = /[\n#\\"'()[\]{}]/g;
var dqSpecial = /["\\\n{]/g;
var sqSpecial = /['\\\n{]/g;
function logicalLines(text) {
  const out = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  const scanString = (from, q, triple, isF, isRaw) => {
    let k = from;
    const special = q === 34 /* DQuote */ ? dqSpecial : sqSpecial;
    while (k < n) {
      special.lastIndex = k;
      if (!special.test(text)) return n;
      k = special.lastIndex - 1;
      const c2 = text.charCodeAt(k);
      if (c2 === 92 /* Backslash */) {
        const d = text.charCodeAt(k + 1);
        if (isF && (d === 123 /* LBrace */ || d === 125 /* RBrace */)) {
          k++;
          continue;
        }
        if (d === 10 /* Nl */) line++;
        else if (d === 13 /* Cr */ && text.charCodeAt(k + 2) === 10 /* Nl */) {
          line++;
          k++;
        } else if (isF && !isRaw && d === 78 && text.charCodeAt(k + 2) === 123 /* LBrace */) {
          const close = text.indexOf("}", k + 3);
          const nl = text.indexOf("\n", k + 3);
          if (close >= 0 && (nl < 0 || close < nl)) k = close - 1;
        }
        k += 2;
        continue;
      }
      if (c2 === 10 /* Nl */) {
        if (!triple) return k;
        line++;
        k++;
        continue;
      }
      if (c2 === q) {
        if (!triple) return k + 1;
        if (text.charCodeAt(k + 1) === q && text.charCodeAt(k + 2) === q) return k + 3;
        k++;
        continue;
      }
      if (isF && c2 === 123 /* LBrace */) {
        if (text.charCodeAt(k + 1) === 123 /* LBrace */) {
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
  const scanReplacementField = (from, q, triple) => {
    let k = from;
    let depth = 0;
    while (k < n) {
      const c2 = text.charCodeAt(k);
      if (c2 === 10 /* Nl */) {
        if (!triple && startsDeclaration(text, k + 1)) return k;
        line++;
        k++;
      } else if (c2 === 34 /* DQuote */ || c2 === 39 /* SQuote */) {
        k = scanStringAt(k);
      } else if (c2 === 40 /* LParen */ || c2 === 91 /* LBracket */ || c2 === 123 /* LBrace */) {
        depth++;
        k++;
      } else if (c2 === 41 /* RParen */ || c2 === 93 /* RBracket */ || c2 === 125 /* RBrace */) {
        if (depth === 0 && c2 === 125 /* RBrace */) return k + 1;
        depth = Math.max(0, depth - 1);
        k++;
      } else if (c2 === 58 /* Colon */ && depth === 0) {
        return scanFormatSpec(k + 1, q, triple);
      } else {
        k++;
      }
    }
    return n;
  };
  const scanFormatSpec = (from, q, triple) => {
    let k = from;
    while (k < n) {
      const c2 = text.charCodeAt(k);
      if (c2 === 125 /* RBrace */) return k + 1;
      if (c2 === 123 /* LBrace */) {
        k = scanReplacementField(k + 1, q, triple);
        continue;
      }
      if (c2 === 10 /* Nl */) {
        if (!triple) return k;
        line++;
      } else if (c2 === q && (!triple || text.charCodeAt(k + 1) === q && text.charCodeAt(k + 2) === q)) {
        return k;
      }
      k++;
    }
    return n;
  };
  const scanStringAt = (at) => {
    const q = text.charCodeAt(at);
    const prefix = stringPrefix(text, at) ?? { isF: false, isRaw: false };
    const triple = text.charCodeAt(at + 1) === q && text.charCodeAt(at + 2) === q;
    return scanString(at + (triple ? 3 : 1), q, triple, prefix.isF, prefix.isRaw);
  };
  while (i < n) {
    let indent = 0;
    let j = i;
    for (; j < n; j++) {
      const c2 = text.charCodeAt(j);
      if (c2 === 32 /* Space */) indent++;
      else if (c2 === 9 /* Tab */) indent = indent - indent % 8 + 8;
      else if (c2 === 12 /* FormFeed */) indent = 0;
      else break;
    }
    if (j >= n) break;
    const first = text.charCodeAt(j);
    if (first === 10 /* Nl */ || first === 13 /* Cr */ || first === 35 /* Hash */) {
      const nl = text.indexOf("\n", j);
      if (nl < 0) break;
      i = nl + 1;
      line++;
      continue;
    }
    const startLine = line;
    let depth = 0;
    let code = "";
    let run = j;
    i = j;
    while (i < n) {
      codeSpecial.lastIndex = i;
      if (!codeSpecial.test(text)) {
        i = n;
        break;
      }
      i = codeSpecial.lastIndex - 1;
      const c2 = text.charCodeAt(i);
      if (c2 === 10 /* Nl */) {
        code += text.slice(run, i);
        if (depth > 0 && !startsDeclaration(text, i + 1)) {
          line++;
          i++;
          code += " ";
          run = i;
          continue;
        }
        break;
      }
      if (c2 === 35 /* Hash */) {
        code += text.slice(run, i);
        const nl = text.indexOf("\n", i);
        i = nl < 0 ? n : nl;
        run = i;
      } else if (c2 === 92 /* Backslash */ && (text.charCodeAt(i + 1) === 10 /* Nl */ || text.charCodeAt(i + 1) === 13 /* Cr */ && text.charCodeAt(i + 2) === 10 /* Nl */)) {
        code += text.slice(run, i) + " ";
        i += text.charCodeAt(i + 1) === 10 /* Nl */ ? 2 : 3;
        line++;
        run = i;
      } else if (c2 === 34 /* DQuote */ || c2 === 39 /* SQuote */) {
        code += text.slice(run, i) + '""';
        i = scanStringAt(i);
        run = i;
      } else {
        if (c2 === 40 /* LParen */ || c2 === 91 /* LBracket */ || c2 === 123 /* LBrace */) depth++;
        else if (c2 === 41 /* RParen */ || c2 === 93 /* RBracket */ || c2 === 125 /* RBrace */) depth = Math.max(0, depth - 1);
        i++;
      }
    }
    if (i >= n) code += text.slice(run, n);
    out.push({ startLine, endLine: line, indent, code: code.trimEnd() });
    if (i < n) {
      i++;
      line++;
    }
  }
  return out;
}
function startsDeclaration(text, from) {
  let k = from;
  while (text.charCodeAt(k) === 32 /* Space */ || text.charCodeAt(k) === 9 /* Tab */) k++;
  const c2 = text.charCodeAt(k);
  if (c2 !== 100 && c2 !== 99 && c2 !== 97) return false;
  return /^(?:async\s+def|def|class)\s+[\p{ID_Start}_]/u.test(text.slice(k, k + 40));
}

// src/symbols/ruby.ts
function outlineRuby(text) {
  return new RubyOutliner(text).run();
}
var blockKeywords = /* @__PURE__ */ new Set(["if", "unless", "while", "until"]);
var valueKeywords = /* @__PURE__ */ new Set(["end", "self", "nil", "true", "false", "__FILE__", "__LINE__", "__ENCODING__", "redo", "retry"]);
var operandKeywords = /* @__PURE__ */ new Set(["and", "or", "not", "elsif", "when", "in"]);
var operatorMethods = ["[]=", "[]", "<=>", "===", "==", "=~", "!=", "!~", "<<", ">>", "<=", ">=", "**", "+@", "-@", "!", "~", "+", "-", "*", "/", "%", "<", ">", "^", "&", "|", "`"];
var percentTypes = "qQwWiIrsx";
function isIdentStart(c2) {
  return c2 >= 97 && c2 <= 122 || c2 >= 65 && c2 <= 90 || c2 === 95 || c2 >= 128;
}
function isIdentChar2(c2) {
  return isIdentStart(c2) || c2 >= 48 && c2 <= 57;
}
function isSpace(c2) {
  return c2 === 32 || c2 === 9 || c2 === 13 || c2 === 12 || c2 === 11;
}
function closerOf(c2) {
  if (c2 === 40) return 41;
  if (c2 === 91) return 93;
  if (c2 === 123) return 125;
  if (c2 === 60) return 62;
  return c2;
}
var identTail = /[A-Za-z0-9_\u0080-\uffff]*/y;
var spaces = /[ \t\r\f\v]+/y;
var specialByDelimiters = /* @__PURE__ */ new Map();
function stringSpecial(close, open) {
  const key = close * 65536 + (open + 1);
  let re = specialByDelimiters.get(key);
  if (!re) {
    const esc = (c2) => c2 < 0 ? "" : "\\u" + c2.toString(16).padStart(4, "0");
    re = new RegExp(`[\\\\\\n#${esc(close)}${esc(open)}]`, "g");
    specialByDelimiters.set(key, re);
  }
  return re;
}
var RubyOutliner = class {
  constructor(text) {
    this.text = text;
    this.n = text.length;
  }
  text;
  i = 0;
  line = 1;
  n;
  prev = "start";
  spaceBefore = false;
  depth = 0;
  lastTokenLine = 0;
  prevTokenLine = 0;
  roots = [];
  stack = [];
  opaqueDepth = 0;
  /** `while x do`: this `do` belongs to the loop and opens nothing. */
  loopDo = false;
  inBlockParams = false;
  heredocs = [];
  /** Strings suspended at `#{`, with the bracket depth at which their `}` resumes them. */
  interpolations = [];
  /** A def whose parameter list is open: at its `)`, an `=` makes it endless. */
  pendingDef = null;
  run() {
    const { text } = this;
    this.atLineStart();
    while (this.i < this.n) {
      const c2 = text.charCodeAt(this.i);
      if (c2 === 10) {
        this.newline();
        continue;
      }
      if (isSpace(c2)) {
        spaces.lastIndex = this.i;
        spaces.test(text);
        this.i = spaces.lastIndex;
        this.spaceBefore = true;
        continue;
      }
      if (c2 === 35) {
        const nl = text.indexOf("\n", this.i);
        this.i = nl < 0 ? this.n : nl;
        continue;
      }
      if (c2 === 92 && (text.charCodeAt(this.i + 1) === 10 || text.charCodeAt(this.i + 1) === 13)) {
        const nl = text.indexOf("\n", this.i);
        this.i = nl < 0 ? this.n : nl + 1;
        this.line++;
        this.spaceBefore = true;
        continue;
      }
      this.prevTokenLine = this.lastTokenLine;
      this.lastTokenLine = this.line;
      this.token(c2);
      this.spaceBefore = false;
    }
    this.closeStatements(this.lastTokenLine, 0);
    while (this.stack.length > 0) this.pop(this.lastTokenLine);
    return this.roots;
  }
  // ---- structure ----
  container() {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const f = this.stack[k];
      if (f.node && f.kind !== "def") return f.node;
    }
    return null;
  }
  push(frame) {
    this.stack.push(frame);
    if (frame.opaque) this.opaqueDepth++;
  }
  pop(endLine) {
    const f = this.stack.pop();
    if (!f) return;
    if (f.node) f.node.endLine = endLine;
    if (f.opaque) this.opaqueDepth--;
    if (this.pendingDef?.frame === f) this.pendingDef = null;
  }
  addSymbol(name, kind) {
    const parent = this.container();
    const node2 = {
      name: parent ? `${parent.name}.${name}` : name,
      kind,
      startLine: this.line,
      endLine: this.line,
      children: []
    };
    (parent ? parent.children : this.roots).push(node2);
    return node2;
  }
  /** The statement ends: close constants and endless defs opened at this bracket depth. */
  closeStatements(endLine, depth) {
    for (; ; ) {
      const top = this.stack[this.stack.length - 1];
      if (!top || top.kind !== "stmt" || top.depth < depth) return;
      this.pop(endLine);
    }
  }
  statementEnd(endLine) {
    this.prev = "start";
    this.loopDo = false;
    this.inBlockParams = false;
    if (this.interpolations.length === 0) this.closeStatements(endLine, this.depth);
  }
  // ---- lines ----
  newline() {
    const endLine = this.line;
    this.i++;
    this.line++;
    if (this.heredocs.length > 0) this.readHeredocBodies();
    this.atLineStart();
    this.spaceBefore = true;
    if (this.interpolations.length > 0) return;
    if (this.prev === "op" || this.prev === "dot") return;
    const top = this.stack[this.stack.length - 1];
    if (top?.kind === "stmt" && top.depth >= this.depth && this.nextLineStartsWithDot()) return;
    this.statementEnd(this.line - 1 > endLine ? this.line - 1 : endLine);
  }
  atLineStart() {
    const { text } = this;
    for (; ; ) {
      if (text.startsWith("=begin", this.i) && (this.i + 6 >= this.n || isSpace(text.charCodeAt(this.i + 6)) || text.charCodeAt(this.i + 6) === 10)) {
        for (; ; ) {
          const nl = text.indexOf("\n", this.i);
          if (nl < 0) {
            this.i = this.n;
            return;
          }
          const isEnd = text.startsWith("=end", this.i);
          this.i = nl + 1;
          this.line++;
          if (isEnd) break;
        }
        continue;
      }
      if (text.startsWith("__END__", this.i)) {
        const after = text.charCodeAt(this.i + 7);
        if (this.i + 7 >= this.n || after === 10 || after === 13) this.i = this.n;
      }
      return;
    }
  }
  readHeredocBodies() {
    const { text } = this;
    for (const h2 of this.heredocs) {
      while (this.i < this.n) {
        let nl = text.indexOf("\n", this.i);
        if (nl < 0) nl = this.n;
        let body = text.slice(this.i, nl);
        if (body.endsWith("\r")) body = body.slice(0, -1);
        this.i = Math.min(nl + 1, this.n);
        this.line++;
        if ((h2.indented ? body.trimStart() : body) === h2.id) break;
      }
    }
    this.heredocs = [];
  }
  nextLineStartsWithDot() {
    const { text } = this;
    let k = this.i;
    while (k < this.n) {
      const c2 = text.charCodeAt(k);
      if (isSpace(c2) || c2 === 10) k++;
      else if (c2 === 35) {
        const nl = text.indexOf("\n", k);
        if (nl < 0) return false;
        k = nl + 1;
      } else if (c2 === 46) return text.charCodeAt(k + 1) !== 46;
      else return c2 === 38 && text.charCodeAt(k + 1) === 46;
    }
    return false;
  }
  // ---- tokens ----
  /** Where a literal may start: after an operator, or after a method name called without parens (`puts /x/`). */
  operandExpected() {
    if (this.prev === "start" || this.prev === "op") return true;
    if (this.prev !== "ident" || !this.spaceBefore) return false;
    const next = this.text.charCodeAt(this.i + 1);
    return !isSpace(next) && next !== 61 && next !== 10;
  }
  token(c2) {
    const { text } = this;
    if (isIdentStart(c2)) return this.word();
    if (c2 >= 48 && c2 <= 57) {
      let k = this.i + 1;
      while (k < this.n) {
        const d = text.charCodeAt(k);
        if (isIdentChar2(d) || d === 46 && text.charCodeAt(k + 1) >= 48 && text.charCodeAt(k + 1) <= 57) k++;
        else break;
      }
      this.i = k;
      this.prev = "value";
      return;
    }
    switch (c2) {
      case 34:
      case 96:
        this.i++;
        return this.string({ close: c2, open: -1, nest: 0, interpolates: true, regex: false });
      case 39:
        this.i++;
        return this.string({ close: c2, open: -1, nest: 0, interpolates: false, regex: false });
      case 64: {
        let k = this.i + 1;
        if (text.charCodeAt(k) === 64) k++;
        while (k < this.n && isIdentChar2(text.charCodeAt(k))) k++;
        this.i = k;
        this.prev = "value";
        return;
      }
      case 36: {
        let k = this.i + 1;
        if (isIdentStart(text.charCodeAt(k))) while (k < this.n && isIdentChar2(text.charCodeAt(k))) k++;
        else if (text.charCodeAt(k) === 45) k += 2;
        else k++;
        while (k < this.n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
        this.i = k;
        this.prev = "value";
        return;
      }
      case 58:
        return this.colon();
      case 63:
        return this.question();
      case 47:
        if (this.operandExpected()) {
          this.i++;
          return this.string({ close: 47, open: -1, nest: 0, interpolates: true, regex: true });
        }
        break;
      case 37:
        if (this.operandExpected() && this.percentLiteral()) return;
        break;
      case 60:
        if (text.charCodeAt(this.i + 1) === 60 && this.heredocStart()) return;
        break;
      case 40:
      case 91:
      case 123:
        this.depth++;
        this.i++;
        this.prev = "op";
        if (c2 === 123 && text.charCodeAt(this.skipSpaces(this.i)) === 124) this.inBlockParams = true;
        return;
      case 125:
      case 41:
      case 93: {
        const top = this.interpolations[this.interpolations.length - 1];
        if (c2 === 125 && top && top.depth === this.depth) {
          this.interpolations.pop();
          this.i++;
          return this.string(top.state);
        }
        this.depth = Math.max(0, this.depth - 1);
        this.i++;
        this.prev = "value";
        if (c2 === 41 && this.pendingDef && this.depth === this.pendingDef.depth) {
          const { frame } = this.pendingDef;
          this.pendingDef = null;
          if (this.endlessAt(this.i)) this.makeEndless(frame);
        }
        return;
      }
      case 59:
        this.i++;
        this.statementEnd(this.line);
        return;
      case 46:
        if (text.charCodeAt(this.i + 1) === 46) {
          this.i += text.charCodeAt(this.i + 2) === 46 ? 3 : 2;
          this.prev = "op";
        } else {
          this.i++;
          this.prev = "dot";
        }
        return;
      case 38:
        if (text.charCodeAt(this.i + 1) === 46) {
          this.i += 2;
          this.prev = "dot";
          return;
        }
        break;
      case 124:
        if (this.inBlockParams) {
          const isOpening = this.lastWasBlockOpen();
          this.i++;
          if (!isOpening) {
            this.inBlockParams = false;
            this.prev = "start";
          } else {
            this.prev = "op";
          }
          return;
        }
        break;
    }
    this.i++;
    this.prev = "op";
  }
  lastWasBlockOpen() {
    let k = this.i - 1;
    while (k >= 0 && isSpace(this.text.charCodeAt(k))) k--;
    const c2 = this.text.charCodeAt(k);
    return c2 === 123 || c2 === 111 && this.text.startsWith("do", k - 1);
  }
  skipSpaces(k) {
    while (k < this.n && isSpace(this.text.charCodeAt(k))) k++;
    return k;
  }
  word() {
    const { text } = this;
    const start = this.i;
    identTail.lastIndex = start + 1;
    identTail.test(text);
    let k = identTail.lastIndex;
    const nc = text.charCodeAt(k);
    if ((nc === 63 || nc === 33) && text.charCodeAt(k + 1) !== 61) k++;
    const word = text.slice(start, k);
    this.i = k;
    const afterDot = this.prev === "dot";
    if (text.charCodeAt(k) === 58 && text.charCodeAt(k + 1) !== 58 && !afterDot) {
      this.i = k + 1;
      this.prev = "op";
      return;
    }
    if (afterDot) {
      this.prev = "ident";
      return;
    }
    switch (word) {
      case "def":
        return this.def(this.recoverUnclosedDef(start));
      case "class":
        this.recoverUnclosedDef(start);
        return this.classOrModule("class");
      case "module":
        this.recoverUnclosedDef(start);
        return this.classOrModule("module");
      case "end":
        this.closeStatements(this.line, this.depth);
        this.pop(this.line);
        this.prev = "value";
        return;
      case "case":
      case "begin":
        this.push({ kind: "block", node: null, opaque: false, depth: this.depth });
        this.prev = "start";
        return;
      case "then":
      case "else":
      case "ensure":
      case "rescue":
        this.prev = "start";
        return;
      case "for":
        this.push({ kind: "block", node: null, opaque: false, depth: this.depth });
        this.loopDo = true;
        this.prev = "op";
        return;
      case "do":
        if (this.loopDo) this.loopDo = false;
        else this.push({ kind: "block", node: null, opaque: false, depth: this.depth });
        if (text.charCodeAt(this.skipSpaces(this.i)) === 124) this.inBlockParams = true;
        this.prev = "start";
        return;
    }
    if (blockKeywords.has(word)) {
      if (this.prev === "start" || this.prev === "op") {
        this.push({ kind: "block", node: null, opaque: false, depth: this.depth });
        if (word === "while" || word === "until") this.loopDo = true;
      }
      this.prev = "op";
      return;
    }
    if (operandKeywords.has(word)) {
      this.prev = "op";
      return;
    }
    if (valueKeywords.has(word)) {
      this.prev = "value";
      return;
    }
    const c0 = word.charCodeAt(0);
    if (c0 >= 65 && c0 <= 90 && this.prev === "start" && this.opaqueDepth === 0) {
      let e = k;
      while (text.charCodeAt(e) === 58 && text.charCodeAt(e + 1) === 58 && isIdentStart(text.charCodeAt(e + 2))) {
        e += 3;
        while (e < this.n && isIdentChar2(text.charCodeAt(e))) e++;
      }
      if (this.isAssignmentAt(e, true)) {
        const node2 = this.addSymbol(text.slice(start, e).split("::").join("."), "constant");
        this.push({ kind: "stmt", node: node2, opaque: false, depth: this.depth });
        this.i = e;
        this.prev = "value";
        return;
      }
    }
    this.prev = c0 >= 65 && c0 <= 90 ? "value" : "ident";
  }
  /** `=` (not `==`, `=~`, `=>`) after optional spaces; with `orAssign`, `||=` too. */
  isAssignmentAt(k, orAssign = false) {
    const j = this.skipSpaces(k);
    if (orAssign && this.text.startsWith("||=", j)) return true;
    if (this.text.charCodeAt(j) !== 61) return false;
    const d = this.text.charCodeAt(j + 1);
    return d !== 61 && d !== 126 && d !== 62;
  }
  endlessAt(k) {
    return this.isAssignmentAt(k);
  }
  makeEndless(frame) {
    frame.kind = "stmt";
    frame.depth = this.depth;
  }
  /**
   * A file being edited often has a def whose `end` is not typed yet. Ruby would nest everything
   * below inside it; a def, class or module that starts a line at or left of an open def's
   * indentation closes that def instead (valid code indents what a def body holds).
   * Returns the column of the keyword when it starts its line, else -1.
   */
  recoverUnclosedDef(start) {
    const { text } = this;
    let k = start;
    while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
    if (k > 0 && text.charCodeAt(k - 1) !== 10) return -1;
    const col = start - k;
    for (let f = this.stack.length - 1; f >= 0; f--) {
      const frame = this.stack[f];
      if (frame.kind !== "def" || frame.indent === void 0 || frame.indent < col) continue;
      while (this.stack.length > f) this.pop(this.prevTokenLine);
      break;
    }
    return col;
  }
  def(col) {
    const { text } = this;
    let k = this.skipSpaces(this.i);
    let r = k;
    const bare = k;
    while (text.charCodeAt(r) === 64 || r === k && text.charCodeAt(r) === 36) r++;
    if (isIdentStart(text.charCodeAt(r))) {
      r++;
      while (r < this.n && isIdentChar2(text.charCodeAt(r))) r++;
      if (text.charCodeAt(r) === 46 && text.charCodeAt(r + 1) !== 46) k = r + 1;
      else if (text.charCodeAt(r) === 58 && text.charCodeAt(r + 1) === 58) k = r + 2;
    }
    const name = this.methodName(k);
    k += name.length;
    this.i = k;
    this.prev = "ident";
    const kind = this.container() || k - name.length !== bare ? "method" : "function";
    const node2 = this.opaqueDepth === 0 && name !== "" ? this.addSymbol(name, kind) : null;
    const frame = { kind: "def", node: node2, opaque: true, depth: this.depth, ...col >= 0 ? { indent: col } : {} };
    this.push(frame);
    const j = this.skipSpaces(k);
    if (text.charCodeAt(j) === 40) this.pendingDef = { frame, depth: this.depth };
    else if (this.endlessAt(j)) this.makeEndless(frame);
  }
  methodName(k) {
    const { text } = this;
    if (isIdentStart(text.charCodeAt(k))) {
      let e = k + 1;
      while (e < this.n && isIdentChar2(text.charCodeAt(e))) e++;
      const c2 = text.charCodeAt(e);
      if (c2 === 63 || c2 === 33) e++;
      else if (c2 === 61) {
        const d = text.charCodeAt(e + 1);
        if (d !== 61 && d !== 126 && d !== 62) e++;
      }
      return text.slice(k, e);
    }
    for (const op of operatorMethods) if (text.startsWith(op, k)) return op;
    return "";
  }
  classOrModule(kind) {
    const { text } = this;
    let k = this.skipSpaces(this.i);
    if (kind === "class" && text.startsWith("<<", k)) {
      this.push({ kind: "sclass", node: null, opaque: false, depth: this.depth });
      this.i = k + 2;
      this.prev = "op";
      return;
    }
    const start = k;
    while (k < this.n) {
      const c2 = text.charCodeAt(k);
      if (isIdentChar2(c2)) k++;
      else if (c2 === 58 && text.charCodeAt(k + 1) === 58) k += 2;
      else break;
    }
    const name = text.slice(start, k).replace(/^::/, "").split("::").join(".");
    this.i = k;
    this.prev = "value";
    const node2 = this.opaqueDepth === 0 && name !== "" ? this.addSymbol(name, kind) : null;
    this.push({ kind, node: node2, opaque: false, depth: this.depth });
  }
  colon() {
    const { text } = this;
    const next = text.charCodeAt(this.i + 1);
    if (next === 58) {
      this.i += 2;
      this.prev = "dot";
      return;
    }
    if (next === 34 || next === 39) {
      this.i += 2;
      return this.string({ close: next, open: -1, nest: 0, interpolates: next === 34, regex: false });
    }
    if (isIdentStart(next)) {
      let k = this.i + 2;
      while (k < this.n && isIdentChar2(text.charCodeAt(k))) k++;
      const c2 = text.charCodeAt(k);
      if (c2 === 63 || c2 === 33 || c2 === 61 && text.charCodeAt(k + 1) !== 61 && text.charCodeAt(k + 1) !== 62 && text.charCodeAt(k + 1) !== 126) k++;
      this.i = k;
      this.prev = "value";
      return;
    }
    if (this.prev !== "value" || this.spaceBefore) {
      for (const op of operatorMethods) {
        if (text.startsWith(op, this.i + 1)) {
          this.i += 1 + op.length;
          this.prev = "value";
          return;
        }
      }
    }
    this.i++;
    this.prev = "op";
  }
  question() {
    const { text } = this;
    if (this.prev === "start" || this.prev === "op") {
      const next = text.charCodeAt(this.i + 1);
      if (next === 92) {
        this.i += 3;
        this.prev = "value";
        return;
      }
      if (this.i + 1 < this.n && !isSpace(next) && next !== 10 && !isIdentChar2(text.charCodeAt(this.i + 2))) {
        this.i += 2;
        this.prev = "value";
        return;
      }
    }
    this.i++;
    this.prev = "op";
  }
  percentLiteral() {
    const { text } = this;
    let k = this.i + 1;
    let type5 = "";
    const t = text.charCodeAt(k);
    if (percentTypes.includes(String.fromCharCode(t)) && t !== 0 && !isIdentChar2(text.charCodeAt(k + 1)) && !isSpace(text.charCodeAt(k + 1))) {
      type5 = String.fromCharCode(t);
      k++;
    }
    const open = text.charCodeAt(k);
    if (k >= this.n || isIdentChar2(open) || isSpace(open) || open === 10 || type5 === "" && open === 61) return false;
    const close = closerOf(open);
    this.i = k + 1;
    this.string({
      close,
      open: close === open ? -1 : open,
      nest: 0,
      interpolates: type5 === "" || "QWIrx".includes(type5),
      regex: type5 === "r"
    });
    return true;
  }
  heredocStart() {
    const { text } = this;
    let k = this.i + 2;
    const flag = text.charCodeAt(k);
    const indented = flag === 126 || flag === 45;
    if (indented) k++;
    const q = text.charCodeAt(k);
    let id;
    if (q === 39 || q === 34 || q === 96) {
      const close = text.indexOf(String.fromCharCode(q), k + 1);
      const nl = text.indexOf("\n", k + 1);
      if (close < 0 || nl >= 0 && nl < close) return false;
      id = text.slice(k + 1, close);
      k = close + 1;
    } else if (isIdentStart(q)) {
      let e = k + 1;
      while (e < this.n && isIdentChar2(text.charCodeAt(e))) e++;
      id = text.slice(k, e);
      k = e;
    } else {
      return false;
    }
    const operand = this.prev === "start" || this.prev === "op";
    const afterCall = this.prev === "ident" && this.spaceBefore && (indented || !(q >= 97 && q <= 122));
    if (!operand && !afterCall) return false;
    this.heredocs.push({ id, indented });
    this.i = k;
    this.prev = "value";
    return true;
  }
  /** Scans a string body; suspends at `#{` (resumed by the matching `}`). */
  string(st) {
    const { text } = this;
    let k = this.i;
    const special = stringSpecial(st.close, st.open);
    while (k < this.n) {
      special.lastIndex = k;
      if (!special.test(text)) break;
      k = special.lastIndex - 1;
      const c2 = text.charCodeAt(k);
      if (c2 === 92) {
        if (text.charCodeAt(k + 1) === 10) this.line++;
        k += 2;
        continue;
      }
      if (c2 === 10) {
        this.line++;
        k++;
        continue;
      }
      if (c2 === st.open) {
        st.nest++;
      } else if (c2 === st.close) {
        if (st.nest === 0) {
          k++;
          if (st.regex) while (k < this.n && isIdentStart(text.charCodeAt(k))) k++;
          this.i = k;
          this.prev = "value";
          this.lastTokenLine = this.line;
          return;
        }
        st.nest--;
      } else if (c2 === 35 && st.interpolates && text.charCodeAt(k + 1) === 123) {
        this.i = k + 2;
        this.interpolations.push({ state: st, depth: this.depth });
        this.prev = "start";
        return;
      }
      k++;
    }
    this.i = this.n;
  }
};

// src/symbols/rust.ts
function outlineRust(text, untilLine) {
  const d = new Declarations(scan(text, "rust", untilLine));
  return items2(d, 0, d.n, "", false);
}
var QUALIFIERS = /* @__PURE__ */ new Set(["async", "unsafe", "safe", "default"]);
var items2 = (d, from, to, prefix, inImpl) => declarationsIn(d, from, to, { prefix, inType: inImpl }, RUST);
function skipPrefix(d, i) {
  while (d.isP(i, "#") && d.isP(i + 1, "[")) i = d.close(i + 1) + 1;
  if (d.v(i) === "pub") {
    i++;
    if (d.isP(i, "(")) i = d.close(i) + 1;
  }
  for (; ; ) {
    const w = d.v(i);
    if (QUALIFIERS.has(w) && d.isId(i + 1)) i++;
    else if (w === "const" && (d.v(i + 1) === "fn" || QUALIFIERS.has(d.v(i + 1)) || d.v(i + 1) === "extern")) i++;
    else if (w === "extern" && (d.v(i + 1) === "fn" || d.isStr(i + 1) && d.v(i + 2) === "fn")) i += d.v(i + 1) === "fn" ? 1 : 2;
    else return i;
  }
}
var named2 = (d, start, i, to, { prefix, inType: inImpl }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const w = d.v(i);
  const kind = w === "fn" ? inImpl ? "method" : "function" : w;
  return push(d, out, prefix + d.v(i + 1), kind, start, d.bodyEnd(i + 2, to));
};
var trait = (d, start, i, to, { prefix }, out) => d.isId(i + 1) ? container(d, out, prefix + d.v(i + 1), "trait", start, i + 2, to) : NOT_THIS;
var impl = (d, start, i, to, { prefix }, out) => container(d, out, prefix + implName(d, i + 1, to), "impl", start, i + 1, to);
var mod = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const name = prefix + d.v(i + 1);
  if (d.isP(i + 2, "{")) return container(d, out, name, "module", start, i + 2, to);
  return push(d, out, name, "module", start, d.statementEnd(i, to, noNewlineRule));
};
var binding = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  const n = w === "static" && d.v(i + 1) === "mut" ? i + 2 : i + 1;
  if (!d.isId(n)) return NOT_THIS;
  const kind = w === "const" ? "constant" : w === "static" ? "variable" : "type";
  return push(d, out, prefix + d.v(n), kind, start, d.statementEnd(n, to, noNewlineRule));
};
var macroRules = (d, start, i, _to, { prefix }, out) => {
  if (!d.isP(i + 1, "!") || !d.isId(i + 2)) return NOT_THIS;
  let end = d.opens(i + 3) ? d.close(i + 3) : i + 2;
  if (d.isP(end + 1, ";")) end++;
  return push(d, out, prefix + d.v(i + 2), "macro", start, end);
};
var externBlock = (d, _start, i, _to, { prefix }, out) => {
  if (!d.isStr(i + 1) || !d.isP(i + 2, "{")) return NOT_THIS;
  const close = d.close(i + 2);
  out.push(...items2(d, i + 3, close, prefix, false));
  return close + 1;
};
var statement = (d, _start, i, to) => {
  let m = i;
  while (d.isId(m) && d.isP(m + 1, "::") && d.isId(m + 2)) m += 2;
  if (d.isId(m) && d.isP(m + 1, "!") && d.opens(m + 2)) {
    const close = d.close(m + 2);
    return d.isP(close + 1, ";") ? close + 2 : close + 1;
  }
  return d.statementEnd(i, to, noNewlineRule) + 1;
};
var RUST = {
  separators: /* @__PURE__ */ new Set([";"]),
  // An inner attribute `#![...]` is about the enclosing module.
  whole: (d, start) => d.isP(start, "#") && d.isP(start + 1, "!") && d.isP(start + 2, "[") ? d.close(start + 2) + 1 : NOT_THIS,
  skipPrefix,
  keyword: identifierKeyword,
  readers: readersFor([
    [["fn", "struct", "enum", "union"], named2],
    [["trait"], trait],
    [["impl"], impl],
    [["mod"], mod],
    [["const", "static", "type"], binding],
    [["macro_rules"], macroRules],
    [["extern"], externBlock]
  ]),
  other: statement
};
function push(d, out, name, kind, start, end) {
  out.push(d.node(name, kind, start, end));
  return end + 1;
}
function container(d, out, name, kind, start, i, to) {
  let j = i;
  while (j < to && !d.isP(j, "{") && !d.isP(j, ";")) j = d.opens(j) ? d.close(j) + 1 : j + 1;
  if (!d.isP(j, "{")) return push(d, out, name, kind, start, j);
  const close = d.close(j);
  out.push(d.node(name, kind, start, close, items2(d, j + 1, close, name + ".", kind !== "module")));
  return close + 1;
}
function implName(d, i, to) {
  let name = "impl";
  let glue = false;
  let j = i;
  while (j < to && !d.isP(j, "{") && !d.isP(j, ";") && d.v(j) !== "where") {
    if (d.isP(j, "<")) {
      j = d.skipAngles(j, to);
      continue;
    }
    const part = d.opens(j) ? d.slice(j, d.close(j)) : d.raw(j);
    const path = part === "::" && j > i && (d.isId(j - 1) || d.isP(j - 1, ">")) && d.v(j - 1) !== "for";
    name += glue || path ? part : " " + part;
    glue = part === "::" || part === "&" || part === "!" || part === "*";
    j = d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  return name;
}

// src/symbols/swift.ts
function outlineSwift(text, untilLine) {
  const d = new Declarations(scan(text, "swift", untilLine));
  return declarationsIn(d, 0, d.n, { prefix: "", inType: false }, SWIFT);
}
var CONTINUES2 = /* @__PURE__ */ new Set([".", "?.", ",", "=", "+", "-", "*", "/", "%", "<", "&", "|", "^", "?", ":", "->", "=>"]);
var CONTINUES_ID2 = /* @__PURE__ */ new Set(["else", "where", "catch", "throws", "rethrows", "async", "as", "is", "in"]);
var swiftNewline = (d, prev, next) => {
  if (!d.endsExpression(prev)) return false;
  if (d.isPunct(next)) return !CONTINUES2.has(d.v(next));
  return !d.isId(next) || !CONTINUES_ID2.has(d.v(next));
};
var MODIFIERS5 = /* @__PURE__ */ new Set([
  "public",
  "private",
  "fileprivate",
  "internal",
  "open",
  "final",
  "static",
  "override",
  "mutating",
  "nonmutating",
  "lazy",
  "weak",
  "unowned",
  "dynamic",
  "required",
  "convenience",
  "optional",
  "indirect",
  "nonisolated",
  "isolated",
  "distributed",
  "package",
  "consuming",
  "borrowing",
  "prefix",
  "postfix",
  "infix"
]);
var func2 = (d, start, i, to, { prefix, inType }, out) => {
  const w = d.v(i);
  let j = i + 1;
  let name = w;
  if (w === "func") {
    const plain2 = identifier(d, j);
    if (plain2) name = plain2, j++;
    else {
      name = "";
      while (j < to && d.isPunct(j) && !d.isP(j, "(") && !(name !== "" && d.isP(j, "<") && !d.adjacent(j - 1))) name += d.v(j++);
    }
  } else if (d.isP(j, "?") || d.isP(j, "!")) j++;
  const end = d.bodyEnd(j, to, "", swiftNewline);
  out.push(d.node(prefix + name, inType ? "method" : "function", start, end));
  return end + 1;
};
var type4 = (d, start, i, to, { prefix }, out) => {
  const w = d.v(i);
  if (!identifier(d, i + 1) && w !== "extension") return NOT_THIS;
  let j = i + 1;
  let name = identifier(d, j++) || d.v(j - 1);
  while (d.isP(j, ".") && d.isId(j + 1)) name += "." + d.v(j + 1), j += 2;
  while (j < to && !d.isP(j, "{")) {
    if (d.isP(j, "<")) j = d.skipAngles(j, to);
    else if (d.closes(j) || d.isP(j, ";")) break;
    else j = d.opens(j) ? d.close(j) + 1 : j + 1;
  }
  if (!d.isP(j, "{")) return j;
  const close = d.close(j);
  const qualified = prefix + name;
  out.push(d.node(qualified, w, start, close, declarationsIn(d, j + 1, close, { prefix: qualified + ".", inType: true }, SWIFT)));
  return close + 1;
};
var variable = (d, start, i, to, { prefix, inType }, out) => {
  if (!identifier(d, i + 1) && !d.isP(i + 1, "(")) return NOT_THIS;
  const name = identifier(d, i + 1) || d.v(i + 2);
  const end = d.statementEnd(i + 1, to, swiftNewline);
  out.push(d.node(prefix + name, inType ? "property" : "variable", start, end));
  return end + 1;
};
var typealias = (d, start, i, to, { prefix }, out) => {
  if (!d.isId(i + 1)) return NOT_THIS;
  const end = d.statementEnd(i + 1, to, swiftNewline);
  out.push(d.node(prefix + d.v(i + 1), "type", start, end));
  return end + 1;
};
var operator = (d, _start, i, to) => {
  let j = i + 1;
  while (j < to && !d.nl(j)) j++;
  return j;
};
var SWIFT = {
  separators: /* @__PURE__ */ new Set([";"]),
  whole: null,
  skipPrefix: prefixSkipper(
    (d, i) => {
      if (!d.isP(i, "@") || !d.isId(i + 1)) return i;
      i += 2;
      return d.isP(i, "(") && d.adjacent(i - 1) ? d.close(i) + 1 : i;
    },
    (d, i) => {
      if (!d.isId(i) || !(MODIFIERS5.has(d.v(i)) || d.v(i) === "class" && isDeclKeyword(d, i + 1))) return i;
      i++;
      return d.isP(i, "(") && d.isId(i + 1) && d.isP(i + 2, ")") ? i + 3 : i;
    }
  ),
  keyword: identifierKeyword,
  readers: readersFor([
    [["func", "init", "deinit", "subscript"], func2],
    [["class", "struct", "enum", "protocol", "actor", "extension"], type4],
    [["var", "let"], variable],
    [["typealias"], typealias],
    [["operator"], operator]
  ]),
  other: (d, _start, i, to) => d.statementEnd(i, to, swiftNewline) + 1
};
function identifier(d, i) {
  if (d.isId(i)) return d.v(i);
  const raw = d.isStr(i) ? d.raw(i) : "";
  return raw.length > 2 && raw.startsWith("`") && raw.endsWith("`") ? raw.slice(1, -1) : "";
}
function isDeclKeyword(d, i) {
  const w = d.v(i);
  return w === "func" || w === "var" || w === "let" || w === "subscript" || MODIFIERS5.has(w);
}

// src/symbols/typescript.ts
function outlineTypeScript(text, language, untilLine) {
  const d = new Declarations(scan(text, language, untilLine));
  return new TypeScriptOutliner(d).items(0, d.n, "", false);
}
var NOT_ENDING = /* @__PURE__ */ new Set(["in", "instanceof", "typeof", "new", "extends", "keyof", "as", "satisfies", "is", "of", "await", "yield", "return", "export", "default", "async", "readonly", "unique", "infer"]);
var CONTINUES_P = /* @__PURE__ */ new Set([".", "?.", ",", "=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "?", ":", "=>", "!"]);
var CONTINUES_ID3 = /* @__PURE__ */ new Set(["in", "instanceof", "as", "satisfies", "extends", "is", "of"]);
var asi = (d, prev, next) => {
  const pv = d.v(prev);
  const postfixBang = pv === "!" && d.adjacent(prev - 1) && d.endsExpression(prev - 1) && !d.isP(prev - 1, "!");
  if (d.isId(prev) ? NOT_ENDING.has(pv) : !d.endsExpression(prev) || pv === "!" && !postfixBang) return false;
  const nv = d.v(next);
  if (d.isPunct(next)) return !CONTINUES_P.has(nv) || nv === "!" && !d.isPunct(prev);
  if (d.isId(next)) return !CONTINUES_ID3.has(nv);
  return !d.isStr(next) || !d.isId(prev);
};
var TYPE_BRACE_AFTER = /* @__PURE__ */ new Set([":", "|", "&", "=>", ",", "<", "(", "[", "?", "=", "keyof", "typeof", "extends", "readonly"]);
var CLASS_MODIFIERS = /* @__PURE__ */ new Set(["public", "private", "protected", "static", "readonly", "abstract", "override", "declare", "accessor", "async"]);
var TypeScriptOutliner = class {
  constructor(d) {
    this.d = d;
  }
  d;
  /** Declarations in [from, to): the file or a namespace body (inClass false), or a class body. */
  items(from, to, prefix, inClass) {
    const out = [];
    let i = from;
    while (i < to) {
      const next = inClass ? this.member(i, to, prefix, out) : this.statement(i, to, prefix, out);
      i = Math.max(next, i + 1);
    }
    return out;
  }
  decorators(i, to) {
    const d = this.d;
    while (i < to && d.isP(i, "@")) {
      i++;
      if (d.isP(i, "(")) i = d.close(i) + 1;
      while (d.isId(i) && d.isP(i + 1, ".")) i += 2;
      if (d.isId(i)) i++;
      if (d.isP(i, "<")) i = d.skipAngles(i, to);
      if (d.isP(i, "(") && !d.nl(i)) i = d.close(i) + 1;
    }
    return i;
  }
  statement(start, to, prefix, out) {
    const d = this.d;
    if (d.isP(start, ";")) return start + 1;
    let i = this.decorators(start, to);
    let isDefault = false;
    for (; ; ) {
      const w2 = d.v(i);
      if (!d.isId(i)) break;
      if (w2 === "export") {
        i++;
        if (d.v(i) === "default") isDefault = true, i++;
      } else if (w2 === "declare" || w2 === "abstract" && d.v(i + 1) === "class" || w2 === "async" && d.v(i + 1) === "function" && !d.nl(i + 1)) {
        i++;
      } else break;
      i = this.decorators(i, to);
    }
    const w = d.isId(i) ? d.v(i) : "";
    const id1 = d.isId(i + 1);
    switch (w) {
      case "function":
        return this.fn(start, i, to, prefix, isDefault ? "default" : "", "function", out);
      case "class":
        return this.classLike(start, i, to, prefix, isDefault, "class", out);
      case "interface":
        if (id1) return this.classLike(start, i, to, prefix, false, "interface", out);
        break;
      case "enum":
        if (id1) return this.classLike(start, i, to, prefix, false, "enum", out);
        break;
      case "type":
        if (id1 && !d.nl(i + 1)) return this.named(start, i + 1, to, prefix, "type", out);
        break;
      case "namespace":
      case "module":
      case "global":
        if (w === "global" ? d.isP(i + 1, "{") : (id1 || d.isStr(i + 1)) && !d.nl(i + 1)) {
          return this.namespace(start, i, to, prefix, out);
        }
        break;
      case "const":
        if (d.v(i + 1) === "enum") return this.classLike(start, i + 1, to, prefix, false, "enum", out);
        return this.variables(start, i + 1, to, prefix, out);
      case "let":
      case "var":
        if (id1 || d.isP(i + 1, "{") || d.isP(i + 1, "[")) return this.variables(start, i + 1, to, prefix, out);
        break;
    }
    return d.statementEnd(i, to, asi) + 1;
  }
  /** `function [*] [name] [<T>] (params) [: type] { body }` or a bodiless overload signature. */
  fn(start, i, to, prefix, anonymous, kind, out) {
    const d = this.d;
    i++;
    if (d.isP(i, "*")) i++;
    let name = anonymous;
    if (d.isId(i)) name = d.v(i++);
    if (d.isP(i, "<")) i = d.skipAngles(i, to);
    if (!d.isP(i, "(") || name === "") return d.statementEnd(i, to, asi) + 1;
    const end = this.signatureEnd(d.close(i) + 1, to);
    out.push(d.node(prefix + name, kind, start, end));
    return end + 1;
  }
  /**
   * After a parameter list: the last token of the declaration, i.e. the body's closing brace, the `;`
   * of an overload/abstract signature, or the signature's last token before a line break.
   */
  signatureEnd(i, to) {
    const d = this.d;
    let j = i;
    while (j < to) {
      if (d.isPunct(j)) {
        const v = d.v(j);
        let jumped = -1;
        if (v === "{") {
          if (j === i || !TYPE_BRACE_AFTER.has(d.v(j - 1))) return d.close(j);
          jumped = d.close(j) + 1;
        } else if (v === ";") return j;
        else if (v === "}" || v === ")" || v === "]") return j - 1;
        else if (v === "(" || v === "[") jumped = d.close(j) + 1;
        else if (v === "<") jumped = d.skipAngles(j, to);
        if (jumped >= 0) {
          j = jumped;
          if (j < to && j < d.n && d.nl(j) && !d.isP(j, "{") && asi(d, j - 1, j)) return j - 1;
          continue;
        }
      }
      if (j + 1 >= to || j + 1 >= d.n) return j;
      if (d.nl(j + 1) && !d.isP(j + 1, "{") && asi(d, j, j + 1)) return j;
      j++;
    }
    return to - 1;
  }
  /** class / interface / enum: name, heritage, then a braced body (members only for classes). */
  classLike(start, i, to, prefix, isDefault, kind, out) {
    const d = this.d;
    i++;
    let name = isDefault ? "default" : "";
    if (d.isId(i) && d.v(i) !== "extends" && d.v(i) !== "implements") name = d.v(i++);
    let j = i;
    while (j < to && !(d.isP(j, "{") && !TYPE_BRACE_AFTER.has(d.v(j - 1)))) {
      if (d.isP(j, "<")) j = d.skipAngles(j, to);
      else if (d.isP(j, ";") || d.closes(j)) return j + 1;
      else j = d.opens(j) ? d.close(j) + 1 : j + 1;
    }
    if (j >= to) return to;
    const close = d.close(j);
    if (name === "") return close + 1;
    const qualified = prefix + name;
    const children = kind === "class" ? this.items(j + 1, close, qualified + ".", true) : [];
    out.push(d.node(qualified, kind, start, close, children));
    return close + 1;
  }
  /** `type Name<T> = ...`: i is at the name. */
  named(start, i, to, prefix, kind, out) {
    const end = this.d.statementEnd(i, to, asi);
    out.push(this.d.node(prefix + this.d.v(i), kind, start, end));
    return end + 1;
  }
  /** `namespace A.B { }`, `declare module 'x' { }`, `declare global { }`. */
  namespace(start, i, to, prefix, out) {
    const d = this.d;
    i++;
    let name;
    if (d.isStr(i)) name = d.raw(i++).slice(1, -1);
    else if (d.v(i - 1) === "global") name = "global";
    else {
      name = d.v(i++);
      while (d.isP(i, ".") && d.isId(i + 1)) name += "." + d.v(i + 1), i += 2;
    }
    if (!d.isP(i, "{")) return d.statementEnd(i, to, asi) + 1;
    const close = d.close(i);
    const qualified = prefix + name;
    out.push(d.node(qualified, "module", start, close, this.items(i + 1, close, qualified + ".", false)));
    return close + 1;
  }
  /** `const a = 1, b = () => {}`: one symbol per declarator; i is at the first declarator. */
  variables(start, i, to, prefix, out) {
    const d = this.d;
    let first = start;
    for (; ; ) {
      let name = "";
      if (d.isId(i)) name = d.v(i++);
      else if (d.opens(i)) i = d.close(i) + 1;
      if (d.isP(i, "!")) i++;
      if (d.isP(i, ":")) i = this.typeEnd(i + 1, to);
      let kind = "variable";
      let end = i - 1;
      if (d.isP(i, "=")) {
        kind = this.initialiserKind(i + 1);
        end = this.initialiserEnd(i + 1, to);
      }
      const semicolon = d.isP(end, ";");
      const comma = d.isP(end + 1, ",");
      if (name !== "") out.push(d.node(prefix + name, kind, first, end));
      if (semicolon || !comma) return end + 1;
      i = end + 2;
      first = i;
    }
  }
  /**
   * The last token of a declarator's initialiser: before the `,` that starts the next declarator, but
   * not a comma between type arguments (`forwardRef<El, Props<'pre'>>(...)`, `f<A, B>(x)`).
   */
  initialiserEnd(i, to) {
    const d = this.d;
    let from = i;
    for (; ; ) {
      const end = d.statementEnd(from, to, asi, true);
      const comma = end + 1;
      if (!d.isP(comma, ",")) return end;
      const after = this.typeArgumentsAround(from, comma, to);
      if (after < 0) return end;
      if (d.isP(after, ";")) return after;
      if (after >= to || d.nl(after)) return after - 1;
      from = after;
    }
  }
  /** If the comma at `comma` lies in `name<...>(` type arguments opened after `from`, the token after their `>`; else -1. */
  typeArgumentsAround(from, comma, to) {
    const d = this.d;
    for (let k = from; k < comma; k = d.opens(k) ? d.close(k) + 1 : k + 1) {
      if (!d.isP(k, "<") || !d.isId(k - 1) || !d.adjacent(k - 1)) continue;
      const after = d.skipAngles(k, to);
      if (after > comma && (d.isP(after, "(") || d.isStr(after) || d.isP(after, ";") || after >= to || d.nl(after))) return after;
    }
    return -1;
  }
  /** The token after a type annotation starting at i: the `=`, `,`, `;` or closer that ends it. */
  typeEnd(i, to) {
    const d = this.d;
    let angles = 0;
    let j = i;
    while (j < to) {
      if (d.isPunct(j)) {
        const v = d.v(j);
        if (v === "<") angles++;
        else if (v === ">" && angles > 0) angles--;
        else if (angles === 0 && (v === "=" || v === "," || v === ";" || v === ")" || v === "}" || v === "]")) return j;
        else if (v === "{" || v === "(" || v === "[") j = d.close(j);
      }
      if (j + 1 < d.n && d.nl(j + 1) && angles === 0 && asi(d, j, j + 1)) return j + 1;
      j++;
    }
    return j;
  }
  /** function for arrow and function expressions, class for class expressions, else variable. */
  initialiserKind(i) {
    const d = this.d;
    if (d.v(i) === "async" && !d.nl(i + 1)) i++;
    const w = d.isId(i) ? d.v(i) : "";
    if (w === "function") return "function";
    if (w === "class") return "class";
    if (w !== "" && d.isP(i + 1, "=>")) return "function";
    if (d.isP(i, "<")) i = d.skipAngles(i, d.n);
    if (!d.isP(i, "(")) return "variable";
    let j = d.close(i) + 1;
    if (d.isP(j, ":")) {
      while (j < d.n && !d.isP(j, "=>") && !d.isP(j, ";") && !d.isP(j, "{") && !(d.nl(j) && j > i)) {
        j = d.opens(j) ? d.close(j) + 1 : j + 1;
      }
    }
    return d.isP(j, "=>") ? "function" : "variable";
  }
  /** One class member: method, accessor, constructor, field (a field holding a function is a method). */
  member(start, to, prefix, out) {
    const d = this.d;
    if (d.isP(start, ";") || d.isP(start, ",")) return start + 1;
    let i = this.decorators(start, to);
    if (d.v(i) === "static" && d.isP(i + 1, "{")) return d.close(i + 1) + 1;
    while (d.isId(i) && CLASS_MODIFIERS.has(d.v(i)) && this.startsName(i + 1)) i++;
    if ((d.v(i) === "get" || d.v(i) === "set") && this.startsName(i + 1)) i++;
    if (d.isP(i, "*")) i++;
    let name;
    if (i >= to) return to;
    if (d.isStr(i)) name = d.raw(i).slice(1, -1);
    else if (!d.isPunct(i)) name = d.v(i);
    else if (d.v(i) === "[") {
      if (d.isId(i + 1) && d.isP(i + 2, ":")) return d.statementEnd(i, to, asi) + 1;
      name = d.slice(i, d.close(i));
      i = d.close(i);
    } else return d.statementEnd(i, to, asi) + 1;
    i++;
    if (d.isP(i, "?") || d.isP(i, "!")) i++;
    let kind = "property";
    let end;
    if (d.isP(i, "(") || d.isP(i, "<")) {
      kind = "method";
      if (d.isP(i, "<")) i = d.skipAngles(i, to);
      end = d.isP(i, "(") ? this.signatureEnd(d.close(i) + 1, to) : d.statementEnd(i, to, asi);
    } else {
      if (d.isP(i, ":")) i = this.typeEnd(i + 1, to);
      if (d.isP(i, "=")) {
        if (this.initialiserKind(i + 1) === "function") kind = "method";
        end = d.statementEnd(i + 1, to, asi);
      } else end = d.isP(i, ";") ? i : i - 1;
    }
    out.push(d.node(prefix + name, kind, start, end));
    return end + 1;
  }
  /** Does token i begin a member name on the same line (so the word before it is a modifier)? */
  startsName(i) {
    const d = this.d;
    if (i >= d.n || d.nl(i)) return false;
    return !d.isPunct(i) || d.v(i) === "[" || d.v(i) === "*" || d.v(i) === "{";
  }
};

// src/symbols/core.ts
var byExtension = {
  ts: "typescript",
  mts: "typescript",
  cts: "typescript",
  tsx: "tsx",
  js: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  jsx: "jsx",
  py: "python",
  pyi: "python",
  go: "go",
  rs: "rust",
  swift: "swift",
  java: "java",
  kt: "kotlin",
  kts: "kotlin",
  cs: "csharp",
  c: "c",
  h: "c",
  cc: "cpp",
  cpp: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  hh: "cpp",
  hxx: "cpp",
  rb: "ruby",
  php: "php",
  json: "json",
  jsonc: "json",
  json5: "json",
  yaml: "yaml",
  yml: "yaml",
  toml: "toml",
  md: "markdown",
  mdx: "markdown",
  markdown: "markdown",
  ini: "ini",
  cfg: "ini",
  env: "ini"
};
var byName = {
  ".editorconfig": "ini",
  ".gitconfig": "ini",
  ".gitmodules": "ini",
  ".npmrc": "ini",
  ".pypirc": "ini"
};
function languageOf(filePath) {
  const base = filePath.slice(Math.max(filePath.lastIndexOf("/"), filePath.lastIndexOf("\\")) + 1);
  if (/(^|[.-])lock(\.(json|jsonc|ya?ml|toml))?$/i.test(base)) return void 0;
  const known = byName[base.toLowerCase()];
  if (known) return known;
  if (/^\.env(\.[^/]+)?$/i.test(base)) return "ini";
  const dot = base.lastIndexOf(".");
  if (dot < 0) return void 0;
  return byExtension[base.slice(dot + 1).toLowerCase()];
}
function innermostOverlapping(nodes, start, end) {
  const out = [];
  for (const n of nodes) {
    if (n.endLine < start || n.startLine > end) continue;
    const inner = innermostOverlapping(n.children, start, end);
    const coveredByChildren = inner.length > 0 && coversOnlyChildren(n, start, end);
    if (!coveredByChildren) out.push({ name: n.name, kind: n.kind, startLine: n.startLine, endLine: n.endLine });
    out.push(...inner);
  }
  return out;
}
function coversOnlyChildren(n, start, end) {
  let next = Math.max(start, n.startLine);
  const last = Math.min(end, n.endLine);
  for (const c2 of n.children) {
    if (c2.startLine > next) break;
    if (c2.endLine >= next) next = c2.endLine + 1;
    if (next > last) return true;
  }
  return next > last;
}

// src/symbols/index.ts
function outline(text, language) {
  switch (language) {
    case "typescript":
    case "tsx":
    case "javascript":
    case "jsx":
      return outlineTypeScript(text, language);
    case "go":
      return outlineGo(text);
    case "rust":
      return outlineRust(text);
    case "swift":
      return outlineSwift(text);
    case "java":
      return outlineJava(text);
    case "kotlin":
      return outlineKotlin(text);
    case "csharp":
      return outlineCSharp(text);
    case "c":
    case "cpp":
      return outlineC(text, language);
    case "php":
      return outlinePhp(text);
    case "python":
      return outlinePython(text);
    case "ruby":
      return outlineRuby(text);
    case "json":
      return outlineJson(text);
    case "yaml":
      return outlineYaml(text);
    case "toml":
      return outlineToml(text);
    case "markdown":
      return outlineMarkdown(text);
    case "ini":
      return outlineIni(text);
  }
}
function enclosingSymbols(text, language, ranges) {
  const roots = outline(text, language);
  return ranges.map(([start, end]) => innermostOverlapping(roots, start, end));
}

// src/mod/judge.ts
var MAX_SYMBOL_BYTES = 2 * 1024 * 1024;
function normalizePath(p, cwd) {
  const abs = p.startsWith("/") ? p : `${cwd.replace(/\/+$/, "")}/${p}`;
  const out = [];
  for (const part of abs.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}
function unitsAt(file, text, ranges) {
  const lang = languageOf(file);
  if (!lang || text === void 0 || text.length > MAX_SYMBOL_BYTES || ranges.length === 0) return [WHOLE_FILE];
  try {
    const names = /* @__PURE__ */ new Set();
    for (const spans of enclosingSymbols(text, lang, ranges)) for (const s of spans) names.add(s.name);
    return names.size ? [...names] : [OUTSIDE_SYMBOLS];
  } catch {
    return [WHOLE_FILE];
  }
}
function meets(mine, theirs) {
  if (mine.includes(WHOLE_FILE) || theirs.includes(WHOLE_FILE)) return true;
  const set = new Set(theirs);
  return mine.some((u) => u !== OUTSIDE_SYMBOLS && set.has(u));
}
function textAfter(tool, input, result) {
  if (tool === "Write") return typeof input.content === "string" ? input.content : void 0;
  if (tool !== "Edit" || !result || typeof result !== "object") return void 0;
  const r = result;
  if (typeof r.originalFile !== "string" || typeof r.oldString !== "string" || typeof r.newString !== "string" || !r.oldString) return void 0;
  const original = r.originalFile;
  const replacement = r.newString;
  const out = r.replaceAll === true ? original.split(r.oldString).join(replacement) : original.replace(r.oldString, () => replacement);
  return out === original && r.oldString !== replacement ? void 0 : out;
}
function hunksOf(result) {
  const p = result && typeof result === "object" ? result.structuredPatch : void 0;
  return Array.isArray(p) ? p.filter(isHunk) : [];
}
function unitsOfMadeEdit(file, tool, input, result, after) {
  if (tool === "NotebookEdit") return [WHOLE_FILE];
  const hunks = hunksOf(result);
  const ranges = hunks.length ? editedRanges(hunks) : after === void 0 ? [] : [[1, lineCount(after)]];
  return unitsAt(file, after, ranges);
}
function unitsOfPlannedEdit(file, tool, input, text) {
  if (text === void 0) return [WHOLE_FILE];
  const one = (e) => typeof e.old_string === "string" ? rangeOfEdit(text, e.old_string, e.new_string) : void 0;
  let ranges;
  if (tool === "Edit") ranges = [one(input)];
  else if (tool === "MultiEdit" && Array.isArray(input.edits)) ranges = input.edits.map((e) => e && typeof e === "object" ? one(e) : void 0);
  else return [WHOLE_FILE];
  if (ranges.length === 0 || ranges.some((r) => r === void 0)) return [WHOLE_FILE];
  return unitsAt(file, text, ranges);
}
function askBefore(w, planned) {
  if (!w) return false;
  if (w.block) return true;
  return meets(planned(), w.units);
}
function askAfter(w, made) {
  if (!w) return false;
  return w.always || meets(made(), w.units);
}

// src/mod/person.ts
var MAX_STATUS = 160;
var plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
function statusLine(p) {
  if (p.others === 0) return void 0;
  const parts = [`context-sync: ${plural(p.others, "other session", "other sessions")} here`];
  if (p.conflicts.length) {
    const first = p.conflicts[0];
    const where = first.symbols.length ? `${first.file} ${first.symbols.map((s) => `\`${s}\``).join(", ")}` : first.file;
    const more = p.conflicts.length > 1 ? ` (+${p.conflicts.length - 1} more)` : "";
    parts.push(`conflict: ${where} with ${first.peer}${more}`);
  }
  if (p.unread.length) parts.push(plural(p.unread.length, "unread message", "unread messages"));
  const line = parts.join(" \xB7 ");
  return line.length > MAX_STATUS ? `${line.slice(0, MAX_STATUS - 3)}...` : line;
}
function newToasts(p, seen) {
  const out = [];
  for (const c2 of p.conflicts) {
    if (seen.has(`c:${c2.key}`)) continue;
    seen.add(`c:${c2.key}`);
    const where = c2.symbols.length ? `${c2.file}: ${c2.symbols.map((s) => `\`${s}\``).join(", ")}` : c2.file;
    out.push(`context-sync: conflict in ${where} with ${c2.peer}`);
  }
  for (const m of p.arrived ?? p.unread) {
    if (seen.has(`m:${m.id}`)) continue;
    seen.add(`m:${m.id}`);
    out.push(`context-sync: ${m.direct ? "message" : "broadcast"} from ${m.from}`);
  }
  return out;
}

// src/mod/panel.ts
var PANEL_ID = "context-sync";
var filesLine = (files) => files.map((f) => f.symbols.length ? `${f.file} (${f.symbols.join(", ")})` : f.file).join("; ") || "no edits";
function panelTree(h2, el, view, act) {
  const { Box, Text, Button, Input } = el;
  if (!view) return h2(Text, { dimColor: true }, "context-sync: loading...");
  const sessions = view.sessions.map(
    (s) => h2(
      Box,
      { key: `s:${s.id}`, flexDirection: "column" },
      h2(Text, { bold: s.you }, `${s.you ? "you  " : "     "}${s.label}${s.state ? ` \xB7 ${s.state}` : ""}${s.task ? ` \xB7 ${s.task}` : ""}`),
      h2(Text, { dimColor: true }, `     ${filesLine(s.files)}`)
    )
  );
  const conflicts = view.conflicts.length ? view.conflicts.map(
    (c2) => h2(
      Box,
      { key: `c:${c2.key}`, flexDirection: "row" },
      h2(Text, null, `${c2.file}${c2.symbols.length ? ` \`${c2.symbols.join("`, `")}\`` : ""} with ${c2.peer}  `),
      h2(Button, { key: `resolve:${c2.key}`, label: "Mark handled", onPress: () => act.resolve(c2.file) })
    )
  ) : [h2(Text, { dimColor: true }, "none")];
  const inbox = view.inbox.length ? view.inbox.map(
    (m) => h2(
      Box,
      { key: `m:${m.id}`, flexDirection: "column" },
      h2(Text, null, `${m.direct ? "from" : "to everyone, from"} ${m.from}: ${m.text}`),
      h2(Input, { key: `reply:${m.id}`, placeholder: "reply...", submitLabel: "send", onSubmit: (text) => text.trim() && act.reply(m.fromId, m.id, text) })
    )
  ) : [h2(Text, { dimColor: true }, "no unread messages")];
  return h2(
    Box,
    { flexDirection: "column" },
    h2(Text, { bold: true }, `Sessions here (${view.sessions.length})`),
    ...sessions,
    h2(Text, { bold: true }, "Conflicts"),
    ...conflicts,
    h2(Text, { bold: true }, "Inbox"),
    ...inbox
  );
}

// src/core/records.ts
var EDIT_TOOLS = /* @__PURE__ */ new Set(["Write", "Edit", "MultiEdit", "NotebookEdit"]);

// src/mod/main.ts
var BEAT_MS = 1e3;
var ALONE_BEAT_MS = 5e3;
var QUIET_MS = 250;
var MAX_HOLD_MS = 1e3;
var MAX_STALE_MS = 3e3;
var SETTLED_POLL_MS = 3e4;
var AGENTS_ACTIVE_MS = 6e4;
var RESEND_AFTER_MS = 5e3;
var MAX_TEXTS = 32;
var BUNDLE_TIMEOUT_MS = 9e3;
var ModState = class {
  active = false;
  serverUp = false;
  server = "";
  root = "";
  pluginRoot = "";
  claudePid = "";
  hookEnv = {};
  sessionId;
  cwd = "";
  transcriptPath = "";
  watch = { files: {} };
  /** The project's bell, from the server's view; and its size and time when last looked at. */
  bell;
  bellSeen = "";
  pending = false;
  wake = false;
  busy = false;
  waking = false;
  status;
  seen = /* @__PURE__ */ new Set();
  texts = /* @__PURE__ */ new Map();
  unconfirmed = /* @__PURE__ */ new Map();
  /** CONTEXT_SYNC_MOD_DEBUG=1: what the module decides, as `ui_log` lines (troubleshooting, tests). */
  debug = false;
};
var state = new ModState();
var outbox = [];
var lastToolAt = 0;
var lastAgentCallAt = -Infinity;
var agentTypes = /* @__PURE__ */ new Map();
var agentFields = (agentId) => agentId ? { agent_id: agentId, ...agentTypes.has(agentId) ? { agent_type: agentTypes.get(agentId) } : {} } : {};
var lastPollAt = 0;
function debug($, text) {
  if (state.debug) $.ui.log(`context-sync module: ${text}`);
}
async function sessionIdOf($) {
  state.sessionId ??= await $.session.id();
  return state.sessionId;
}
async function basePayload($, event) {
  return { session_id: await sessionIdOf($), transcript_path: state.transcriptPath, cwd: state.cwd, hook_event_name: event };
}
function applyView(v) {
  if (!v || typeof v !== "object" || !v.watch || typeof v.watch.files !== "object") return;
  state.watch = v.watch;
  state.pending = v.pending === true;
  if (v.person === void 0) return;
  state.wake = v.wake === true;
  if (typeof v.bell === "string") state.bell = v.bell;
  lastPerson = v.person;
}
var lastPerson;
var panel;
var panelOpen = false;
var lastPolled = "";
function parseText(r) {
  if (r.isError) throw new Error(r.content?.[0]?.text ?? "the server answered an error");
  if (r.structuredContent && typeof r.structuredContent === "object") return r.structuredContent;
  return JSON.parse(r.content?.[0]?.text ?? "");
}
async function runBundle($, hook, payload, extraEnv = {}) {
  const r = await $.process.run(["node", `${state.pluginRoot}/dist/hooks/${hook}.mjs`], {
    stdin: JSON.stringify(payload),
    env: { ...state.hookEnv, ...extraEnv },
    timeoutMs: BUNDLE_TIMEOUT_MS
  });
  return JSON.parse(r.stdout || "{}");
}
async function answer($, hook, payload) {
  try {
    const r = parseText(await $.mcp.call(state.server, "mod_hook", { hook, payload }));
    state.serverUp = true;
    applyView(r.view);
    return r.out ?? {};
  } catch {
    state.serverUp = false;
  }
  try {
    return await runBundle($, hook, payload);
  } catch (err) {
    debug($, `${hook}: no answer from the server or the bundle (${String(err)})`);
    return { failed: true };
  }
}
function recordLater($, id, payload) {
  const prev = state.unconfirmed.get(id);
  const viaServer = $.mcp.call(state.server, "mod_hook", { hook: "post-tool-use", payload, later: true }).then((r) => applyView(parseText(r).view));
  const sending = viaServer.catch(() => runBundle($, "post-tool-use", payload, { CONTEXT_SYNC_LATER: "1" })).then(
    () => state.unconfirmed.delete(id),
    () => {
    }
  );
  state.unconfirmed.set(id, { payload, sentAt: Date.now(), tries: (prev?.tries ?? 0) + 1, sending });
}
function flush($) {
  for (const r of outbox.splice(0)) recordLater($, r.id, r.payload);
  return Promise.allSettled([...state.unconfirmed.values()].map((p) => p.sending));
}
function remember(file, text) {
  state.texts.delete(file);
  if (text === void 0 || text.length > MAX_SYMBOL_BYTES) return;
  state.texts.set(file, text);
  if (state.texts.size > MAX_TEXTS) state.texts.delete(state.texts.keys().next().value);
}
var contextOf = (out) => out?.hookSpecificOutput?.additionalContext;
function withContext(r, texts) {
  const add = texts.filter((t) => !!t);
  if (add.length === 0 || r.deny !== void 0) return r;
  return { ...r, context: [...r.context ?? [], ...add] };
}
async function deliverOwed($, e) {
  if (!state.pending && state.serverUp) return void 0;
  if (!state.serverUp) {
    if (!await $.fs.exists(`${state.root}/pending/${state.claudePid}`)) return void 0;
  }
  state.pending = false;
  const payload = { ...await basePayload($, "PostToolUse"), tool_name: e.tool, tool_input: {}, tool_use_id: e.tool_use_id, ...agentFields(e.agentId) };
  const out = await answer($, "deliver", payload);
  debug($, `after ${e.tool}: delivered ${contextOf(out)?.length ?? 0} characters owed to this session`);
  return out;
}
async function editCall($, e, next) {
  const { tool, tool_use_id: id, agentId, ...input } = e;
  const raw = input.file_path ?? input.notebook_path;
  if (typeof raw !== "string" || !raw) return next(e);
  const file = normalizePath(raw, state.cwd);
  const common = async (event) => ({
    ...await basePayload($, event),
    tool_name: tool,
    tool_input: input,
    tool_use_id: id,
    ...agentFields(agentId)
  });
  let before;
  const agents = agentId !== void 0 || Date.now() - lastAgentCallAt < AGENTS_ACTIVE_MS;
  const judged = !state.serverUp || agents || askBefore(state.watch.files[file], () => unitsOfPlannedEdit(file, tool, input, state.texts.get(file)));
  debug($, `${tool} ${file}: ${judged ? "asking the server before" : "nothing to judge before"}`);
  if (judged) {
    before = await answer($, "pre-tool-use", await common("PreToolUse"));
    const d = before.hookSpecificOutput;
    if (d?.permissionDecision === "deny" || d?.permissionDecision === "ask") return { deny: d.permissionDecisionReason ?? "blocked by context-sync" };
  }
  const r = await next(e);
  if (r.deny !== void 0 || r.isError) {
    remember(file, void 0);
    return withContext(r, [contextOf(before)]);
  }
  const after = textAfter(tool, input, r.result);
  remember(file, after);
  const payload = { ...await common("PostToolUse"), tool_response: r.result };
  let made;
  const ask = !state.serverUp || agents || askAfter(state.watch.files[file], () => unitsOfMadeEdit(file, tool, input, r.result, after));
  debug($, `${tool} ${file}: ${ask ? "recorded, waiting for the verdict" : "recorded later"} (server ${state.serverUp ? "up" : "down"}, watching ${Object.keys(state.watch.files).length} files)`);
  if (ask) {
    made = await answer($, "post-tool-use", payload);
    if (made.failed) outbox.push({ id, payload, at: Date.now() });
  } else {
    outbox.push({ id, payload, at: Date.now() });
  }
  const owed = await deliverOwed($, e);
  return withContext(r, [contextOf(before), contextOf(made), contextOf(owed)]);
}
async function poll($) {
  const sessionId = await sessionIdOf($);
  try {
    const view = parseText(await $.mcp.call(state.server, "mod_poll", { session_id: sessionId, cwd: state.cwd }));
    if (state.debug) {
      const seen = JSON.stringify(view);
      if (seen !== lastPolled) debug($, `view: ${seen.slice(0, 600)}`);
      lastPolled = seen;
    }
    applyView(view);
    state.serverUp = true;
  } catch (err) {
    if (state.serverUp) debug($, `the server did not answer: ${String(err)}`);
    state.serverUp = false;
  }
}
var settled = () => lastPerson !== void 0 && state.bell !== void 0 && !panelOpen && !state.wake && outbox.length === 0 && state.unconfirmed.size === 0;
var quietAlone = () => settled() && lastPerson.others === 0;
async function bellMoved($) {
  let seen = "none";
  try {
    const st = await $.fs.stat(state.bell);
    if (st.kind === "file") seen = `${st.size}:${st.mtimeMs}`;
  } catch {
  }
  if (seen === state.bellSeen) return false;
  state.bellSeen = seen;
  return true;
}
async function beat($) {
  const now = Date.now();
  const quiet = now - lastToolAt >= QUIET_MS;
  if (outbox.length && (quiet || now - outbox[0].at >= MAX_HOLD_MS)) void flush($);
  if (!quiet && now - lastPollAt < MAX_STALE_MS) return;
  if (settled() && now - lastPollAt < SETTLED_POLL_MS && !await bellMoved($)) return;
  lastPollAt = now;
  await tick($);
}
function beatLoop($) {
  $.clock.after(quietAlone() ? ALONE_BEAT_MS : BEAT_MS, () => {
    void beat($).catch(() => {
    }).finally(() => beatLoop($));
  });
}
async function refreshPanel($) {
  try {
    panel = parseText(await $.mcp.call(state.server, "mod_panel", { session_id: await sessionIdOf($), cwd: state.cwd }));
    $.ui.invalidate("ui.render");
  } catch {
  }
}
async function tick($) {
  await poll($);
  if (panelOpen) await refreshPanel($);
  const now = Date.now();
  for (const [id, p] of state.unconfirmed) {
    if (now - p.sentAt < RESEND_AFTER_MS) continue;
    if (p.tries >= 5) state.unconfirmed.delete(id);
    else recordLater($, id, p.payload);
  }
  const person = lastPerson;
  if (person) {
    const line = statusLine(person);
    if (line !== state.status) {
      $.ui.status(line);
      state.status = line;
    }
    if (person.others > 0 || (person.arrived ?? person.unread).length > 0) for (const t of newToasts(person, state.seen)) $.ui.toast(t);
  }
  if (state.serverUp && state.wake && !state.busy && !state.waking) {
    state.waking = true;
    try {
      const r = parseText(await $.mcp.call(state.server, "mod_wake", { session_id: await sessionIdOf($), cwd: state.cwd }));
      if (r.text) await $.prompt.submit({ text: r.text });
    } catch {
    } finally {
      state.waking = false;
    }
  }
}
function storeRoot(env) {
  if (env.override) return env.override;
  const claudeDir = env.config || `${env.home}/.claude`;
  return `${claudeDir}/context-sync`;
}
function register(on) {
  on("session.start", async ($, e, next) => {
    const r = await next(e);
    try {
      if (await $.env.get("CONTEXT_SYNC_MOD") === "0" || await $.env.get("CONTEXT_SYNC_DISABLE") === "1") return r;
      state.hookEnv = await $.process.hookEnv();
      state.claudePid = state.hookEnv.CLAUDE_PID ?? "";
      state.pluginRoot = state.hookEnv.CLAUDE_PLUGIN_ROOT || $.plugin.root;
      state.root = storeRoot({ override: await $.env.get("CONTEXT_SYNC_HOME"), config: await $.env.get("CLAUDE_CONFIG_DIR"), home: await $.env.get("HOME") });
      state.cwd = e.cwd;
      state.transcriptPath = (await $.session.info()).transcriptPath;
      state.server = `plugin:${$.plugin.name}:sync`;
      state.debug = await $.env.get("CONTEXT_SYNC_MOD_DEBUG") === "1";
      if (!/^[1-9][0-9]*$/.test(state.claudePid)) return r;
      const stat = await $.fs.read(`/proc/${state.claudePid}/stat`).catch(() => "");
      const procStart = stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] : void 0;
      await $.fs.write(`${state.root}/mod/${state.claudePid}`, JSON.stringify({ v: 1, sessionId: await sessionIdOf($), startedAt: Date.now(), procStart }));
      state.active = true;
      beatLoop($);
    } catch {
    }
    return r;
  });
  on("tool.offer", { tool: /^mcp__plugin_.*_sync__mod_(hook|poll|wake|panel)$/ }, async () => ({ isOffered: false }));
  on("command.run", { command: ["context-sync:sync-panel", "sync-panel"] }, async ($, e, next) => {
    if (!state.active) return next(e);
    panelOpen = true;
    await $.ui.open({ id: PANEL_ID, title: "context-sync", focus: true });
    void refreshPanel($);
    return { text: "context-sync: the panel is open (sessions, conflicts, inbox).", isTextDisplayOnly: true };
  });
  on(
    "ui.render",
    { component: "Pane", requestId: "context-sync" },
    async ($, e) => panelTree(h, $.ui.resolve(e), panel, {
      resolve: (file) => void $.mcp.call(state.server, "resolve_conflicts", { files: [file] }).then(
        () => refreshPanel($),
        () => {
        }
      ),
      reply: (to, id, text) => void $.mcp.call(state.server, "send_message", { targetSessionId: to, message: text, inReplyTo: id }).then(
        () => refreshPanel($),
        () => {
        }
      )
    })
  );
  on("tool.call", async ($, e, next) => {
    if (!state.active) return next(e);
    lastToolAt = Date.now();
    if (e.agentId) lastAgentCallAt = lastToolAt;
    try {
      if (EDIT_TOOLS.has(String(e.tool))) return await editCall($, e, next);
      if (outbox.length && String(e.tool).startsWith(`mcp__plugin_${$.plugin.name}_sync__`)) await flush($);
      const r = await next(e);
      const owed = await deliverOwed($, e);
      return withContext(r, [contextOf(owed)]);
    } finally {
      lastToolAt = Date.now();
    }
  });
  on("prompt.submit", async ($, e, next) => {
    if (!state.active) return next(e);
    state.busy = true;
    const out = await answer($, "user-prompt-submit", { ...await basePayload($, "UserPromptSubmit"), prompt: e.origin?.kind === "plugin" ? "" : e.text });
    const text = contextOf(out);
    return next(text ? { ...e, context: [...e.context ?? [], text] } : e);
  });
  on("agent.spawn", async ($, e, next) => {
    const r = await next(e);
    if (r.agentId && typeof e.subagentType === "string") {
      agentTypes.set(r.agentId, e.subagentType.slice(0, 64));
      if (agentTypes.size > 1e3) agentTypes.delete(agentTypes.keys().next().value);
    }
    return r;
  });
  on("turn.start", async ($, e, next) => {
    if (!e.agentId) state.busy = true;
    return next(e);
  });
  on("turn.complete", async ($, e, next) => {
    if (!e.agentId) state.busy = false;
    if (state.active) await flush($);
    return next(e);
  });
  on("session.end", async ($, e, next) => {
    if (state.active) await flush($);
    if (state.active && e.reason === "clear") state.sessionId = void 0;
    return next(e);
  });
}
export {
  register
};
