// Team mode, read side: the sessions of other machines that the relay copied into this store
// (projects/<key>/remote/<machine>/), seen by hooks with the same code as local peers. A machine
// counts while its presence file is there (the relay removes it when Redis no longer has that
// machine) and the relay heard from Redis lately (remote-heard.json, renewed at every heartbeat:
// one write per heartbeat, not one per machine).
import { join } from 'node:path';
import type { PeerView } from '../core/conflicts.js';
import type { SessionMeta } from '../core/records.js';
import { listDir, listDirents, readJson } from '../store/fsx.js';
import { isSessionId, shortId } from '../core/ids.js';
import { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';

export interface RemotePresence {
  v: 1;
  machine: string;
  label: string;
  /**
   * This machine's clock: when the relay last saw the machine's presence in Redis, and until when it
   * counts. As written by the relay: when the file was (re)written; as liveMachines returns it: the
   * last heartbeat that confirmed every machine (remote-heard.json).
   */
  seenAt: number;
  expiresAt: number;
}

/** When the relay last confirmed the other machines through Redis, and until when that counts. */
export interface RemoteHeard {
  v: 1;
  at: number;
  until: number;
}

export const heardFile = (root: string, projectKey: string) => join(root, 'projects', projectKey, 'remote-heard.json');

/** The relay's last confirmation, if it still counts now. */
export function freshHeard(ctx: SyncContext, projectKey: string): RemoteHeard | undefined {
  const h = readJson(heardFile(ctx.root, projectKey)) as Partial<RemoteHeard> | undefined;
  return h && h.v === 1 && typeof h.at === 'number' && typeof h.until === 'number' && h.until > ctx.now() ? (h as RemoteHeard) : undefined;
}

export const isRemotePresence = (v: unknown): v is RemotePresence => {
  const p = v as Record<string, unknown> | null;
  return !!p && typeof p === 'object' && p.v === 1 && typeof p.machine === 'string' && typeof p.label === 'string' && typeof p.seenAt === 'number' && typeof p.expiresAt === 'number';
};

export const presenceFile = (root: string, projectKey: string, machine: string) => join(root, 'projects', projectKey, 'remote', machine, 'presence.json');

/**
 * Which remote sessions have open edits of a file: one small file per file, written by the relay
 * (its one writer) whenever a copy changes, so that a hook on an edit pays one open() for team
 * mode, not a walk over every machine and session.
 */
export const remoteIndexDir = (root: string, projectKey: string) => join(root, 'projects', projectKey, 'remote-index');
export const remoteIndexFile = (root: string, projectKey: string, key: string) => join(remoteIndexDir(root, projectKey), `${key}.json`);

export interface RemoteIndex {
  file: string;
  /** `<machine id>/<session id>` */
  sessions: string[];
}

export interface RemotePeer {
  id: string;
  meta: SessionMeta | undefined;
  /** Where its records are: the relay's copy of its machine. */
  store: ProjectStore;
  machine: { id: string; label: string };
}

/** Machines of this project whose presence is fresh, by id. */
export function liveMachines(ctx: SyncContext, projectKey: string): RemotePresence[] {
  const heard = freshHeard(ctx, projectKey);
  if (!heard) return [];
  const out: RemotePresence[] = [];
  for (const d of listDirents(join(ctx.root, 'projects', projectKey, 'remote'))) {
    if (!d.isDirectory()) continue;
    const p = readJson(presenceFile(ctx.root, projectKey, d.name));
    if (isRemotePresence(p) && p.machine === d.name) out.push({ ...p, seenAt: heard.at, expiresAt: heard.until });
  }
  return out;
}

/** Sessions of other machines whose presence is fresh; `only` filters by id before any meta is read. */
export function remotePeers(ctx: SyncContext, projectKey: string, only?: (store: ProjectStore, id: string) => boolean): RemotePeer[] {
  const out: RemotePeer[] = [];
  for (const m of liveMachines(ctx, projectKey)) {
    const store = new ProjectStore(ctx.root, projectKey, m.machine);
    for (const id of store.sessionIds()) {
      if (only && !only(store, id)) continue;
      out.push({ id, meta: store.readMeta(id), store, machine: { id: m.machine, label: m.label } });
    }
  }
  return out;
}

/** Remote sessions of live machines that have records of `file`, from the relay's index. */
export function remotePeersOfFile(ctx: SyncContext, projectKey: string, file: string, key: string, exclude?: string): RemotePeer[] {
  const idx = readJson(remoteIndexFile(ctx.root, projectKey, key)) as Partial<RemoteIndex> | undefined;
  if (!idx || idx.file !== file || !Array.isArray(idx.sessions)) return [];
  if (!freshHeard(ctx, projectKey)) return [];
  const out: RemotePeer[] = [];
  const presence = new Map<string, RemotePresence | undefined>();
  for (const entry of idx.sessions.slice(0, 10_000)) {
    if (typeof entry !== 'string') continue;
    const [machine, id] = entry.split('/');
    if (!machine || !isMachineDir(machine) || !isSessionId(id) || id === exclude) continue;
    if (!presence.has(machine)) {
      const p = readJson(presenceFile(ctx.root, projectKey, machine));
      presence.set(machine, isRemotePresence(p) && p.machine === machine ? p : undefined);
    }
    const p = presence.get(machine);
    if (!p) continue;
    const store = new ProjectStore(ctx.root, projectKey, machine);
    out.push({ id, meta: store.readMeta(id), store, machine: { id: machine, label: p.label } });
  }
  return out;
}

/** Whether the relay has indexed any remote edit in this project (one readdir): none, no remote work to look at. */
export const hasRemoteIndex = (ctx: SyncContext, projectKey: string) => listDir(remoteIndexDir(ctx.root, projectKey)).length > 0;

const isMachineDir = (s: string) => /^[0-9a-f]{16,64}$/.test(s);

/** How a remote session is named: short id, its machine, its branch; its task as published. */
export function remotePeerView(p: RemotePeer): PeerView {
  const m = p.meta;
  const extra = [`on ${p.machine.label}`, m?.branch ? `branch ${m.branch}` : undefined].filter(Boolean).join(', ');
  return {
    sessionId: p.id,
    label: `${shortId(p.id)} (${extra})`,
    task: m?.task || undefined,
    // Never equal to a local worktree: a remote session is in another checkout by definition.
    worktree: `remote:${p.machine.id}:${m?.worktree ?? ''}`,
    branch: m?.branch,
    machine: p.machine.label,
  };
}

// ---- shared diffs (team.shareDiffs on the publishing machine) -----------------------------------

/**
 * The uncommitted hunks a remote session's machine published for its files with open edits, so that
 * a trial merge can be run against it. Untrusted: every field is checked here, when the relay
 * receives it and again when it is read back.
 */
export interface RemoteDiffs {
  /** The commit its worktree's HEAD was at (the hunks apply to that commit's version of each file). */
  base: string;
  files: RemoteFileDiff[];
}

export interface RemoteFileDiff {
  file: string;
  /** The blob id of the file at `base`: the hunks apply to it, on whatever commit this machine finds it. */
  blob: string;
  /** Unified-diff hunks only (from the first `@@`): the receiver writes the file header itself. */
  hunks: string;
}

export const DIFF_LIMITS = {
  files: 50,
  hunkBytes: 32 * 1024,
  totalBytes: 128 * 1024,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A path relative to the repository top that stays inside it: no absolute path, no `..`, no control characters. */
export function isConfinedPath(p: unknown, maxChars = 1024): p is string {
  if (typeof p !== 'string' || p.length === 0 || p.length > maxChars) return false;
  if (CONTROL.test(p) || p.includes('\\') || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/**
 * Hunks and nothing else: each `@@ -a,b +c,d @@` header followed by exactly the context, removed
 * and added lines it counts (and git's "\\ No newline" markers), and nothing after the last one. Lines
 * beyond a hunk's count could be read by git as another file's header: none are allowed, so a
 * published hunk can only ever change the file it is published for.
 */
export function isHunkText(t: unknown): t is string {
  if (typeof t !== 'string' || t.length === 0 || t.length > DIFF_LIMITS.hunkBytes || t.includes('\0')) return false;
  const lines = t.endsWith('\n') ? t.slice(0, -1).split('\n') : t.split('\n');
  let i = 0;
  while (i < lines.length) {
    const h = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(lines[i]!);
    if (!h) return false;
    let old = h[1] === undefined ? 1 : Number(h[1]);
    let neu = h[2] === undefined ? 1 : Number(h[2]);
    if (old + neu === 0 || old > 1e6 || neu > 1e6) return false;
    for (i++; old > 0 || neu > 0; i++) {
      const l = lines[i];
      if (l === undefined) return false;
      const c = l[0] ?? ' '; // an empty line is context whose space was trimmed
      if (c === ' ') {
        old--;
        neu--;
      } else if (c === '-') old--;
      else if (c === '+') neu--;
      else if (c !== '\\') return false;
      if (old < 0 || neu < 0) return false;
    }
    while (lines[i]?.startsWith('\\')) i++;
  }
  return true;
}

/** Validated diffs, or undefined (one bad file sinks them all: a forged part may mean forged rest). */
export function parseRemoteDiffs(v: unknown): RemoteDiffs | undefined {
  const d = v as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d) || typeof d.base !== 'string' || !OBJECT_ID.test(d.base)) return undefined;
  if (!Array.isArray(d.files) || d.files.length > DIFF_LIMITS.files) return undefined;
  const files: RemoteFileDiff[] = [];
  let total = 0;
  for (const f of d.files as unknown[]) {
    const x = f as Record<string, unknown> | null;
    if (!x || typeof x !== 'object' || !isConfinedPath(x.file) || typeof x.blob !== 'string' || !OBJECT_ID.test(x.blob) || !isHunkText(x.hunks)) return undefined;
    total += x.hunks.length;
    if (total > DIFF_LIMITS.totalBytes || files.some((y) => y.file === x.file)) return undefined;
    files.push({ file: x.file, blob: x.blob, hunks: x.hunks });
  }
  return { base: d.base, files };
}

/** Where the relay keeps a remote session's published diffs (it is their one writer). */
export const remoteDiffsFile = (store: ProjectStore, sessionId: string) => join(store.dir(sessionId), 'diffs.json');

export function readRemoteDiffs(store: ProjectStore, sessionId: string): RemoteDiffs | undefined {
  const d = parseRemoteDiffs(readJson(remoteDiffsFile(store, sessionId)));
  return d && d.files.length ? d : undefined;
}

/** The machine id in a remote peer's view worktree (`remote:<machine>:...`), if it is one. */
export function machineOfRemoteWorktree(worktree: string | undefined): string | undefined {
  const m = /^remote:([0-9a-f]{16,64}):/.exec(worktree ?? '');
  return m?.[1];
}
