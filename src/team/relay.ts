// Team mode's relay: the one process per machine and project that talks to Redis (docs/team.md).
// Hooks never touch the network; they read the local store, where this relay
//   - publishes this machine's live sessions (open edits, branch, task) to a hash per machine whose
//     expiry is the machine's presence, and announces changes on a channel;
//   - copies every other machine's sessions into projects/<key>/remote/<machine>/, with a presence
//     file that expires unless Redis keeps confirming the machine;
//   - ships messages written into a remote session's local inbox to that machine's stream, and
//     writes the messages of this machine's stream into the recipients' local inboxes, where the
//     usual exactly-once claim delivers them.
// Redis down: every step above waits for the connection; nothing local waits on it, nothing is lost
// (outgoing messages stay in their inbox files until Redis took them; stream reads resume from the
// last id this machine stored).
//
// At idle it does nothing but renew presence: local changes arrive as file-system events (the
// store's sessions folder, the queues to remote sessions, HEAD and branch refs for commits, the
// folders of files with open edits for reverts), other machines' changes as pub/sub nudges, and
// messages through a blocking read of this machine's stream. The heartbeat renews this machine's
// presence, confirms the other machines' and notices a local session that died without a word.
// Length (over 450 lines): the relay is one state machine (connection, election, publishing, copying
// other machines, message streams, heartbeat) whose parts share its state and its one error policy;
// the wire format (wire.ts), identities, watches and shared diffs are already files of their own.
import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openUnits, OUTSIDE_SYMBOLS, WHOLE_FILE, type Observation } from '../core/openness.js';
import type { EditRecord } from '../core/records.js';
import { findProject, type Project } from '../sessions/project.js';
import { isAlive, processStart } from '../sessions/registry.js';
import { claimByRename, createExclusive, ensureDir, listDir, listDirents, readJson, readText, unlinkQuiet, writeFileAtomic } from '../store/fsx.js';
import { isMessageId, isSessionId, shortId } from '../core/ids.js';
import { fileKey, ProjectStore } from '../store/session-store.js';
import type { SyncContext } from '../sync/context.js';
import { agreeingUnits, headCommit, headShape, shapeOf } from '../sync/head.js';
import { isLive, livePeers } from '../sync/peers.js';
import { currentFindings } from '../sync/alerts.js';
import { heardFile, presenceFile, remoteDiffsFile, remoteIndexDir, remoteIndexFile, type RemoteDiffs, type RemoteHeard, type RemotePresence } from '../sync/remote-peers.js';
import { wakeSession } from '../sync/wake.js';
import { cleanLabel, isMachineId, type MachineIdentity, type TeamSettings } from './identity.js';
import { LIMITS, parseWireMessage, parseWireSession, remoteEdits, remoteMeta, toWire } from './wire.js';
import { isMessage, type Message } from '../core/records.js';
import { WatchSet, type WatchSpec } from './watch.js';
import { SharedDiffs } from './share-diffs.js';

export interface RelayOptions {
  root: string;
  /** This machine's checkout of the project (its key names the local store area). */
  project: Project;
  settings: TeamSettings;
  machine: MachineIdentity;
  /** The project's identity shared by every machine (identity.ts, sharedProjectId). */
  sharedId: string;
  /** A fresh context per round: the live-session registry is read anew each time. */
  context: () => SyncContext;
  /**
   * Look at the local store this often even without a change notice. Unset (the default): only
   * file-system events start a look; where the store cannot be watched the relay polls every 2 s.
   */
  pollMs?: number;
  /** How often presence is renewed and other machines are confirmed (besides notifications); well under presenceTtlMs. */
  heartbeatMs?: number;
  /** How long a machine counts as present after its last renewal. */
  presenceTtlMs?: number;
  /** How long one blocking read of this machine's message stream waits before asking again. */
  inboxBlockMs?: number;
  log: (text: string) => void;
}

