// A small POSIX/bash command parser, just deep enough to find which commands a Bash tool call runs,
// in which order and in which shell. It never evaluates anything: parameter expansions and command
// substitutions stay as written and mark their word `dynamic`, while the commands inside `$( )`,
// backticks, `<( )` and expanding heredocs are parsed too, because they run.
//
// Why not regexes over the whole string: `echo "git stash"`, `grep 'git reset --hard' .` and a
// heredoc that merely mentions git must not look like git invocations, while `bash -c "git stash"`,
// `x=$(git stash)` and `g\it stash` must.
// Length (over 450 lines): one recursive-descent parser of POSIX/bash words; its parts (quotes,
// expansions, heredocs, command lists) call each other, and it has one pure entry point.

export interface Word {
  /** After quote removal; expansions are kept as written (`$X`, `$(...)`). */
  text: string;
  /** Contains a parameter expansion or command substitution: the real value is unknown. */
  dynamic: boolean;
  /** Contains an unquoted `*`, `?` or `[`: the shell may expand it to file names. */
  glob: boolean;
  /** Some part was quoted or escaped, so it is never a reserved word. */
  quoted: boolean;
  /** Starts with an unquoted `~` (home directory). */
  tilde: boolean;
  /** NAME when the word is an assignment `NAME=value` (NAME unquoted). */
  assignment?: string;
  /** Command and process substitutions in the word: they run when the word is expanded. */
  scripts: Script[];
}

export interface Heredoc {
  body: string;
  /** Unquoted delimiter: `$( )` and backticks in the body run. */
  expands: boolean;
  scripts: Script[];
}

export interface Redirect {
  op: string;
  target?: Word;
  heredoc?: Heredoc;
}

export type Command =
  | { kind: 'simple'; words: Word[]; redirects: Redirect[] }
  /** `( ... )`: a child shell; a `cd` inside does not outlive it. */
  | { kind: 'subshell'; body: Script; redirects: Redirect[] }
  /** `{ ...; }`, if/while/for/case bodies and function bodies: the same shell. */
  | { kind: 'group'; body: Script; redirects: Redirect[] };

/** Commands joined by `|`; with more than one, or in the background, each runs in a child shell. */
export interface Pipeline {
  commands: Command[];
  background: boolean;
}

/** Pipelines joined by `;`, `&&`, `||`, `&` or newlines, in source order. */
export type Script = Pipeline[];

type Token =
  | { t: 'word'; w: Word }
  | { t: 'op'; op: string }
  | { t: 'redir'; op: string; heredoc?: Heredoc & { delimiter: string; strip: boolean } };

const OPERATORS = [';;&', ';;', ';&', '&&', '||', '|&', ';', '|', '&', '(', ')'];
const REDIRECTION = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:<<<|<<-|<<|<>|<&|>&|>>|>\||&>>|&>|<|>)/;
const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** Deeper substitutions and groups are read as plain text: no real command nests this far, and
 * recursion on `$($($(...` must not overflow the stack. */
const MAX_NESTING = 48;

class Lexer {
  readonly tokens: Token[] = [];
  private pending: NonNullable<Extract<Token, { t: 'redir' }>['heredoc']>[] = [];
  private awaitingDelimiter: Extract<Token, { t: 'redir' }> | null = null;

  constructor(
    private readonly src: string,
    public i: number,
    private readonly nesting = 0,
  ) {}

