// The pre-tool-use hook as its own bundle: the frame is in run.ts, the work in handlers/pre-tool-use.ts (shared
// with the warm service in the MCP server, which answers the same hook without starting Node).
import { runHook } from '../src/hooks-core/run.js';
import { handlePreToolUse } from '../src/hooks-core/handlers/pre-tool-use.js';

runHook('pre-tool-use', handlePreToolUse);
