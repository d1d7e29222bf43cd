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
import type { HookAnswer } from '../../src/sync/hook-protocol.js';
import { FakeRegistry, type FakeSession } from './fake-registry.js';

export type Action =
  | { kind: 'edit'; session: number; file: number; fn: number; agent?: number }
  | { kind: 'prompt'; session: number }
  | { kind: 'tool'; session: number; agent?: number }
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
  /** Subagents per session besides its main thread (agent 0); 0 for none. */
  subagents?: number;
}

/**
 * A conflict relation, as the model keys it:
 * - `S|X|Y|file|fn`: session X is to hear that session Y edits what X edits (any agent of X may be told);
 * - `A|X|a|b|file|fn`: agent a of session X is to hear that agent b of X edits what a edits;
 * - `O|X|a|b|file|fn`: X's main thread is to hear that its subagents a and b (a sorts first) collide.
 */
type Relation = string;

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
  /** The agent's id in the session ('main' for the main thread). */
  agent: string;
  file: number;
  fn: number;
  at: number;
  open: boolean;
}

interface SessionState {
  fake: FakeSession;
  /** Agent ids: 'main', then the subagents'. */
  agents: string[];
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
  /** Instances of relations: a counter bumped each time one starts. */
  private instance = new Map<Relation, number>();
  private active = new Map<Relation, boolean>();
  /** Instances told (`relation#n`); and what is owed to a recipient by someone else's edit. */
  private toldInstances = new Set<string>();
  private owed = new Map<Relation, number>();
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
    const subs = Array.from({ length: this.shape.subagents ?? 0 }, () => randomUUID().replace(/-/g, '').slice(0, 16));
    this.sessions.push({ fake, agents: ['main', ...subs], live: true, resolvedAt: new Map() });
    sessionStarted(this.ctx(), { sessionId: fake.sessionId, cwd: this.repo, source: 'startup' });
  }

  liveSessions(): number[] {
    return this.sessions.flatMap((s, i) => (s.live ? [i] : []));
  }

  sessionCount(): number {
    return this.sessions.length;
  }

  // ---- the model ------------------------------------------------------------------------------

  private openOf(s: number, agent: string | undefined, file: number, fn: number, after = -1): boolean {
    return this.edits.some((e) => e.open && e.session === s && (agent === undefined || e.agent === agent) && e.file === file && e.fn === fn && e.at > after);
  }

  /** Every relation that holds now (docs/conflicts.md, and "Agents of one session"). */
  private relationsNow(): Set<Relation> {
    const out = new Set<Relation>();
    const n = this.sessions.length;
    for (let file = 0; file < this.shape.files; file++) {
      for (let fn = 0; fn < this.shape.fns; fn++) {
        for (let x = 0; x < n; x++) {
          const X = this.sessions[x]!;
          if (!X.live) continue;
          const resolved = X.resolvedAt.get(file) ?? -1;
          if (this.openOf(x, undefined, file, fn)) {
            for (let y = 0; y < n; y++) {
              if (y !== x && this.sessions[y]!.live && this.openOf(y, undefined, file, fn, resolved)) out.add(`S|${x}|${y}|${file}|${fn}`);
            }
          }
          for (const a of X.agents) {
            if (!this.openOf(x, a, file, fn)) continue;
            for (const b of X.agents) {
              if (b === a || !this.openOf(x, b, file, fn, resolved)) continue;
              out.add(`A|${x}|${a}|${b}|${file}|${fn}`);
              if (a !== 'main' && b !== 'main' && a.localeCompare(b) < 0) out.add(`O|${x}|${a}|${b}|${file}|${fn}`);
            }
          }
        }
      }
    }
    return out;
  }

  /** Who a relation is told to: [session, agent], agent '*' for any agent of the session. */
  private recipient(r: Relation): [number, string] {
    const [kind, x, a] = r.split('|');
    if (kind === 'S') return [Number(x), '*'];
    if (kind === 'A') return [Number(x), a!];
    return [Number(x), 'main'];
  }

  /** Close what agrees with HEAD or belongs to a dead session; then start and end relations. */
  private settle(actor?: { session: number; agent: string }): Set<Relation> {
    for (const e of this.edits) {
      if (!e.open) continue;
      if (!this.sessions[e.session]!.live || this.work[e.file]![e.fn] === this.head[e.file]![e.fn]) e.open = false;
    }
    const now = this.relationsNow();
    const started = new Set<Relation>();
    for (const r of now) {
      if (this.active.get(r)) continue;
      this.instance.set(r, (this.instance.get(r) ?? 0) + 1);
      started.add(r);
      if (!actor) continue;
      const [kind, x, a, b] = r.split('|');
      const X = Number(x);
      // Started by someone else's edit: owed to the recipient at its next prompt or tool call.
      const byOther =
        kind === 'S' ? Number(a) === actor.session : kind === 'A' ? X === actor.session && b === actor.agent : X === actor.session && actor.agent !== 'main';
      if (byOther) this.owed.set(r, this.instance.get(r)!);
    }
    for (const r of [...this.active.keys()]) if (!now.has(r)) this.owed.delete(r);
    this.active = new Map([...now].map((r) => [r, true]));
    return started;
  }

  private untold(r: Relation): boolean {
    return !this.toldInstances.has(`${r}#${this.instance.get(r)}`);
  }

  /** Owed relations a hook of this agent must tell now. */
  private owedTo(x: number, agent: string): Relation[] {
    return [...this.owed.keys()].filter((r) => {
      const [rx, ra] = this.recipient(r);
      return rx === x && (ra === agent || (ra === '*' && agent === 'main')) && this.untold(r);
    });
  }

  /** Check what hooks told agent `agent` of session `x` against the model; `due` must all be among it. */
  private check(x: number, agent: string, answers: HookAnswer[], due: Relation[], mirrored: Set<Relation>, where: string): void {
    const told = new Set<Relation>();
    for (const a of answers) {
      // Each answer on its own: the same conflict in two answers of one tool call is told twice.
      for (const r of new Set(this.parse(x, agent, a.additionalContext ?? ''))) {
        this.tally.told++;
        const [rx, ra] = this.recipient(r);
        if (rx !== x || (ra !== '*' && ra !== agent)) this.violation(`step ${this.step} ${where}: told ${r} to the wrong agent (${agent})`);
        else if (!this.active.get(r)) this.violation(`step ${this.step} ${where}: told ${r}, which is not a conflict now`);
        else if (!this.untold(r)) {
          this.tally.duplicates++;
          this.violation(`step ${this.step} ${where}: told ${r} again`);
        } else {
          this.tally.toldValid++;
          this.toldInstances.add(`${r}#${this.instance.get(r)}`);
          this.owed.delete(r);
        }
        told.add(r);
      }
    }
    for (const r of due) {
      this.tally.due++;
      const isMirrored = mirrored.has(r);
      if (isMirrored) this.tally.mirroredDue++;
      if (told.has(r)) {
        this.tally.dueTold++;
        if (isMirrored) this.tally.mirroredTold++;
      } else this.violation(`step ${this.step} ${where}: ${r} was due and not told`);
    }
  }

  private violation(text: string): void {
    if (this.tally.violations.length < 20) this.tally.violations.push(text);
  }

  /** The relations an alert names, told to agent `agent` of session `x`. */
  private parse(x: number, agent: string, text: string): Relation[] {
    const out: Relation[] = [];
    const X = this.sessions[x]!;
    const byShort = (short: string) => X.agents.find((a) => a !== 'main' && a.startsWith(short));
    for (const m of text.matchAll(/^- CONFLICT in (\S+): (.*?) was (also edited by|edited by two of this session's subagents,) (.*)$/gm)) {
      const file = Number(/^src\/m(\d+)\.ts$/.exec(m[1]!)?.[1] ?? NaN);
      const fns = [...m[2]!.matchAll(/`f(\d+)`/g)].map((g) => Number(g[1]));
      if (fns.length === 0) this.violation(`step ${this.step}: a file-level conflict on ${m[1]} (every edit here has a symbol)`);
      const rest = m[4]!;
      let rel: (fn: number) => Relation | undefined;
      if (m[3] !== 'also edited by') {
        const shorts = [...rest.matchAll(/\(([0-9a-f]{8})\)/g)].map((g) => byShort(g[1]!));
        rel = (fn) => (shorts[0] && shorts[1] ? `O|${x}|${shorts[0]}|${shorts[1]}|${file}|${fn}` : undefined);
      } else if (rest.startsWith('session ')) {
        const peer = this.sessions.findIndex((s) => s.fake.sessionId.startsWith(rest.slice(8, 16)));
        rel = (fn) => `S|${x}|${peer}|${file}|${fn}`;
      } else if (rest.startsWith("this session's main thread")) {
        rel = (fn) => `A|${x}|${agent}|main|${file}|${fn}`;
      } else {
        const b = byShort(/\(([0-9a-f]{8})\)/.exec(rest)?.[1] ?? '');
        rel = (fn) => (b ? `A|${x}|${agent}|${b}|${file}|${fn}` : undefined);
      }
      for (const fn of fns) {
        const r = rel(fn);
        if (r) out.push(r);
        else this.violation(`step ${this.step}: an alert the model cannot place: ${m[0]}`);
      }
    }
    return out;
  }

  // ---- actions --------------------------------------------------------------------------------

  async apply(a: Action): Promise<void> {
    this.step++;
    switch (a.kind) {
      case 'edit':
        return this.edit(a.session, a.file, a.fn, a.agent ?? 0);
      case 'prompt':
        return this.prompt(a.session);
      case 'tool':
        return this.toolCall(a.session, a.agent ?? 0);
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

  private agentPayload(s: SessionState, agent: string) {
    return agent === 'main' ? {} : { agent_id: agent, agent_type: 'general-purpose' };
  }

  private async edit(si: number, file: number, fn: number, agentIndex: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const agent = s.agents[agentIndex % s.agents.length]!;
    const path = join(this.repo, fileName(file));
    const before = readFileSync(path, 'utf8');
    const oldLine = body(fn, this.work[file]![fn]!);
    const v = this.version++;
    const newLine = body(fn, v);
    const toolUseId = `toolu_${randomUUID().replace(/-/g, '')}`;
    const input = { file_path: path, old_string: oldLine, new_string: newLine };
    const base = { ...this.payloadBase(s), ...this.agentPayload(s, agent), tool_name: 'Edit', tool_use_id: toolUseId, tool_input: input };
    const atStake = this.edits.some((e) => e.open && (e.session !== si || e.agent !== agent) && e.file === file && e.fn === fn);
    const t0 = performance.now();
    const pre = await handlePreToolUse(this.ctx(), { ...base, hook_event_name: 'PreToolUse' });
    const after = before.replace(oldLine, newLine);
    const w0 = performance.now();
    writeFileSync(path, after);
    const writeMs = performance.now() - w0;
    this.work[file]![fn] = v;
    this.edits.push({ session: si, agent, file, fn, at: this.step, open: true });
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
    const started = this.settle({ session: si, agent });
    // Due now: what this edit started for this agent (or its session), and what it was owed.
    const mine = (r: Relation) => {
      const [rx, ra] = this.recipient(r);
      return rx === si && (ra === '*' || ra === agent);
    };
    const answers = [pre, post];
    // After every tool call Claude Code runs the delivery hook, which starts only if woken.
    const owed = this.owedTo(si, agent);
    const delivered = this.deliverIfWoken(s, agent);
    if (delivered) answers.push(await delivered);
    const due = [...new Set([...[...started].filter((r) => mine(r) && !this.owed.has(r)), ...owed])];
    this.check(si, agent, answers, due, new Set(owed), `edit by ${si}/${agent.slice(0, 4)} of m${file}.f${fn}`);
  }

  private deliverIfWoken(s: SessionState, agent: string): Promise<HookAnswer> | undefined {
    const marker = join(pendingDir(this.reg.store), String(s.fake.pid));
    if (!existsSync(marker)) return undefined;
    return Promise.resolve(handleDeliver(this.ctx(), { ...this.payloadBase(s), ...this.agentPayload(s, agent), hook_event_name: 'PostToolUse', tool_name: 'Read' }));
  }

  private async toolCall(si: number, agentIndex: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const agent = s.agents[agentIndex % s.agents.length]!;
    const due = this.owedTo(si, agent);
    const delivered = this.deliverIfWoken(s, agent);
    const answers = delivered ? [await delivered] : [];
    this.check(si, agent, answers, due, new Set(due), `tool call of ${si}/${agent.slice(0, 4)}`);
  }

  private async prompt(si: number): Promise<void> {
    const s = this.sessions[si]!;
    if (!s.live) return;
    const due = [...this.active.keys()].filter((r) => {
      const [rx, ra] = this.recipient(r);
      return rx === si && (ra === '*' || ra === 'main') && this.untold(r);
    });
    const mirrored = new Set(due.filter((r) => this.owed.has(r)));
    const a = await handleUserPromptSubmit(this.ctx(), { ...this.payloadBase(s), hook_event_name: 'UserPromptSubmit', prompt: 'go on' });
    this.check(si, 'main', [a], due, mirrored, `prompt of ${si}`);
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
