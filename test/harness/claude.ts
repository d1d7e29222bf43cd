// Drives real Claude Code sessions (the pinned devDependency) against a FakeApi, several at once,
// in stream-json mode so one session stays alive across prompts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, realpathSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeApi, type ModelTurn } from './fake-api.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const pluginDir = join(repoRoot, 'plugin');
/**
 * The Claude Code client the tests drive: the pinned devDependency, or the absolute path in
 * E2E_CLAUDE_BIN (`npm run compat` points it at another version). Not CONTEXT_SYNC_CLAUDE_BIN: that
 * one is the plugin's own setting for the summarizer's CLI, which tests set on sessions separately.
 */
export const claudeBin = process.env.E2E_CLAUDE_BIN || join(repoRoot, 'node_modules', '.bin', 'claude');
export const cliBundle = join(pluginDir, 'dist', 'cli.mjs');

/**
 * Whether sessions of this run use the hooks module: not with CONTEXT_SYNC_MOD=0 (the classic pass
 * of scripts/test.mjs), nor on a client older than mods (E2E_NO_MODS=1, set by scripts/compat.mjs).
 * Tests of what only the module does skip themselves otherwise.
 */
export const modulePath = process.env.CONTEXT_SYNC_MOD !== '0' && process.env.E2E_NO_MODS !== '1';

/** A temp HOME shared by the sessions of one test, with a git repository to work in. */
export class Sandbox {
  readonly home: string;
  readonly root: string;
  constructor(prefix = 'ccs-e2e-') {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
    this.home = join(this.root, 'home');
    mkdirSync(this.home, { recursive: true });
  }

  get store(): string {
    return join(this.home, '.claude', 'context-sync');
  }

  /** Write the user's context-sync config (the store's config.json). */
  config(config: Record<string, unknown>): void {
    mkdirSync(this.store, { recursive: true });
    writeFileSync(join(this.store, 'config.json'), JSON.stringify(config));
  }

  /** Create a git repository with the given files committed; returns its path. */
  repo(name: string, files: Record<string, string>): string {
    const dir = join(this.root, name);
    mkdirSync(dir, { recursive: true });
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    return dir;
  }

  env(apiUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    // Keep PATH and basics; drop anything of an outer Claude Code session. CONTEXT_SYNC_MOD passes
    // through so one run of the suite can be pinned to a path (`CONTEXT_SYNC_MOD=0`: classic hooks).
    for (const k of ['PATH', 'LANG', 'TERM', 'TMPDIR', 'USER', 'SHELL', 'CONTEXT_SYNC_MOD']) if (process.env[k]) env[k] = process.env[k];
    return {
      ...env,
      HOME: this.home,
      ANTHROPIC_BASE_URL: apiUrl,
      ANTHROPIC_API_KEY: 'sk-test',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      IS_SANDBOX: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
      ...extra,
    };
  }
}

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export interface ResultLine {
  type: 'result';
  subtype: string;
  is_error: boolean;
  result?: string;
  session_id: string;
}

/** One live Claude Code process with the plugin loaded, driven prompt by prompt. */
export class Session {
  readonly api = new FakeApi();
  private proc: ChildProcess | undefined;
  private buffer = '';
  private waiters: Array<(r: ResultLine) => void> = [];
  readonly lines: any[] = [];
  sessionId = '';
  exitCode: number | null = null;
  private exited: Promise<void> | undefined;

  constructor(
    readonly sandbox: Sandbox,
    readonly cwd: string,
    readonly options: { pluginDir?: string | null; env?: Record<string, string>; args?: string[] } = {},
  ) {}

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async start(): Promise<void> {
    const url = await this.api.start();
    const args = ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'];
    args.push('--permission-mode', 'bypassPermissions');
    const plugin = this.options.pluginDir === undefined ? pluginDir : this.options.pluginDir;
    if (plugin) args.push('--plugin-dir', plugin);
    args.push(...(this.options.args ?? []));
    this.proc = spawn(claudeBin, args, {
      cwd: this.cwd,
      env: this.sandbox.env(url, this.options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stdout!.setEncoding('utf8');
    this.proc.stdout!.on('data', (d: string) => this.onData(d));
    let stderr = '';
    this.proc.stderr!.on('data', (d) => (stderr += d));
    this.exited = new Promise((resolve) =>
      this.proc!.on('exit', (code) => {
        this.exitCode = code;
        if (code && process.env.E2E_DEBUG) console.error(stderr);
        resolve();
      }),
    );
  }

  private onData(d: string): void {
    this.buffer += d;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      if (!line.trim()) continue;
      let msg: any;
      try {
        msg = JSON.parse(line);
      } catch {
        continue;
      }
      this.lines.push(msg);
      if (msg.session_id) this.sessionId = msg.session_id;
      if (msg.type === 'result') this.waiters.shift()?.(msg);
    }
  }

  /** Queue the model's answers, send a prompt, and wait for the turn to finish. */
  async prompt(text: string, ...turns: ModelTurn[]): Promise<ResultLine> {
    this.api.script(...turns);
    const done = new Promise<ResultLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no result for prompt ${JSON.stringify(text)} in 60 s`)), 60_000);
      this.waiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    const msg = { type: 'user', message: { role: 'user', content: text } };
    this.proc!.stdin!.write(JSON.stringify(msg) + '\n');
    return done;
  }

  /** Close stdin: the session ends normally and runs SessionEnd. */
  async close(): Promise<void> {
    if (!this.proc) return;
    this.proc.stdin!.end();
    await this.exited;
    await this.api.stop();
  }

  /** Kill without SessionEnd, as a crash would. */
  async kill(): Promise<void> {
    if (!this.proc) return;
    this.proc.kill('SIGKILL');
    await this.exited;
    await this.api.stop();
  }

  /** The hook events attached to the transcript (what hooks returned), for debugging. */
  hookEvents(): any[] {
    return this.lines.filter((l) => l.type === 'system' && String(l.subtype ?? '').includes('hook'));
  }

  /** The model's tool_result content for the n-th tool call of the whole session (1-based, in order). */
  toolResults(): string[] {
    const out: string[] = [];
    for (const b of this.api.mainRequests) {
      // What came after the model's latest answer: the tool results, then (older clients, e.g.
      // 2.1.280) a trailing `system` message such as a token budget.
      const msgs: any[] = b.messages ?? [];
      let from = msgs.length;
      while (from > 0 && msgs[from - 1].role !== 'assistant') from--;
      for (const m of msgs.slice(from)) {
        if (m.role !== 'user' || !Array.isArray(m.content)) continue;
        for (const c of m.content) if (c.type === 'tool_result') out.push(JSON.stringify(c.content));
      }
    }
    return out;
  }
}

/** Run a one-shot `claude -p` (json output) and return its parsed result line. */
export async function oneShot(
  sandbox: Sandbox,
  cwd: string,
  prompt: string,
  turns: ModelTurn[],
  extraArgs: string[] = [],
  plugin: string | null = pluginDir,
): Promise<{ result: any; api: FakeApi }> {
  const api = new FakeApi();
  api.script(...turns);
  const url = await api.start();
  const args = ['-p', prompt, '--output-format', 'json', '--permission-mode', 'bypassPermissions', ...extraArgs];
  if (plugin) args.push('--plugin-dir', plugin);
  const child = spawn(claudeBin, args, { cwd, env: sandbox.env(url), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  await new Promise((r) => child.on('exit', r));
  await api.stop();
  try {
    return { result: JSON.parse(out), api };
  } catch {
    throw new Error(`claude -p gave no JSON: ${out}\n${err}`);
  }
}

export function readJson(path: string): any {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
