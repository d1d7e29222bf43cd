// PostToolUse on Write|Edit|MultiEdit|NotebookEdit: record the edit; tell the model of a conflict at once
// (or, CONTEXT_SYNC_LATER=1 from the hooks module that did not wait, at the next delivery).
import { EDIT_TOOLS, recordEdit, type HookAnswer } from '../../sync/edits.js';
import type { SyncContext } from '../../sync/context.js';
import type { HookInput } from '../run.js';

export function handlePostToolUse(ctx: SyncContext, p: HookInput, env: NodeJS.ProcessEnv = process.env): Promise<HookAnswer> | HookAnswer {
  if (!EDIT_TOOLS.has(p.tool_name ?? '')) return {};
  return recordEdit(ctx, {
    sessionId: p.session_id,
    cwd: p.cwd,
    transcriptPath: p.transcript_path,
    toolName: p.tool_name!,
    toolInput: p.tool_input ?? {},
    toolResponse: p.tool_response,
    agentId: p.agent_id,
    agentType: p.agent_type,
    toolUseId: p.tool_use_id,
  }, { later: env.CONTEXT_SYNC_LATER === '1' });
}
