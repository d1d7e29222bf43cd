// Who is alive: Claude Code's own registry (~/.claude/sessions/<pid>.json), checked against the
// process table. A registry file left behind by a SIGKILL, or a reused pid, does not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDir, readJson } from '../store/fsx.js';
import { isSessionId } from '../core/ids.js';

export interface LiveSession {
  pid: number;
  sessionId: string;
  cwd: string;
  name?: string;
  status?: string;
  startedAt?: number;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks), or undefined where there is no /proc. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19];
  } catch {
    return undefined;
  }
}

/**
 * A pid that names one process. kill(0, 0) and kill(-1, 0) "succeed" (they address a process group,
 * or every process), so a registry entry with pid 0 or -1 would count as live for ever; pid 1 is
 * init, which never dies. Claude Code itself accepts only integers above 1.
 */
export function isProcessId(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 1 && pid <= 0x7fffffff;
}

export function pidAlive(pid: number): boolean {
  if (!isProcessId(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseEntry(raw: unknown): LiveSession & { procStart?: string } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isProcessId(r.pid) || !isSessionId(r.sessionId) || typeof r.cwd !== 'string') return undefined;
  return {
    pid: r.pid,
    sessionId: r.sessionId,
    cwd: r.cwd,
    name: typeof r.name === 'string' ? r.name : undefined,
    status: typeof r.status === 'string' ? r.status : undefined,
    startedAt: typeof r.startedAt === 'number' ? r.startedAt : undefined,
    procStart: typeof r.procStart === 'string' || typeof r.procStart === 'number' ? String(r.procStart) : undefined,
  };
}

/** Clock ticks per second of /proc/<pid>/stat's start time: USER_HZ, 100 on every mainstream Linux. */
const USER_HZ = 100;
/** How long before its entry's startedAt a process may have started (start-up), and after (clock skew). */
const START_WINDOW_BEFORE_MS = 10 * 60_000;
const START_WINDOW_AFTER_MS = 5_000;

let bootTimeMs: number | null | undefined;
function bootTime(): number | undefined {
  if (bootTimeMs === undefined) {
    try {
      const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
      bootTimeMs = m ? Number(m[1]) * 1000 : null;
    } catch {
      bootTimeMs = null;
    }
  }
  return bootTimeMs ?? undefined;
}

/** When a process started, in ms since the epoch, from /proc; undefined where there is no /proc. */
function processStartMs(pid: number): number | undefined {
  const ticks = Number(processStart(pid));
  const boot = bootTime();
  if (!Number.isFinite(ticks) || boot === undefined) return undefined;
  return boot + (ticks * 1000) / USER_HZ;
}

/**
 * Whether a process is alive and, when its start (`procStart`) is known, still the same process
 * (a pid reused by a later process does not count). Without a start, the pid alone decides.
 */
export function isAlive(entry: { pid: number; procStart?: string }): boolean {
  if (!pidAlive(entry.pid)) return false;
  if (entry.procStart === undefined) return true;
  const actual = processStart(entry.pid);
  // No /proc (macOS): the pid check is all we have.
  return actual === undefined || actual === entry.procStart;
}

/**
 * Whether a registry entry names the live Claude Code process that wrote it. Claude Code writes
 * `procStart` (checked in 2.1.330, on Linux from /proc). An entry without it, on a system with
 * /proc, is a ghost unless its `startedAt` shows its process started just before the entry was
 * written: otherwise any long-lived process reusing the pid would keep it live for ever. With no
 * /proc at all (macOS) the pid check is all we have.
 */
function entryAlive(entry: { pid: number; procStart?: string; startedAt?: number }): boolean {
  if (entry.procStart !== undefined || !pidAlive(entry.pid)) return isAlive(entry);
  const started = processStartMs(entry.pid);
  if (started === undefined) return processStart(process.pid) === undefined;
  const at = entry.startedAt;
  if (typeof at !== 'number' || !Number.isFinite(at)) return false;
  return started >= at - START_WINDOW_BEFORE_MS && started <= at + START_WINDOW_AFTER_MS;
}

/** Every live Claude Code session on this machine, by session id. */
export function liveSessions(claudeDir: string): Map<string, LiveSession> {
  const dir = join(claudeDir, 'sessions');
  const out = new Map<string, LiveSession>();
  for (const f of listDir(dir)) {
    if (!/^\d+\.json$/.test(f)) continue;
    const e = parseEntry(readJson(join(dir, f)));
    if (!e || !entryAlive(e)) continue;
    const { procStart: _ignored, ...live } = e;
    out.set(e.sessionId, live);
  }
  return out;
}

/** The session a Claude Code process serves right now (it changes on /clear). */
export function sessionOfPid(claudeDir: string, pid: number): LiveSession | undefined {
  const e = parseEntry(readJson(join(claudeDir, 'sessions', `${pid}.json`)));
  if (!e || !entryAlive(e)) return undefined;
  const { procStart: _ignored, ...live } = e;
  return live;
}
