// Who is alive: Claude Code's own registry (~/.claude/sessions/<pid>.json), checked against the
// process table. A registry file left behind by a SIGKILL, or a reused pid, does not count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listDir, readJson } from '../store/fsx.js';
import { isSessionId } from '../store/ids.js';

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

export function pidAlive(pid: number): boolean {
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
  if (typeof r.pid !== 'number' || !isSessionId(r.sessionId) || typeof r.cwd !== 'string') return undefined;
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

export function isAlive(entry: { pid: number; procStart?: string }): boolean {
  if (!pidAlive(entry.pid)) return false;
  if (entry.procStart === undefined) return true;
  const actual = processStart(entry.pid);
  // No /proc (macOS): the pid check is all we have.
  return actual === undefined || actual === entry.procStart;
}

/** Every live Claude Code session on this machine, by session id. */
export function liveSessions(claudeDir: string): Map<string, LiveSession> {
  const dir = join(claudeDir, 'sessions');
  const out = new Map<string, LiveSession>();
  for (const f of listDir(dir)) {
    if (!/^\d+\.json$/.test(f)) continue;
    const e = parseEntry(readJson(join(dir, f)));
    if (!e || !isAlive(e)) continue;
    const { procStart: _ignored, ...live } = e;
    out.set(e.sessionId, live);
  }
  return out;
}

/** The session a Claude Code process serves right now (it changes on /clear). */
export function sessionOfPid(claudeDir: string, pid: number): LiveSession | undefined {
  const e = parseEntry(readJson(join(claudeDir, 'sessions', `${pid}.json`)));
  if (!e || !isAlive(e)) return undefined;
  const { procStart: _ignored, ...live } = e;
  return live;
}
