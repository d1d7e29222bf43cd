// Messages between sessions: one file per message in the recipient's inbox, written once by the
// sender; delivery claims it by renaming it to read/, so it reaches the model exactly once.
import { randomHex } from '../core/hash.js';
import type { Message } from '../core/records.js';
import type { InjectedMessages } from '../core/render.js';
import { loadConfig } from '../config/config.js';
import { findProject, type Project } from '../sessions/project.js';
import type { LiveSession } from '../sessions/registry.js';
import { isMessageId, shortId } from '../core/ids.js';
import { MAX_LABEL_CHARS, cutBytes, framedText, peerLine } from '../core/peer-text.js';
import type { ProjectStore } from '../store/session-store.js';
import type { SyncContext } from './context.js';
import { peerView } from './peers.js';
import { remotePeers, remotePeerView, type RemotePeer } from './remote-peers.js';
import { wakeSession } from './wake.js';
import { messagesToDeliver, renderDelivered } from './delivery.js';

export class UserFacingError extends Error {}

/** The largest message any config allows (schema maximum): a file in an inbox may be forged, so caps hold on reading too. */
const MAX_MESSAGE_BYTES = 65536;

/**
 * A message as it may be shown: the sender wrote the file, so a compromised peer controls every
 * field. Its text cannot close the frame it is shown in, its label and task are one short plain
 * line, a reply reference is shown only if it is a message id, and its size is capped whatever
 * the sender's config said.
 */
export function asPeerText(m: Message, maxBytes = MAX_MESSAGE_BYTES): Message {
  const text = framedText(cutBytes(m.text, maxBytes, ' [... cut by context-sync: over the size limit]'));
  const fromTask = m.fromTask ? peerLine(m.fromTask, 200) : '';
  return {
    v: 1,
    id: m.id,
    from: m.from,
    fromLabel: peerLine(m.fromLabel, MAX_LABEL_CHARS) || shortId(m.from),
    ...(fromTask ? { fromTask } : {}),
    to: m.to,
    text,
    sentAt: m.sentAt,
    ...(m.inReplyTo && isMessageId(m.inReplyTo) ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.via === 'cli' ? { via: 'cli' as const } : {}),
  };
}

export function newMessageId(now: number): string {
  return `${now.toString(36).padStart(9, '0')}-${randomHex(12)}`;
}

/** Live Claude Code sessions whose folder belongs to this project (any worktree, any subfolder). */
export function projectSessions(ctx: SyncContext, project: Project): LiveSession[] {
  const out: LiveSession[] = [];
  for (const s of ctx.live().values()) {
    if (findProject(s.cwd).key === project.key) out.push(s);
  }
  return out.sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
}

/** A session a message can go to: a live local one, or (team mode) one of another machine. */
export type Recipient = LiveSession & { remote?: RemotePeer };

/** Sessions of other machines as recipients (team mode; none when it is off). */
function remoteRecipients(ctx: SyncContext, store: ProjectStore): Recipient[] {
  return remotePeers(ctx, store.projectKey).map((p) => ({ pid: 0, sessionId: p.id, cwd: '', startedAt: p.meta?.startedAt, remote: p }));
}

/** Resolve a target: full id, unique id prefix (6+ chars), session name, or branch / worktree name. */
export function resolveTarget<T extends Recipient>(ctx: SyncContext, store: ProjectStore, candidates: T[], target: string): T {
  const t = target.trim();
  const exact = candidates.find((s) => s.sessionId === t);
  if (exact) return exact;
  const matches = new Map<string, T>();
  if (t.length >= 6) for (const s of candidates) if (s.sessionId.startsWith(t)) matches.set(s.sessionId, s);
  if (matches.size === 0) {
    for (const s of candidates) {
      const meta = (s.remote?.store ?? store).readMeta(s.sessionId);
      const worktreeName = meta?.worktree.split('/').at(-1);
      if (s.name === t || meta?.branch === t || worktreeName === t) matches.set(s.sessionId, s);
    }
  }
  if (matches.size === 1) return [...matches.values()][0]!;
  if (matches.size > 1) {
    throw new UserFacingError(`"${t}" matches ${matches.size} live sessions (${[...matches.keys()].map(shortId).join(', ')}); use a longer id prefix`);
  }
  // Registry names are text someone else chose (see peerView): one plain line each.
  const known = candidates.map((s) => `${shortId(s.sessionId)}${peerLine(s.name, 48) ? ` (${peerLine(s.name, 48)})` : ''}`).join(', ') || 'none';
  throw new UserFacingError(`no live session of this project matches "${t}" (it may have ended). Live sessions: ${known}`);
}

