// PostToolUse on every tool, started only when the shell found this process's wake-up marker:
// a session working on its own gets peers' messages and new conflicts after its next tool call.
import { deliverPending } from '../../sync/inbox.js';
import type { HookAnswer } from '../../sync/edits.js';
import type { SyncContext } from '../../sync/context.js';
import type { HookInput } from '../run.js';

export function handleDeliver(ctx: SyncContext, p: HookInput): Promise<HookAnswer> | HookAnswer {
  // Messages and peers' conflicts go to the main thread, never into a subagent's context.
  if (p.agent_id) return {};
  return deliverPending(ctx, { sessionId: p.session_id, cwd: p.cwd, transcriptPath: p.transcript_path });
}
