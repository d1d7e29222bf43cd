// Session start and end: adopt records across /clear, clean up after ourselves, greet with peers.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { listDir, ownFolder, readText, realFolders, unlinkQuiet, writeFileAtomic } from '../store/fsx.js';
import { isSessionId, shortId } from '../core/ids.js';
import { ProjectStore } from '../store/session-store.js';
import { sweepStaleMarker } from './module-marker.js';
import { findProject } from '../sessions/project.js';
import type { SyncContext } from './context.js';
import type { HookAnswer } from './hook-protocol.js';
import { projectSessions } from './messages.js';
import { peerView, retireDeadSessions, retireSession } from './peers.js';
import { claudePid, ensureMeta, projectStore, type HookSession } from './session.js';
import { clearWake } from './wake.js';
import { expireUndelivered } from './undelivered.js';
import { loadConfig } from '../config/config.js';
import { truncate } from '../core/render.js';

const handoverFile = (ctx: SyncContext, pid: number) => join(ctx.root, 'handover', String(pid));

/** Every project store that holds records of this session. */
function storesOf(ctx: SyncContext, sessionId: string): ProjectStore[] {
  const out: ProjectStore[] = [];
  for (const key of listDir(join(ctx.root, 'projects'))) {
    const store = new ProjectStore(ctx.root, key);
    if (existsSync(store.dir(sessionId))) out.push(store);
  }
  return out;
}

export function sessionStarted(ctx: SyncContext, s: HookSession & { source?: string }): HookAnswer {
  const project = findProject(s.cwd);
  const store = projectStore(ctx, project);
  const pid = claudePid(ctx, s.sessionId);
  if (s.source === 'clear' && pid) adoptAfterClear(ctx, pid, s.sessionId);
  sweepStaleMarker(ctx, pid);
  ensureMeta(ctx, store, project, s);
  retireDeadSessions(ctx, store, s.sessionId); // those that died without SessionEnd
  // Mail of ended sessions expires here too: retention must not wait for someone to run gc.
  expireUndelivered(ctx, project.key, loadConfig(ctx.root).config.messages.retentionHours * 3600_000);
  const others = projectSessions(ctx, project).filter((o) => o.sessionId !== s.sessionId);
  if (others.length === 0) return {};
  const lines = others.slice(0, 8).map((o) => {
    const v = peerView(ctx, store, o.sessionId);
    return `- ${v.label}${v.task ? `: ${truncate(v.task, 100)}` : ''}`;
  });
  return {
    additionalContext: [
      `[context-sync] ${others.length} other Claude Code session(s) work in this repository right now:`,
      ...lines,
      `You will be told if you edit the same code. ${ctx.toolPrefix}list_sessions and get_session_context show what they do; send_message reaches them.`,
    ].join('\n'),
  };
}

/** /clear gives the same process a new session id: the uncommitted work is still there, so are its records. */
function adoptAfterClear(ctx: SyncContext, pid: number, newId: string): void {
  if (!realFolders(ctx.root, join(ctx.root, 'handover'))) return; // absent, or a planted link: nothing of ours
  const oldId = readText(handoverFile(ctx, pid))?.trim();
  unlinkQuiet(handoverFile(ctx, pid));
  if (!oldId || !isSessionId(oldId) || oldId === newId) return;
  for (const store of storesOf(ctx, oldId)) {
    if (existsSync(store.dir(newId)) || !realFolders(ctx.root, store.dir(oldId))) continue;
    try {
      renameSync(store.dir(oldId), store.dir(newId));
      const meta = store.readMeta(newId);
      if (meta) store.writeMeta({ ...meta, sessionId: newId });
      ctx.log('clear', `records of ${shortId(oldId)} carried over to ${shortId(newId)}`);
    } catch (e) {
      ctx.log('clear', `could not carry over ${shortId(oldId)}: ${(e as Error).message}`);
    }
  }
}

export function sessionEnded(ctx: SyncContext, s: HookSession & { reason?: string }): HookAnswer {
  const pid = claudePid(ctx, s.sessionId);
  if (s.reason === 'clear' && pid) {
    ownFolder(ctx.root, join(ctx.root, 'handover'));
    writeFileAtomic(handoverFile(ctx, pid), s.sessionId);
    return {};
  }
  for (const store of storesOf(ctx, s.sessionId)) retireSession(ctx, store, s.sessionId);
  clearWake(ctx, pid);
  return {};
}
