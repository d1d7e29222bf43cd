// Which git commands in a Bash tool call would discard, move or sweep up uncommitted work, and
// where. Pure: the caller reads the aliases (`git config --get-regexp ^alias\.`), the session's
// cwd and $HOME, and decides the policy (whose files a scope touches, whether the tree is dirty).
//
// Decisions worth knowing:
// - `git reset` without --hard/--merge/--keep and without moving HEAD (no commit, or HEAD) only
//   unstages: the working tree is untouched and nothing is lost, so it is 'safe'. Moving HEAD
//   (`git reset HEAD~1`, `--soft origin/main`) is 'rewrite': the branch is shared by every session
//   in the checkout.
// - Without the repository we cannot tell a branch from a file: a bare `git checkout X` / `git reset
//   X` is read as a revision unless X looks like a path (`.`, `./x`, `a/b.ts`, a glob, `:/x`).
//   Reading it as a branch is the stronger claim (scope 'all'), so a wrong guess over-warns.
// - Arguments we cannot see (`$VAR`, `$(...)`, `xargs`, `find -exec {}`) widen the scope to 'all'.
// - Shell aliases (`!...`) run from the repository's top level, which we do not know: their
//   operations have `dir: null`. An alias body with no git command we can classify is 'unknown'.
import { posix } from 'node:path';
import { parseShell, splitWords, type Command, type Redirect, type Script, type Word } from './shell-words.js';

export interface GitAliasMap {
  /** `st` or `alias.st` → `stash`, `!f() { git stash; }; f` */
  [alias: string]: string;
}

export interface GitRiskInput {
  command: string;
  /** Absolute directory the command starts in. */
  cwd: string;
  aliases?: GitAliasMap;
  /** $HOME, to follow `cd ~/x` and bare `cd`; without it those make the directory unknown. */
  home?: string;
}

export type GitEffect = 'discard' | 'move' | 'sweep' | 'rewrite' | 'safe' | 'unknown';

/**
 * Working-tree paths an operation touches. Each path is absolute (resolved against `dir`) and
 * covers itself and everything under it; it may hold glob characters. Paths relative to the
 * repository's top level are kept as `:/rel` for the caller to resolve; when `dir` is unknown,
 * relative paths are kept as given.
 */
export type GitScope = { kind: 'all' } | { kind: 'paths'; paths: string[] };

export interface GitOperation {
  /** The git invocation after alias expansion, without `git` and its global options. */
  argv: string[];
  /** Directory git runs in (after `cd`, `pushd`, `-C`); null when it cannot be known statically. */
  dir: string | null;
  /** From `--git-dir` or GIT_DIR, resolved. */
  gitDir?: string;
  /** From `--work-tree` or GIT_WORK_TREE, resolved: the checkout affected, when not dir's own. */
  workTree?: string;
  effect: GitEffect;
  scope: GitScope;
  /** A short human phrase: what the operation does to uncommitted work. */
  risk: string;
  saferAlternative?: string;
}

/** Every git invocation found in a shell command line, in order. */
export function gitOperations(input: GitRiskInput): GitOperation[] {
  const aliases = new Map<string, string>();
  for (const [k, v] of Object.entries(input.aliases ?? {})) aliases.set(k.replace(/^alias\./i, '').toLowerCase(), v);
  const cx: Walk = { home: input.home ?? null, aliases, out: [], depth: 0 };
  walkScript(parseShell(input.command), { dir: input.cwd, stack: [], env: new Map() }, cx);
  return cx.out;
}

/**
 * Cheap pre-filter for the hook's hot path. True iff the command text could run git as far as
 * gitOperations can see: it mentions "git" once quotes and backslashes are dropped (`g\it`,
 * `"git"`), or holds an ANSI-C string (`$'\x67it'`). Scripts, Makefiles, npm scripts and the
 * user's own shell aliases are not looked into by either function: when this returns false,
 * gitOperations returns no operation.
 */
