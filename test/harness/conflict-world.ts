// A repository, several sessions and a person at the terminal, driven through the plugin's own hook
// handlers (in process, as the warm MCP server runs them), next to a reference model of the contract
// in docs/conflicts.md. Used by the randomized conflict test and its benchmark.
//
// Files hold functions `f0..fK`, each one line of body; an edit gives a function a new body, a
// commit or a revert is real git. The model knows, for every function, its version in the working
// tree and in HEAD, and so which edits are open: the oracle every hook answer is checked against.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { syncContext, type SyncContext } from '../../src/sync/context.js';
import { handlePreToolUse } from '../../src/hooks-core/handlers/pre-tool-use.js';
import { handlePostToolUse } from '../../src/hooks-core/handlers/post-tool-use.js';
import { handleUserPromptSubmit } from '../../src/hooks-core/handlers/user-prompt-submit.js';
import { handleDeliver } from '../../src/hooks-core/handlers/deliver.js';
import { sessionEnded, sessionStarted } from '../../src/sync/lifecycle.js';
import { findProject } from '../../src/sessions/project.js';
import { ProjectStore } from '../../src/store/session-store.js';
import { pendingDir } from '../../src/store/paths.js';
import type { HookAnswer } from '../../src/sync/edits.js';
import { FakeRegistry, type FakeSession } from './fake-registry.js';

export type Action =
  | { kind: 'edit'; session: number; file: number; fn: number }
  | { kind: 'prompt'; session: number }
  | { kind: 'tool'; session: number }
  | { kind: 'commit'; files: number[] }
  | { kind: 'revert'; file: number }
  | { kind: 'resolve'; session: number; file: number }
  | { kind: 'end'; session: number }
  | { kind: 'kill'; session: number }
  | { kind: 'clear'; session: number }
  | { kind: 'start' };

export interface Shape {
  sessions: number;
  files: number;
  fns: number;
}

/** One conflict as told: who was told, about which peer, where. */
interface Told {
  to: number;
  peer: number;
  file: number;
  fn: number;
}

export interface Tally {
  /** Conflicts the contract required to be told at a hook, and how many of them were. */
  due: number;
  dueTold: number;
  /** Of those, the mirrored ones (owed to the other side at its next prompt or tool call). */
  mirroredDue: number;
  mirroredTold: number;
  /** Alerts given, those about a conflict that exists and was not told before, and repeats. */
  told: number;
  toldValid: number;
  duplicates: number;
  /** Human-readable first violations, for the failure message. */
  violations: string[];
}

export const emptyTally = (): Tally => ({ due: 0, dueTold: 0, mirroredDue: 0, mirroredTold: 0, told: 0, toldValid: 0, duplicates: 0, violations: [] });

export function addTally(a: Tally, b: Tally): Tally {
  return {
    due: a.due + b.due,
    dueTold: a.dueTold + b.dueTold,
    mirroredDue: a.mirroredDue + b.mirroredDue,
    mirroredTold: a.mirroredTold + b.mirroredTold,
    told: a.told + b.told,
    toldValid: a.toldValid + b.toldValid,
    duplicates: a.duplicates + b.duplicates,
    violations: [...a.violations, ...b.violations].slice(0, 20),
  };
}

const fileName = (f: number) => `src/m${f}.ts`;
const body = (fn: number, v: number) => `  return 'f${fn}:${v}';`;
const render = (versions: number[]) => versions.map((v, fn) => `export function f${fn}() {\n${body(fn, v)}\n}\n`).join('\n');
/** The 1-based line of a function's body. */
const bodyLine = (fn: number) => fn * 4 + 2;

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

interface ModelEdit {
  session: number;
  file: number;
  fn: number;
  at: number;
  open: boolean;
}

interface SessionState {
  fake: FakeSession;
  live: boolean;
  /** The model's idea of when this session last resolved each file (action counter). */
  resolvedAt: Map<number, number>;
}

