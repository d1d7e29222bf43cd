// Live peers of a session within one project, how to name them, and clean-up of the dead.
import { join } from 'node:path';
import { statSync } from 'node:fs';
import type { PeerView } from '../core/conflicts.js';
import type { SessionMeta } from '../core/records.js';
import { readJson } from '../store/fsx.js';
import { shortId } from '../core/ids.js';
import { peerLine } from '../core/peer-text.js';
import type { ProjectStore } from '../store/session-store.js';
import { isAlive, pidAlive } from '../sessions/registry.js';
import type { SyncContext } from './context.js';
import { keepUndelivered } from './undelivered.js';

export function isLive(ctx: SyncContext, sessionId: string, meta: SessionMeta | undefined): boolean {
  // One registry file when the pid is known, instead of reading the whole registry.
  if (meta?.pid && ctx.hasRegistry()) return ctx.entryOf(meta.pid)?.sessionId === sessionId || ctx.live().has(sessionId);
  if (ctx.live().has(sessionId)) return true;
  if (!ctx.hasRegistry() && meta?.pid) return pidAlive(meta.pid);
  return false;
}

/**
 * Whether a session's data may be removed: its Claude Code process is gone. A process that is
 * alive under a new session id (after /clear) keeps its old records until SessionStart adopts them.
 */
function isDead(ctx: SyncContext, store: ProjectStore, sessionId: string, meta: SessionMeta | undefined): boolean {
  if (ctx.live().has(sessionId)) return false;
  // Our own meta records procStart wherever it can be read; without it the pid alone decides (a
  // live session's records must not be removed on a guess).
  if (meta?.pid) return !isAlive({ pid: meta.pid, procStart: meta.procStart });
  // No meta (a mailbox made for a live recipient, or a torn write): dead once old enough.
  const since = meta ? meta.startedAt : dirMtime(store.dir(sessionId));
  return ctx.now() - since > META_LESS_GRACE_MS;
}

const META_LESS_GRACE_MS = 10 * 60_000;

export interface Peer {
  id: string;
  meta: SessionMeta | undefined;
}

/**
 * The sessions of this project other than `me` (and, with `only`, among those it admits): the live
 * ones, and the ones found dead. A read: retiring the dead is the caller's own step (retireDead).
 */
export function peersByLiveness(ctx: SyncContext, store: ProjectStore, me: string | undefined, only?: (id: string) => boolean): { live: Peer[]; dead: string[] } {
  const live: Peer[] = [];
  const dead: string[] = [];
  for (const id of store.sessionIds()) {
    if (id === me || (only && !only(id))) continue;
    const meta = store.readMeta(id);
    if (isLive(ctx, id, meta)) live.push({ id, meta });
    else if (isDead(ctx, store, id, meta)) dead.push(id);
  }
  return { live, dead };
}

/** Live sessions of this project other than `me`, with a store directory. Reads only. */
export function livePeers(ctx: SyncContext, store: ProjectStore, me: string | undefined, only?: (id: string) => boolean): Peer[] {
  return peersByLiveness(ctx, store, me, only).live;
}

/**
 * Retire sessions found dead (whoever notices first cleans up): their unread mail is kept for the
 * retention period. Returns how many were removed.
 */
export function retireDead(ctx: SyncContext, store: ProjectStore, dead: readonly string[]): number {
  let n = 0;
  for (const id of dead) {
    if (!retireSession(ctx, store, id)) continue;
    ctx.log('gc', `retired dead session ${shortId(id)}`);
    n++;
  }
  return n;
}

/** Every session of this project found dead, retired. */
export const retireDeadSessions = (ctx: SyncContext, store: ProjectStore, me: string | undefined): number =>
  retireDead(ctx, store, peersByLiveness(ctx, store, me).dead);

function dirMtime(dir: string): number {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Remove a session's records, keeping unread messages aside (undelivered/) for the retention period.
 * False when nothing was removed: its mail could not be kept, or a folder on the way is a planted
 * link (logged); the records then stay, and the next one to notice tries again.
 */
export function retireSession(ctx: SyncContext, store: ProjectStore, id: string): boolean {
  if (!keepUndelivered(ctx, store, id)) return false;
  try {
    store.removeSession(id);
    return true;
  } catch (e) {
    ctx.log('gc', `could not remove session ${shortId(id)}: ${(e as Error).message}`);
    return false;
  }
}

/** Caps of what names a peer: they go into every alert, peer list and tool answer that mentions it. */
const LABEL_PART_CHARS = 48;
const TASK_CHARS = 200;

/**
 * How a peer is named to others: short id, plus its name or branch where known, and its task. The
 * name comes from a registry file, the branch from a repository's .git/HEAD by way of the peer's
 * meta.json, the task from its prompts or summary: all of it is text someone else chose, so each
 * part is one short plain line (no control characters, no tags), whatever was on disk.
 */
export function peerView(ctx: SyncContext, store: ProjectStore, id: string, meta?: SessionMeta): PeerView {
  const m = meta ?? store.readMeta(id);
  // The peer's own registry entry when its pid is known (already read by the liveness check).
  const fromPid = m?.pid ? ctx.entryOf(m.pid) : undefined;
  const live = fromPid?.sessionId === id ? fromPid : ctx.live().get(id);
  const name = peerLine(live?.name, LABEL_PART_CHARS);
  const branch = peerLine(m?.branch, LABEL_PART_CHARS);
  const extra = [name, branch ? `branch ${branch}` : ''].filter(Boolean).join(', ');
  const summary = readJson(join(store.dir(id), 'summary.json')) as { summary?: { task?: unknown } } | undefined;
  const task = peerLine(summary?.summary?.task, TASK_CHARS) || peerLine(m?.task, TASK_CHARS);
  return {
    sessionId: id,
    label: extra ? `${shortId(id)} (${extra})` : shortId(id),
    task: task || undefined,
    worktree: m?.worktree ?? '',
    branch: branch || undefined,
    pid: m?.pid ?? live?.pid,
  };
}
