// Running the user's `claude` command (doctor's version check, init's `claude mcp add`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ClaudeRun } from './install.js';

export function claudeRunner(env: NodeJS.ProcessEnv): (args: string[]) => ClaudeRun {
  return (args) => {
    const r = spawnSync('claude', args, { encoding: 'utf8', env, timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { found: false, status: null, output: '' };
    return { found: true, status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` || String(r.error ?? '') };
  };
}

/** Where Claude Code keeps user-scope MCP servers: `.claude.json` in CLAUDE_CONFIG_DIR, else in HOME. */
export function claudeJsonPath(env: NodeJS.ProcessEnv, claudeDir: string): string {
  return env.CLAUDE_CONFIG_DIR ? join(env.CLAUDE_CONFIG_DIR, '.claude.json') : join(claudeDir, '..', '.claude.json');
}
