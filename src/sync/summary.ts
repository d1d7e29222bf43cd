// A session's structured summary. Until transcript-based summaries are wired, it is built from what
// the hooks recorded: the user's requests and the real edits.
import { groupFindings } from '../core/conflicts.js';
import type { Project } from '../sessions/project.js';
import type { ProjectStore } from '../store/session-store.js';
import { currentFindings } from './alerts.js';
import type { SyncContext } from './context.js';

export interface SessionContext {
  sessionId: string;
  label: string;
  task: string;
  changedFiles: string[];
  decisions: string[];
  currentState: string;
  blockers: string[];
  impactOnOtherSessions: string;
  updatedAt: string;
  stale: boolean;
  source: 'records' | 'offline' | 'model';
  conflicts: Array<{ level: string; file: string; symbols: string[]; with: string }>;
}

export function sessionContext(ctx: SyncContext, store: ProjectStore, project: Project, id: string, label: string): SessionContext {
  const meta = store.readMeta(id);
  const edits = store.allEdits(id);
  const files = [...new Set(edits.map((e) => e.file))].sort();
  const last = edits.reduce((t, e) => Math.max(t, e.ts), meta?.startedAt ?? 0);
  const conflicts = groupFindings(currentFindings(ctx, store, project, id))
    .filter((f) => f.level !== 'notice')
    .map((f) => ({ level: f.level, file: f.file, symbols: f.symbols, with: f.peer.label }));
  return {
    sessionId: id,
    label,
    task: meta?.task ?? 'unknown (no request recorded yet)',
    changedFiles: files,
    decisions: [],
    currentState: meta?.lastPrompt && meta.lastPrompt !== meta.task ? `latest request: ${meta.lastPrompt}` : files.length ? `has edited ${files.length} file(s)` : 'no edits yet',
    blockers: [],
    impactOnOtherSessions: files.length ? `uncommitted edits in ${files.slice(0, 8).join(', ')}${files.length > 8 ? ', …' : ''}` : 'none recorded',
    updatedAt: new Date(last || ctx.now()).toISOString(),
    stale: false,
    source: 'records',
    conflicts,
  };
}
