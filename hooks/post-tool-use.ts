// The post-tool-use hook as a Node bundle of its own. Its work is in src/hooks-core/handlers/, shared with
// the warm service (src/hooks-core/warm-service.ts), which answers the same calls without a start-up.
import { runHook } from '../src/hooks-core/run.js';
import { handlePostToolUse } from '../src/hooks-core/handlers/post-tool-use.js';

runHook('post-tool-use', handlePostToolUse);
