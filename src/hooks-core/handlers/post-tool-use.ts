// PostToolUse on Write|Edit|MultiEdit|NotebookEdit: record the edit; tell the model of a conflict at once
// (or, CONTEXT_SYNC_LATER=1 from the hooks module that did not wait, at the next delivery). The
// after-every-tool delivery hook does not fire for edit tools (one shell less per edit): what this
// session is owed (its wake-up marker is set) is delivered here too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EDIT_TOOLS, recordEdit } from '../../sync/edits.js';
import type { HookAnswer, HookInput } from '../../sync/hook-protocol.js';
import { pendingDir } from '../../store/paths.js';
import { claudePid } from '../../sync/session.js';
import type { SyncContext } from '../../sync/context.js';
import { handleDeliver } from './deliver.js';

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
  const pid = claudePid(ctx, p.session_id);
  if (!pid || !existsSync(join(pendingDir(ctx.root), String(pid)))) return recorded;
  return both(recorded, await handleDeliver(ctx, p));
}