  /** Tokenizes until the end, or (nested) until the `)` closing a `$(`; returns the index after it. */
  run(nested: boolean): number {
    const s = this.src;
    let depth = 0;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t' || c === '\r') {
        this.i++;
      } else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
      } else if (c === '\n') {
        this.i++;
        this.tokens.push({ t: 'op', op: '\n' });
        this.readHeredocBodies();
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (nested && c === ')' && depth === 0) {
        return this.i + 1;
      } else if ((c === '<' || c === '>') && s[this.i + 1] === '(') {
        this.pushWord(this.readWord());
      } else {
        const redir = REDIRECTION.exec(s.slice(this.i, this.i + 24));
        if (redir && (/^[\d{]/.test(c) ? true : c !== '&' || s[this.i + 1] === '>')) {
          const op = redir[0].replace(/^(?:\d+|\{[A-Za-z_]\w*\})/, '');
          this.i += redir[0].length;
          const tok: Extract<Token, { t: 'redir' }> = { t: 'redir', op };
          if (op === '<<' || op === '<<-') {
            tok.heredoc = { delimiter: '', strip: op === '<<-', body: '', expands: true, scripts: [] };
            this.awaitingDelimiter = tok;
          }
          this.tokens.push(tok);
          continue;
        }
        const op = OPERATORS.find((o) => s.startsWith(o, this.i));
        if (op) {
          if (op === '(') depth++;
          if (op === ')') depth--;
          this.i += op.length;
          this.tokens.push({ t: 'op', op });
        } else {
          this.pushWord(this.readWord());
        }
      }
    }
    return this.i;
  }

  private pushWord(w: Word): void {
    const tok = this.awaitingDelimiter;
    if (tok?.heredoc) {
      tok.heredoc.delimiter = w.text;
      tok.heredoc.expands = !w.quoted;
      this.pending.push(tok.heredoc);
      this.awaitingDelimiter = null;
    }
    this.tokens.push({ t: 'word', w });
  }

  private readHeredocBodies(): void {
    const s = this.src;
    for (const h of this.pending) {
      const lines: string[] = [];
      while (this.i < s.length) {
        const nl = s.indexOf('\n', this.i);
        const end = nl < 0 ? s.length : nl;
        let line = s.slice(this.i, end);
        this.i = nl < 0 ? s.length : nl + 1;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
        lines.push(line);
      }
      h.body = lines.join('\n');
      if (h.expands) h.scripts = substitutionsIn(h.body);
    }
    this.pending = [];
  }

  private readWord(): Word {
    const s = this.src;
    const start = this.i;
    const w: Word = { text: '', dynamic: false, glob: false, quoted: false, tilde: false, scripts: [] };
    if ((s[this.i] === '<' || s[this.i] === '>') && s[this.i + 1] === '(') {
      this.commandSubstitution(w, this.i + 2, this.i);
    }
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (META.has(c)) break;
      if (c === '\\') {
        if (s[this.i + 1] === '\n') {
          this.i += 2;
          continue;
        }
        w.text += s[this.i + 1] ?? '';
        w.quoted = true;
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        const stop = end < 0 ? s.length : end;
        w.text += s.slice(this.i + 1, stop);
        w.quoted = true;
        this.i = stop + 1;
      } else if (c === '"') {
        w.quoted = true;
        this.i++;
        this.readDoubleQuoted(w);
      } else if (c === '$' && s[this.i + 1] === "'") {
        w.quoted = true;
        this.readAnsiC(w);
      } else if (c === '$' || c === '`') {
        this.readExpansion(w);
      } else {
        if (c === '*' || c === '?' || c === '[') w.glob = true;
        if (c === '~' && this.i === start) w.tilde = true;
        w.text += c;
        this.i++;
      }
    }
    const assign = /^([A-Za-z_]\w*)\+?=/.exec(s.slice(start, this.i));
    if (assign) w.assignment = assign[1];
    return w;
  }

  /** Inside double quotes; with `heredoc`, a `"` is an ordinary character and only the end stops. */
  readDoubleQuoted(w: Word, heredoc = false): void {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '"' && !heredoc) {
        this.i++;
        return;
      }
      if (c === '\\' && (heredoc ? '$`\\\n' : '$`"\\\n').includes(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] !== '\n') w.text += s[this.i + 1];
        this.i += 2;
      } else if (c === '$' || c === '`') {
        this.readExpansion(w);
      } else {
        w.text += c;
        this.i++;
      }
    }
  }

  private readAnsiC(w: Word): void {
    const s = this.src;
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    this.i += 2;
    while (this.i < s.length && s[this.i] !== "'") {
      const c = s[this.i]!;
      if (c !== '\\') {
        w.text += c;
        this.i++;
        continue;
      }
      const rest = s.slice(this.i + 1);
      const num = /^(?:x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{1,4})|U([0-9a-fA-F]{1,8})|([0-7]{1,3}))/.exec(rest);
      if (num) {
        const code = num[1] ?? num[2] ?? num[3];
        w.text += String.fromCodePoint(code !== undefined ? parseInt(code, 16) : parseInt(num[4]!, 8));
        this.i += 1 + num[0].length;
      } else {
        const e = rest[0] ?? '';
        w.text += escapes[e] ?? '\\' + e;
        this.i += 2;
      }
    }
    this.i++;
  }

  /** `$name`, `${...}`, `$((...))`, `$(...)` or a backtick substitution, starting at this.i. */
  private readExpansion(w: Word): void {
    const s = this.src;
    const start = this.i;
    const c = s[this.i]!;
    const next = s[this.i + 1] ?? '';
    if (c === '`') {
      let j = this.i + 1;
      let inner = '';
      while (j < s.length && s[j] !== '`') {
        if (s[j] === '\\' && '$`\\'.includes(s[j + 1] ?? '')) j++;
        inner += s[j];
        j++;
      }
      if (this.nesting < MAX_NESTING) w.scripts.push(parse(inner, this.nesting + 1));
      this.i = j + 1;
    } else if (next === '(' && s[this.i + 2] === '(') {
      this.i = skipBalanced(s, this.i + 1, '(', ')');
    } else if (next === '(') {
      this.commandSubstitution(w, this.i + 2, start);
      return;
    } else if (next === '{') {
      this.i = skipBalanced(s, this.i + 1, '{', '}');
    } else if (/[A-Za-z_]/.test(next)) {
      this.i++;
      while (this.i < s.length && /\w/.test(s[this.i]!)) this.i++;
    } else if (/[0-9@*#?$!-]/.test(next)) {
      this.i += 2;
    } else {
      w.text += '$';
      this.i++;
      return;
    }
    w.dynamic = true;
    w.text += s.slice(start, this.i);
  }

  private commandSubstitution(w: Word, from: number, start: number): void {
    let end: number;
    if (this.nesting < MAX_NESTING) {
      const inner = new Lexer(this.src, from, this.nesting + 1);
      end = inner.run(true);
      w.scripts.push(new Parser(inner.tokens).script());
    } else {
      end = skipBalanced(this.src, from - 1, '(', ')');
    }
    w.dynamic = true;
    w.text += this.src.slice(start, end);
    this.i = end;
  }
}

