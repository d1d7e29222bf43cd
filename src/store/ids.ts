// The shapes of outside names live in core/ids.ts (pure predicates, used by core's record checks).
// Kept only for src/mcp/tools/mod.ts, which imports them from here: remove once it imports core/ids.js.
export { isMessageId, isSessionId, shortId } from '../core/ids.js';
