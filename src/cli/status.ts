import { groupFindings } from '../core/conflicts.js';
import { findProject } from '../sessions/project.js';
import { enclosingSession } from '../sessions/caller.js';
import type { LiveSession } from '../sessions/registry.js';
import { ProjectStore } from '../store/session-store.js';
import { currentFindings } from '../sync/alerts.js';
import type { SyncContext } from '../sync/context.js';
import { projectSessions } from '../sync/messages.js';
import { peerView } from '../sync/peers.js';

export function enclosingSessionInfo(ctx: SyncContext): LiveSession | undefined {
  return enclosingSession(ctx.claudeDir);
}

/** The stable `--json` shape of `status` (documented in the README). */
export interface StatusRow {
  sessionId: string;
  label: string;
  you: boolean;
  project: string;
  branch: string | null;
  worktree: string;
  status: string | null;
  startedAt: string | null;
  task: string | null;
  changedFiles: string[];
  conflicts: number;
  unread: number;
}

export function projectSessionRows(ctx: SyncContext, cwd: string, allProjects: boolean): StatusRow[] {
  const me = enclosingSessionInfo(ctx)?.sessionId;
  const sessions = allProjects ? [...ctx.live().values()] : projectSessions(ctx, findProject(cwd));
  return sessions.map((s) => {
    const project = findProject(s.cwd);
    const store = new ProjectStore(ctx.root, project.key);
    const v = peerView(ctx, store, s.sessionId);
    const meta = store.readMeta(s.sessionId);
    const conflicts = groupFindings(currentFindings(ctx, store, project, s.sessionId)).filter((f) => f.level !== 'notice').length;
    return {
      sessionId: s.sessionId,
      label: v.label,
      you: s.sessionId === me,
      project: project.name,
      branch: meta?.branch ?? project.branch ?? null,
      worktree: project.worktree,
      status: s.status ?? null,
      startedAt: s.startedAt ? new Date(s.startedAt).toISOString() : null,
      task: v.task ?? null,
      changedFiles: store.touchedFiles(s.sessionId),
      conflicts,
      unread: store.unreadIds(s.sessionId).length,
    };
  });
}