/** Index just after the `close` matching the `open` at `from`, skipping quoted text. */
function skipBalanced(s: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === "'") j = Math.max(j, s.indexOf("'", j + 1));
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
  }
  return s.length;
}

/** Command substitutions in text that expands like a double-quoted string (a heredoc body). */
function substitutionsIn(text: string): Script[] {
  const lexer = new Lexer(text, 0);
  const w: Word = { text: '', dynamic: false, glob: false, quoted: true, tilde: false, scripts: [] };
  lexer.readDoubleQuoted(w, true);
  return w.scripts;
}

const TRANSPARENT = new Set(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!']);
const CLOSERS = new Set(['fi', 'done', 'esac']);

class Parser {
  private pos = 0;
  private nesting = 0;
  constructor(private readonly toks: Token[]) {}

  script(): Script {
    return this.list(() => false);
  }

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }

  private isOp(tok: Token | undefined, ...ops: string[]): boolean {
    return tok?.t === 'op' && ops.includes(tok.op);
  }

  private isReserved(tok: Token | undefined, ...names: string[]): boolean {
    return tok?.t === 'word' && !tok.w.quoted && !tok.w.dynamic && names.includes(tok.w.text);
  }

  private list(stop: (t: Token) => boolean): Script {
    const out: Script = [];
    while (this.pos < this.toks.length) {
      const tok = this.peek()!;
      if (stop(tok)) break;
      if (this.isOp(tok, '\n', ';', '&&', '||', '&', ')', ';;', ';&', ';;&', '|', '|&')) {
        if (this.isOp(tok, '&')) {
          const last = out[out.length - 1];
          if (last) last.background = true;
        }
        this.pos++;
        continue;
      }
      const before = this.pos;
      const p = this.pipeline(stop);
      if (p.commands.length > 0) out.push(p);
      if (this.pos === before) this.pos++;
    }
    return out;
  }

  private pipeline(stop: (t: Token) => boolean): Pipeline {
    const commands: Command[] = [];
    for (;;) {
      const cmd = this.command(stop);
      if (cmd) commands.push(cmd);
      if (!this.isOp(this.peek(), '|', '|&')) break;
      this.pos++;
      while (this.isOp(this.peek(), '\n')) this.pos++;
    }
    return { commands, background: false };
  }

  private command(stop: (t: Token) => boolean): Command | null {
    let tok = this.peek();
    while (this.isReserved(tok, ...TRANSPARENT)) tok = this.toks[++this.pos];
    if (!tok || stop(tok)) return null;
    const opens = this.isOp(tok, '(') || this.isReserved(tok, '{');
    if (opens && this.nesting >= MAX_NESTING) {
      this.pos++;
      return null;
    }
    if (opens) {
      this.pos++;
      this.nesting++;
      const subshell = tok.t === 'op';
      const body = this.list((t) => (subshell ? this.isOp(t, ')') : this.isReserved(t, '}')));
      this.nesting--;
      this.pos++;
      return { kind: subshell ? 'subshell' : 'group', body, redirects: this.redirects() };
    }
    if (this.isReserved(tok, ...CLOSERS)) {
      this.pos++;
      return null;
    }
    if (this.isReserved(tok, 'for', 'select')) {
      // The word list is not a command, but substitutions in it (`for b in $(git branch)`) run.
      const words: Word[] = [];
      for (let t = this.peek(); t && !this.isOp(t, ';', '\n'); t = this.toks[++this.pos]) if (t.t === 'word') words.push(t.w);
      return { kind: 'simple', words, redirects: [] };
    }
    if (this.isReserved(tok, 'case') && this.nesting < MAX_NESTING) {
      this.nesting++;
      const group = this.caseCommand();
      this.nesting--;
      return group;
    }
    if (this.isReserved(tok, 'function')) {
      this.pos += 2;
      if (this.isOp(this.peek(), '(')) this.pos += 2;
      while (this.isOp(this.peek(), '\n')) this.pos++;
      return this.functionBody(stop);
    }
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.t === 'word') {
        words.push(t.w);
        this.pos++;
      } else if (t.t === 'redir') {
        redirects.push(...this.redirects());
      } else if (words.length === 1 && this.isOp(t, '(') && this.isOp(this.toks[this.pos + 1], ')')) {
        // `name() body`: a function definition. Its body is treated as if it ran here, because a
        // definition on a command line is there to be called.
        this.pos += 2;
        while (this.isOp(this.peek(), '\n')) this.pos++;
        return this.functionBody(stop);
      } else {
        break;
      }
    }
    return { kind: 'simple', words, redirects };
  }

  private functionBody(stop: (t: Token) => boolean): Command | null {
    // `f() g() { ...; }` is not valid bash; refusing a definition as a body bounds the recursion.
    const tok = this.peek();
    if (this.isReserved(tok, 'function') || (tok?.t === 'word' && this.isOp(this.toks[this.pos + 1], '('))) return null;
    return this.command(stop);
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.t === 'redir'; t = this.peek()) {
      this.pos++;
      const target = this.peek();
      const r: Redirect = { op: t.op };
      if (target?.t === 'word') {
        r.target = target.w;
        this.pos++;
      }
      if (t.heredoc) r.heredoc = { body: t.heredoc.body, expands: t.heredoc.expands, scripts: t.heredoc.scripts };
      out.push(r);
    }
    return out;
  }

  private caseCommand(): Command {
    const body: Script = [];
    while (this.pos < this.toks.length && !this.isReserved(this.peek(), 'in')) this.pos++;
    this.pos++;
    for (;;) {
      while (this.isOp(this.peek(), '\n', ';;', ';&', ';;&')) this.pos++;
      const t = this.peek();
      if (!t) break;
      if (this.isReserved(t, 'esac')) {
        this.pos++;
        break;
      }
      while (this.pos < this.toks.length && !this.isOp(this.peek(), ')')) this.pos++;
      this.pos++;
      body.push(...this.list((x) => this.isOp(x, ';;', ';&', ';;&') || this.isReserved(x, 'esac')));
    }
    return { kind: 'group', body, redirects: this.redirects() };
  }
}

/** Parses a shell command line (bash syntax) into the commands it runs. Never throws. */
export function parseShell(src: string): Script {
  return parse(src, 0);
}

function parse(src: string, nesting: number): Script {
  const lexer = new Lexer(src, 0, nesting);
  lexer.run(false);
  return new Parser(lexer.tokens).script();
}

/** Splits a string into words as the shell would, without running anything (git alias values). */
export function splitWords(src: string): Word[] {
  const out: Word[] = [];
  for (const p of parseShell(src)) for (const c of p.commands) if (c.kind === 'simple') out.push(...c.words);
  return out;
}
