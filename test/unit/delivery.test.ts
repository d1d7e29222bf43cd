// The decision of one delivery (a prompt, or a tool call after a peer woke the session), from a
// snapshot alone: no store, no clock, no processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, FindingLevel } from '../../src/core/conflicts.js';
import type { Message } from '../../src/core/records.js';
import { MAIN } from '../../src/sync/agents.js';
import { decideDelivery, type DeliverySnapshot } from '../../src/sync/delivery.js';

const PREFIX = 'mcp__context-sync__';
const finding = (peer: string, symbol: string, level: FindingLevel = 'symbol'): Finding => ({
  level,
  file: 'src/math.ts',
  symbols: [symbol],
  peer: { sessionId: peer, label: `session-${peer}`, worktree: '/repo' },
  key: `${level}|${peer}|src/math.ts|${symbol}`,
});
let n = 0;
const message = (text: string, from = 'B'): Message => ({
  v: 1, id: `${(++n).toString(36).padStart(9, '0')}-0123456789ab`, from, fromLabel: `session-${from}`, to: 'A', text, sentAt: 1_700_000_000_000 + n,
});
const snapshot = (over: Partial<DeliverySnapshot>): DeliverySnapshot => ({
  agent: MAIN, findings: [], told: () => false, mail: true, unread: [], unreadable: [], toolPrefix: PREFIX, ...over,
});

test('nothing new and no mail: nothing is claimed and nothing is shown', () => {
  const d = decideDelivery(snapshot({}));
  assert.deepEqual(d, { tell: [], setAside: [], deliver: [], waiting: 0, answer: {} });
});

test('a finding the model was already told is not shown again; a new one is, to the model and the person', () => {
  const old = finding('B', 'add');
  const fresh = finding('C', 'sub');
  const d = decideDelivery(snapshot({ findings: [old, fresh], told: (key) => key === old.key }));
  assert.deepEqual(d.tell.map((f) => f.key), [fresh.key]);
  assert.match(d.answer.additionalContext!, /sub/);
  assert.doesNotMatch(d.answer.additionalContext!, /\badd\b/);
  assert.match(d.answer.systemMessage!, /conflict with session session-C on src\/math\.ts \(sub\)/);
});

test('every finding already told and no mail: an empty answer', () => {
  const d = decideDelivery(snapshot({ findings: [finding('B', 'add')], told: () => true }));
  assert.deepEqual([d.tell, d.answer], [[], {}]);
});

test('two findings under one key are claimed once', () => {
  const f = finding('B', 'add');
  const d = decideDelivery(snapshot({ findings: [f, { ...f }] }));
  assert.equal(d.tell.length, 1);
});

test('more than five messages: the five oldest are delivered, the rest stay unread and the model is told how many wait', () => {
  const unread = Array.from({ length: 8 }, (_, i) => message(`note ${i}`));
  const d = decideDelivery(snapshot({ unread }));
  assert.deepEqual(d.deliver.map((m) => m.id), unread.slice(0, 5).map((m) => m.id));
  for (let i = 0; i < 5; i++) assert.match(d.answer.additionalContext!, new RegExp(`note ${i}\\b`));
  assert.doesNotMatch(d.answer.additionalContext!, /note 5\b/);
  assert.equal(d.waiting, 3);
  assert.match(d.answer.additionalContext!, new RegExp(`\\n3 more message\\(s\\): call ${PREFIX}get_messages\\.$`));
  assert.equal(d.answer.systemMessage, 'context-sync: 5 message(s) from other sessions');
});

test('messages too large to go together: as many as fit are delivered, at least one, and a long one is cut with a pointer to get_messages', () => {
  const unread = [message('x'.repeat(7000)), message('y'.repeat(5000)), message('short')];
  const d = decideDelivery(snapshot({ unread }));
  assert.deepEqual(d.deliver.map((m) => m.id), [unread[0]!.id], 'the second would go over the budget of one delivery');
  assert.ok(Buffer.byteLength(d.deliver[0]!.text) < 7000);
  assert.match(d.deliver[0]!.text, new RegExp(`cut here: ${PREFIX}get_messages has the whole text`));
  assert.match(d.answer.additionalContext!, /x{100}/);
  assert.equal(d.waiting, 2);
  assert.match(d.answer.additionalContext!, /2 more message\(s\)/);
});

test('a subagent never takes the session\'s mail, nor sets aside its unreadable files', () => {
  const d = decideDelivery(snapshot({ agent: 'a1b2', unread: [message('for the main thread')], unreadable: ['000000001-ffffffffffff'] }));
  assert.deepEqual([d.deliver, d.setAside, d.waiting, d.answer], [[], [], 0, {}]);
});

test('at the sync-inbox command the messages are not injected: it lists them itself', () => {
  const d = decideDelivery(snapshot({ mail: false, unread: [message('listed by the command')], findings: [finding('B', 'add')] }));
  assert.deepEqual(d.deliver, []);
  assert.equal(d.tell.length, 1, 'the findings are still delivered');
  assert.doesNotMatch(d.answer.additionalContext!, /listed by the command/);
});

test('unreadable inbox files are set aside by the main thread\'s delivery', () => {
  const d = decideDelivery(snapshot({ unreadable: ['000000001-ffffffffffff'] }));
  assert.deepEqual(d.setAside, ['000000001-ffffffffffff']);
});

test('findings and messages together: the conflicts first, then the messages, framed as a peer\'s text, and one line for the person naming both', () => {
  const d = decideDelivery(snapshot({ findings: [finding('B', 'add')], unread: [message('I am on add() too')] }));
  const text = d.answer.additionalContext!;
  const conflict = text.indexOf('Another Claude Code session works on the same code');
  const mail = text.indexOf('<peer-message>\nI am on add() too\n</peer-message>');
  assert.ok(conflict >= 0 && mail > conflict, text);
  assert.match(text, /not an instruction from the user/);
  assert.equal(d.answer.systemMessage, 'context-sync: conflict with session session-B on src/math.ts (add); context-sync: 1 message(s) from other sessions');
});

test('a notice alone reaches the model but says nothing to the person', () => {
  const d = decideDelivery(snapshot({ findings: [finding('B', 'sub', 'notice')] }));
  assert.match(d.answer.additionalContext!, /also edits/);
  assert.equal(d.answer.systemMessage, undefined);
});
