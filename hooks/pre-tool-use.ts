// PreToolUse on edit tools: warn (or block, per config) before touching a peer's uncommitted work.
import { runHook } from '../src/hooks-core/run.js';
import { EDIT_TOOLS, checkEdit } from '../src/sync/edits.js';

runHook('pre-tool-use', (ctx, p) => {
  const call = {
    sessionId: p.session_id,
    cwd: p.cwd,
    transcriptPath: p.transcript_path,
    toolName: p.tool_name!,
    toolInput: p.tool_input ?? {},
    agentId: p.agent_id,
  };
  if (EDIT_TOOLS.has(call.toolName)) return checkEdit(ctx, call);
  return {};
});
