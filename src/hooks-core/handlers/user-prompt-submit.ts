// UserPromptSubmit: remember what the user asks (the session's task until a summary exists), then
// give the model new conflicts and unread messages.
import { deliverPending } from '../../sync/inbox.js';
import { truncate } from '../../core/render.js';
import type { HookAnswer, HookInput } from '../../sync/hook-protocol.js';
import type { SyncContext } from '../../sync/context.js';

/** Prompts that are not the user's words about the task: slash commands, tool notifications. */
const notATask = (p: string) => /^\s*(\/|<command-|<task-notification|<local-command)/.test(p);

export function handleUserPromptSubmit(ctx: SyncContext, p: HookInput): Promise<HookAnswer> {
  const prompt = typeof p.prompt === 'string' ? p.prompt : '';
  // /context-sync:sync-inbox lists (and marks read) the messages itself: injecting them too would
  // show each one twice in the same request.
  const messages = !/^\s*\/context-sync:sync-inbox\b/.test(prompt);
  return deliverPending(
    ctx,
    { sessionId: p.session_id, cwd: p.cwd, transcriptPath: p.transcript_path },
    (meta) => {
      if (!prompt.trim() || notATask(prompt)) return {};
      const line = truncate(prompt, 200);
      return meta?.task ? { lastPrompt: line } : { task: line, lastPrompt: line };
    },
    { messages },
  );
}
