// The deliver hook as a Node bundle of its own. Its work is in src/hooks-core/handlers/, shared with
// the warm service (src/hooks-core/warm-service.ts), which answers the same calls without a start-up.
import { runHook } from '../src/hooks-core/run.js';
import { handleDeliver } from '../src/hooks-core/handlers/deliver.js';

runHook('deliver', handleDeliver);
