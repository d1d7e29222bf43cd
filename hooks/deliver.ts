// The deliver hook as its own bundle: the frame is in run.ts, the work in handlers/deliver.ts (shared
// with the warm service in the MCP server, which answers the same hook without starting Node).
import { runHook } from '../src/hooks-core/run.js';
import { handleDeliver } from '../src/hooks-core/handlers/deliver.js';

runHook('deliver', handleDeliver);
