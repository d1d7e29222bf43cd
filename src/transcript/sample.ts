// A sample of a session for a model summariser: what the user first asked (head), user messages
// evenly spaced over the middle, and the recent exchanges (tail), each marked with its position,
// under a character budget (about 4 characters per token).
import { viewDigest } from './digest.js';
import type { Digest, DigestView, TextItem } from './digest-types.js';
import { clip, oneLine, pathInSession } from './records.js';

/** Shares of the budget; what a section leaves unused goes to the tail. */
const SHARES = { facts: 0.15, head: 0.2, middle: 0.25 } as const;
const MIN_ITEM_CHARS = 80;

function facts(v: DigestView): string {
  const c = v.counts;
  const lines = [
    `Session${v.sessionId ? ` ${v.sessionId}` : ''}${v.cwd ? ` in ${v.cwd}` : ''}${v.gitBranch ? ` (branch ${v.gitBranch})` : ''}` +
      `${v.firstTimestamp ? `, ${v.firstTimestamp} to ${v.lastTimestamp}` : ''}.`,
    `${c.userMessages} user messages, ${c.assistantMessages} assistant messages, ${c.toolCalls} tool calls` +
      `${c.toolErrors ? ` (${c.toolErrors} failed)` : ''}` +
      `${c.subagentRecords ? `, subagent activity: ${c.subagentRecords} records` : ''}.`,
  ];
  if (v.filesEdited.length > 0) {
    lines.push(`Files edited: ${v.filesEdited.map((f) => pathInSession(v.cwd, f.path) + (f.count > 1 ? ` (${f.count}x)` : '')).join(', ')}.`);
  }
  if (v.commands.length > 0) lines.push(`Recent commands: ${v.commands.slice(-8).map((t) => t.text).join(' | ')}`);
  return lines.join('\n');
}

/** Render items under `budget`: give each an equal share, dropping items (per `drop`) until shares are usable. */
function renderItems(
  items: TextItem[],
  budget: number,
  label: (t: TextItem) => string,
  drop: (items: TextItem[]) => TextItem[],
): string[] {
  let kept = items;
  while (kept.length > 0) {
    const per = Math.floor(budget / kept.length);
    if (per >= MIN_ITEM_CHARS || kept.length === 1) {
      if (per <= 0) return [];
      return kept.map((t) => {
        const head = `${label(t)} `;
        return clip(head + oneLine(t.text), Math.max(0, per - 1));
      });
    }
    kept = drop(kept);
  }
  return [];
}

/** Keep every other item, always keeping the first and last: the spacing stays even. */
function thinEvenly(items: TextItem[]): TextItem[] {
  if (items.length <= 2) return items.slice(0, items.length - 1);
  return items.filter((_, i) => i % 2 === 0 || i === items.length - 1);
}

function section(title: string, lines: string[]): string {
  return lines.length === 0 ? '' : `## ${title}\n${lines.join('\n')}\n`;
}

export function sampleForPrompt(digest: Digest, budgetChars: number): string {
  const budget = Math.max(0, Math.floor(budgetChars));
  const v = viewDigest(digest);
  const total = v.counts.userMessages;
  const userLabel = (t: TextItem) => `[user ${t.ordinal} of ${total}]`;

  const factsText = clip(facts(v), Math.floor(budget * SHARES.facts)) + '\n';
  let used = factsText.length;

  const head = v.firstUserRequests;
  const headLines = renderItems(head, Math.floor(budget * SHARES.head) - 24, userLabel, (xs) => xs.slice(0, -1));
  const headText = section('First requests', headLines);
  used += headText.length;

  // Tail: the latest user requests, assistant statements and errors, in session order.
  const tailItems: Array<TextItem & { kind: 'user' | 'assistant' | 'error' }> = [
    ...v.latestUserRequests.map((t) => ({ ...t, kind: 'user' as const })),
    ...v.assistantStatements.slice(-8).map((t) => ({ ...t, kind: 'assistant' as const })),
    ...v.errors.map((t) => ({ ...t, kind: 'error' as const })),
  ]
    .filter((t) => t.kind !== 'user' || !head.some((h) => h.seq === t.seq))
    .sort((a, b) => a.seq - b.seq);
  const shownUser = new Set([...head, ...tailItems.filter((t) => t.kind === 'user')].map((t) => t.seq));
  const middle = v.userSample.filter((t) => !shownUser.has(t.seq));
  const middleLines = renderItems(middle, Math.floor(budget * SHARES.middle) - 40, userLabel, thinEvenly);
  const middleText = section('Middle (evenly spaced user messages)', middleLines);
  used += middleText.length;

  const kindOf = new Map(tailItems.map((t) => [t.seq, t.kind]));
  const tailLabel = (t: TextItem) => {
    const kind = kindOf.get(t.seq);
    if (kind === 'user') return userLabel(t);
    return kind === 'error' ? `[error after user ${t.ordinal}]` : `[assistant after user ${t.ordinal}]`;
  };
  const tailLines = renderItems(tailItems, budget - used - 30, tailLabel, (xs) => xs.slice(1));
  const tailText = section('Recent exchanges (oldest first)', tailLines);

  // The shares are computed so this fits; the clip only guards the budget against rounding.
  return clip([factsText, headText, middleText, tailText].filter(Boolean).join('\n'), budget);
}
