import { relative, sep } from 'node:path';
import type { SessionMeta } from '../core/records.js';
import { findProject, type Project } from '../sessions/project.js';
import { processStart } from '../sessions/registry.js';
import { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';

export interface HookSession {
  sessionId: string;
  cwd: string;
  transcriptPath?: string;
}

/** The Claude Code process of this session: CLAUDE_PID in the caller's env, else the registry. */
export function claudePid(ctx: SyncContext, sessionId: string): number | undefined {
  return ctx.claudePid ?? ctx.live().get(sessionId)?.pid;
}

/** Make sure this session's meta.json exists in the project's store (written by the session itself). */
export function ensureMeta(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  s: HookSession,
  update: Partial<SessionMeta> | ((existing: SessionMeta | undefined) => Partial<SessionMeta>) = {},
): SessionMeta {
  const existing = store.readMeta(s.sessionId);
  const patch = typeof update === 'function' ? update(existing) : update;
  if (existing && Object.keys(patch).length === 0 && existing.branch === project.branch) return existing;
  const pid = existing?.pid ?? claudePid(ctx, s.sessionId);
  const meta: SessionMeta = {
    v: 1,
    sessionId: s.sessionId,
    cwd: existing?.cwd ?? s.cwd,
    worktree: project.worktree,
    branch: project.branch,
    pid,
    procStart: existing?.procStart ?? (pid ? processStart(pid) : undefined),
    transcriptPath: s.transcriptPath ?? existing?.transcriptPath,
    startedAt: existing?.startedAt ?? ctx.now(),
    task: existing?.task,
    lastPrompt: existing?.lastPrompt,
    ...patch,
  };
  store.writeMeta(meta);
  return meta;
}

export function projectStore(ctx: SyncContext, project: Project): ProjectStore {
  return new ProjectStore(ctx.root, project.key);
}

/** Path of a file relative to its worktree top, '/'-separated (the same string in every worktree). */
export function relPath(project: Project, file: string): string {
  return relative(project.worktree, file).split(sep).join('/');
}
