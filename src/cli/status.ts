import { groupFindings } from '../core/conflicts.js';
import { isoTime, peerLine, peerLines } from '../core/peer-text.js';
import { findProject } from '../sessions/project.js';
import { enclosingSession } from '../sessions/caller.js';
import type { LiveSession } from '../sessions/registry.js';
import { filesOf, ProjectStore } from '../store/session-store.js';
import { currentFindings } from '../sync/alerts.js';
import type { SyncContext } from '../sync/context.js';
import { projectSessions } from '../sync/messages.js';
import { peerView } from '../sync/peers.js';
import { subagentsOf } from '../sync/agents.js';
import { liveMachines, remotePeers, remotePeerView } from '../sync/remote-peers.js';
import { loadConfig } from '../config/config.js';
import { machineIdentity, redactUrl, teamSettings } from '../team/identity.js';
import type { Project } from '../sessions/project.js';

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
  /** Team mode: the other machine a session runs on; null for this machine's sessions. */
  machine: string | null;
}

export function projectSessionRows(ctx: SyncContext, cwd: string, allProjects: boolean): StatusRow[] {
  const me = enclosingSessionInfo(ctx)?.sessionId;
  const sessions = allProjects ? [...ctx.live().values()] : projectSessions(ctx, findProject(cwd));
  const rows = sessions.map((s): StatusRow => {
    const project = findProject(s.cwd);
    const store = new ProjectStore(ctx.root, project.key);
    const v = peerView(ctx, store, s.sessionId);
    const conflicts = groupFindings(currentFindings(ctx, store, project, s.sessionId)).filter((f) => f.level !== 'notice').length;
    const edits = store.allEdits(s.sessionId); // read once: its files, and its subagents' files
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
      changedFiles: peerLines(filesOf(edits), 50, 200),
      agents: subagentsOf(edits).map((a) => ({ ...a, files: peerLines(a.files, 50, 200) })),
      conflicts,
      unread: store.unreadIds(s.sessionId).length,
      machine: null,
    };
  });
  if (!allProjects) rows.push(...remoteRows(ctx, findProject(cwd)));
  return rows;
}

/** Team mode: other machines' sessions of this project, as the relay copied them (no network). */
function remoteRows(ctx: SyncContext, project: Project): StatusRow[] {
  return remotePeers(ctx, project.key).map((p) => {
    const v = remotePeerView(p);
    return {
      sessionId: p.id,
      label: v.label,
      you: false,
      project: project.name,
      branch: v.branch ?? null,
      worktree: '',
      status: null,
      startedAt: p.meta?.startedAt ? new Date(p.meta.startedAt).toISOString() : null,
      task: v.task ?? null,
      changedFiles: peerLines(p.store.touchedFiles(p.id), 50, 200),
      agents: [],
      conflicts: 0,
      unread: 0,
      machine: peerLine(p.machine.label, 80),
    };
  });
}

export interface TeamView {
  team: { server: string; name: string } | null;
  machine: { id: string; label: string };
  machines: Array<{ id: string; label: string; seenAt: string; sessions: Array<{ sessionId: string; label: string; branch: string | null; task: string | null; files: string[] }> }>;
}

/** `context-sync team`: the machines of this project and their sessions, as this machine knows them. */
export function teamView(ctx: SyncContext, env: NodeJS.ProcessEnv, cwd: string): TeamView {
  const project = findProject(cwd);
  const { config } = loadConfig(ctx.root, project.worktree);
  const s = teamSettings(env, config.team);
  const peers = remotePeers(ctx, project.key);
  return {
    team: s ? { server: redactUrl(s.url), name: s.name } : null,
    machine: machineIdentity(ctx.root),
    machines: liveMachines(ctx, project.key).map((m) => ({
      id: m.machine,
      label: m.label,
      seenAt: new Date(m.seenAt).toISOString(),
      sessions: peers
        .filter((p) => p.machine.id === m.machine)
        .map((p) => ({ sessionId: p.id, label: remotePeerView(p).label, branch: p.meta?.branch ?? null, task: p.meta?.task ?? null, files: p.store.touchedFiles(p.id) })),
    })),
  };
}
