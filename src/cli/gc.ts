// Clean-up of everything dead: sessions whose process is gone, old undelivered mail, wake-up and
// handover markers of dead processes, and the trash.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { listDir, readJson, unlinkQuiet } from '../store/fsx.js';
import { isRemotePresence, presenceFile, remoteIndexDir } from '../sync/remote-peers.js';
import { ProjectStore } from '../store/session-store.js';
import { pidAlive } from '../sessions/registry.js';
import type { SyncContext } from '../sync/context.js';
import { livePeers } from '../sync/peers.js';
import { warmRoot, warmServicePid } from '../hooks-core/warm-service.js';

export interface GcReport {
  liveSessions: number;
  retiredSessions: number;
  expiredMail: number;
  staleMarkers: number;
  /** Team mode: copies of other machines not heard from for the retention period (or team mode turned off). */
  goneMachines: number;
}

export function collectGarbage(ctx: SyncContext): GcReport {
  const report: GcReport = { liveSessions: 0, retiredSessions: 0, expiredMail: 0, staleMarkers: 0, goneMachines: 0 };
  const { config } = loadConfig(ctx.root);
  const keep = config.messages.retentionHours * 3600_000;
  for (const key of listDir(join(ctx.root, 'projects'))) {
    const store = new ProjectStore(ctx.root, key);
    const before = store.sessionIds().length;
    report.liveSessions += livePeers(ctx, store, undefined).length;
    report.retiredSessions += before - store.sessionIds().length;
    const undelivered = join(ctx.root, 'projects', key, 'undelivered');
    for (const d of listDir(undelivered)) {
      const at = Number(d.split('-').at(-1));
      if (Number.isFinite(at) && ctx.now() - at > keep) {
        rmSync(join(undelivered, d), { recursive: true, force: true });
        report.expiredMail++;
      }
    }
    report.goneMachines += forgetGoneMachines(ctx, key, keep);
  }
  for (const dir of ['pending', 'handover']) {
    for (const f of listDir(join(ctx.root, dir))) {
      const pid = Number(f);
      if (!Number.isInteger(pid) || !pidAlive(pid)) {
        if (unlinkQuiet(join(ctx.root, dir, f))) report.staleMarkers++;
      }
    }
  }
  // Warm-service directories of servers that were killed (a clean exit removes its own).
  for (const pid of listDir(warmRoot(ctx.root))) {
    const dir = join(warmRoot(ctx.root), pid);
    let young = false;
    try {
      young = ctx.now() - statSync(dir).mtimeMs < 60_000; // a server may be setting it up
    } catch {
      continue;
    }
    if (!young && warmServicePid(dir) === undefined) {
      rmSync(dir, { recursive: true, force: true });
      report.staleMarkers++;
    }
  }
  for (const f of listDir(join(ctx.root, 'trash'))) {
    try {
      if (ctx.now() - statSync(join(ctx.root, 'trash', f)).mtimeMs > 60_000) rmSync(join(ctx.root, 'trash', f), { recursive: true, force: true });
    } catch {
      /* gone already */
    }
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
  let gone = 0;
  for (const m of listDir(remote)) {
    const p = readJson(presenceFile(ctx.root, key, m));
    const last = isRemotePresence(p) ? p.expiresAt : dirMtime(join(remote, m));
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
