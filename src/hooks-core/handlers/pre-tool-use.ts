// PreToolUse on edit tools: warn (or block, per config) before touching a peer's uncommitted work.
// On Bash: ask (or deny, per config) before a git command sweeps up or throws away a peer's work.
import { checkEdit } from '../../sync/edits.js';
import { EDIT_TOOLS } from '../../core/records.js';
import type { HookAnswer, HookInput } from '../../sync/hook-protocol.js';
import type { SyncContext } from '../../sync/context.js';

/** Check an edit or a git command before it runs (the hook's environment is `ctx.env`). */
export async function handlePreToolUse(ctx: SyncContext, p: HookInput): Promise<HookAnswer> {
  const call = {
    sessionId: p.session_id,
    cwd: p.cwd,
    transcriptPath: p.transcript_path,
    toolName: p.tool_name!,
    toolInput: p.tool_input ?? {},
    agentId: p.agent_id,
    agentType: p.agent_type,
    toolUseId: p.tool_use_id,
  };
  if (EDIT_TOOLS.has(call.toolName)) return checkEdit(ctx, call);
  if (call.toolName === 'Bash' && typeof call.toolInput.command === 'string') {
    // The shell parser and git classifier are a chunk of their own: edits never load them.
    const { checkGitCommand } = await import('../../sync/git-guard.js');
    return checkGitCommand(ctx, { sessionId: call.sessionId, cwd: call.cwd, command: call.toolInput.command, agentId: call.agentId });
  }
  return {};
}
