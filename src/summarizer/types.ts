/** What one session is doing, as shown to the other sessions. Validated by `sessionSummarySchema`. */
export interface SessionSummary {
  /** One line: the first request, and the latest one when it differs. */
  task: string;
  /** Files this session changed, paths relative to its cwd when inside it. */
  changedFiles: string[];
  /** Choices the session made that others should know about. */
  decisions: string[];
  /** Where the session stands now. */
  currentState: string;
  /** What the session is stuck on, if anything. */
  blockers: string[];
  /** How its work may affect other sessions (shared files, manifests, lockfiles, migrations, git). */
  impactOnOtherSessions: string;
}
