// What a session's main thread is owed: new conflicts and unread messages, each delivered once.
import { findProject } from '../sessions/project.js';
import type { SyncContext } from './context.js';
import { newFindings } from './alerts.js';
import { renderFindings, renderFindingsForUser, type InjectedMessages } from '../core/render.js';
import type { ProjectStore } from '../store/session-store.js';
import { takeUnread } from './messages.js';
import { claudePid, ensureMeta, projectStore, type HookSession } from './session.js';
import type { HookAnswer } from './hook-protocol.js';
import { agentsPending, clearAgentWake, clearWake, wakeSession } from './wake.js';
import { MAIN } from './agents.js';
import type { SessionMeta } from '../core/records.js';

const noMail: InjectedMessages = { text: '', delivered: [], remaining: 0 };

/**
 * The findings above are already claimed as told: whatever goes wrong with the mail must not take
 * them down with it. Messages are claimed only once rendered, so a failure here leaves them unread.
 */
function unreadOrNothing(ctx: SyncContext, store: ProjectStore, me: string): InjectedMessages {
  try {
    return takeUnread(ctx, store, me);
  } catch (e) {
    ctx.log('deliver', `messages not delivered this time: ${(e as Error).name}: ${(e as Error).message}`);
    return noMail;
  }
}

export async function deliverPending(
  ctx: SyncContext,
  s: HookSession,
  metaPatch?: (m: SessionMeta | undefined) => Partial<SessionMeta>,
  opts: { messages?: boolean; agent?: string } = {},
): Promise<HookAnswer> {
  const project = findProject(s.cwd);
  const store = projectStore(ctx, project);
  const pid = claudePid(ctx, s.sessionId);
  const agent = opts.agent ?? MAIN;
  // Cleared before reading: a peer that writes after this point sets the marker again. The process
  // marker is the main thread's; it stays while a subagent of the process is still owed something.
  if (agent === MAIN) {
    clearWake(ctx, pid);
    if (agentsPending(ctx, pid)) wakeSession(ctx, s.sessionId, pid);
  } else clearAgentWake(ctx, pid, agent);
  ensureMeta(ctx, store, project, s, metaPatch);
  const findings = await newFindings(ctx, store, project, s.sessionId, agent);
  // Messages are between sessions: a subagent never takes its session's mail.
  const mail = opts.messages === false || agent !== MAIN ? noMail : unreadOrNothing(ctx, store, s.sessionId);
  const parts = [renderFindings(findings, ctx.toolPrefix), mail.text].filter(Boolean);
  if (parts.length === 0) return {};
  const user = [renderFindingsForUser(findings), mail.delivered.length ? `context-sync: ${mail.delivered.length} message(s) from other sessions` : '']
    .filter(Boolean)
    .join('; ');
  return { additionalContext: parts.join('\n\n'), systemMessage: user || undefined };
}
