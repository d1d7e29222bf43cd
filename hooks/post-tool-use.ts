// PostToolUse on Write|Edit|MultiEdit|NotebookEdit: record the edit; tell the model of a conflict at once.
import { runHook } from '../src/hooks-core/run.js';
import { EDIT_TOOLS, recordEdit } from '../src/sync/edits.js';

runHook('post-tool-use', (ctx, p) => {
  if (!EDIT_TOOLS.has(p.tool_name ?? '')) return {};
  return recordEdit(ctx, {
    sessionId: p.session_id,
    cwd: p.cwd,
    transcriptPath: p.transcript_path,
    toolName: p.tool_name!,
    toolInput: p.tool_input ?? {},
    toolResponse: p.tool_response,
    agentId: p.agent_id,
  });
});
