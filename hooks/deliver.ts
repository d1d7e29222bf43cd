// PostToolUse on every tool, started only when the shell found this process's wake-up marker:
// a session working on its own gets peers' messages and new conflicts after its next tool call.
import { runHook } from '../src/hooks-core/run.js';
import { deliverPending } from '../src/sync/inbox.js';

runHook('deliver', (ctx, p) => {
  // Messages and peers' conflicts go to the main thread, never into a subagent's context.
  if (p.agent_id) return {};
  return deliverPending(ctx, { sessionId: p.session_id, cwd: p.cwd, transcriptPath: p.transcript_path });
});
