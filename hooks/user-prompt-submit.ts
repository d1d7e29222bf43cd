// The user-prompt-submit hook as its own bundle: the frame is in run.ts, the work in handlers/user-prompt-submit.ts (shared
// with the warm service in the MCP server, which answers the same hook without starting Node).
import { runHook } from '../src/hooks-core/run.js';
import { handleUserPromptSubmit } from '../src/hooks-core/handlers/user-prompt-submit.js';

runHook('user-prompt-submit', handleUserPromptSubmit);
