// Team mode, read side: the sessions of other machines that the relay copied into this store
// (projects/<key>/remote/<machine>/), seen by hooks with the same code as local peers. A machine
// counts while its presence is fresh: the relay renews it while Redis says that machine is there.
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
  /** This machine's clock: when the relay last saw the machine's presence in Redis, and until when it counts. */
  seenAt: number;
  expiresAt: number;
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
  const out: RemotePresence[] = [];
  for (const d of listDirents(join(ctx.root, 'projects', projectKey, 'remote'))) {
    if (!d.isDirectory()) continue;
    const p = readJson(presenceFile(ctx.root, projectKey, d.name));
    if (isRemotePresence(p) && p.machine === d.name && p.expiresAt > ctx.now()) out.push(p);
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
  const out: RemotePeer[] = [];
  const presence = new Map<string, RemotePresence | undefined>();
  for (const entry of idx.sessions.slice(0, 10_000)) {
    if (typeof entry !== 'string') continue;
    const [machine, id] = entry.split('/');
    if (!machine || !isMachineDir(machine) || !isSessionId(id) || id === exclude) continue;
    if (!presence.has(machine)) {
      const p = readJson(presenceFile(ctx.root, projectKey, machine));
      presence.set(machine, isRemotePresence(p) && p.machine === machine && p.expiresAt > ctx.now() ? p : undefined);
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
