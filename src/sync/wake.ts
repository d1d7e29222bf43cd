// Wake-up markers: the hook after every tool call runs Node only when its Claude Code process has
// a marker (pending/<pid>), tested by the shell with no process started. Created after the thing
// to deliver is written; removed by the recipient before it reads, so no wake-up is ever lost.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stableHash } from '../core/hash.js';
import { MAIN } from './agents.js';
import { createExclusive, listDir, ownFolder, realFolders, unlinkQuiet } from '../store/fsx.js';
import { pendingDir } from '../store/paths.js';
import type { SyncContext } from './context.js';

export function wakeSession(ctx: SyncContext, sessionId: string, knownPid?: number): void {
  const pid = knownPid ?? ctx.live().get(sessionId)?.pid;
  if (!pid) return;
  try {
    // pending/ must be the store's own folder: through a planted link the marker would land elsewhere.
    createExclusive(join(ownFolder(ctx.root, pendingDir(ctx.root)), String(pid)));
  } catch (e) {
    ctx.log('wake', `could not mark ${pid}: ${(e as Error).message}`);
  }
}

/** Whether this process has its wake-up marker: something is owed to its main thread. */
export function isWoken(ctx: SyncContext, pid: number | undefined): boolean {
  return !!pid && existsSync(join(pendingDir(ctx.root), String(pid)));
}

/** Returns true if a marker was there. */
export function clearWake(ctx: SyncContext, pid: number | undefined): boolean {
  if (!pid || !realFolders(ctx.root, pendingDir(ctx.root))) return false;
  return unlinkQuiet(join(pendingDir(ctx.root), String(pid)));
}

// An agent of a session (a subagent, or the main thread) is woken with a marker of its own next to
// its process's: the process marker makes the delivery hook run after the next tool call of any of
// its agents, the agent's marker says which agent it is for.
const agentMarker = (pid: number, agent: string) => `${pid}@${stableHash(agent).slice(0, 16)}`;

export function wakeAgent(ctx: SyncContext, sessionId: string, agent: string, knownPid?: number): void {
  const pid = knownPid ?? ctx.live().get(sessionId)?.pid;
  if (!pid) return;
  if (agent === MAIN) return wakeSession(ctx, sessionId, pid);
  try {
    createExclusive(join(pendingDir(ctx.root), agentMarker(pid, agent)));
  } catch (e) {
    ctx.log('wake', `could not mark ${pid} for an agent: ${(e as Error).message}`);
  }
  wakeSession(ctx, sessionId, pid);
}

/** Clears an agent's own marker; true if it was there. */
export function clearAgentWake(ctx: SyncContext, pid: number | undefined, agent: string): boolean {
  if (!pid) return false;
  return unlinkQuiet(join(pendingDir(ctx.root), agentMarker(pid, agent)));
}

/** A subagent that never makes another tool call (it finished) must not keep its process waking for ever. */
const AGENT_MARKER_TTL_MS = 10 * 60_000;

/** Whether some agent of this process is still owed something (its process marker must stay). */
export function agentsPending(ctx: SyncContext, pid: number | undefined): boolean {
  if (!pid) return false;
  let pending = false;
  for (const f of listDir(pendingDir(ctx.root))) {
    if (!f.startsWith(`${pid}@`)) continue;
    const p = join(pendingDir(ctx.root), f);
    let age = 0;
    try {
      age = Date.now() - statSync(p).mtimeMs;
    } catch {
      continue;
    }
    if (age > AGENT_MARKER_TTL_MS) unlinkQuiet(p);
    else pending = true;
  }
  return pending;
}
