// The user-prompt-submit hook as a Node bundle of its own. Its work is in src/hooks-core/handlers/, shared with
// the warm service (src/hooks-core/warm-service.ts), which answers the same calls without a start-up.
import { runHook } from '../src/hooks-core/run.js';
import { handleUserPromptSubmit } from '../src/hooks-core/handlers/user-prompt-submit.js';

runHook('user-prompt-submit', handleUserPromptSubmit);
