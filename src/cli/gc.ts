// Clean-up of everything dead: sessions whose process is gone, old undelivered mail, wake-up and
// handover markers of dead processes, and the trash.
import { existsSync, lstatSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { listDir, readJson, realFolders, unlinkQuiet } from '../store/fsx.js';
import { heardFile, isRemotePresence, presenceFile, remoteIndexDir } from '../sync/remote-peers.js';
import { ProjectStore } from '../store/session-store.js';
import { pidAlive } from '../sessions/registry.js';
import type { SyncContext } from '../sync/context.js';
import { livePeers, retireDeadSessions } from '../sync/peers.js';
import { expireUndelivered } from '../sync/undelivered.js';
import { markerIsCurrent, modDir } from '../sync/module-marker.js';

export interface GcReport {
  liveSessions: number;
  retiredSessions: number;
  expiredMail: number;
  staleMarkers: number;
  /** Team mode: copies of other machines not heard from for the retention period (or team mode turned off). */
  goneMachines: number;
}

/**
 * Entries of one of the store's own folders, or none when that folder is a link or a file: gc
 * deletes by name and age, and must never do so in a folder a link leads to.
 */
function ownEntries(ctx: SyncContext, dir: string): string[] {
  if (!realFolders(ctx.root, dir)) {
    if (existsSync(dir)) ctx.log('gc', `skipped ${dir.slice(ctx.root.length)}: a symlink or a file where the store keeps a folder`);
    return [];
  }
  return listDir(dir);
}

/** An entry's age by its own times (lstat: a link's target is not ours to judge), or undefined if gone. */
function ageOf(ctx: SyncContext, path: string): number | undefined {
  try {
    return ctx.now() - lstatSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export function collectGarbage(ctx: SyncContext): GcReport {
  const report: GcReport = { liveSessions: 0, retiredSessions: 0, expiredMail: 0, staleMarkers: 0, goneMachines: 0 };
  const { config } = loadConfig(ctx.root);
  const keep = config.messages.retentionHours * 3600_000;
  for (const key of ownEntries(ctx, join(ctx.root, 'projects'))) {
    if (!realFolders(ctx.root, join(ctx.root, 'projects', key))) continue;
    const store = new ProjectStore(ctx.root, key);
    report.retiredSessions += retireDeadSessions(ctx, store, undefined);
    report.liveSessions += livePeers(ctx, store, undefined).length;
    report.expiredMail += expireUndelivered(ctx, key, keep);
    report.goneMachines += forgetGoneMachines(ctx, key, keep);
  }
  for (const dir of ['pending', 'handover']) {
    // Unlinking a marker (or a link planted in its place) never touches what a link points to.
    for (const f of ownEntries(ctx, join(ctx.root, dir))) {
      // `<pid>` or, for a subagent of that process, `<pid>@<agent>`.
      const pid = Number(f.split('@')[0]);
      if (!Number.isInteger(pid) || !pidAlive(pid)) {
        if (unlinkQuiet(join(ctx.root, dir, f))) report.staleMarkers++;
      }
    }
  }
  // Hooks-module markers of processes that ended (the module cannot delete its own), or of an
  // earlier process under a pid now reused.
  for (const f of ownEntries(ctx, modDir(ctx.root))) {
    const pid = Number(f);
    const age = ageOf(ctx, join(modDir(ctx.root), f));
    if (age === undefined || age < 60_000) continue; // a module may be writing it right now
    if (Number.isInteger(pid) && markerIsCurrent(ctx.root, pid)) continue;
    if (unlinkQuiet(join(modDir(ctx.root), f))) report.staleMarkers++;
  }
  // The FIFO folders of the warm service that versions before 0.6 kept (replaced by the module).
  for (const pid of ownEntries(ctx, join(ctx.root, 'warm'))) {
    const dir = join(ctx.root, 'warm', pid);
    if (pidAlive(Number(pid))) continue;
    if (!realFolders(ctx.root, dir)) {
      if (unlinkQuiet(dir)) report.staleMarkers++;
    } else {
      rmSync(dir, { recursive: true, force: true });
      report.staleMarkers++;
    }
  }
  const trash = join(ctx.root, 'trash');
  for (const f of ownEntries(ctx, trash)) {
    const age = ageOf(ctx, join(trash, f));
    if (age !== undefined && age > 60_000) rmSync(join(trash, f), { recursive: true, force: true });
  }
  return report;
}

/**
 * A machine whose relay copy was last confirmed longer ago than the retention period is gone (or
 * team mode was turned off): its copy goes, messages still queued to it included, like undelivered
 * local mail. With no machine left, the by-file index goes too, so hooks stop looking at it.
 */
function forgetGoneMachines(ctx: SyncContext, key: string, keep: number): number {
  const remote = join(ctx.root, 'projects', key, 'remote');
  // A presence file is written when its machine appears; the relay's heartbeat confirms them all at once.
  const heard = readJson(heardFile(ctx.root, key)) as { until?: unknown } | undefined;
  const heardUntil = typeof heard?.until === 'number' ? heard.until : 0;
  let gone = 0;
  for (const m of listDir(remote)) {
    const p = readJson(presenceFile(ctx.root, key, m));
    const last = isRemotePresence(p) ? Math.max(p.expiresAt, heardUntil) : dirMtime(join(remote, m));
    if (ctx.now() - last > keep) {
      rmSync(join(remote, m), { recursive: true, force: true });
      gone++;
    }
  }
  if (listDir(remote).length === 0) rmSync(remoteIndexDir(ctx.root, key), { recursive: true, force: true });
  return gone;
}

function dirMtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}