/** The world: a real repository and store, and the model of what is open and what is owed. */
export class ConflictWorld {
  readonly root: string;
  readonly repo: string;
  private readonly reg: FakeRegistry;
  private readonly sessions: SessionState[] = [];
  private clock = 1_000_000;
  private step = 0;
  private work: number[][];
  private head: number[][];
  private version = 1;
  private edits: ModelEdit[] = [];
  /** Instances of conflicts, per (to, peer, file, fn): a counter bumped each time one starts. */
  private instance = new Map<string, number>();
  private active = new Map<string, boolean>();
  /** Instance numbers told, per key; and what each session is owed by a peer's edit. */
  private toldInstances = new Set<string>();
  private owed = new Map<string, number>();
  readonly tally: Tally = emptyTally();
  /** ms spent in the PreToolUse and PostToolUse handlers of an edit: with a peer's open edit of the same function (the file is looked at against HEAD) or without. */
  readonly editCost = { atStake: [] as number[], plain: [] as number[] };

  constructor(readonly shape: Shape) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-world-')));
    this.repo = join(this.root, 'repo');
    mkdirSync(join(this.repo, 'src'), { recursive: true });
    this.work = Array.from({ length: shape.files }, () => Array.from({ length: shape.fns }, () => 0));
    this.head = this.work.map((f) => [...f]);
    for (let f = 0; f < shape.files; f++) writeFileSync(join(this.repo, fileName(f)), render(this.work[f]!));
    git(this.repo, 'init', '-q', '-b', 'main');
    git(this.repo, 'add', '-A');
    git(this.repo, 'commit', '-qm', 'init');
    this.reg = new FakeRegistry();
    for (let s = 0; s < shape.sessions; s++) this.startSession();
  }

  close(): void {
    this.reg.close();
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.reg.root, { recursive: true, force: true });
  }

  private ctx(): SyncContext {
    const base = syncContext(this.env());
    return { ...base, now: () => ++this.clock };
  }

  private env(): NodeJS.ProcessEnv {
    return this.reg.env();
  }

  private startSession(): void {
    const fake = this.reg.add(this.repo);
    this.sessions.push({ fake, live: true, resolvedAt: new Map() });
    sessionStarted(this.ctx(), { sessionId: fake.sessionId, cwd: this.repo, source: 'startup' });
  }

  liveSessions(): number[] {
    return this.sessions.flatMap((s, i) => (s.live ? [i] : []));
  }

  sessionCount(): number {
    return this.sessions.length;
  }

  // ---- the model ------------------------------------------------------------------------------

  private key(to: number, peer: number, file: number, fn: number): string {
    return `${to}|${peer}|${file}|${fn}`;
  }

  private hasOpen(s: number, file: number, fn: number, after = -1): boolean {
    return this.edits.some((e) => e.open && e.session === s && e.file === file && e.fn === fn && e.at > after);
  }

  /** Close what agrees with HEAD or belongs to a dead session; then start and end conflict instances. */
  private settle(causedBy?: { session: number; file: number; fn: number }): void {
    for (const e of this.edits) {
      if (!e.open) continue;
      if (!this.sessions[e.session]!.live || this.work[e.file]![e.fn] === this.head[e.file]![e.fn]) e.open = false;
    }
    for (let to = 0; to < this.sessions.length; to++) {
      for (let peer = 0; peer < this.sessions.length; peer++) {
        if (to === peer) continue;
        for (let file = 0; file < this.shape.files; file++) {
          for (let fn = 0; fn < this.shape.fns; fn++) {
            const k = this.key(to, peer, file, fn);
            const resolved = this.sessions[to]!.resolvedAt.get(file) ?? -1;
            const now = this.sessions[to]!.live && this.sessions[peer]!.live && this.hasOpen(to, file, fn) && this.hasOpen(peer, file, fn, resolved);
            const was = this.active.get(k) ?? false;
            if (now && !was) {
              this.instance.set(k, (this.instance.get(k) ?? 0) + 1);
              // Started by the peer's edit: owed to `to` at its next prompt or tool call.
              if (causedBy && causedBy.session === peer) this.owed.set(k, this.instance.get(k)!);
            }
            if (!now) this.owed.delete(k);
            this.active.set(k, now);
          }
        }
      }
    }
  }

  private activeUntold(to: number, filter: (file: number, fn: number, k: string) => boolean): string[] {
    const out: string[] = [];
    for (const [k, on] of this.active) {
      if (!on) continue;
      const [t, , file, fn] = k.split('|').map(Number) as [number, number, number, number];
      if (t !== to || !filter(file, fn, k)) continue;
      if (!this.toldInstances.has(`${k}#${this.instance.get(k)}`)) out.push(k);
    }
    return out;
  }

  /** Check what a hook told `to` against the model; `due` must all be among it. */
  private check(to: number, answers: HookAnswer[], due: string[], mirrored: Set<string>, where: string): void {
    const told = new Set<string>();
    for (const a of answers) {
      // Each answer on its own: the same conflict in two answers of one tool call is told twice.
      const inAnswer = new Set(this.parse(to, a.additionalContext ?? '').map((t) => this.key(t.to, t.peer, t.file, t.fn)));
      for (const k of inAnswer) {
        this.tally.told++;
        const inst = `${k}#${this.instance.get(k)}`;
        if (!this.active.get(k)) this.violation(`step ${this.step} ${where}: told ${k}, which is not a conflict now`);
        else if (this.toldInstances.has(inst)) {
          this.tally.duplicates++;
          this.violation(`step ${this.step} ${where}: told ${k} again`);
        } else {
          this.tally.toldValid++;
          this.toldInstances.add(inst);
          this.owed.delete(k);
        }
        told.add(k);
      }
    }
    for (const k of due) {
      this.tally.due++;
      const isMirrored = mirrored.has(k);
      if (isMirrored) this.tally.mirroredDue++;
      if (told.has(k)) {
        this.tally.dueTold++;
        if (isMirrored) this.tally.mirroredTold++;
      } else this.violation(`step ${this.step} ${where}: ${k} was due and not told`);
    }
  }

  private violation(text: string): void {
    if (this.tally.violations.length < 20) this.tally.violations.push(text);
  }

  /** The conflicts an alert names, as (to, peer, file, fn). */
  private parse(to: number, text: string): Told[] {
    const out: Told[] = [];
    for (const m of text.matchAll(/^- CONFLICT in (\S+): (.*?) was also edited by session ([0-9a-f]{8})/gm)) {
      const file = Number(/^src\/m(\d+)\.ts$/.exec(m[1]!)?.[1] ?? NaN);
      const peer = this.sessions.findIndex((s) => s.fake.sessionId.startsWith(m[3]!));
      for (const sym of m[2]!.matchAll(/`f(\d+)`/g)) out.push({ to, peer, file, fn: Number(sym[1]) });
    }
    for (const m of text.matchAll(/^- CONFLICT in (\S+): session ([0-9a-f]{8})/gm)) {
      this.violation(`step ${this.step}: a file-level conflict on ${m[1]} (every edit here has a symbol)`);
    }
    return out;
  }

  // ---- actions --------------------------------------------------------------------------------

  async apply(a: Action): Promise<void> {
    this.step++;
    switch (a.kind) {
      case 'edit':
        return this.edit(a.session, a.file, a.fn);
      case 'prompt':
        return this.prompt(a.session);
      case 'tool':
        return this.toolCall(a.session);
      case 'commit': {
        const files = [...new Set(a.files)];
        git(this.repo, 'add', ...files.map(fileName));
        git(this.repo, 'commit', '-qm', `step ${this.step}`, '--allow-empty');
        for (const f of files) this.head[f] = [...this.work[f]!];
        this.settle();
        return;
      }
      case 'revert':
        git(this.repo, 'checkout', '--', fileName(a.file));
        this.work[a.file] = [...this.head[a.file]!];
        this.settle();
        return;
      case 'resolve': {
        const s = this.sessions[a.session]!;
        if (!s.live) return;
        const ctx = this.ctx();
        const project = findProject(this.repo);
        new ProjectStore(ctx.root, project.key).markResolved(s.fake.sessionId, fileName(a.file), ctx.now());
        s.resolvedAt.set(a.file, this.step);
        this.settle();
        return;
      }
      case 'end': {
        const s = this.sessions[a.session]!;
        if (!s.live) return;
        sessionEnded(this.ctx(), { sessionId: s.fake.sessionId, cwd: this.repo, reason: 'prompt_input_exit' });
        rmSync(join(this.reg.claudeDir, 'sessions', `${s.fake.pid}.json`), { force: true });
        s.fake.proc.kill('SIGKILL');
        s.live = false;
        this.settle();
        return;
      }
      case 'kill': {
        const s = this.sessions[a.session]!;
        if (!s.live) return;
        await this.reg.crash(s.fake);
        s.live = false;
        this.settle();
        return;
      }
      case 'clear':
        return this.clear(a.session);
      case 'start':
        this.startSession();
        this.settle();
        return;
    }
  }

  private payloadBase(s: SessionState) {
    return { session_id: s.fake.sessionId, cwd: this.repo, transcript_path: join(this.repo, '.t.jsonl'), permission_mode: 'default' };
  }

  private async edit(si: number, file: number, fn: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const path = join(this.repo, fileName(file));
    const before = readFileSync(path, 'utf8');
    const oldLine = body(fn, this.work[file]![fn]!);
    const v = this.version++;
    const newLine = body(fn, v);
    const toolUseId = `toolu_${randomUUID().replace(/-/g, '')}`;
    const input = { file_path: path, old_string: oldLine, new_string: newLine };
    const base = { ...this.payloadBase(s), tool_name: 'Edit', tool_use_id: toolUseId, tool_input: input };
    const env = this.env();
    const atStake = this.edits.some((e) => e.open && e.session !== si && e.file === file && e.fn === fn);
    const t0 = performance.now();
    const pre = await handlePreToolUse(this.ctx(), { ...base, hook_event_name: 'PreToolUse' }, env);
    const after = before.replace(oldLine, newLine);
    const w0 = performance.now();
    writeFileSync(path, after);
    const writeMs = performance.now() - w0;
    this.work[file]![fn] = v;
    this.edits.push({ session: si, file, fn, at: this.step, open: true });
    const L = bodyLine(fn);
    const post = await handlePostToolUse(this.ctx(), {
      ...base,
      hook_event_name: 'PostToolUse',
      tool_response: {
        filePath: path, oldString: oldLine, newString: newLine, originalFile: before, replaceAll: false,
        structuredPatch: [{ oldStart: L - 1, oldLines: 3, newStart: L - 1, newLines: 3, lines: [` export function f${fn}() {`, `-${oldLine}`, `+${newLine}`, ' }'] }],
      },
    });
    (atStake ? this.editCost.atStake : this.editCost.plain).push(performance.now() - t0 - writeMs);
    // What the peers are owed is decided by the edit; this edit's own new conflicts are due now.
    const ownBefore = new Set(this.activeUntold(si, () => true));
    this.settle({ session: si, file, fn });
    const dueNow = this.activeUntold(si, (f, g, k) => (f === file && g === fn && !ownBefore.has(k)) || this.owed.has(k));
    const answers = [pre, post];
    // After every tool call Claude Code runs the delivery hook, which starts only if woken.
    const delivered = this.deliverIfWoken(s);
    if (delivered) answers.push(await delivered);
    const mirrored = new Set(dueNow.filter((k) => this.owed.has(k)));
    // Owed conflicts are due at a tool call only when the delivery hook ran... and it must have: it was woken.
    this.check(si, answers, dueNow, mirrored, `edit by ${si} of m${file}.f${fn}`);
  }

  private deliverIfWoken(s: SessionState): Promise<HookAnswer> | undefined {
    const marker = join(pendingDir(this.reg.store), String(s.fake.pid));
    if (!existsSync(marker)) return undefined;
    return Promise.resolve(handleDeliver(this.ctx(), { ...this.payloadBase(s), hook_event_name: 'PostToolUse', tool_name: 'Read' }));
  }

  private async toolCall(si: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const due = this.activeUntold(si, (_f, _g, k) => this.owed.has(k));
    const delivered = this.deliverIfWoken(s);
    const answers = delivered ? [await delivered] : [];
    this.check(si, answers, due, new Set(due), `tool call of ${si}`);
  }

  private async prompt(si: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const due = this.activeUntold(si, () => true);
    const mirrored = new Set(due.filter((k) => this.owed.has(k)));
    const a = await handleUserPromptSubmit(this.ctx(), { ...this.payloadBase(s), hook_event_name: 'UserPromptSubmit', prompt: 'go on' });
    this.check(si, [a], due, mirrored, `prompt of ${si}`);
  }

  /** /clear: the same process goes on under a new session id, its uncommitted work and records with it. */
  private async clear(si: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    sessionEnded(this.ctx(), { sessionId: s.fake.sessionId, cwd: this.repo, reason: 'clear' });
    const next = randomUUID();
    const entry = join(this.reg.claudeDir, 'sessions', `${s.fake.pid}.json`);
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, 'utf8')), sessionId: next }));
    s.fake.sessionId = next;
    sessionStarted(this.ctx(), { sessionId: next, cwd: this.repo, source: 'clear' });
  }
}
