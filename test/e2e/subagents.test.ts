// Parallel subagents of one real session (two Agent calls in one model response run at once, in the
// background): they edit one checkout like two sessions would, and are told of each other the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Sandbox, Session, cliBundle } from '../harness/claude.js';
import { until } from '../harness/wait.js';

const CART = `export function total(items: number[]): number {
  const base = 1;
  return base + items.length;
}

export function count(items: number[]): number {
  return items.length;
}
`;

/** Subagents run whole model turns: a generous deadline (it only matters when they never finish). */
const untilDone = (what: string, ok: () => boolean, ms = 120_000) => until(what, ok, { ms, every: 200 });

const count = (hay: string, needle: string) => hay.split(needle).length - 1;
/** A shell loop that waits for the other subagent (bounded, so a failure cannot hang the test). */
const waitFor = (cond: string) => `for i in $(seq 1 300); do ${cond} && break; sleep 0.2; done`;

/** A repository with src/cart.ts and one live session in it, closed afterwards whatever happens. */
async function withSession(body: (s: Session, repo: string, file: string, sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'src/cart.ts': CART });
  const s = new Session(sb, repo);
  await s.start();
  try {
    await body(s, repo, join(repo, 'src/cart.ts'), sb);
  } finally {
    await s.close();
  }
}
/** Everything the model saw in the latest request of a subagent's conversation. */
const lastSeenBy = (s: Session, marker: string) => JSON.stringify(s.api.requestsOf(marker).at(-1)?.messages ?? []);

