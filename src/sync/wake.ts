// Wake-up markers: the hook after every tool call runs Node only when its Claude Code process has
// a marker (pending/<pid>), tested by the shell with no process started. Created after the thing
// to deliver is written; removed by the recipient before it reads, so no wake-up is ever lost.
import { join } from 'node:path';
import { createExclusive, ownFolder, realFolders, unlinkQuiet } from '../store/fsx.js';
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

/** Returns true if a marker was there. */
export function clearWake(ctx: SyncContext, pid: number | undefined): boolean {
  if (!pid || !realFolders(ctx.root, pendingDir(ctx.root))) return false;
  return unlinkQuiet(join(pendingDir(ctx.root), String(pid)));
}
