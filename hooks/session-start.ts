// SessionStart: register this session, carry records over a /clear, clean up the dead, and tell
// the model who else works in the repository (nothing at all when no one does).
import { runHook } from '../src/hooks-core/run.js';
import { sessionStarted } from '../src/sync/lifecycle.js';

runHook('session-start', (ctx, p) =>
  sessionStarted(ctx, { sessionId: p.session_id, cwd: p.cwd, transcriptPath: p.transcript_path, source: p.source }),
);
