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
//
// Three files: this one walks the shell (cd, pushd, subshells, env, xargs, sh -c, aliases) to each
// git invocation and its global options; git-options.ts reads a subcommand's options and pathspecs;
// git-commands.ts classifies each subcommand.
import { posix } from 'node:path';
import { parseShell, splitWords, type Command, type Redirect, type Script, type Word } from './shell-words.js';
import { ALL, expandHome, resolvePath, trimSlash, type GitScope } from './git-options.js';
import { classifierOf, UNKNOWN_SUBCOMMAND, verdict, type GitEffect, type Verdict } from './git-commands.js';

export type { GitEffect, GitScope };

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

/** One git invocation and what it does to uncommitted work (the Verdict's fields). */
export interface GitOperation extends Verdict {
  /** The git invocation after alias expansion, without `git` and its global options. */
  argv: string[];
  /** Directory git runs in (after `cd`, `pushd`, `-C`); null when it cannot be known statically. */
  dir: string | null;
  /** From `--git-dir` or GIT_DIR, resolved. */
  gitDir?: string;
  /** From `--work-tree` or GIT_WORK_TREE, resolved: the checkout affected, when not dir's own. */
  workTree?: string;
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


/** Directory reached by `cd word` from `from`; null when it cannot be known. */
function cdTarget(from: string | null, w: Word | undefined, cx: Walk): string | null {
  if (!w || w.dynamic) return null;
  const text = expandHome(w.text, w.tilde, cx.home);
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
  const classify = classifierOf(sub.text);
  if (classify) return emit(cx, args.slice(j), ctx, classify(rest, { args: rest, dir: ctx.dir, home: cx.home, unseenArgs: iv.unseenArgs, config: ctx.config }));
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

function emit(cx: Walk, argv: Word[], ctx: GitContext, v: Verdict): void {
  const op: GitOperation = { argv: argv.map((w) => w.text), dir: ctx.dir, ...v };
  if (ctx.gitDir !== undefined) op.gitDir = ctx.gitDir;
  if (ctx.workTree !== undefined) op.workTree = ctx.workTree;
  if (op.saferAlternative === undefined) delete op.saferAlternative;
  cx.out.push(op);
}
