import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { storePaths } from '../store/paths.js';
import { logLine } from '../store/log.js';
import { toolPrefixFor } from '../core/render.js';
import { liveSessions, sessionOfPid, type LiveSession } from '../sessions/registry.js';

/**
 * What every entry point needs: where the store is, the clock, who is alive (read once, lazily), and
 * the caller's environment. The environment is the caller's, not this process's: the MCP server
 * answers the hooks module's events with the hook's environment (its CLAUDE_PID), not its own.
 */
export interface SyncContext {
  /** The caller's environment: the hook's, the server's, or the terminal's. */
  env: NodeJS.ProcessEnv;
  /** The Claude Code process the caller belongs to (CLAUDE_PID), when the environment says it. */
  claudePid: number | undefined;
  root: string;
  claudeDir: string;
  now(): number;
  live(): Map<string, LiveSession>;
  /** The registry entry of one Claude Code process, if alive: one file, read once per process. */
  entryOf(pid: number): LiveSession | undefined;
  /** False on a Claude Code without a session registry: liveness then falls back to recorded pids. */
  hasRegistry(): boolean;
  log(source: string, text: string): void;
  /** Our tools' names as this process's model sees them. */
  toolPrefix: string;
}

export function syncContext(env: NodeJS.ProcessEnv): SyncContext {
  const { root, claudeDir } = storePaths(env);
  const pid = Number(env.CLAUDE_PID);
  let live: Map<string, LiveSession> | undefined;
  let registry: boolean | undefined;
  const entries = new Map<number, LiveSession | undefined>();
  return {
    env,
    claudePid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    root,
    claudeDir,
    now: () => Date.now(),
    live: () => (live ??= liveSessions(claudeDir)),
    entryOf: (pid) => {
      if (live) return [...live.values()].find((s) => s.pid === pid);
      if (!entries.has(pid)) entries.set(pid, sessionOfPid(claudeDir, pid));
      return entries.get(pid);
    },
    hasRegistry: () => (registry ??= existsSync(join(claudeDir, 'sessions'))),
    log: (source, text) => logLine(root, source, text),
    toolPrefix: toolPrefixFor(env),
  };
}
