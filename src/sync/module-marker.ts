// The per-process marker of the hooks module (src/mod/main.ts writes it at session start):
// <store>/mod/<claude pid>. While it is there, that process's classic hooks leave at a shell test
// (hooks.json), so each event is handled by one path. The module cannot delete files, so a marker
// outlives its process: it names the process's start time, and a marker that names another start
// (the pid was reused by a Claude Code without the module) is swept by SessionStart and gc.
import { join } from 'node:path';
import { pidAlive, processStart } from '../sessions/registry.js';
import { readJson, unlinkQuiet } from '../store/fsx.js';
import type { SyncContext } from './context.js';

export const modDir = (root: string) => join(root, 'mod');
export const modMarkerPath = (root: string, pid: number) => join(modDir(root), String(pid));

export interface ModMarker {
  v: 1;
  sessionId?: string;
  startedAt?: number;
  /** The process's start (field 22 of /proc/<pid>/stat) where the module could read it. */
  procStart?: string;
}

export function readModMarker(root: string, pid: number): ModMarker | undefined {
  const m = readJson(modMarkerPath(root, pid)) as Partial<ModMarker> | undefined;
  if (!m || typeof m !== 'object' || m.v !== 1) return undefined;
  return {
    v: 1,
    sessionId: typeof m.sessionId === 'string' ? m.sessionId.slice(0, 64) : undefined,
    startedAt: typeof m.startedAt === 'number' && Number.isFinite(m.startedAt) ? m.startedAt : undefined,
    procStart: typeof m.procStart === 'string' ? m.procStart.slice(0, 32) : undefined,
  };
}

/** Whether the marker of `pid` was written by the process now running under that pid. */
export function markerIsCurrent(root: string, pid: number): boolean {
  const m = readModMarker(root, pid);
  if (!m || !pidAlive(pid)) return false;
  return m.procStart === undefined || m.procStart === processStart(pid);
}

/** Remove a marker left by an earlier process under the same pid (or one that cannot be read). */
export function sweepStaleMarker(ctx: SyncContext, pid: number | undefined): void {
  if (!pid) return;
  const path = modMarkerPath(ctx.root, pid);
  const m = readJson(path);
  if (m === undefined) return;
  if (!markerIsCurrent(ctx.root, pid) && unlinkQuiet(path)) ctx.log('session-start', `removed a stale hooks-module marker of process ${pid}`);
}
