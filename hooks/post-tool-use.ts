// The post-tool-use hook as its own bundle: the frame is in run.ts, the work in handlers/post-tool-use.ts (shared
// with the warm service in the MCP server, which answers the same hook without starting Node).
import { runHook } from '../src/hooks-core/run.js';
import { handlePostToolUse } from '../src/hooks-core/handlers/post-tool-use.js';

runHook('post-tool-use', handlePostToolUse);
