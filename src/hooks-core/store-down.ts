// When the store cannot be written (permissions, a read-only mount, a full disk) sync is off: the
// user is told ONCE, not at every tool call, and the session goes on as if the plugin were absent.
import { join } from 'node:path';
import { createExclusive, STORE_DOWN, storeDownCode } from '../store/fsx.js';
import { processStart } from '../sessions/registry.js';
import type { SyncContext } from '../sync/context.js';

/**
 * Once per Claude Code process (or per session when the process is unknown). The "told" marker goes
 * wherever it can still be created: the store itself (a full disk often still takes an empty file),
 * the plugin's data dir, the user's private runtime dir. Where none can, only the session's start
 * and the user's prompts carry the message, never a tool call.
 */
function firstNotice(ctx: SyncContext, event: string, sessionId: string | undefined): boolean {
  const { env, claudePid: pid } = ctx;
  const key = pid ? `pid-${pid}-${processStart(pid) ?? ''}` : sessionId ? `session-${sessionId}` : undefined;
  if (key) {
    const dirs = [
      join(ctx.root, 'degraded'),
      env.CLAUDE_PLUGIN_DATA ? join(env.CLAUDE_PLUGIN_DATA, 'degraded') : undefined,
      env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'context-sync-degraded') : undefined,
    ];
    for (const dir of dirs) {
      if (!dir) continue;
      try {
        return createExclusive(join(dir, key));
      } catch {
        /* not writable either: try the next place */
      }
    }
  }
  return event === 'SessionStart' || event === 'UserPromptSubmit';
}

/** The message for the user when the hook failed because the store cannot be written, and they were not told yet. */
export function storeDownNotice(ctx: SyncContext, e: unknown, event: string, sessionId: string | undefined): string | undefined {
  const direct = (e as NodeJS.ErrnoException | undefined)?.code;
  const code = direct && STORE_DOWN.has(direct) && String((e as NodeJS.ErrnoException).path ?? '').startsWith(ctx.root) ? direct : storeDownCode(ctx.root);
  if (!code) return undefined;
  if (!firstNotice(ctx, event, sessionId)) return undefined;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : 'it is not writable';
  return `context-sync: sync between sessions is off: its store ${ctx.root} cannot be written (${why}, ${code}). Your session is not affected; \`context-sync doctor\` shows what to fix.`;
}