/** The smallest part of a Redis client the relay uses: raw commands, a transaction, pub/sub. */
interface Link {
  isReady: boolean;
  sendCommand<T = unknown>(args: string[]): Promise<T>;
  multi(): { addCommand(args: string[]): unknown; exec(): Promise<unknown> };
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  duplicate(): Link;
  connect(): Promise<unknown>;
  destroy(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface RelayStatus {
  holding: boolean;
  connected: boolean;
  lastError?: string;
}

const LOCK = 'relay.lock';
/** The poll of a relay that cannot watch the store (the interval every relay used before it watched). */
const FALLBACK_POLL_MS = 2000;

export class TeamRelay {
  private readonly o: Required<Omit<RelayOptions, 'settings' | 'pollMs'>> & { settings: TeamSettings; pollMs?: number };
  private readonly prefix: string;
  private readonly teamDir: string;
  private readonly token = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  private client?: Link;
  private sub?: Link;
  /** A connection of its own for the blocking read of this machine's stream (it holds the connection while it waits). */
  private reader?: Link;
  private inboxWake?: () => void;
  private holding = false;
  private closed = false;
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private nudge?: NodeJS.Timeout;
  private watches?: WatchSet;
  /** The store cannot be watched here: look every FALLBACK_POLL_MS instead. */
  private pollFallback = false;
  /** Something local changed (or may have) since the last look: the next round publishes and ships. */
  private localDue = true;
  private nextBeatAt = 0;
  private othersDue = true;
  /** Machines that announced a change: only they are read at the next round (the rest at the heartbeat). */
  private readonly nudged = new Set<string>();
  private lastError?: string;
  /** What this machine last published per session (its JSON), to send only changes. */
  private published = new Map<string, string>();
  /** Per other machine: the version last copied, and each session's JSON then. */
  private copied = new Map<string, { ver: string; sessions: Map<string, string> }>();
  private headAgreement = new Map<string, Observation | null>();
  /** Per other machine, per session: the files it has open edits in (what the by-file index says). */
  private readonly filesOf = new Map<string, Map<string, Set<string>>>();
  private indexChecked = false;
  private readonly projects = new Map<string, Project>();
  /** Per worktree, the files with open edits as last published: their folders are watched. */
  private openFiles: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  /** Only with team.shareDiffs: nothing of a file's contents is read for publishing otherwise. */
  private readonly diffs?: SharedDiffs;
  /** The label each other machine's presence file holds, as this relay wrote it. */
  private readonly presenceWritten = new Map<string, string>();

  constructor(opts: RelayOptions) {
    this.o = { heartbeatMs: 10_000, presenceTtlMs: 30_000, inboxBlockMs: 30_000, ...opts };
    // Every key of this team and project; the project is a hash, not its URL.
    this.prefix = `cs:${opts.settings.name}:${opts.sharedId}:`;
    this.teamDir = join(opts.root, 'projects', opts.project.key, 'team');
    if (opts.settings.shareDiffs) this.diffs = new SharedDiffs();
  }

  private k(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** Connect (in the background: a Redis that is down is retried for ever, with backoff) and start the rounds. */
  async start(): Promise<void> {
    const { createClient } = await import('redis');
    const s = this.o.settings;
    const client = createClient({
      url: s.url,
      ...(s.username ? { username: s.username } : {}),
      ...(s.password ? { password: s.password } : {}),
      // Commands fail at once while disconnected instead of queueing in memory: the store is the queue.
      disableOfflineQueue: true,
      socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 6), 5000) },
    }) as unknown as Link;
    client.on('error', (e) => this.noteError(e));
    // After a reconnection Redis may have lost everything (a restart without persistence): publish all again.
    client.on('ready', () => {
      this.published.clear();
      this.copied.clear();
      this.othersDue = this.localDue = true;
      this.nextBeatAt = 0;
      this.kick();
    });
    this.client = client;
    const sub = client.duplicate();
    sub.on('error', (e) => this.noteError(e));
    this.sub = sub;
    const reader = client.duplicate();
    reader.on('error', (e) => this.noteError(e));
    reader.on('ready', () => this.wakeInbox());
    this.reader = reader;
    // connect() retries in the background; its first failure is only logged.
    client.connect().catch((e) => this.noteError(e));
    reader.connect().catch((e) => this.noteError(e));
    sub
      .connect()
      .then(() =>
        sub.subscribe(this.k('changed'), (msg) => {
          // `msg:<machine>` nudges are for relays that poll their stream; ours blocks on it.
          if (msg === this.o.machine.id || !isMachineId(msg)) return;
          this.nudged.add(msg);
          this.kick();
        }),
      )
      .catch((e) => this.noteError(e));
    this.watches = new WatchSet(() => this.localChanged(), this.o.log);
    this.syncWatches();
    this.schedule(0);
    void this.inboxLoop();
  }

  /** A watched file changed: publish and ship soon. A hook writes a few files per edit: one round for all of them. */
  private localChanged(): void {
    this.localDue = true;
    if (this.nudge || this.closed) return;
    this.nudge = setTimeout(() => {
      this.nudge = undefined;
      this.kick();
    }, 15);
    this.nudge.unref?.();
  }

  private projectOf(worktree: string): Project {
    let p = this.projects.get(worktree);
    if (!p) {
      if (this.projects.size > 100) this.projects.clear();
      p = findProject(worktree);
      this.projects.set(worktree, p);
    }
    return p;
  }

