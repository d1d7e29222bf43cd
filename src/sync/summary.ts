// A session's structured summary as get_session_context serves it: the summariser's answer (from
// the session's transcript, cached on disk) with the files the hooks recorded and the conflicts.
//
// The MCP server process holds one SessionSummaries (answers given, model generations in flight)
// and one watcher; both live at module level because tools only receive a per-call Caller.
// Transcripts are read by a catch-up worker process next to this bundle, so that the server stays
// small however large the transcripts it summarised (issue 6: at most 80 MB resident when idle).
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupFindings } from '../core/conflicts.js';
import { isoTime, peerLine, peerLines } from '../core/peer-text.js';
import type { SessionMeta } from '../core/records.js';
import { loadConfig } from '../config/config.js';
import type { LiveSession } from '../sessions/registry.js';
import type { Project } from '../sessions/project.js';
import { ensureDir } from '../store/fsx.js';
import type { ProjectStore } from '../store/session-store.js';
import { claudeGenerator, findClaudeCli } from '../summarizer/claude.js';
import { SessionSummaries } from '../summarizer/service.js';
import { InProcessWork, type TranscriptWork } from '../summarizer/transcript-work.js';
import type { SessionSummary, SummaryGenerator } from '../summarizer/types.js';
import { LiveTranscriptWatcher } from '../summarizer/watcher.js';
import { WorkerProcessWork } from '../summarizer/worker-client.js';
import { currentFindings } from './alerts.js';
import type { SyncContext } from './context.js';
import { projectSessions } from './messages.js';

/** What of a peer's summary get_session_context passes on: items per list, characters per line and per longer field. */
export const SUMMARY_CAPS = { items: 10, files: 50, line: 300, text: 600 };

/** A peer's summary as get_session_context serves it: every summary field, each capped to plain lines (peer text). */
export interface SessionContext extends SessionSummary {
  sessionId: string;
  label: string;
  updatedAt: string;
  /** The summary does not reflect the whole transcript as it is now. */
  stale: boolean;
  source: 'offline' | 'model';
  /** A model summary is on its way: a later call will serve it. */
  modelPending: boolean;
  modelError?: string;
  conflicts: Array<{ level: string; file: string; symbols: string[]; with: string }>;
}

/** Claude Code's transcript file name for a session started in `cwd` (every non-alphanumeric char becomes '-'). */
export function defaultTranscriptPath(claudeDir: string, cwd: string, sessionId: string): string {
  return join(claudeDir, 'projects', cwd.replace(/[^A-Za-z0-9]/g, '-'), `${sessionId}.jsonl`);
}

/**
 * The session's transcript, only if it is one of Claude Code's own transcript files: a path from
 * meta.json is data read back from disk, and whatever it names is read and may be sent to a model.
 */
export function transcriptOf(claudeDir: string, sessionId: string, meta: SessionMeta | undefined, live: LiveSession | undefined): string | undefined {
  const base = resolve(claudeDir, 'projects') + sep;
  const candidates = [meta?.transcriptPath, live ? defaultTranscriptPath(claudeDir, live.cwd, sessionId) : undefined];
  for (const c of candidates) {
    if (!c) continue;
    const p = resolve(c);
    if (p.startsWith(base) && p.endsWith('.jsonl') && p === c) return p;
  }
  return undefined;
}

let summaries: SessionSummaries | undefined;
let activeWatcher: LiveTranscriptWatcher | undefined;
let logTo: ((text: string) => void) | undefined;

/**
 * The catch-up worker script: dist/summary-worker.mjs beside the bundled server, or the transpiled
 * catch-up-worker.js beside this module in the test tree. Undefined when neither is there.
 */
