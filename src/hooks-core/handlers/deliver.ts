// PostToolUse on every tool, started only when the shell found this process's wake-up marker:
// a session working on its own gets peers' messages and new conflicts after its next tool call.
import { deliverPending } from '../../sync/inbox.js';
import type { HookAnswer, HookInput } from '../../sync/hook-protocol.js';
import type { SyncContext } from '../../sync/context.js';

export function handleDeliver(ctx: SyncContext, p: HookInput): Promise<HookAnswer> | HookAnswer {
  // Messages and other sessions' conflicts go to the main thread; a subagent hears, in its own
  // context, only of the session's other agents editing the same code (docs/conflicts.md).
  return deliverPending(ctx, { sessionId: p.session_id, cwd: p.cwd, transcriptPath: p.transcript_path }, undefined, { agent: p.agent_id });
}
