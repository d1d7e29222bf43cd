// What one delivery shows a session's model, decided from a snapshot of the store: the findings its
// main thread (or one agent) has not been told, and its unread messages. No disk, clock or process
// table here: `deliverPending` (inbox.ts) reads the snapshot and carries the decision out.
import { groupFindings, type Finding } from '../core/conflicts.js';
import { cutBytes } from '../core/peer-text.js';
import type { Message } from '../core/records.js';
import { renderFindings, renderFindingsForUser, renderMessages } from '../core/render.js';
import { MAIN } from './agents.js';
import type { HookAnswer } from './hook-protocol.js';

/** How many messages one delivery shows; the rest wait in the inbox for the next one (or get_messages). */
const MAX_DELIVERED_MESSAGES = 5;
/** The characters the messages of one delivery may take together. */
const MAX_DELIVERED_CHARS = 8000;
/** What one message may take of the context a hook injects; the rest is a get_messages call away. */
const MAX_INJECTED_CHARS = 6000;

/** The store as one delivery found it. */
export interface DeliverySnapshot {
  /** Who is delivered to: the main thread (`MAIN`) or one subagent of the session. */
  agent: string;
  /**
   * Findings decided for it, each under the key it is told under, told or not; merge risks not told
   * yet already refined by a trial merge (the slow part, done while reading).
   */
  findings: readonly Finding[];
  /** Whether the model was told under a key (a query: told keys are stored by hash). */
  told: (key: string) => boolean;
  /** False when the caller lists the messages itself (the sync-inbox command): they are not injected too. */
  mail: boolean;
  /** Readable unread messages, as they may be shown (`asPeerText`), oldest first. */
  unread: readonly Message[];
  /** Inbox files that cannot be read: they never will be, so they are set aside. */
  unreadable: readonly string[];
  /** How the model names this plugin's tools, for the texts. */
  toolPrefix: string;
}

export interface DeliveryDecision {
  /** Findings to claim under their keys, in order; only those whose claim wins are shown. */
  tell: Finding[];
  /** Unreadable inbox files to move out of the inbox. */
  setAside: string[];
  /** Messages to claim, in order, as they are shown (cut to fit); only those whose claim wins are shown. */
  deliver: Message[];
  /** Unread messages this delivery leaves in the inbox (too many, or too long, to go with the others). */
  waiting: number;
  /** What the model and the person see if every claim wins. */
  answer: HookAnswer;
}

/** Messages are between sessions: a subagent never takes its session's mail. */
export const takesMail = (s: Pick<DeliverySnapshot, 'agent' | 'mail'>): boolean => s.mail && s.agent === MAIN;

/**
 * The unread messages one delivery shows, as shown: each cut to what a hook may inject, then as
 * many as fit, oldest first. The rest stay unread.
 */
export function messagesToDeliver(unread: readonly Message[], toolPrefix: string): Message[] {
  const shown = unread.map((m) => ({ ...m, text: cutBytes(m.text, MAX_INJECTED_CHARS, ` [... cut here: ${toolPrefix}get_messages has the whole text]`) }));
  const fits = new Set(renderMessages(shown, MAX_DELIVERED_MESSAGES, MAX_DELIVERED_CHARS, toolPrefix).delivered);
  return shown.filter((m) => fits.has(m.id));
}

/** The messages' block for the model, for those actually claimed, saying how many more wait. */
export const renderDelivered = (claimed: readonly Message[], waiting: number, toolPrefix: string) =>
  renderMessages(claimed, MAX_DELIVERED_MESSAGES, MAX_DELIVERED_CHARS, toolPrefix, waiting);

/** What the model and the person are shown for the findings told and the messages claimed. */
export function deliveryAnswer(told: readonly Finding[], claimed: readonly Message[], waiting: number, toolPrefix: string): HookAnswer {
  const findings = groupFindings(told);
  const mail = renderDelivered(claimed, waiting, toolPrefix);
  const parts = [renderFindings(findings, toolPrefix), mail.text].filter(Boolean);
  if (parts.length === 0) return {};
  const user = [renderFindingsForUser(findings), mail.delivered.length ? `context-sync: ${mail.delivered.length} message(s) from other sessions` : '']
    .filter(Boolean)
    .join('; ');
  return { additionalContext: parts.join('\n\n'), systemMessage: user || undefined };
}

/** A delivery at a prompt, or after a tool call when a peer woke the session: each finding and each message shown once. */
export function decideDelivery(s: DeliverySnapshot): DeliveryDecision {
  const keys = new Set<string>();
  // One claim per key: a second finding under a key already taken would lose its claim anyway.
  const tell = s.findings.filter((f) => !s.told(f.key) && !keys.has(f.key) && keys.add(f.key));
  const mail = takesMail(s);
  const deliver = mail ? messagesToDeliver(s.unread, s.toolPrefix) : [];
  const waiting = mail ? s.unread.length - deliver.length : 0;
  return { tell, setAside: mail ? [...s.unreadable] : [], deliver, waiting, answer: deliveryAnswer(tell, deliver, waiting, s.toolPrefix) };
}
