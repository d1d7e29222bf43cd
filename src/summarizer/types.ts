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

/** What a generator is given: a prompt-ready sample, and for an incremental update the summary it revises. */
export interface GenerationRequest {
  /** `sampleForPrompt` of the whole session (full) or of what happened since `previous` (incremental). */
  sample: string;
  previous?: SessionSummary;
}

/**
 * A model-backed generator (`claude -p` in production, a function in tests). It may take seconds;
 * `signal` aborts it. It resolves with a summary already checked against `sessionSummarySchema`.
 */
export type SummaryGenerator = (request: GenerationRequest, signal: AbortSignal) => Promise<SessionSummary>;
