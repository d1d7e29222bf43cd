// What a session's main thread is owed: new conflicts and unread messages, each delivered once.
// Read a snapshot, decide (delivery.ts, pure), then claim and show only what was claimed.
import { findProject } from '../sessions/project.js';
import type { SyncContext } from './context.js';
import { deliverableFindings } from './alerts.js';
import type { Message, SessionMeta } from '../core/records.js';
import type { ProjectStore } from '../store/session-store.js';
import { claimMessages, readInbox, setAsideUnreadable } from './messages.js';
import { claudePid, ensureMeta, projectStore, type HookSession } from './session.js';
import type { HookAnswer } from './hook-protocol.js';
import { agentsPending, clearAgentWake, clearWake, wakeSession } from './wake.js';
import { MAIN } from './agents.js';
import { decideDelivery, deliveryAnswer, takesMail, type DeliveryDecision, type DeliverySnapshot } from './delivery.js';

/** Whatever goes wrong with the mail must not take the findings down with it. */
function failedMail(ctx: SyncContext, e: unknown): void {
  ctx.log('deliver', `messages not delivered this time: ${(e as Error).name}: ${(e as Error).message}`);
}

/** The session's unread mail for the snapshot; an inbox that cannot be read leaves it for the next delivery. */
function inboxOrNothing(ctx: SyncContext, store: ProjectStore, me: string): Pick<DeliverySnapshot, 'unread' | 'unreadable'> {
  try {
    return readInbox(store, me);
  } catch (e) {
    failedMail(ctx, e);
    return { unread: [], unreadable: [] };
  }
}

/**
 * A delivery at a prompt (UserPromptSubmit), or after a tool call when a peer woke the session:
 * findings the main thread (or `opts.agent`) was not told, and, for the main thread, unread messages.
 */
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
  // Each told key is read once, for the read and the decision alike; the claims are what guard against a race.
  const toldKeys = new Map<string, boolean>();
  const told = (key: string) => toldKeys.get(key) ?? toldKeys.set(key, store.wasTold(s.sessionId, key)).get(key)!;
  // The slow part (trial merges) happens here, before anything is claimed.
  const findings = await deliverableFindings(ctx, store, project, s.sessionId, agent, told);
  const mail = opts.messages !== false;
  const snapshot: DeliverySnapshot = {
    agent,
    findings,
    told,
    mail,
    ...(takesMail({ agent, mail }) ? inboxOrNothing(ctx, store, s.sessionId) : { unread: [], unreadable: [] }),
    toolPrefix: ctx.toolPrefix,
  };
  return carryOut(ctx, store, s.sessionId, decideDelivery(snapshot));
}

/**
 * Claims the findings, then the messages, and shows what this hook claimed: another hook of the
 * session may have won some. Messages are claimed only once rendered, so a mail failure leaves
 * them unread (or, claimed before it, in read/ for get_messages) and the findings still shown.
 */
function carryOut(ctx: SyncContext, store: ProjectStore, me: string, d: DeliveryDecision): HookAnswer {
  const told = d.tell.filter((f) => store.claimTold(me, f.key));
  let claimed: Message[] = [];
  try {
    setAsideUnreadable(ctx, store, me, d.setAside);
    claimed = claimMessages(store, me, d.deliver);
  } catch (e) {
    failedMail(ctx, e);
  }
  if (told.length === d.tell.length && claimed.length === d.deliver.length) return d.answer;
  return deliveryAnswer(told, claimed, d.waiting, ctx.toolPrefix);
}