export function mightInvolveGit(command: string): boolean {
  return /git/i.test(command.replace(/['"\\]/g, '')) || command.includes("$'");
}

interface ShellState {
  dir: string | null;
  stack: (string | null)[];
  /** Exported variables git reads (GIT_DIR, GIT_WORK_TREE). */
  env: Map<string, Word>;
}

interface Walk {
  home: string | null;
  aliases: Map<string, string>;
  out: GitOperation[];
  depth: number;
}

const MAX_DEPTH = 8;

function fork(st: ShellState, dir = st.dir): ShellState {
  return { dir, stack: [...st.stack], env: new Map(st.env) };
}

function walkScript(script: Script, st: ShellState, cx: Walk): void {
  for (const p of script) {
    const forked = p.background || p.commands.length > 1;
    p.commands.forEach((cmd, k) => walkCommand(cmd, forked ? fork(st) : st, cx, k > 0 ? p.commands[k - 1] : undefined));
  }
}

function walkCommand(cmd: Command, st: ShellState, cx: Walk, upstream: Command | undefined): void {
  for (const r of cmd.redirects) {
    for (const s of [...(r.target?.scripts ?? []), ...(r.heredoc?.scripts ?? [])]) walkScript(s, fork(st), cx);
  }
  if (cmd.kind === 'subshell') return walkScript(cmd.body, fork(st), cx);
  if (cmd.kind === 'group') return walkScript(cmd.body, st, cx);
  for (const w of cmd.words) for (const s of w.scripts) walkScript(s, fork(st), cx);
  let i = 0;
  const env = new Map(st.env);
  for (let w = cmd.words[0]; w?.assignment; w = cmd.words[++i]) env.set(w.assignment, valueOf(w));
  run(cmd.words.slice(i), { st, env, dir: st.dir, redirects: cmd.redirects, upstream, unseenArgs: false }, cx);
}

interface Invocation {
  st: ShellState;
  env: Map<string, Word>;
  /** Directory of this one process (sudo -D, env -C change it without changing the shell's). */
  dir: string | null;
  redirects: Redirect[];
  upstream: Command | undefined;
  /** xargs / find -exec append arguments we cannot see. */
  unseenArgs: boolean;
}

function valueOf(w: Word): Word {
  return { ...w, text: w.text.slice(w.text.indexOf('=') + 1), assignment: undefined };
}

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);
const PLAIN_PREFIXES = new Set(['builtin', 'exec', 'nohup', 'time', 'nice', 'ionice', 'stdbuf', 'chronic', 'unbuffer', 'caffeinate', 'noglob', 'doas', 'sudo', 'timeout', 'command']);
/** Options of the prefix commands that take the next word as their argument. */
const PREFIX_ARGS: Record<string, string[]> = {
  sudo: ['-u', '-g', '-h', '-p', '-C', '-r', '-t', '-U', '-T', '-D', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--other-user', '--close-from', '--command-timeout'],
  doas: ['-u', '-C'],
  exec: ['-a'],
  time: ['-f', '-o', '--format', '--output'],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '-n', '-p', '--class', '--classdata'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  stdbuf: ['-i', '-o', '-e'],
};

/** Prefixes that still run their command in this shell: a `cd` behind them moves the shell. */
const IN_SHELL = new Set(['builtin', 'command', 'time', 'noglob']);

function run(words: Word[], iv: Invocation, cx: Walk): void {
  let k = 0;
  let inShell = true;
  for (;;) {
    const w = words[k];
    if (!w || w.dynamic) return;
    const name = posix.basename(w.text).toLowerCase().replace(/\.exe$/, '');
    if (PLAIN_PREFIXES.has(name)) {
      if (name === 'command' && /^-[pV]*v|^-V/.test(words[k + 1]?.text ?? '')) return;
      const takesArg = PREFIX_ARGS[name] ?? [];
      inShell &&= IN_SHELL.has(name);
      k++;
      for (let a = words[k]; a && /^-/.test(a.text) && !a.dynamic; a = words[k]) {
        const [opt, attached] = a.text.split('=', 2) as [string, string | undefined];
        const needs = takesArg.includes(opt) && attached === undefined;
        if (name === 'sudo' && (opt === '-D' || opt === '--chdir')) iv.dir = cdTarget(iv.dir, needs ? words[k + 1] : { ...a, text: attached ?? '' }, cx);
        k += needs ? 2 : 1;
        if (opt === '--') break;
      }
      if (name === 'timeout') k++;
      for (let a = words[k]; a?.assignment && (name === 'sudo' || name === 'doas'); a = words[++k]) iv.env.set(a.assignment, valueOf(a));
      continue;
    }
    const args = words.slice(k + 1);
    switch (name) {
      case 'env':
        return runEnv(args, iv, cx);
      case 'xargs':
        return runXargs(args, iv, cx);
      case 'find':
        return runFind(args, iv, cx);
      case 'cd':
      case 'pushd':
      case 'popd':
        if (inShell) changeDirectory(name, args, iv.st, cx);
        return;
      case 'export':
        for (const a of args) if (a.assignment) iv.st.env.set(a.assignment, valueOf(a));
        return;
      case 'unset':
        for (const a of args) iv.st.env.delete(a.text);
        return;
      case 'eval':
        return nested(args.map((a) => a.text).join(' '), iv.st, cx);
      case 'git':
        return runGit(args, iv, cx, { dir: iv.dir, env: iv.env, config: new Map() });
      default:
        if (SHELLS.has(name)) return runShell(args, iv, cx);
        return;
    }
  }
}

function nested(script: string, st: ShellState, cx: Walk): void {
  if (cx.depth >= MAX_DEPTH) {
    if (mightInvolveGit(script)) emit(cx, [], { dir: st.dir, env: st.env, config: new Map() }, verdict('unknown', ALL, 'nests shells or evals too deeply to follow'));
    return;
  }
  cx.depth++;
  walkScript(parseShell(script), st, cx);
  cx.depth--;
}

function runEnv(args: Word[], iv: Invocation, cx: Walk): void {
  let k = 0;
  for (let a = args[k]; a && !a.dynamic; a = args[k]) {
    const [opt, attached] = a.text.split('=', 2) as [string, string | undefined];
    if (a.assignment) {
      iv.env.set(a.assignment, valueOf(a));
      k++;
    } else if (opt === '-u' || opt === '--unset' || opt === '-C' || opt === '--chdir') {
      const arg = attached !== undefined ? { ...a, text: attached } : args[k + 1];
      if (opt === '-C' || opt === '--chdir') iv.dir = cdTarget(iv.dir, arg, cx);
      else if (arg) iv.env.delete(arg.text);
      k += attached !== undefined ? 1 : 2;
    } else if (opt === '-S' || opt === '--split-string') {
      const arg = attached !== undefined ? { ...a, text: attached } : args[k + 1];
      const rest = args.slice(k + (attached !== undefined ? 1 : 2));
      return runEnv([...(arg && !arg.dynamic ? splitWords(arg.text) : []), ...rest], iv, cx);
    } else if (opt.startsWith('-')) {
      k++;
      if (opt === '--') break;
    } else {
      break;
    }
  }
  run(args.slice(k), iv, cx);
}

const XARGS_ARGS = ['-a', '-d', '-E', '-I', '-L', '-n', '-P', '-s', '--arg-file', '--delimiter', '--eof', '--replace', '--max-lines', '--max-args', '--max-procs', '--max-chars', '--process-slot-var'];

function runXargs(args: Word[], iv: Invocation, cx: Walk): void {
  let k = 0;
  for (let a = args[k]; a && a.text.startsWith('-') && !a.dynamic; a = args[k]) {
    const needs = XARGS_ARGS.includes(a.text);
    k += needs ? 2 : 1;
    if (a.text === '--') break;
  }
  run(args.slice(k), { ...iv, unseenArgs: true }, cx);
}

function runFind(args: Word[], iv: Invocation, cx: Walk): void {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!.text;
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(a)) continue;
    const end = args.findIndex((x, j) => j > k && (x.text === ';' || x.text === '+'));
    const stop = end < 0 ? args.length : end;
    // -execdir runs in each match's own directory.
    const dir = a.endsWith('dir') ? null : iv.dir;
    run(args.slice(k + 1, stop), { ...iv, dir, unseenArgs: true, env: new Map(iv.env) }, cx);
    k = stop;
  }
}

function runShell(args: Word[], iv: Invocation, cx: Walk): void {
  let k = 0;
  let inline = false;
  for (let a = args[k]; a && /^[-+]/.test(a.text); a = args[k]) {
    if (a.dynamic) return;
    k++;
    if (a.text === '--' || a.text === '-') break;
    if (a.text.startsWith('--')) {
      if (a.text === '--rcfile' || a.text === '--init-file') k++;
      continue;
    }
    if (a.text[0] === '-' && a.text.includes('c')) inline = true;
    if (/[oO]$/.test(a.text)) k++;
  }
  let script: string | undefined;
  if (inline) {
    const s = args[k];
    if (!s || s.dynamic) return;
    script = s.text;
  } else if (k < args.length) {
    return; // a script file: not looked into
  } else {
    script = stdinScript(iv);
  }
  if (script !== undefined) nested(script, fork(iv.st, iv.dir), cx);
}

/** What a shell reading its stdin would run: a heredoc, a here-string, or `echo ... |`. */
function stdinScript(iv: Invocation): string | undefined {
  for (const r of iv.redirects) {
    if (r.heredoc) return r.heredoc.body;
    if (r.op === '<<<' && r.target && !r.target.dynamic) return r.target.text;
  }
  const up = iv.upstream;
  if (up?.kind !== 'simple') return undefined;
  const [name, ...rest] = up.words;
  if (!name || rest.some((w) => w.dynamic)) return undefined;
  if (name.text === 'echo') return rest.filter((w, j) => !(j === 0 && /^-[neE]+$/.test(w.text))).map((w) => w.text).join(' ');
  if (name.text === 'printf' && rest[0]) return rest[0].text.replace(/\\n/g, '\n');
  return undefined;
}

function expandHome(text: string, tilde: boolean, cx: Walk): string | null {
  if (!tilde) return text;
  if (text !== '~' && !text.startsWith('~/')) return null; // ~user
  return cx.home === null ? null : cx.home + text.slice(1);
}

/** Directory reached by `cd word` from `from`; null when it cannot be known. */
function cdTarget(from: string | null, w: Word | undefined, cx: Walk): string | null {
  if (!w || w.dynamic) return null;
  const text = expandHome(w.text, w.tilde, cx);
  if (text === null) return null;
  if (posix.isAbsolute(text)) return trimSlash(posix.normalize(text));
  return from === null ? null : trimSlash(posix.join(from, text));
}

function changeDirectory(name: string, args: Word[], st: ShellState, cx: Walk): void {
  const operands = args.filter((a) => !/^-[LPe@]+$/.test(a.text) && a.text !== '--');
  const target = operands[0];
  if (name === 'popd') {
    st.dir = st.stack.length > 0 ? st.stack.pop()! : null;
  } else if (name === 'pushd') {
    const prev = st.dir;
    st.dir = target && !/^[+-]\d*$/.test(target.text) ? cdTarget(st.dir, target, cx) : null;
    st.stack.push(prev);
  } else if (!target) {
    st.dir = cx.home;
  } else {
    st.dir = target.text === '-' && !target.quoted ? null : cdTarget(st.dir, target, cx);
  }
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

// ---------------------------------------------------------------------------------------------
// git itself

interface GitContext {
  dir: string | null;
  env: Map<string, Word>;
  /** `git -c key=value`, keys lower-cased. */
  config: Map<string, string>;
  gitDir?: string;
  workTree?: string;
}

/** Global options whose value may be the next word. */
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--attr-source', '--config-env']);
const INFO_ONLY = new Set(['--version', '-v', '--help', '-h', '--html-path', '--man-path', '--info-path', '--exec-path']);

function runGit(args: Word[], iv: Invocation, cx: Walk, gc: GitContext): void {
  const ctx: GitContext = { ...gc, config: new Map(gc.config) };
  let j = 0;
  for (let w = args[j]; w && w.text.startsWith('-') && !w.dynamic; w = args[j]) {
    const eq = w.text.indexOf('=');
    const opt = w.text.startsWith('--') && eq > 0 ? w.text.slice(0, eq) : w.text;
    if (INFO_ONLY.has(opt) && opt === w.text) return emit(cx, args.slice(j), ctx, verdict('safe', ALL, 'prints git information'));
    const separate = opt === w.text && GLOBAL_WITH_VALUE.has(opt);
    const arg = separate ? args[j + 1] : { ...w, text: w.text.slice(eq + 1), tilde: false };
    const value = arg?.text;
    j += separate ? 2 : 1;
    if (opt === '-C') ctx.dir = cdTarget(ctx.dir, arg, cx);
    if (value === undefined) continue;
    if (opt === '-c') {
      const kv = value.indexOf('=');
      ctx.config.set((kv < 0 ? value : value.slice(0, kv)).toLowerCase(), kv < 0 ? 'true' : value.slice(kv + 1));
    }
    if (opt === '--git-dir') ctx.gitDir = resolvePath(ctx.dir, value) ?? value;
    if (opt === '--work-tree') ctx.workTree = resolvePath(ctx.dir, value) ?? value;
  }
  // Read after -C: git resolves a relative GIT_DIR against the directory -C moved to.
  for (const [name, field] of [['GIT_DIR', 'gitDir'], ['GIT_WORK_TREE', 'workTree']] as const) {
    const v = ctx.env.get(name);
    if (v && ctx[field] === undefined) ctx[field] = resolvePath(ctx.dir, v.text) ?? v.text;
  }
  const sub = args[j];
  const rest = args.slice(j + 1);
  if (!sub) return emit(cx, [], ctx, verdict('safe', ALL, 'prints git usage'));
  if (sub.dynamic) return emit(cx, args.slice(j), ctx, UNKNOWN_SUBCOMMAND);
  const classify = Object.hasOwn(SUBCOMMANDS, sub.text) ? SUBCOMMANDS[sub.text] : undefined;
  if (classify) return emit(cx, args.slice(j), ctx, classify(parse(rest, SPECS[sub.text] ?? {}), { args: rest, ctx, iv, cx }));
  const alias = ctx.config.get(`alias.${sub.text.toLowerCase()}`) ?? cx.aliases.get(sub.text.toLowerCase());
  if (alias === undefined || cx.depth >= MAX_DEPTH) return emit(cx, args.slice(j), ctx, UNKNOWN_SUBCOMMAND);
  cx.depth++;
  if (alias.startsWith('!')) runShellAlias(alias.slice(1), sub, rest, iv, cx, ctx);
  else runGit([...splitWords(alias), ...rest], iv, cx, { ...ctx, env: new Map() });
  cx.depth--;
}

function runShellAlias(body: string, sub: Word, rest: Word[], iv: Invocation, cx: Walk, ctx: GitContext): void {
  // git runs `sh -c '<body> "$@"' <body> <args>` from the top of the repository.
  const quoted = rest.map((w) => (w.dynamic ? w.text : `'${w.text.replace(/'/g, `'\\''`)}'`));
  const inner: Walk = { ...cx, out: [] };
  walkScript(parseShell([body, ...quoted].join(' ')), { dir: null, stack: [], env: new Map(iv.st.env) }, inner);
  if (inner.out.length > 0) cx.out.push(...inner.out);
  else emit(cx, [sub, ...rest], { ...ctx, dir: null }, verdict('unknown', ALL, 'runs a shell alias whose commands could not be classified'));
}

type Verdict = Pick<GitOperation, 'effect' | 'scope' | 'risk' | 'saferAlternative'>;

function emit(cx: Walk, argv: Word[], ctx: GitContext, v: Verdict): void {
  const op: GitOperation = { argv: argv.map((w) => w.text), dir: ctx.dir, ...v };
  if (ctx.gitDir !== undefined) op.gitDir = ctx.gitDir;
  if (ctx.workTree !== undefined) op.workTree = ctx.workTree;
  if (op.saferAlternative === undefined) delete op.saferAlternative;
  cx.out.push(op);
}

const ALL: GitScope = Object.freeze({ kind: 'all' });

function verdict(effect: GitEffect, scope: GitScope, risk: string, saferAlternative?: string): Verdict {
  return { effect, scope, risk, saferAlternative };
}

const UNKNOWN_SUBCOMMAND = verdict('unknown', ALL, 'runs a git command that could not be classified');

function resolvePath(dir: string | null, p: string): string | null {
  if (posix.isAbsolute(p)) return trimSlash(posix.normalize(p));
  return dir === null ? null : trimSlash(posix.join(dir, p));
}

// ---------------------------------------------------------------------------------------------
// Option parsing, the way git's parse-options reads a command line

interface OptSpec {
  /** Short options taking the next word (or the rest of the cluster) as their value. */
  short?: string;
  /** Short options whose value can only be attached (`-p1`, `-uno`). */
  attached?: string;
  /** Long options taking a value. */
  long?: string[];
  /** Long flags, listed so that unambiguous prefixes (`--har`) are understood as git does. */
  flags?: string[];
}

interface Parsed {
  opts: Map<string, string | true>;
  positionals: Word[];
  /** Words after `--`. */
  paths: Word[];
  dashDash: boolean;
}

function parse(args: Word[], spec: OptSpec): Parsed {
  const p: Parsed = { opts: new Map(), positionals: [], paths: [], dashDash: false };
  const longs = [...(spec.long ?? []), ...(spec.flags ?? [])];
  for (let j = 0; j < args.length; j++) {
    const w = args[j]!;
    const a = w.text;
    if (p.dashDash) p.paths.push(w);
    else if (a === '--' && !w.dynamic) p.dashDash = true;
    else if (w.dynamic || !a.startsWith('-') || a === '-') p.positionals.push(w);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      let name = eq < 0 ? a : a.slice(0, eq);
      if (!longs.includes(name)) {
        const candidates = longs.filter((l) => l.startsWith(name));
        if (candidates.length === 1) name = candidates[0]!;
      }
      let value: string | true = eq < 0 ? true : a.slice(eq + 1);
      if (value === true && spec.long?.includes(name) && j + 1 < args.length) value = args[++j]!.text;
      p.opts.set(name, value);
    } else {
      for (let c = 1; c < a.length; c++) {
        const ch = a[c]!;
        const restOfCluster = a.slice(c + 1);
        if (spec.short?.includes(ch)) {
          const value = restOfCluster || args[++j]?.text || '';
          p.opts.set(`-${ch}`, value);
          break;
        }
        if (spec.attached?.includes(ch)) {
          p.opts.set(`-${ch}`, restOfCluster || true);
          break;
        }
        p.opts.set(`-${ch}`, true);
      }
    }
  }
  return p;
}

function has(p: Parsed, ...names: string[]): boolean {
  return names.some((n) => p.opts.has(n));
}

interface Env {
  /** The subcommand's own words, unparsed. */
  args: Word[];
  ctx: GitContext;
  iv: Invocation;
  cx: Walk;
}

/** Pathspecs → scope. Exclusions only (`:!x`) mean everything else: 'all'. */
function scopeOf(words: Word[], e: Env): GitScope {
  if (e.iv.unseenArgs) return ALL;
  const paths: string[] = [];
  for (const w of words) {
    if (w.dynamic) return ALL;
    let text = expandHome(w.text, w.tilde, e.cx);
    if (text === null) return ALL;
    let top = false;
    const long = /^:\(([^)]*)\)(.*)$/s.exec(text);
    const short = /^:([/!^]*):?(.*)$/s.exec(text);
    if (long) {
      const magic = long[1]!.split(',');
      if (magic.includes('exclude')) continue;
      if (magic.some((m) => m.startsWith('attr'))) return ALL;
      top = magic.includes('top');
      text = long[2]!;
    } else if (short && text.startsWith(':')) {
      if (/[!^]/.test(short[1]!)) continue;
      top = short[1]!.includes('/');
      text = short[2]!;
    }
    if (top) {
      if (text === '' || text === '.') return ALL;
      paths.push(`:/${posix.normalize(text)}`);
    } else {
      paths.push(resolvePath(e.ctx.dir, text) ?? trimSlash(posix.normalize(text)));
    }
  }
  if (paths.length === 0) return ALL;
  return { kind: 'paths', paths };
}

function looksLikePath(w: Word): boolean {
  if (w.dynamic) return false;
  const t = w.text;
  if (t === '.' || t === '..' || w.glob || /^(\.{1,2}\/|\/|:|~)/.test(t) || t.endsWith('/')) return true;
  return /\.[A-Za-z][\w-]*$/.test(posix.basename(t));
}

function isHead(w: Word | undefined): boolean {
  return w !== undefined && !w.dynamic && (w.text === 'HEAD' || w.text === '@');
}

// ---------------------------------------------------------------------------------------------
// The subcommands

const OWN_FILES_COMMIT = 'commit only your own files: git add <your files> && git commit';
const WORKTREE = 'do it in a separate worktree (git worktree add ../<dir> <branch>), or after the other sessions commit';

const SAFE_READ = verdict('safe', ALL, 'reads the repository only');

const SPECS: Record<string, OptSpec> = {
  stash: { short: 'm', long: ['--message', '--pathspec-from-file'], flags: ['--patch', '--keep-index', '--no-keep-index', '--include-untracked', '--all', '--staged', '--quiet', '--pathspec-file-nul'] },
  checkout: { short: 'bB', long: ['--orphan', '--conflict', '--pathspec-from-file'], flags: ['--force', '--merge', '--patch', '--ours', '--theirs', '--detach', '--quiet', '--track', '--no-track', '--guess', '--no-guess', '--overlay', '--no-overlay', '--progress', '--recurse-submodules', '--ignore-skip-worktree-bits', '--ignore-other-worktrees'] },
  switch: { short: 'cC', long: ['--create', '--force-create', '--orphan', '--conflict'], flags: ['--detach', '--force', '--discard-changes', '--merge', '--track', '--no-track', '--guess', '--no-guess', '--quiet', '--progress', '--recurse-submodules', '--ignore-other-worktrees'] },
  restore: { short: 's', long: ['--source', '--conflict', '--pathspec-from-file'], flags: ['--staged', '--worktree', '--patch', '--ours', '--theirs', '--merge', '--overlay', '--no-overlay', '--quiet', '--progress', '--ignore-unmerged', '--recurse-submodules', '--ignore-skip-worktree-bits'] },
  reset: { long: ['--pathspec-from-file'], flags: ['--hard', '--soft', '--mixed', '--merge', '--keep', '--patch', '--quiet', '--intent-to-add', '--recurse-submodules', '--no-refresh', '--refresh'] },
  clean: { short: 'e', long: ['--exclude'], flags: ['--force', '--interactive', '--dry-run', '--quiet'] },
  commit: { short: 'mFCct', attached: 'uS', long: ['--message', '--file', '--reuse-message', '--reedit-message', '--template', '--author', '--date', '--fixup', '--squash', '--cleanup', '--trailer', '--pathspec-from-file'], flags: ['--all', '--patch', '--include', '--only', '--interactive', '--amend', '--dry-run', '--no-verify', '--verify', '--edit', '--no-edit', '--signoff', '--allow-empty', '--allow-empty-message', '--reset-author', '--short', '--branch', '--porcelain', '--long', '--status', '--no-status', '--quiet', '--verbose'] },
  add: { long: ['--chmod', '--pathspec-from-file'], flags: ['--all', '--no-ignore-removal', '--ignore-removal', '--no-all', '--update', '--dry-run', '--patch', '--interactive', '--edit', '--force', '--intent-to-add', '--verbose', '--refresh', '--ignore-errors', '--ignore-missing', '--renormalize', '--sparse'] },
  rm: { long: ['--pathspec-from-file'], flags: ['--cached', '--force', '--dry-run', '--quiet', '--ignore-unmatch', '--sparse'] },
  mv: { flags: ['--force', '--dry-run', '--verbose', '--sparse'] },
  apply: { attached: 'pC', long: ['--directory', '--exclude', '--include', '--whitespace', '--build-fake-ancestor'], flags: ['--stat', '--numstat', '--summary', '--check', '--index', '--cached', '--3way', '--reverse', '--apply', '--reject', '--verbose', '--intent-to-add'] },
  am: { flags: ['--show-current-patch', '--abort', '--continue', '--skip', '--quit'] },
  rebase: { flags: ['--continue', '--abort', '--skip', '--quit', '--edit-todo', '--show-current-patch', '--autostash'] },
};

type Classifier = (p: Parsed, e: Env) => Verdict;

function rewriteVerdict(what: string): Verdict {
  return verdict('rewrite', ALL, `${what}: rewrites files other sessions may be editing, or stops on their uncommitted changes`, WORKTREE);
}

const rewrite = (what: string): Classifier => () => rewriteVerdict(what);

function classifyStash(_: Parsed, e: Env): Verdict {
  // The subcommand, when there is one, is the first word; `git stash -p` and `git stash -- x` push.
  const [first, ...after] = e.args;
  if (first?.dynamic) return UNKNOWN_SUBCOMMAND;
  const sub = first && !first.text.startsWith('-') ? first.text : 'push';
  const p = parse(sub === 'push' && first?.text !== 'push' ? e.args : after, SPECS.stash!);
  switch (sub) {
    case 'list':
    case 'show':
    case 'create':
    case 'store':
      return SAFE_READ;
    case 'pop':
    case 'apply':
      return verdict('rewrite', ALL, 'applies a stash onto a working tree other sessions are editing', 'apply it in a separate worktree, or after the other sessions commit');
    case 'drop':
    case 'clear':
      return verdict('discard', ALL, "drops stashed work, which may be another session's", 'check git stash list and drop only entries you made');
    case 'branch':
      return verdict('move', ALL, 'checks out a new branch under every session in this checkout', WORKTREE);
    case 'save':
      return stashVerdict(ALL);
    case 'push':
      if (has(p, '--pathspec-from-file')) return stashVerdict(ALL);
      return stashVerdict(scopeOf([...p.positionals, ...p.paths], e));
    default:
      return UNKNOWN_SUBCOMMAND;
  }
}

function stashVerdict(scope: GitScope): Verdict {
  return scope.kind === 'all'
    ? verdict('move', scope, 'stashes every uncommitted change in the checkout, other sessions\' edits included', 'stash only your own files: git stash push -- <your files>, or ' + OWN_FILES_COMMIT)
    : verdict('move', scope, 'stashes the uncommitted changes in these paths', 'stash only files you edited yourself');
}

const SWITCH_BRANCH = verdict('move', ALL, 'switches the branch under every session in this checkout: their uncommitted edits move along or block the switch', WORKTREE);
const FORCE_SWITCH = verdict('discard', ALL, 'switches the branch and throws away every uncommitted change in the checkout', WORKTREE);

function discardPaths(scope: GitScope, how: string): Verdict {
  return verdict('discard', scope, scope.kind === 'all' ? `${how} every uncommitted change in the checkout` : `${how} uncommitted changes in these paths`, 'restore only files you edited yourself: git restore <your files>');
}

function classifyCheckout(p: Parsed, e: Env): Verdict {
  const pos = p.positionals;
  const unseen = e.iv.unseenArgs;
  if (has(p, '--pathspec-from-file')) return discardPaths(ALL, 'overwrites');
  if (p.dashDash) {
    if (p.paths.length > 0 || unseen) return discardPaths(scopeOf(p.paths, e), 'overwrites');
    return pos.length > 0 && !isHead(pos[0]) ? SWITCH_BRANCH : verdict('safe', ALL, 'keeps the working tree');
  }
  if (has(p, '-b', '-B', '--orphan')) {
    return pos.length > 0 ? SWITCH_BRANCH : verdict('safe', ALL, 'creates a branch at HEAD and keeps the working tree');
  }
  const force = has(p, '-f', '--force');
  const patch = has(p, '-p', '--patch');
  const first = pos[0];
  if (!first) {
    if (patch || unseen) return discardPaths(ALL, patch ? 'interactively overwrites' : 'overwrites');
    return force ? discardPaths(ALL, 'throws away') : verdict('safe', ALL, 'keeps the working tree');
  }
  if (looksLikePath(first) || has(p, '--ours', '--theirs')) return discardPaths(scopeOf(pos, e), 'overwrites');
  // `first` reads as a revision from here on.
  if (pos.length > 1) return discardPaths(scopeOf(pos.slice(1), e), 'overwrites');
  if (unseen || patch) return discardPaths(ALL, patch ? 'interactively overwrites' : 'overwrites');
  if (isHead(first)) return force ? discardPaths(ALL, 'throws away') : verdict('safe', ALL, 'keeps the working tree');
  return force ? FORCE_SWITCH : SWITCH_BRANCH;
}

function classifySwitch(p: Parsed): Verdict {
  if (has(p, '-f', '--force', '--discard-changes')) return FORCE_SWITCH;
  if (has(p, '-c', '-C', '--create', '--force-create')) {
    return p.positionals.length > 0 ? SWITCH_BRANCH : verdict('safe', ALL, 'creates a branch at HEAD and keeps the working tree');
  }
  if (has(p, '--orphan')) return SWITCH_BRANCH;
  return p.positionals.length > 0 || has(p, '-d', '--detach') ? SWITCH_BRANCH : verdict('safe', ALL, 'does nothing');
}

function classifyRestore(p: Parsed, e: Env): Verdict {
  const worktree = has(p, '-W', '--worktree') || !has(p, '-S', '--staged');
  const words = [...p.positionals, ...p.paths];
  const scope = has(p, '--pathspec-from-file') ? ALL : scopeOf(words, e);
  if (!worktree) return verdict('safe', scope, 'unstages only: the working tree keeps every change');
  if (words.length === 0 && !has(p, '-p', '--patch', '--pathspec-from-file') && !e.iv.unseenArgs) return verdict('safe', ALL, 'does nothing without paths');
  return discardPaths(scope, has(p, '-p', '--patch') ? 'interactively overwrites' : 'overwrites');
}

function classifyReset(p: Parsed, e: Env): Verdict {
  const lose = 'drop only your own edits: git restore <your files>';
  if (has(p, '--hard')) return verdict('discard', ALL, "throws away every uncommitted change in the checkout, other sessions' edits included", lose);
  if (has(p, '--merge')) return verdict('discard', ALL, 'resets the working tree, throwing away changes in files the reset touches', lose);
  const pos = p.positionals;
  let rev: Word | undefined;
  let paths: Word[];
  if (p.dashDash || (pos[0] && !looksLikePath(pos[0]))) [rev, ...paths] = pos;
  else paths = pos;
  paths.push(...p.paths);
  const movesHead = rev !== undefined && !isHead(rev) && paths.length === 0 && !has(p, '-p', '--patch');
  if (has(p, '--keep') || movesHead) {
    return verdict('rewrite', ALL, 'moves the branch that every session in this checkout is on', 'undo with a new commit (git revert), or move your own branch in a separate worktree');
  }
  return verdict('safe', paths.length > 0 ? scopeOf(paths, e) : ALL, 'unstages only: the working tree keeps every change');
}

function classifyClean(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'lists what would be deleted');
  const forced = has(p, '-f', '--force', '-i', '--interactive') || e.ctx.config.get('clean.requireforce') === 'false';
  if (!forced) return verdict('safe', ALL, 'refuses to delete without -f');
  const words = [...p.positionals, ...p.paths];
  const scope = words.length > 0 || e.iv.unseenArgs ? scopeOf(words, e) : ALL;
  return verdict('discard', scope, 'deletes untracked files, including new files other sessions have not added yet', 'delete only your own files (rm <file>), after a dry run: git clean -n');
}

function classifyCommit(p: Parsed, e: Env): Verdict {
  if (has(p, '--dry-run')) return verdict('safe', ALL, 'shows what would be committed');
  const sweepAll = verdict('sweep', ALL, 'commits every modified file, other sessions\' edits included', OWN_FILES_COMMIT);
  if (has(p, '-a', '--all', '--interactive', '--pathspec-from-file')) return sweepAll;
  const words = [...p.positionals, ...p.paths];
  if (words.length > 0 || e.iv.unseenArgs) {
    const scope = scopeOf(words, e);
    return scope.kind === 'all' ? sweepAll : verdict('sweep', scope, 'commits the whole current content of these paths, other sessions\' edits in them included', OWN_FILES_COMMIT);
  }
  if (has(p, '-p', '--patch')) return verdict('sweep', ALL, 'lets you pick hunks from every modified file into your commit', OWN_FILES_COMMIT);
  return verdict('safe', ALL, 'commits only what is staged');
}

function classifyAdd(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run', '--refresh')) return verdict('safe', ALL, 'changes nothing');
  const words = [...p.positionals, ...p.paths];
  const whole = has(p, '-A', '--all', '--no-ignore-removal', '-u', '--update', '-p', '--patch', '-i', '--interactive', '-e', '--edit');
  if (has(p, '--pathspec-from-file') || (words.length === 0 && (whole || e.iv.unseenArgs))) {
    return verdict('sweep', ALL, 'stages every change in the checkout, other sessions\' edits included', 'stage only your own files: git add <your files>');
  }
  if (words.length === 0) return verdict('safe', ALL, 'stages nothing');
  const scope = scopeOf(words, e);
  if (scope.kind === 'all') return verdict('sweep', ALL, 'stages changes from the whole checkout, other sessions\' edits included', 'stage only your own files: git add <your files>');
  return verdict('sweep', scope, 'stages these paths: another session\'s edits in them would go into your commit', 'stage only files you edited yourself');
}

function classifyRm(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'changes nothing');
  const words = [...p.positionals, ...p.paths];
  if (words.length === 0 && !e.iv.unseenArgs && !has(p, '--pathspec-from-file')) return verdict('safe', ALL, 'removes nothing');
  const scope = has(p, '--pathspec-from-file') ? ALL : scopeOf(words, e);
  if (has(p, '--cached')) return verdict('sweep', scope, 'stages the removal of these paths; the files stay on disk', 'unstage only files you own');
  return verdict('discard', scope, 'deletes these files from the working tree, with any uncommitted edits in them', 'remove only files you own');
}

function classifyMv(p: Parsed, e: Env): Verdict {
  if (has(p, '-n', '--dry-run')) return verdict('safe', ALL, 'changes nothing');
  return verdict('move', scopeOf(p.positionals, e), 'moves these files, under any session editing them', 'move only files you own');
}

function classifyApply(p: Parsed): Verdict {
  if (has(p, '--stat', '--numstat', '--summary', '--check') && !has(p, '--apply')) return verdict('safe', ALL, 'inspects a patch only');
  if (has(p, '--cached')) return verdict('sweep', ALL, 'patches the index, which every session in this checkout commits from', OWN_FILES_COMMIT);
  return rewriteVerdict('patches the working tree');
}

function classifyWorktree(p: Parsed, e: Env): Verdict {
  const [sub, target] = p.positionals;
  if (sub?.dynamic) return UNKNOWN_SUBCOMMAND;
  if (sub?.text === 'remove' && has(p, '-f', '--force')) {
    const path = target ? scopeOf([target], e) : ALL;
    return verdict('discard', path, 'deletes a worktree together with its uncommitted changes', 'remove a worktree without --force: git refuses when it holds uncommitted work');
  }
  return verdict('safe', ALL, 'leaves this working tree alone');
}

const SUBCOMMANDS: Record<string, Classifier> = {
  stash: classifyStash,
  checkout: classifyCheckout,
  switch: classifySwitch,
  restore: classifyRestore,
  reset: classifyReset,
  clean: classifyClean,
  commit: classifyCommit,
  add: classifyAdd,
  rm: classifyRm,
  mv: classifyMv,
  apply: classifyApply,
  worktree: classifyWorktree,
  am: (p) => (has(p, '--show-current-patch') ? SAFE_READ : rewriteVerdict('applies mailed patches')),
  rebase: (p) => (has(p, '--show-current-patch') ? SAFE_READ : rewriteVerdict('rebases the checked-out branch')),
  merge: rewrite('merges into the checked-out branch'),
  pull: rewrite('pulls into the checked-out branch'),
  'cherry-pick': rewrite('applies commits to the checked-out branch'),
  revert: rewrite('applies reverting commits to the checked-out branch'),
  mergetool: rewrite('resolves conflicts in place'),
  'merge-file': rewrite('merges into a file in place'),
  'filter-branch': rewrite('rewrites history and checks it out'),
  bisect: (p) => {
    const sub = p.positionals[0]?.text;
    return sub && ['log', 'visualize', 'view', 'terms', 'help'].includes(sub) ? SAFE_READ : verdict('move', ALL, 'checks out other commits under every session in this checkout', WORKTREE);
  },
  'sparse-checkout': (p) =>
    p.positionals[0]?.text === 'list' ? SAFE_READ : verdict('move', ALL, 'changes which files exist in the working tree', WORKTREE),
  submodule: (p) => {
    const sub = p.positionals[0]?.text;
    if (sub === 'update') return rewriteVerdict('checks out submodule commits');
    if (sub === 'deinit' && has(p, '-f', '--force')) return verdict('discard', ALL, 'deletes submodule working trees with their changes', WORKTREE);
    return SAFE_READ;
  },
  'checkout-index': (p, e) =>
    has(p, '-f', '--force') ? discardPaths(has(p, '-a', '--all') ? ALL : scopeOf([...p.positionals, ...p.paths], e), 'overwrites') : verdict('safe', ALL, 'never overwrites existing files'),
  'read-tree': (p) => (has(p, '-u') ? discardPaths(ALL, 'overwrites') : verdict('rewrite', ALL, 'replaces the index every session commits from', OWN_FILES_COMMIT)),
  // Read-only, or writing only refs, objects or config that uncommitted work does not live in.
  ...Object.fromEntries(
    [
      'status', 'diff', 'log', 'show', 'blame', 'annotate', 'fetch', 'branch', 'tag', 'rev-parse', 'rev-list', 'ls-files',
      'ls-tree', 'ls-remote', 'cat-file', 'describe', 'shortlog', 'reflog', 'remote', 'config', 'grep', 'whatchanged',
      'name-rev', 'show-ref', 'show-branch', 'for-each-ref', 'merge-base', 'merge-tree', 'count-objects', 'fsck',
      'verify-commit', 'verify-tag', 'verify-pack', 'check-ignore', 'check-attr', 'check-mailmap', 'check-ref-format',
      'var', 'version', 'help', 'diff-tree', 'diff-files', 'diff-index', 'range-diff', 'format-patch', 'cherry',
      'archive', 'bundle', 'push', 'clone', 'init', 'gc', 'prune', 'repack', 'maintenance', 'notes', 'difftool',
      'request-pull', 'send-email', 'hash-object', 'column', 'interpret-trailers', 'stripspace', 'get-tar-commit-id',
      'show-index', 'credential', 'rerere', 'commit-tree', 'mktree', 'mktag', 'pack-refs', 'fsck-objects', 'instaweb',
    ].map((name) => [name, () => SAFE_READ] as const),
  ),
};