  /**
   * Watch what can change what this relay publishes or ships: the sessions folder and each local
   * session's folder and edits folder (hooks' records),
   * the queue of each remote session copied here, HEAD and the branch refs of every worktree with a
   * live session (a commit ends open edits), and the folders of files with open edits (a revert made
   * outside Claude Code ends them too), as last published (openFiles).
   */
  private syncWatches(): void {
    if (!this.watches) return;
    const open = this.openFiles;
    const projectDir = join(this.o.root, 'projects', this.o.project.key);
    const sessions = join(projectDir, 'sessions');
    const remote = join(projectDir, 'remote');
    const wanted = new Map<string, WatchSpec>();
    try {
      ensureDir(sessions);
      ensureDir(remote);
    } catch {
      /* the watch below fails and the relay polls */
    }
    // Every folder on its own (watch.ts says why not a recursive watch).
    wanted.set(sessions, {});
    const local = new ProjectStore(this.o.root, this.o.project.key);
    for (const id of local.sessionIds()) {
      const dir = local.dir(id);
      wanted.set(dir, { matters: (n) => n === 'meta.json' || n === 'files' });
      wanted.set(join(dir, 'files'), {});
    }
    // Each remote session's queue on its own, not remote/ as a whole: that would be one watch per
    // copied file, and every copy the relay writes there an event to sort out.
    for (const d of listDirents(remote)) {
      if (!d.isDirectory() || !isMachineId(d.name)) continue;
      const store = new ProjectStore(this.o.root, this.o.project.key, d.name);
      for (const id of store.sessionIds()) wanted.set(join(store.dir(id), 'inbox'), {});
    }
    for (const [worktree, files] of open) {
      const project = this.projectOf(worktree);
      const gitNames = new Map<string, Set<string>>();
      const gitFile = (dir: string, name: string) => gitNames.set(dir, (gitNames.get(dir) ?? new Set()).add(name));
      // A commit rewrites (by rename) the ref of HEAD's branch, or HEAD itself when detached; a
      // checkout rewrites HEAD. Each folder is watched on its own: git replaces these files by rename
      // again and again, which a folder's watch names every time.
      if (project.gitDir) gitFile(project.gitDir, 'HEAD');
      if (project.commonDir) {
        gitFile(project.commonDir, 'packed-refs');
        const ref = /^ref: (refs\/heads\/[^\0\s]+)$/.exec(readText(join(project.gitDir ?? project.commonDir, 'HEAD'))?.trim() ?? '')?.[1];
        if (ref && !ref.split('/').includes('..')) gitFile(join(project.commonDir, dirname(ref)), ref.slice(ref.lastIndexOf('/') + 1));
      }
      for (const [dir, names] of gitNames) wanted.set(dir, { matters: (n) => names.has(n) });
      const byDir = new Map<string, Set<string>>();
      for (const file of files) {
        const dir = join(project.worktree, dirname(file));
        const names = byDir.get(dir) ?? new Set<string>();
        names.add(file.slice(file.lastIndexOf('/') + 1));
        byDir.set(dir, names);
      }
      for (const [dir, names] of byDir) if (!wanted.has(dir)) wanted.set(dir, { matters: (n) => names.has(n) });
    }
    const failed = this.watches.sync(wanted);
    const blind = failed.includes(sessions);
    if (blind && !this.pollFallback) this.o.log(`team: cannot watch the store; looking every ${FALLBACK_POLL_MS} ms instead`);
    this.pollFallback = blind;
  }

  status(): RelayStatus {
    return { holding: this.holding, connected: !!this.client?.isReady, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.nudge) clearTimeout(this.nudge);
    this.watches?.close();
    this.wakeInbox();
    if (this.holding) this.releaseLock();
    for (const c of [this.sub, this.reader, this.client]) {
      try {
        c?.destroy();
      } catch {
        /* already gone */
      }
    }
  }

  private noteError(e: unknown): void {
    const text = (e as Error)?.message ?? String(e);
    // One line per distinct error: a Redis that is down for an hour must not fill the log.
    if (text !== this.lastError) this.o.log(`team: ${text.replace(/rediss?:\/\/[^\s]*/gi, '<redis url>')}`);
    this.lastError = text;
  }

