// PostToolUse on Write|Edit|MultiEdit|NotebookEdit: record the edit; tell the model of a conflict at once
// (or, CONTEXT_SYNC_LATER=1 from the hooks module that did not wait, at the next delivery). The
// after-every-tool delivery hook does not fire for edit tools (one shell less per edit): what this
// session is owed (its wake-up marker is set) is delivered here too.
import { recordEdit } from '../../sync/edits.js';
import { EDIT_TOOLS } from '../../core/records.js';
import type { HookAnswer, HookInput } from '../../sync/hook-protocol.js';
import { claudePid } from '../../sync/session.js';
import { isWoken } from '../../sync/wake.js';
import type { SyncContext } from '../../sync/context.js';

/** Two answers for one hook call, in order. */
function both(a: HookAnswer, b: HookAnswer): HookAnswer {
  const join2 = (x?: string, y?: string) => [x, y].filter(Boolean).join('\n\n') || undefined;
  return { ...a, additionalContext: join2(a.additionalContext, b.additionalContext), systemMessage: join2(a.systemMessage, b.systemMessage) };
}

/** Record an edit and deliver what is owed (the hook's environment is `ctx.env`). */
export async function handlePostToolUse(ctx: SyncContext, p: HookInput): Promise<HookAnswer> {
  if (!EDIT_TOOLS.has(p.tool_name ?? '')) return {};
  const later = ctx.env.CONTEXT_SYNC_LATER === '1';
  const recorded = await recordEdit(
    ctx,
    {
      sessionId: p.session_id,
      cwd: p.cwd,
      transcriptPath: p.transcript_path,
      toolName: p.tool_name!,
      toolInput: p.tool_input ?? {},
      toolResponse: p.tool_response,
      agentId: p.agent_id,
      agentType: p.agent_type,
      toolUseId: p.tool_use_id,
    },
    { later },
  );
  if (later) return recorded;
  if (!isWoken(ctx, claudePid(ctx, p.session_id))) return recorded;
  // Loaded only when something is owed: the delivery's code is not every edit's start-up cost.
  const { handleDeliver } = await import('./deliver.js');
  return both(recorded, await handleDeliver(ctx, p));
}
