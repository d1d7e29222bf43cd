// The running dashboard of a store: <root>/dashboard.json, written by the dashboard process that
// serves it (one writer), published whole and only if absent, removed by the same process at exit.
// `context-sync dashboard` and the slash command read it to give the URL of the one already running.
import { linkSync, unlinkSync, writeFileSync, constants, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { randomHex } from '../core/hash.js';
import { ensureDir, readJson, unlinkQuiet } from '../store/fsx.js';
import { isAlive, processStart } from '../sessions/registry.js';

export interface DashboardRecord {
  v: 1;
  url: string;
  pid: number;
  procStart?: string;
  startedAt: number;
  host: string;
  port: number;
  actions: boolean;
}

export const recordPath = (root: string) => join(root, 'dashboard.json');

function isRecord(v: unknown): v is DashboardRecord {
  const r = v as Record<string, unknown> | null;
  return !!r && typeof r === 'object' && r.v === 1 && typeof r.url === 'string' && /^http:\/\//.test(r.url) && Number.isInteger(r.pid) && typeof r.port === 'number';
}

/** The dashboard serving this store, if its process is alive (a record left by a crash does not count). */
export function runningDashboard(root: string): DashboardRecord | undefined {
  const r = readJson(recordPath(root));
  if (!isRecord(r)) return undefined;
  return isAlive({ pid: r.pid, procStart: r.procStart }) ? r : undefined;
}

/**
 * Publish this process's record, unless another live dashboard got there first (then its record is
 * returned). Written to a temp file, then hard-linked into place: link() fails if the name exists,
 * so two dashboards starting at once cannot both win, and a reader never sees half a file.
 */
export function publishDashboard(root: string, r: Omit<DashboardRecord, 'v' | 'pid' | 'procStart'>): DashboardRecord {
  ensureDir(root);
  const mine: DashboardRecord = { v: 1, pid: process.pid, procStart: processStart(process.pid), ...r };
  const tmp = join(root, `.dashboard-${process.pid}-${randomHex(6)}`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    writeFileSync(fd, JSON.stringify(mine));
  } finally {
    closeSync(fd);
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, recordPath(root));
        return mine;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const other = runningDashboard(root);
        if (other) return other;
        // A record of a dead dashboard: take it away and try again.
        unlinkQuiet(recordPath(root));
      }
    }
    throw new Error('could not publish the dashboard record');
  } finally {
    unlinkQuiet(tmp);
  }
}

/** Remove the record at exit, only if it is still this process's. */
export function withdrawDashboard(root: string): void {
  const r = readJson(recordPath(root));
  if (isRecord(r) && r.pid === process.pid) {
    try {
      unlinkSync(recordPath(root));
    } catch {
      /* gone already */
    }
  }
}
