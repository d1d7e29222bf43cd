// The pre-tool-use hook as a Node bundle of its own. Its work is in src/hooks-core/handlers/, shared with
// the warm service (src/hooks-core/warm-service.ts), which answers the same calls without a start-up.
import { runHook } from '../src/hooks-core/run.js';
import { handlePreToolUse } from '../src/hooks-core/handlers/pre-tool-use.js';

runHook('pre-tool-use', handlePreToolUse);