test('two parallel subagents editing one function: each is told inside its own loop, once; the parent once; a subagent\'s git stash is held', () =>
  withSession(async (s, repo, file, sb) => {
    const store = '${CONTEXT_SYNC_HOME:-$HOME/.claude/context-sync}';
    // Subagent A edits total() first, then waits until B's edit has woken it (its own marker), then
    // makes one more tool call: it is told after that tool call.
    s.api.scriptFor(
      '[[agent-A]]',
      { tool: 'Edit', input: { file_path: file, old_string: '  const base = 1;', new_string: '  const base = 10;' } },
      { tool: 'Bash', input: { command: waitFor(`ls "${store}/pending" 2>/dev/null | grep -q @`) } },
      { tool: 'Read', input: { file_path: file } },
      { text: 'A finished.' },
    );
    // Subagent B waits for A's edit, edits another line of total(): told at its own edit. Then it
    // tries `git stash`, which would take A's uncommitted work: held.
    s.api.scriptFor(
      '[[agent-B]]',
      { tool: 'Bash', input: { command: waitFor(`grep -q "base = 10" src/cart.ts`) } },
      { tool: 'Edit', input: { file_path: file, old_string: '  return base + items.length;', new_string: '  return base * 2 + items.length;' } },
      { tool: 'Bash', input: { command: 'git stash' } },
      { text: 'B finished.' },
    );
    const agent = (marker: string) => ({ tool: 'Agent', input: { description: `edit ${marker}`, subagent_type: 'general-purpose', prompt: `${marker} Work on total() in src/cart.ts.` } });
    await s.prompt('Start two agents on total().', { tools: [agent('[[agent-A]]'), agent('[[agent-B]]')] }, { text: 'Both started.' });
    await untilDone('subagent A to finish', () => lastSeenBy(s, '[[agent-A]]').includes('A finished') || s.api.requestsOf('[[agent-A]]').length >= 4);
    await untilDone('subagent B to finish', () => s.api.requestsOf('[[agent-B]]').length >= 4);

    const alert = 'CONFLICT in src/cart.ts: `total` was also edited by this session\'s subagent';
    // B was told right after its edit, inside its own conversation, once.
    const b = lastSeenBy(s, '[[agent-B]]');
    assert.equal(count(b, alert), 1, `B's conversation: ${b.slice(-3000)}`);
    // The git stash was held: B's model read why, and both edits are still in the file.
    assert.match(b, /This git command would affect/);
    assert.match(readFileSync(file, 'utf8'), /base = 10;[\s\S]*base \* 2/);
    // A was told after its next tool call, once.
    const a = lastSeenBy(s, '[[agent-A]]');
    assert.equal(count(a, alert), 1, `A's conversation: ${a.slice(-3000)}`);

    // The parent hears of its two subagents colliding once: after a tool call or when a report comes back.
    await untilDone('the parent to be told', () => s.api.mainRequests.some((r) => JSON.stringify(r.messages ?? []).includes('two of this session\'s subagents')), 60_000).catch(async () => {
      await s.prompt('Any news?', { text: 'ok' });
    });
    const parent = JSON.stringify(s.api.mainRequests.at(-1)?.messages ?? []);
    assert.equal(count(parent, 'was edited by two of this session\'s subagents'), 1, `parent: ${parent.slice(-3000)}`);
    // The subagents' own alerts stayed in their conversations.
    assert.equal(count(parent, alert), 0);
    // `context-sync status` lists the session's two subagents and what each edited.
    const st = spawnSync(process.execPath, [cliBundle, 'status', '--json'], { cwd: repo, encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
    const row = JSON.parse(st.stdout).sessions.find((r: { sessionId: string }) => r.sessionId === s.sessionId);
    assert.deepEqual(row.agents.map((x: { type: string; files: string[] }) => [x.type, x.files]), [['general-purpose', ['src/cart.ts']], ['general-purpose', ['src/cart.ts']]]);
  }));

test('two parallel subagents on different functions of one file: a notice, no conflict, nothing for the parent', () =>
  withSession(async (s, _repo, file) => {
    s.api.scriptFor('[[agent-A]]', { tool: 'Edit', input: { file_path: file, old_string: '  const base = 1;', new_string: '  const base = 10;' } }, { text: 'A finished.' });
    s.api.scriptFor(
      '[[agent-B]]',
      { tool: 'Bash', input: { command: waitFor(`grep -q "base = 10" src/cart.ts`) } },
      { tool: 'Edit', input: { file_path: file, old_string: '  return items.length;\n}\n', new_string: '  return items.length + 0;\n}\n' } },
      { text: 'B finished.' },
    );
    const agent = (marker: string) => ({ tool: 'Agent', input: { description: `edit ${marker}`, subagent_type: 'general-purpose', prompt: `${marker} Work in src/cart.ts.` } });
    await s.prompt('Start two agents.', { tools: [agent('[[agent-A]]'), agent('[[agent-B]]')] }, { text: 'Both started.' });
    await untilDone('both subagents to finish', () => s.api.requestsOf('[[agent-B]]').length >= 3 && s.api.requestsOf('[[agent-A]]').length >= 2);
    const b = lastSeenBy(s, '[[agent-B]]');
    assert.match(b, /Note: this session's subagent general-purpose \([0-9a-f-]{8}\) also edits src\/cart\.ts \(`total`\), not the same symbol/);
    assert.doesNotMatch(b, /CONFLICT/);
    await s.prompt('Any news?', { text: 'ok' });
    assert.doesNotMatch(JSON.stringify(s.api.mainRequests.at(-1)?.messages ?? []), /CONFLICT|two of this session's subagents/);
  }));

test('a named agent (a teammate of the session) finishes, is resumed by SendMessage, and edits again as the same agent', () =>
  withSession(async (s, repo, file) => {
    s.api.scriptFor(
      '[[mate]]',
      { tool: 'Edit', input: { file_path: file, old_string: '  const base = 1;', new_string: '  const base = 2;' } },
      { text: 'mate done' },
      { tool: 'Edit', input: { file_path: file, old_string: '  const base = 2;', new_string: '  const base = 3;' } },
      { text: 'mate done again' },
    );
    await s.prompt('start a named agent', { tool: 'Agent', input: { description: 'named agent', prompt: '[[mate]] edit total()', subagent_type: 'general-purpose', name: 'mate' } }, { text: 'started' });
    await untilDone('the first run of the named agent', () => s.api.requestsOf('[[mate]]').length >= 2 && readFileSync(file, 'utf8').includes('base = 2'));
    await new Promise((r) => setTimeout(r, 1500)); // its run ends; its report reaches the parent
    await s.prompt('resume it', { tool: 'SendMessage', input: { to: 'mate', message: 'please edit total() again' } }, { text: 'sent' });
    await untilDone('the resumed run', () => readFileSync(file, 'utf8').includes('base = 3'));
    // Both edits are recorded under one agent id, with its type.
    const status = () => JSON.parse(spawnSync(process.execPath, [cliBundle, 'status', '--json'], { cwd: repo, encoding: 'utf8', env: s.sandbox.env('http://127.0.0.1:9') }).stdout);
    await untilDone('the records', () => (status().sessions?.[0]?.agents ?? []).length > 0);
    const agents = status().sessions[0].agents;
    assert.equal(agents.length, 1, JSON.stringify(agents));
    assert.equal(agents[0].type, 'general-purpose');
  }));
