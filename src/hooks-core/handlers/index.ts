// The hooks the MCP server answers for its session's hooks module (src/mcp/tools/mod.ts). Session
// start and end stay with their bundles (once per session, and SessionEnd runs while the server is
// being shut down); so does PreToolUse on Bash, whose git checks read the hook's own environment.
import type { HookHandler } from '../run.js';
import { handleDeliver } from './deliver.js';
import { handlePostToolUse } from './post-tool-use.js';
import { handlePreToolUse } from './pre-tool-use.js';
import { handleUserPromptSubmit } from './user-prompt-submit.js';

export const moduleHandlers: Record<string, HookHandler> = {
  'post-tool-use': handlePostToolUse,
  'pre-tool-use': handlePreToolUse,
  'user-prompt-submit': handleUserPromptSubmit,
  deliver: handleDeliver,
};