export function summaryWorkerScript(): string | undefined {
  for (const rel of ['./summary-worker.mjs', '../summarizer/catch-up-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** The process-wide summariser (created on first use). */
export function sessionSummaries(): SessionSummaries {
  if (summaries) return summaries;
  const log = (t: string) => logTo?.(t);
  const inProcess = new InProcessWork({ now: Date.now, log });
  const script = summaryWorkerScript();
  const work: TranscriptWork = script ? new WorkerProcessWork({ script, fallback: inProcess, log }) : inProcess;
  if (!script) log('summary worker not found: transcripts are read in the server process');
  return (summaries = new SessionSummaries({ log, work }));
}

/**
 * Stops generations in flight and forgets the summariser, so that a server started later in the
 * same process (tests run several) gets a fresh one instead of one that answers "closed".
 */
async function closeSessionSummaries(): Promise<void> {
  const s = summaries;
  summaries = undefined;
  await s?.close();
}

/** The model generator config and environment allow, or undefined (offline summaries only). */
export function modelGenerator(ctx: SyncContext, worktree: string, env: NodeJS.ProcessEnv): { generator?: SummaryGenerator; model: string } {
  const { config } = loadConfig(ctx.root, worktree);
  const model = config.summarizer.model;
  if (config.summarizer.mode === 'offline') return { model };
  const bin = findClaudeCli(env);
  if (!bin) return { model };
  const cwd = join(ctx.root, 'summarizer');
  ensureDir(cwd);
  return { generator: claudeGenerator({ bin, model, cwd, env }), model };
}

export async function sessionContext(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  id: string,
  label: string,
): Promise<SessionContext> {
  logTo ??= (t) => ctx.log('summary', t);
  // Sessions come and go: a tool call is a good moment to re-check what the watcher follows.
  activeWatcher?.refresh();
  const meta = store.readMeta(id);
  const edits = store.allEdits(id).sort((a, b) => a.ts - b.ts);
  // Absolute, so the summariser relativises them against the session's cwd like transcript paths.
  const editedFiles = [...new Set(edits.map((e) => join(e.worktree, e.file)))];
  const { generator, model } = modelGenerator(ctx, meta?.worktree ?? project.worktree, ctx.env);
  const served = await sessionSummaries().summarize({
    dir: store.dir(id),
    transcriptPath: transcriptOf(ctx.claudeDir, id, meta, ctx.live().get(id)),
    editedFiles,
    fallbackTask: meta?.task,
    generator,
    model,
  });
  const conflicts = groupFindings(currentFindings(ctx, store, project, id))
    .filter((f) => f.level !== 'notice')
    .map((f) => ({ level: f.level, file: peerLine(f.file, 300), symbols: peerLines(f.symbols, 20, 120), with: f.peer.label }));
  // Everything below comes from the session's own transcript (its model's words, its user's
  // prompts) or its own summary.json: text the peer chose. One plain line per item, each capped.
  const s = served.summary;
  const out: SessionContext = {
    sessionId: id,
    label,
    task: peerLine(s.task, SUMMARY_CAPS.line) || 'unknown',
    changedFiles: peerLines(s.changedFiles, SUMMARY_CAPS.files, 200),
    decisions: peerLines(s.decisions, SUMMARY_CAPS.items, SUMMARY_CAPS.line),
    currentState: peerLine(s.currentState, SUMMARY_CAPS.text) || 'unknown',
    blockers: peerLines(s.blockers, SUMMARY_CAPS.items, SUMMARY_CAPS.line),
    impactOnOtherSessions: peerLine(s.impactOnOtherSessions, SUMMARY_CAPS.text) || 'unknown',
    updatedAt: isoTime(served.updatedAt),
    stale: served.stale,
    source: served.source,
    modelPending: served.modelPending,
    conflicts,
  };
  if (served.modelError) out.modelError = served.modelError;
  return out;
}

/** The transcripts of the project's live sessions (what the watcher follows). */
export function liveTranscripts(ctx: SyncContext, store: ProjectStore, project: Project): string[] {
  const out: string[] = [];
  for (const s of projectSessions(ctx, project)) {
    let meta: SessionMeta | undefined;
    try {
      meta = store.readMeta(s.sessionId);
    } catch {
      meta = undefined;
    }
    const path = transcriptOf(ctx.claudeDir, s.sessionId, meta, s);
    if (path) out.push(path);
  }
  return out;
}

/**
 * Start the watcher that marks summaries stale, for the MCP server. `caller` resolves the server's
 * project afresh at each re-evaluation (the session behind the server changes on /clear).
 * The returned close() also stops model generations in flight.
 */
export function startSummaryWatcher(caller: () => { ctx: SyncContext; store: ProjectStore; project: Project }): { close(): Promise<void> } {
  let registryDir: string;
  let log: (t: string) => void;
  try {
    const { ctx } = caller();
    registryDir = join(ctx.claudeDir, 'sessions');
    log = (t) => ctx.log('summary', t);
  } catch {
    return { close: closeSessionSummaries };
  }
  const watcher = new LiveTranscriptWatcher({
    registryDir,
    transcripts: () => {
      const { ctx, store, project } = caller();
      return liveTranscripts(ctx, store, project);
    },
    onChange: (path) => sessionSummaries().markStale(path),
    log,
  });
  watcher.start();
  activeWatcher = watcher;
  return {
    close: async () => {
      if (activeWatcher === watcher) activeWatcher = undefined;
      await watcher.close();
      await closeSessionSummaries();
    },
  };
}
