// A per-session lock shared by every process of the machine (MCP servers of several Claude Code
// sessions, the CLI): an exclusively created file naming its owner. No advisory locks (flock is not
// reachable from Node without a native module), so a dead owner is detected from the process
// table instead: its pid is gone, or the pid now belongs to a process that started later (reuse).
import { linkSync, renameSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createExclusive, readText, unlinkQuiet } from '../store/fsx.js';
import { isAlive, processStart } from '../sessions/registry.js';

export interface LockOwner {
  pid: number;
  procStart?: string;
  /** Unique per acquisition: release and stale-breaking act only on the lock they inspected. */
  token: string;
  at: number;
}

export interface HeldLock {
  readonly path: string;
  readonly owner: LockOwner;
  release(): void;
}

export interface LockOptions {
  /** A lock older than this is broken even if its owner looks alive (another pid namespace, a hung process). */
  maxAgeMs: number;
  now?: () => number;
  /** Injected in tests: is the owner still running? Defaults to pid + process start time. */
  ownerAlive?: (owner: LockOwner) => boolean;
}

function ownerOf(text: string | undefined): LockOwner | undefined {
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Partial<LockOwner>;
    if (typeof v.pid === 'number' && Number.isSafeInteger(v.pid) && v.pid > 0 && typeof v.token === 'string' && typeof v.at === 'number') {
      const o: LockOwner = { pid: v.pid, token: v.token, at: v.at };
      if (typeof v.procStart === 'string') o.procStart = v.procStart;
      return o;
    }
  } catch {
    /* torn or foreign content: judged by the file's age below */
  }
  return undefined;
}

function readQuiet(path: string): string | undefined {
  try {
    // Not followed if a link, refused if a FIFO or device planted in the store (it would hang us).
    return readText(path);
  } catch {
    return undefined;
  }
}

function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

const defaultAlive = (o: LockOwner) => isAlive(o.procStart === undefined ? { pid: o.pid } : { pid: o.pid, procStart: o.procStart });

/** Whether the lock at `path` (its content `text`) may be taken over. */
function isStale(path: string, owner: LockOwner | undefined, opts: LockOptions, now: number): boolean {
  if (!owner) {
    // Unreadable content: the owner may be between create and write. Give it a moment.
    const m = mtimeMs(path);
    return m === undefined || now - m > 5_000;
  }
  if (now - owner.at > opts.maxAgeMs) return true;
  return !(opts.ownerAlive ?? defaultAlive)(owner);
}

/**
 * Take the lock if it is free or its owner is dead; undefined when someone else holds it.
 * Never waits: callers decide whether to retry.
 */
export function tryLock(path: string, opts: LockOptions): HeldLock | undefined {
  const now = (opts.now ?? Date.now)();
  const owner: LockOwner = { pid: process.pid, token: randomBytes(8).toString('hex'), at: now };
  const start = processStart(process.pid);
  if (start !== undefined) owner.procStart = start;
  const held: HeldLock = {
    path,
    owner,
    release() {
      // Only our own lock: if it was broken and re-taken meanwhile, the new owner keeps it.
      if (ownerOf(readQuiet(path))?.token === owner.token) unlinkQuiet(path);
    },
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusive(path, JSON.stringify(owner))) return held;
    const text = readQuiet(path);
    if (text === undefined) continue; // released between our create and read: try again
    const current = ownerOf(text);
    if (!isStale(path, current, opts, now)) return undefined;
    // Break it by renaming it aside: of several breakers only one rename succeeds. Between our
    // read and the rename, another breaker may have put a fresh lock in place; if what we moved
    // is not what we judged stale, put it back (link fails if the path is taken again) and give up.
    const aside = `${path}.broken-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readQuiet(aside);
    if (moved !== text) {
      try {
        linkSync(aside, path);
      } catch {
        /* someone holds it again: their lock wins */
      }
      unlinkQuiet(aside);
      return undefined;
    }
    unlinkQuiet(aside);
  }
  return undefined;
}
