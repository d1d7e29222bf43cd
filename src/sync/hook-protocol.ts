// Claude Code's hook protocol as the sync layer sees it: the payload a hook reads on stdin (after
// validation against schema/hook-input.json) and the answer a sync decision gives back. One file, at
// the layer that decides, so that the hook frame (hooks-core) and the MCP server, which runs the same
// handlers for the hooks module, both take the types from below instead of from each other.

export interface HookInput {
  session_id: string;
  hook_event_name: string;
  cwd: string;
  transcript_path?: string;
  source?: string;
  reason?: string;
  prompt?: string;
  agent_id?: string;
  agent_type?: string;
  tool_name?: string;
  tool_use_id?: string;
  tool_input?: Record<string, unknown>;
  tool_response?: unknown;
}

export interface HookAnswer {
  additionalContext?: string;
  systemMessage?: string;
  /** PreToolUse only. The plugin never answers allow: that would skip the user's own prompts. */
  decision?: { kind: 'ask' | 'deny'; reason: string };
}

/** Plugin switched off for this process (set in child `claude -p` summarisers, or by the user). */
export const pluginDisabled = (env: NodeJS.ProcessEnv) => env.CONTEXT_SYNC_DISABLE === '1';
