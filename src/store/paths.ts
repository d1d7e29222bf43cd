import { builtin } from './builtins.js';
import { join } from 'node:path';

/** Where everything lives. One root for every entry point (hooks, MCP server, CLI), so they see each other. */
export interface StorePaths {
  /** ~/.claude/context-sync, or CONTEXT_SYNC_HOME. */
  root: string;
  /** Claude Code's own config dir (~/.claude or CLAUDE_CONFIG_DIR): its live-session registry is in sessions/. */
  claudeDir: string;
}

export class NoHomeError extends Error {
  constructor() {
    super('context-sync: neither HOME nor CONTEXT_SYNC_HOME is set, and no home directory is known; sync is off');
  }
}

export function storePaths(env: NodeJS.ProcessEnv): StorePaths {
  let home = env.HOME;
  if (!home) {
    try {
      home = builtin('os')?.homedir();
    } catch {
      home = undefined;
    }
  }
  const claudeDir = env.CLAUDE_CONFIG_DIR || (home ? join(home, '.claude') : undefined);
  const root = env.CONTEXT_SYNC_HOME || (claudeDir ? join(claudeDir, 'context-sync') : undefined);
  if (!root || !claudeDir) throw new NoHomeError();
  return { root, claudeDir };
}

export const projectDir = (root: string, projectKey: string) => join(root, 'projects', projectKey);
/** The project's bell: a change counter (ProjectStore.ring), looked at by idle hooks modules. */
export const projectBell = (root: string, projectKey: string) => join(projectDir(root, projectKey), 'bell');
export const sessionDir = (root: string, projectKey: string, sessionId: string) =>
  join(root, 'projects', projectKey, 'sessions', sessionId);
/** Team mode: what the relay knows of another machine's sessions in this project. */
export const remoteMachineDir = (root: string, projectKey: string, machine: string) => join(root, 'projects', projectKey, 'remote', machine);
/** Wake-up markers for the after-every-tool-call hook, one per Claude Code process (pid). */
export const pendingDir = (root: string) => join(root, 'pending');
export const logFile = (root: string) => join(root, 'log', 'context-sync.log');
