// SessionEnd: remove this session's records (unread mail is kept for the retention period);
// on /clear, leave them for the session that follows in the same process.
import { runHook } from '../src/hooks-core/run.js';
import { sessionEnded } from '../src/sync/lifecycle.js';

runHook('session-end', (ctx, p) => sessionEnded(ctx, { sessionId: p.session_id, cwd: p.cwd, reason: p.reason }));