  private kick(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), ms);
    this.timer.unref?.();
  }

  /** One round; never two at once. Errors end the round, the next one tries again. */
  private async round(): Promise<void> {
    if (this.closed) return;
    this.running = true;
    try {
      await this.roundOnce();
    } catch (e) {
      this.noteError(e);
    } finally {
      this.running = false;
      const rerun = this.again;
      this.again = false;
      // Idle: nothing until the next heartbeat, unless a watch, a nudge or a reconnection kicks first.
      const poll = this.o.pollMs ?? (this.pollFallback ? FALLBACK_POLL_MS : undefined);
      const toBeat = Math.max(0, this.nextBeatAt - Date.now());
      this.schedule(rerun ? 0 : Math.min(toBeat, poll ?? toBeat));
    }
  }

  /** Run one round now (tests drive the relay this way instead of waiting on timers). */
  async roundOnce(): Promise<void> {
    const beat = Date.now() >= this.nextBeatAt;
    if (beat) this.nextBeatAt = Date.now() + this.o.heartbeatMs;
    if (!this.electOrKeep()) return;
    const c = this.client;
    if (!c?.isReady) return;
    const ctx = this.o.context();
    let local = this.localDue || this.o.pollMs !== undefined || this.pollFallback;
    // A session that ended without a word (its process killed) changes no file: checked at the heartbeat.
    if (!local && beat && !this.publishedStillLive(ctx)) local = true;
    if (local) {
      // Cleared before looking: a change during this round is looked at by the next one.
      this.localDue = false;
      try {
        const open = await this.publish(ctx, c, beat);
        await this.shipOutgoing(ctx, c);
        this.openFiles = open;
        this.syncWatches();
      } catch (e) {
        this.localDue = true;
        throw e;
      }
    } else if (beat) {
      await this.sendPresence(ctx, c, []);
    }
    if (beat || this.othersDue) {
      this.othersDue = false;
      this.nudged.clear();
      await this.pullOthers(ctx, c);
    } else if (this.nudged.size) {
      const machines = [...this.nudged];
      this.nudged.clear();
      for (const m of machines) await this.pullMachine(ctx, c, m);
    }
  }

  /** Whether every session this relay publishes is still live (one meta and registry read each). */
  private publishedStillLive(ctx: SyncContext): boolean {
    const store = new ProjectStore(this.o.root, this.o.project.key);
    for (const id of this.published.keys()) if (!isLive(ctx, id, store.readMeta(id))) return false;
    return true;
  }

  // ---- election: one relay per machine and project -------------------------------------------

  private lockPath(): string {
    return join(this.teamDir, LOCK);
  }

  /** Hold the lock, or take it from a holder that is gone. A lock that is not ours (any more) stops us. */
  private electOrKeep(): boolean {
    const path = this.lockPath();
    const mine = JSON.stringify({ pid: process.pid, procStart: processStart(process.pid), token: this.token });
    if (this.holding) {
      if (readText(path) === mine) return true;
      this.holding = false;
      this.o.log('team: another relay took over this project');
    }
    if (createExclusive(path, mine)) return this.nowHolding();
    const holder = readJson(path) as { pid?: unknown; procStart?: unknown } | undefined;
    const dead = !holder || typeof holder.pid !== 'number' || !isAlive({ pid: holder.pid, procStart: typeof holder.procStart === 'string' ? holder.procStart : undefined });
    if (!dead) return false;
    // Only one of several takers wins the rename; the others find the new lock next round.
    if (!claimByRename(path, join(this.teamDir, `${LOCK}.stale-${this.token}`))) return false;
    try {
      unlinkSync(join(this.teamDir, `${LOCK}.stale-${this.token}`));
    } catch {
      /* gone already */
    }
    if (createExclusive(path, mine)) {
      this.o.log('team: took over the relay of a server that is gone');
      return this.nowHolding();
    }
    return false;
  }

  private nowHolding(): true {
    this.holding = true;
    this.wakeInbox();
    return true;
  }

  private releaseLock(): void {
    const mine = JSON.stringify({ pid: process.pid, procStart: processStart(process.pid), token: this.token });
    try {
      if (readText(this.lockPath()) === mine) unlinkSync(this.lockPath());
    } catch {
      /* the next relay takes it over as the lock of a dead process */
    }
    this.holding = false;
  }

  // ---- this machine's sessions -> Redis --------------------------------------------------------

  /** Publishes what changed; returns, per worktree, the files with open edits (to be watched). */
  private async publish(ctx: SyncContext, c: Link, beat: boolean): Promise<Map<string, Set<string>>> {
    const store = new ProjectStore(this.o.root, this.o.project.key);
    const hash = this.k('m', this.o.machine.id);
    const cmds: string[][] = [];
    const seen = new Set<string>();
    const openFiles = new Map<string, Set<string>>();
    for (const p of livePeers(ctx, store, undefined)) {
      if (!p.meta) continue;
      seen.add(p.id);
      const open = await this.openEdits(ctx, store, p.meta.worktree, store.allEdits(p.id));
      if (p.meta.worktree) {
        const files = openFiles.get(p.meta.worktree) ?? new Set<string>();
        for (const e of open) files.add(e.file);
        openFiles.set(p.meta.worktree, files);
      }
      const name = ctx.live().get(p.id)?.name;
      const diffs = this.diffs && p.meta.worktree ? await this.diffsOf(p.meta.worktree, open) : undefined;
      let json = JSON.stringify(toWire(p.meta, name, open, diffs));
      // The diffs give way first: the session and its edits are what must cross.
      if (json.length > LIMITS.sessionBytes && diffs) json = JSON.stringify(toWire(p.meta, name, open));
      if (json.length > LIMITS.sessionBytes) continue;
      if (this.published.get(p.id) === json) continue;
      cmds.push(['HSET', hash, `s:${p.id}`, json]);
      this.published.set(p.id, json);
    }
    for (const id of [...this.published.keys()]) {
      if (seen.has(id)) continue;
      cmds.push(['HDEL', hash, `s:${id}`]);
      this.published.delete(id);
    }
    if (cmds.length || beat) await this.sendPresence(ctx, c, cmds);
    return openFiles;
  }

  /** This machine's changes (if any) and its presence, renewed, in one transaction. */
  private async sendPresence(ctx: SyncContext, c: Link, cmds: string[][]): Promise<void> {
    const hash = this.k('m', this.o.machine.id);
    const changed = cmds.length > 0;
    const tx = c.multi();
    for (const cmd of cmds) tx.addCommand(cmd);
    if (changed) tx.addCommand(['HINCRBY', hash, 'ver', '1']);
    const presenceAt = cmds.length + (changed ? 1 : 0);
    tx.addCommand(['HSET', hash, 'presence', JSON.stringify({ label: this.o.machine.label, at: ctx.now() })]);
    tx.addCommand(['PEXPIRE', hash, String(this.o.presenceTtlMs)]);
    tx.addCommand(['SADD', this.k('machines'), this.o.machine.id]);
    if (changed) tx.addCommand(['PUBLISH', this.k('changed'), this.o.machine.id]);
    let replies: unknown;
    try {
      replies = await tx.exec();
    } catch (e) {
      // Not known to be there: everything again next time.
      this.published.clear();
      this.localDue = true;
      throw e;
    }
    // A presence field that was new means the hash had expired (this process was stopped for a
    // while, the machine slept): what was published is gone, publish it all again now.
    if (Array.isArray(replies) && Number(replies[presenceAt]) === 1 && this.published.size > 0) {
      this.published.clear();
      this.localDue = true;
      this.kick();
    }
  }

  /** team.shareDiffs: the uncommitted hunks of the files these open edits are in, at the worktree's HEAD. */
  private async diffsOf(worktree: string, open: readonly EditRecord[]): Promise<RemoteDiffs | undefined> {
    const head = headCommit(this.projectOf(worktree));
    // No commit yet ('unborn'): nothing to diff against, and nothing a receiver could merge on.
    if (!head || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(head) || !this.diffs) return undefined;
    try {
      return await this.diffs.of(worktree, head, [...new Set(open.map((e) => e.file))]);
    } catch (e) {
      this.o.log(`team: could not read the diffs to share: ${(e as Error).message}`);
      return undefined;
    }
  }

  /**
   * The edits still open, judged here as the hooks would, and also against HEAD now: a commit or a
   * revert that no hook of this machine looked at must still end the conflict on other machines.
   * Each edit keeps only its open symbols.
   */
  private async openEdits(ctx: SyncContext, store: ProjectStore, worktree: string, edits: EditRecord[]): Promise<EditRecord[]> {
    const byFile = new Map<string, EditRecord[]>();
    for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    const out: EditRecord[] = [];
    for (const [file, list] of byFile) {
      const obs = store.observationsOf(file);
      const head = await this.agreementWithHead(ctx, worktree, file, list);
      if (head) obs.push(head);
      for (const e of list) {
        const units = openUnits(e, obs);
        if (units.length === 0) continue;
        const symbols = e.symbols === null ? null : units.filter((u) => u !== OUTSIDE_SYMBOLS && u !== WHOLE_FILE);
        out.push({ ...e, symbols });
      }
    }
    return out;
  }

  /** Which units of the file agree with HEAD now, as an observation; cached per HEAD and file version. */
  private async agreementWithHead(ctx: SyncContext, worktree: string, file: string, edits: EditRecord[]): Promise<Observation | undefined> {
    if (!worktree) return undefined;
    const project = findProject(worktree);
    const head = headCommit(project);
    if (!head) return undefined;
    const path = join(project.worktree, file);
    let version = 'absent';
    try {
      const st = statSync(path);
      version = `${st.mtimeMs}:${st.size}`;
    } catch {
      /* deleted: compared as absent */
    }
    const wanted = new Set(edits.flatMap((e) => (e.symbols === null ? [WHOLE_FILE] : e.symbols.length ? e.symbols : [OUTSIDE_SYMBOLS])));
    const key = `${project.worktree}\0${file}\0${head}\0${version}\0${[...wanted].sort().join(',')}`;
    if (this.headAgreement.has(key)) return this.headAgreement.get(key) ?? undefined;
    let obs: Observation | null = null;
    try {
      const inHead = await headShape(project.worktree, head, file);
      if (inHead) {
        let text: string | undefined;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          text = undefined;
        }
        const units = agreeingUnits(await shapeOf(file, text), inHead, wanted);
        if (units.length) obs = { v: 1, at: ctx.now(), file, units };
      }
    } catch (e) {
      this.o.log(`team: could not compare ${file} with HEAD: ${(e as Error).message}`);
    }
    if (this.headAgreement.size > 1000) this.headAgreement.clear();
    this.headAgreement.set(key, obs);
    return obs ?? undefined;
  }

  // ---- other machines' sessions -> the local store ---------------------------------------------

  private remoteRoot(machine: string): string {
    return join(this.o.root, 'projects', this.o.project.key, 'remote', machine);
  }

  private async pullOthers(ctx: SyncContext, c: Link): Promise<void> {
    const all = await c.sendCommand<string[]>(['SMEMBERS', this.k('machines')]);
    const members = Array.isArray(all) ? all.slice(0, LIMITS.machines) : [];
    // Redis answers: what is copied counts for another presence TTL (machines it no longer has are
    // removed below). Written before the copies, so a reader woken by a copy finds it already fresh.
    const heard: RemoteHeard = { v: 1, at: ctx.now(), until: ctx.now() + this.o.presenceTtlMs };
    writeFileAtomic(heardFile(this.o.root, this.o.project.key), JSON.stringify(heard));
    const known = new Set(listDirents(join(this.o.root, 'projects', this.o.project.key, 'remote')).filter((d) => d.isDirectory() && isMachineId(d.name)).map((d) => d.name));
    const present = new Set<string>();
    const others = members.filter((m) => isMachineId(m) && m !== this.o.machine.id);
    // All machines' versions and presences in one round trip (the client pipelines concurrent commands).
    const heads = await Promise.all(others.map((m) => this.machineHead(c, m)));
    for (const [i, m] of others.entries()) if (await this.pullMachine(ctx, c, m, heads[i]!)) present.add(m);
    // Machines gone from Redis: their copies go, but not a session that still has a message to ship.
    for (const m of new Set([...known, ...this.filesOf.keys()])) {
      if (present.has(m)) continue;
      this.copied.delete(m);
      this.presenceWritten.delete(m);
      unlinkQuiet(presenceFile(this.o.root, this.o.project.key, m));
      const store = new ProjectStore(this.o.root, this.o.project.key, m);
      for (const id of store.sessionIds()) if (!this.hasOutgoing(store, id)) store.removeSession(id);
      const gone = this.filesOf.get(m);
      this.filesOf.delete(m);
      if (gone) this.writeIndex(new Set([...gone.values()].flatMap((fs) => [...fs])));
    }
    if (!this.indexChecked) {
      // Entries an earlier relay left for files nobody has open any more.
      const current = new Set([...this.filesOf.values()].flatMap((ss) => [...ss.values()].flatMap((fs) => [...fs].map((f) => `${fileKey(f)}.json`))));
      const dir = remoteIndexDir(this.o.root, this.o.project.key);
      for (const f of listDir(dir)) if (f.endsWith('.json') && !current.has(f)) unlinkQuiet(join(dir, f));
      this.indexChecked = true;
    }
  }

  /** Rewrite the by-file index of these files from what is copied now (remote-peers.ts reads it). */
  private writeIndex(files: ReadonlySet<string>): void {
    for (const file of files) {
      const sessions: string[] = [];
      for (const [m, byId] of this.filesOf) for (const [id, fs] of byId) if (fs.has(file)) sessions.push(`${m}/${id}`);
      const path = remoteIndexFile(this.o.root, this.o.project.key, fileKey(file));
      if (sessions.length === 0) unlinkQuiet(path);
      else writeFileAtomic(path, JSON.stringify({ file, sessions }));
    }
  }

  /** A machine's change counter and presence, as Redis has them now. */
  private async machineHead(c: Link, m: string): Promise<Array<string | null>> {
    return (await c.sendCommand<Array<string | null>>(['HMGET', this.k('m', m), 'ver', 'presence'])) ?? [];
  }

  /** One machine: its presence file written if new and, if its version moved, its sessions copied. False: it is gone. */
  private async pullMachine(ctx: SyncContext, c: Link, m: string, head?: Array<string | null>): Promise<boolean> {
    const [ver, presenceRaw] = head ?? (await this.machineHead(c, m));
    if (!presenceRaw) {
      // Its hash expired: the machine stopped renewing it. Forget it on the server too.
      await c.sendCommand(['SREM', this.k('machines'), m]);
      return false;
    }
    let label = '?';
    try {
      const p = JSON.parse(presenceRaw) as { label?: unknown };
      if (typeof p.label === 'string') label = cleanLabel(p.label);
    } catch {
      /* a presence without a label still counts */
    }
    const prev = this.copied.get(m);
    if (!prev || prev.ver !== (ver ?? '')) await this.copyMachine(ctx, c, m, ver ?? '');
    // Written when the machine appears or renames; its liveness is renewed for all at once (remote-heard.json).
    if (this.presenceWritten.get(m) !== label) {
      const presence: RemotePresence = { v: 1, machine: m, label, seenAt: ctx.now(), expiresAt: ctx.now() + this.o.presenceTtlMs };
      writeFileAtomic(presenceFile(this.o.root, this.o.project.key, m), JSON.stringify(presence));
      this.presenceWritten.set(m, label);
    }
    return true;
  }

  private async copyMachine(ctx: SyncContext, c: Link, m: string, ver: string): Promise<void> {
    const raw = await c.sendCommand<string[]>(['HGETALL', this.k('m', m)]);
    const fields = new Map<string, string>();
    for (let i = 0; Array.isArray(raw) && i + 1 < raw.length; i += 2) fields.set(String(raw[i]), String(raw[i + 1]));
    const store = new ProjectStore(this.o.root, this.o.project.key, m);
    const prev = this.copied.get(m)?.sessions ?? new Map<string, string>();
    const now = new Map<string, string>();
    const touched = new Set<string>();
    const files = this.filesOf.get(m) ?? new Map<string, Set<string>>();
    const reindex = new Set<string>();
    let count = 0;
    for (const [field, json] of fields) {
      if (!field.startsWith('s:')) continue;
      if (++count > LIMITS.sessionsPerMachine) {
        this.o.log(`team: machine ${m.slice(0, 8)} publishes over ${LIMITS.sessionsPerMachine} sessions; the rest are ignored`);
        break;
      }
      const parsed = parseWireSession(json);
      if (!parsed.ok || `s:${parsed.session.id}` !== field) {
        this.o.log(`team: skipped a session record from machine ${m.slice(0, 8)}: ${parsed.ok ? 'its id does not match its field' : parsed.why}`);
        continue;
      }
      const s = parsed.session;
      now.set(s.id, json);
      if (prev.get(s.id) === json) continue;
      store.writeMeta(remoteMeta(s));
      // Its queue exists from the start, so that it can be watched before the first message.
      ensureDir(join(store.dir(s.id), 'inbox'));
      // Their hunks, when their machine shares them (validated in parseWireSession); none: none kept.
      if (s.diffs) writeFileAtomic(remoteDiffsFile(store, s.id), JSON.stringify(s.diffs));
      else unlinkQuiet(remoteDiffsFile(store, s.id));
      const byFile = new Map<string, EditRecord[]>();
      for (const e of remoteEdits(s, m)) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      const keep = new Set([...byFile.keys()].map((f) => `${fileKey(f)}.jsonl`));
      for (const [file, recs] of byFile) {
        store.replaceEdits(s.id, file, recs);
        touched.add(file);
      }
      for (const f of files.get(s.id) ?? []) reindex.add(f);
      for (const f of byFile.keys()) reindex.add(f);
      files.set(s.id, new Set(byFile.keys()));
      const filesDir = join(store.dir(s.id), 'files');
      for (const f of listDir(filesDir)) if (f.endsWith('.jsonl') && !keep.has(f)) unlinkQuiet(join(filesDir, f));
    }
    for (const id of store.sessionIds()) {
      if (!now.has(id) && !this.hasOutgoing(store, id)) store.removeSession(id);
    }
    for (const [id, fs] of files) {
      if (now.has(id)) continue;
      for (const f of fs) reindex.add(f);
      files.delete(id);
    }
    this.filesOf.set(m, files);
    this.writeIndex(reindex);
    if (!sameKeys(prev, now)) this.syncWatches();
    this.copied.set(m, { ver, sessions: now });
    ctx.log('team', `copied ${now.size} session(s) of machine ${m.slice(0, 8)}`);
    if (touched.size) this.wakeThoseWithNews(ctx, touched);
  }

  /**
   * A remote edit that starts a conflict is learnt here, not at a local edit: wake the local
   * sessions that now have an untold remote conflict, so a session working on its own is told after
   * its next tool call (as for a local peer), not only at the next prompt.
   */
  private wakeThoseWithNews(ctx: SyncContext, files: ReadonlySet<string>): void {
    const store = new ProjectStore(this.o.root, this.o.project.key);
    // Only sessions with edits of a file that just changed remotely can have a new conflict.
    for (const p of livePeers(ctx, store, undefined, (id) => [...files].some((f) => store.hasEditsOf(id, f)))) {
      try {
        const untold = currentFindings(ctx, store, this.o.project, p.id).some((f) => f.level === 'remote' && !store.wasTold(p.id, f.key));
        if (untold) wakeSession(ctx, p.id, p.meta?.pid);
      } catch (e) {
        this.o.log(`team: could not check ${shortId(p.id)} for remote conflicts: ${(e as Error).message}`);
      }
    }
  }

  // ---- messages ---------------------------------------------------------------------------------

  private hasOutgoing(store: ProjectStore, id: string): boolean {
    return store.unreadIds(id).length > 0;
  }

  /** Messages written into a remote session's local inbox go to its machine's stream, then to read/. */
  private async shipOutgoing(ctx: SyncContext, c: Link): Promise<void> {
    const remote = join(this.o.root, 'projects', this.o.project.key, 'remote');
    for (const d of listDirents(remote)) {
      if (!d.isDirectory() || !isMachineId(d.name)) continue;
      const store = new ProjectStore(this.o.root, this.o.project.key, d.name);
      let shipped = 0;
      for (const id of store.sessionIds()) {
        for (const msgId of store.unreadIds(id)) {
          const msg = store.readMessage(id, msgId, 'inbox');
          if (!msg) continue;
          await c.sendCommand([
            'XADD', this.k('inbox', d.name), 'MAXLEN', '~', '10000', '*',
            'rcpt', id, 'fm', this.o.machine.id, 'fl', this.o.machine.label, 'msg', JSON.stringify(msg),
          ]);
          // Taken by Redis: out of the queue. A crash between the two sends it again; the receiver
          // skips a message id it already has.
          store.claimMessage(id, msgId);
          shipped++;
        }
      }
      if (shipped) {
        await c.sendCommand(['PUBLISH', this.k('changed'), `msg:${d.name}`]);
        ctx.log('team', `shipped ${shipped} message(s) to machine ${d.name.slice(0, 8)}`);
      }
    }
  }

  private positionFile(): string {
    return join(this.teamDir, 'inbox-position');
  }

  private wakeInbox(): void {
    const wake = this.inboxWake;
    this.inboxWake = undefined;
    wake?.();
  }

  /**
   * This machine's stream, read by one blocking read after another on a connection of its own: a
   * message is delivered as soon as Redis has it, and nothing runs while none comes. Only the
   * relay holding the project reads; a disconnected one waits for its connection to be ready.
   */
  private async inboxLoop(): Promise<void> {
    while (!this.closed) {
      const r = this.reader;
      if (!r?.isReady || !this.holding) {
        await new Promise<void>((resolve) => (this.inboxWake = resolve));
        continue;
      }
      try {
        await this.pullInbox(r);
      } catch (e) {
        if (this.closed) return;
        this.noteError(e);
        // A reply it cannot use while connected (a key of the wrong type): try again in a while, not in a loop.
        await new Promise<void>((resolve) => {
          this.inboxWake = resolve;
          setTimeout(resolve, 1000).unref?.();
        });
      }
    }
  }

  /** One read of this machine's stream, from the last id read, into the recipients' local inboxes. */
  private async pullInbox(r: Link): Promise<void> {
    let pos = readText(this.positionFile())?.trim() || '0-0';
    if (!/^\d+-\d+$/.test(pos)) pos = '0-0';
    const reply = await r.sendCommand<unknown>(['XREAD', 'COUNT', '100', 'BLOCK', String(this.o.inboxBlockMs), 'STREAMS', this.k('inbox', this.o.machine.id), pos]);
    // Another relay took the project while this one waited: the messages are its to deliver.
    if (this.closed || !this.holding) return;
    const ctx = this.o.context();
    const store = new ProjectStore(this.o.root, this.o.project.key);
    const entries = Array.isArray(reply) && Array.isArray(reply[0]) && Array.isArray(reply[0][1]) ? (reply[0][1] as unknown[]) : [];
    if (entries.length === 0) return;
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
      pos = entry[0];
      const f = new Map<string, string>();
      for (let i = 0; i + 1 < entry[1].length; i += 2) f.set(String(entry[1][i]), String(entry[1][i + 1]));
      this.deliver(ctx, store, f);
    }
    writeFileAtomic(this.positionFile(), pos);
  }

  private deliver(ctx: SyncContext, store: ProjectStore, f: Map<string, string>): void {
    const rcpt = f.get('rcpt');
    const msg = parseWireMessage(f.get('msg') ?? '');
    const fromMachine = f.get('fm') ?? '';
    if (!isSessionId(rcpt) || !msg || !isMachineId(fromMachine) || fromMachine === this.o.machine.id) {
      ctx.log('team', 'skipped an invalid message from the stream');
      return;
    }
    if (!store.sessionIds().includes(rcpt) && !ctx.live().has(rcpt)) {
      ctx.log('team', `a message for ${shortId(rcpt)}, not a session of this machine: skipped`);
      return;
    }
    // Exactly once: a message id already in the inbox or already read is not written again.
    if (store.readMessage(rcpt, msg.id, 'inbox') || store.readMessage(rcpt, msg.id, 'read')) return;
    const machineLabel = cleanLabel(f.get('fl') ?? '?', 64);
    const framed: Message = { ...msg, fromLabel: `${cleanLabel(msg.fromLabel, 80)} on ${machineLabel}` };
    if (!isMessage(framed) || !isMessageId(framed.id)) return;
    store.deliverToInbox(rcpt, framed);
    wakeSession(ctx, rcpt);
    ctx.log('team', `message ${msg.id} from machine ${fromMachine.slice(0, 8)} to ${shortId(rcpt)}`);
  }
}

const sameKeys = (a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>) => a.size === b.size && [...a.keys()].every((k) => b.has(k));
