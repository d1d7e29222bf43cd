import { groupFindings } from '../core/conflicts.js';
import { isoTime, peerLine, peerLines } from '../core/peer-text.js';
import { findProject } from '../sessions/project.js';
import { enclosingSession } from '../sessions/caller.js';
import type { LiveSession } from '../sessions/registry.js';
import { ProjectStore } from '../store/session-store.js';
import { currentFindings } from '../sync/alerts.js';
import type { SyncContext } from '../sync/context.js';
import { projectSessions } from '../sync/messages.js';
import { peerView } from '../sync/peers.js';
import { subagentsOf } from '../sync/agents.js';

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
  /** Subagents of the session that edited, each with its files. */
  agents: Array<{ agentId: string; type: string | null; label: string; files: string[] }>;
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
    const conflicts = groupFindings(currentFindings(ctx, store, project, s.sessionId)).filter((f) => f.level !== 'notice').length;
    return {
      sessionId: s.sessionId,
      label: v.label,
      you: s.sessionId === me,
      project: project.name,
      branch: v.branch ?? (peerLine(project.branch, 48) || null),
      worktree: project.worktree,
      status: peerLine(s.status, 20) || null,
      startedAt: s.startedAt ? isoTime(s.startedAt) : null,
      task: v.task ?? null,
      changedFiles: peerLines(store.touchedFiles(s.sessionId), 50, 200),
      agents: subagentsOf(s.sessionId, store.allEdits(s.sessionId)).map((a) => ({ ...a, files: peerLines(a.files, 50, 200) })),
      conflicts,
      unread: store.unreadIds(s.sessionId).length,
    };
  });
}