export interface SendResult {
  id: string;
  deliveredTo: Array<{ sessionId: string; label: string }>;
  /** Recipients whose inbox could not take the message (a broadcast goes on to the others). */
  notDelivered: Array<{ sessionId: string; label: string; reason: string }>;
}

export interface SendOptions {
  inReplyTo?: string;
  /** Sent with the context-sync command: it speaks for whoever is at the terminal, not for a session's model. */
  via?: 'cli';
}

/** How a message sent with the context-sync command names its sender, so no reader takes it for a session's model. */
export function cliSenderLabel(sessionLabel: string | undefined): string {
  return sessionLabel ? `${sessionLabel}, typed at its terminal (context-sync send)` : 'a terminal, outside any session (context-sync send)';
}

export function sendMessage(
  ctx: SyncContext,
  store: ProjectStore,
  project: Project,
  from: string,
  text: string,
  target?: string,
  opts: SendOptions = {},
): SendResult {
  const { config } = loadConfig(ctx.root, project.worktree);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (!text.trim()) throw new UserFacingError('the message is empty');
  if (bytes > config.messages.maxBytes) {
    throw new UserFacingError(`the message is ${bytes} bytes; the limit is ${config.messages.maxBytes}. Shorten it, or point to a file.`);
  }
  if (opts.inReplyTo !== undefined && opts.inReplyTo !== '' && !isMessageId(opts.inReplyTo)) {
    throw new UserFacingError('inReplyTo must be the id of a message (as get_messages shows it)');
  }
  const local: Recipient[] = projectSessions(ctx, project).filter((s) => s.sessionId !== from);
  const others = [...local, ...remoteRecipients(ctx, store).filter((r) => !local.some((l) => l.sessionId === r.sessionId))];
  const broadcast = target === undefined || target === '' || target === 'all' || target === '*';
  const recipients = broadcast ? others : [resolveTarget(ctx, store, others, target!)];
  if (recipients.length === 0) throw new UserFacingError('no other live session in this project to send to');
  const slot = store.takeSendSlot(from, () => ctx.now(), config.messages.perMinute);
  if (slot === undefined) {
    throw new UserFacingError(`rate limit: at most ${config.messages.perMinute} messages a minute per session; try again shortly`);
  }
  const now = ctx.now();
  const me = peerView(ctx, store, from);
  const id = newMessageId(now);
  const msg: Message = {
    v: 1,
    id,
    from,
    fromLabel: opts.via === 'cli' ? cliSenderLabel(from === TERMINAL_SENDER ? undefined : me.label) : me.label,
    fromTask: opts.via === 'cli' ? undefined : me.task,
    to: broadcast ? 'all' : recipients[0]!.sessionId,
    text,
    sentAt: now,
    ...(opts.inReplyTo ? { inReplyTo: opts.inReplyTo } : {}),
    ...(opts.via ? { via: opts.via } : {}),
  };
  const deliveredTo: SendResult['deliveredTo'] = [];
  const notDelivered: SendResult['notDelivered'] = [];
  let firstError: unknown;
  // Each recipient on its own: one broken inbox neither stops the others nor hides that they got it.
  for (const r of recipients) {
    if (r.remote) {
      // The relay's copy of the remote session: its inbox is the queue the relay ships from.
      try {
        r.remote.store.deliverToInbox(r.sessionId, msg);
      } catch (e) {
        firstError ??= e;
        const reason = (e as NodeJS.ErrnoException).code ?? 'its queue cannot be written';
        notDelivered.push({ sessionId: r.sessionId, label: remotePeerView(r.remote).label, reason });
        continue;
      }
      deliveredTo.push({ sessionId: r.sessionId, label: remotePeerView(r.remote).label });
      continue;
    }
    const label = peerView(ctx, store, r.sessionId).label;
    try {
      store.deliverToInbox(r.sessionId, msg);
    } catch (e) {
      firstError ??= e;
      const reason = (e as NodeJS.ErrnoException).code ?? 'its inbox cannot be written';
      notDelivered.push({ sessionId: r.sessionId, label, reason });
      ctx.log('send', `message ${id} not delivered to ${shortId(r.sessionId)}: ${reason}`);
      continue;
    }
    wakeSession(ctx, r.sessionId);
    deliveredTo.push({ sessionId: r.sessionId, label });
  }
  if (deliveredTo.length === 0) {
    // Nothing went out: the slot is given back, so a retry is not charged twice.
    store.releaseSendSlot(from, slot);
    // A store that is down (full, read-only) is the caller's usual store-down answer, not a recipient's fault.
    const code = (firstError as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EROFS') throw firstError;
    throw new UserFacingError(`the message could not be delivered to ${notDelivered.map((d) => `${d.label} (${d.reason})`).join(', ')}`);
  }
  ctx.log('send', `message ${id} from ${shortId(from)} to ${deliveredTo.map((d) => shortId(d.sessionId)).join(',')}`);
  return { id, deliveredTo, notDelivered };
}

/** The sender id of messages sent with the context-sync command outside any session. */
export const TERMINAL_SENDER = 'terminal';

/** What a send result says to its sender: who got it, and who could not (no need to send it again to the others). */
export function describeSend(r: SendResult): string {
  const missed = r.notDelivered.length
    ? ` Not delivered to ${r.notDelivered.map((d) => `${d.label} (${d.reason})`).join(', ')}: the others have it, so do not send it again to them.`
    : '';
  return `Message ${r.id} delivered to ${r.deliveredTo.map((d) => d.label).join(', ')}.${missed}`;
}

/** A session's unread messages as they may be shown, oldest first, and the inbox files that cannot be read. */
export function readInbox(store: ProjectStore, me: string): { unread: Message[]; unreadable: string[] } {
  const unread: Message[] = [];
  const unreadable: string[] = [];
  for (const id of store.unreadIds(me)) {
    const m = store.readMessage(me, id, 'inbox');
    if (m) unread.push(asPeerText(m));
    else unreadable.push(id);
  }
  return { unread, unreadable };
}

/**
 * Inbox files are renamed into place whole, so an unreadable one stays unreadable: it is moved out of
 * the inbox rather than retried (and logged) at every delivery.
 */
export function setAsideUnreadable(ctx: SyncContext, store: ProjectStore, me: string, ids: readonly string[]): void {
  for (const id of ids) {
    store.claimMessage(me, id);
    ctx.log('deliver', `set aside unreadable message ${id}`);
  }
}

/** The messages whose claim this hook wins, in order: no other hook of the session shows them. */
export function claimMessages(store: ProjectStore, me: string, msgs: readonly Message[]): Message[] {
  return msgs.filter((m) => store.claimMessage(me, m.id));
}

/** Unread messages for the model, claimed so that no other hook of the session repeats them. */
export function takeUnread(ctx: SyncContext, store: ProjectStore, me: string): InjectedMessages {
  const { unread, unreadable } = readInbox(store, me);
  setAsideUnreadable(ctx, store, me, unreadable);
  if (unread.length === 0) return { text: '', delivered: [], remaining: 0 };
  const planned = messagesToDeliver(unread, ctx.toolPrefix);
  const claimed = claimMessages(store, me, planned);
  return renderDelivered(claimed, unread.length - planned.length, ctx.toolPrefix);
}

export interface ListedMessage extends Message {
  read: boolean;
}

/** A session's messages, newest last; listing them marks them read. */
export function listMessages(store: ProjectStore, me: string, unreadOnly = false): ListedMessage[] {
  const out: ListedMessage[] = [];
  if (!unreadOnly) {
    for (const id of store.readIds(me)) {
      const m = store.readMessage(me, id, 'read');
      if (m) out.push({ ...asPeerText(m), read: true });
    }
  }
  for (const id of store.unreadIds(me)) {
    const m = store.readMessage(me, id, 'inbox');
    if (m && store.claimMessage(me, id)) out.push({ ...asPeerText(m), read: false });
  }
  return out.sort((a, b) => a.sentAt - b.sentAt || a.id.localeCompare(b.id));
}
