// `npm start`: a live demonstration with the real Claude Code client and a scripted model, no account.
// Three sessions work on one repository; we print what each model was told, step by step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { Sandbox, Session, cliBundle } from '../test/harness/claude.js';
import type { FakeApi } from '../test/harness/fake-api.js';

const T = 'mcp__plugin_context-sync_sync__';
const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const c = (code: string, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const step = (n: number, s: string) => console.log(`\n${c('1;36', `── ${n}. ${s}`)}`);
const said = (who: string, s: string) => console.log(`${c('1', who)} ${s}`);

/** The context-sync text a model received in its latest request (hook context and tool results). */
function toldSince(api: FakeApi, from: number): string[] {
  const out: string[] = [];
  for (const body of api.mainRequests.slice(from)) {
    const msgs: any[] = body.messages ?? [];
    const last = msgs.slice(-2);
    for (const m of last) {
      const parts = typeof m.content === 'string' ? [m.content] : (m.content ?? []).map((p: any) => p.text ?? (typeof p.content === 'string' ? p.content : ''));
      for (const p of parts) {
        for (const block of String(p).split(/(?=\[context-sync\])/)) {
          if (block.startsWith('[context-sync]')) out.push(block.split(/<\/system-reminder>|\n\n# /)[0]!.trim());
        }
      }
    }
  }
  return [...new Set(out)];
}

const c33 = (s: string) => c('33', s);

/** The latest tool_result the model received, as text. */
function lastToolResult(api: FakeApi): string {
  const msgs: any[] = api.mainRequests.at(-1)?.messages ?? [];
  for (const m of [...msgs].reverse()) {
    if (m.role !== 'user' || !Array.isArray(m.content)) continue;
    const r = m.content.find((p: any) => p.type === 'tool_result');
    if (r) return typeof r.content === 'string' ? r.content : (r.content ?? []).map((p: any) => p.text ?? '').join('\n');
  }
  return '';
}

function show(who: string, api: FakeApi, from: number): void {
  const told = toldSince(api, from);
  if (told.length === 0) console.log(c('2', `   (${who}'s model was told nothing by context-sync)`));
  for (const t of told) console.log(c('33', t.split('\n').map((l) => `   │ ${l}`).join('\n')));
}

const CART = `export interface Item { price: number; qty: number }

export function total(items: Item[]): number {
  return items.reduce((sum, i) => sum + i.price * i.qty, 0);
}

export function applyDiscount(amount: number, percent: number): number {
  return amount * (1 - percent / 100);
}
`;

async function main(): Promise<void> {
  const sb = new Sandbox('ccs-demo-');
  const repo = sb.repo('shop', { 'src/cart.ts': CART });
  const file = join(repo, 'src/cart.ts');
  console.log(c('1', 'claude-context-sync demo: real Claude Code sessions (one with two subagents), one repository, a scripted model.'));
  console.log(c('2', `repository ${repo}\nHOME ${sb.home}`));
  const alice = new Session(sb, repo);
  const bob = new Session(sb, repo);
  const carol = new Session(sb, repo);
  await Promise.all([alice.start(), bob.start(), carol.start()]);
  try {
    step(1, 'Alice adds tax inside total()');
    let n = alice.api.mainRequests.length;
    await alice.prompt('Add 20% VAT to the cart total', { tool: 'Edit', input: { file_path: file, old_string: '  return items.reduce((sum, i) => sum + i.price * i.qty, 0);', new_string: '  const net = items.reduce((sum, i) => sum + i.price * i.qty, 0);\n  return net * 1.2;' } }, { text: 'Added VAT.' });
    show('Alice', alice.api, n);

    step(2, 'Bob, in another terminal, rounds the total: the same function');
    n = bob.api.mainRequests.length;
    await bob.prompt('Round the cart total to cents', { tool: 'Read', input: { file_path: file } }, { tool: 'Edit', input: { file_path: file, old_string: '  return net * 1.2;', new_string: '  return Math.round(net * 1.2 * 100) / 100;' } }, { text: 'Rounded.' });
    said('Bob\'s model, right after its edit:', '');
    show('Bob', bob.api, n);

    step(3, 'Alice types her next prompt: she learns about Bob, once, and messages him');
    const bobBefore = bob.api.mainRequests.length;
    n = alice.api.mainRequests.length;
    await alice.prompt('Also handle an empty cart', { tool: `${T}send_message`, input: { targetSessionId: bob.sessionId.slice(0, 8), message: 'I am reworking total() for VAT; please leave it to me and rebase after my commit.' } }, { text: 'Told Bob.' });
    show('Alice', alice.api, n);
    const sent = alice.api.mainRequests.at(-1)?.messages?.at(-1)?.content?.find?.((p: any) => p.type === 'tool_result');
    said('send_message answered Alice:', c('32', typeof sent?.content === 'string' ? sent.content : JSON.stringify(sent?.content)));

    step(4, 'Bob sits idle: the direct message starts a turn in his session at once (his screen shows a toast and a status line)');
    for (let i = 0; i < 150 && !JSON.stringify(bob.api.mainRequests.slice(bobBefore)).includes('please leave it to me'); i++) await new Promise((r) => setTimeout(r, 100));
    show('Bob', bob.api, bobBefore);
    await new Promise((r) => setTimeout(r, 1500)); // the woken turn ends; the status line catches up
    const ui = (kind: string) => bob.lines.filter((l) => l.type === 'system' && l.subtype === kind).map((l) => String(l.text ?? l.status ?? ''));
    for (const t of ui('ui_toast')) console.log(c('35', `   toast  │ ${t}`));
    const status = ui('ui_status').filter(Boolean).at(-1);
    if (status) console.log(c('35', `   status │ ${status}`));

    step(5, 'Carol edits applyDiscount(): same file, different function: a notice, not a conflict');
    n = carol.api.mainRequests.length;
    await carol.prompt('Cap discounts at 50%', { tool: 'Edit', input: { file_path: file, old_string: '  return amount * (1 - percent / 100);', new_string: '  return amount * (1 - Math.min(percent, 50) / 100);' } }, { tool: `${T}list_sessions`, input: {} }, { text: 'Done.' });
    show('Carol', carol.api, n);

    step(6, 'Carol asks what Alice is doing (get_session_context)');
    n = carol.api.mainRequests.length;
    await carol.prompt('What is Alice doing?', { tool: `${T}get_session_context`, input: { sessionId: alice.sessionId.slice(0, 8) } }, { text: 'Alice is on VAT.' });
    const ctxResult = lastToolResult(carol.api);
    try {
      const c = JSON.parse(ctxResult);
      said('Carol\'s model received:', '');
      console.log(c33(`   │ task: ${c.task}\n   │ changedFiles: ${JSON.stringify(c.changedFiles)}\n   │ currentState: ${c.currentState}\n   │ conflicts: ${JSON.stringify(c.conflicts)}`));
    } catch {
      console.log(c33(`   │ ${ctxResult}`));
    }

    step(7, 'Bob tries `git stash` while Alice and Carol have uncommitted work: it is held, with the reason');
    n = bob.api.mainRequests.length;
    await bob.prompt('Stash everything and pull', { tool: 'Bash', input: { command: 'git stash', description: 'stash' } }, { text: 'I will not stash: it would take Alice\'s and Carol\'s work.' });
    said('Bob\'s model received as the tool result:', '');
    console.log(c33(lastToolResult(bob.api).split('\\n').join('\n').split('\n').map((l) => `   │ ${l}`).join('\n')));

    step(8, 'Alice commits src/cart.ts: every edit in it is closed; Carol\'s next edit of total() meets nobody\'s open work');
    spawnSync('git', ['-C', repo, 'commit', '-qam', 'VAT, rounding, discount cap'], { env: { ...process.env, GIT_AUTHOR_NAME: 'alice', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'alice', GIT_COMMITTER_EMAIL: 'a@x' } });
    n = carol.api.mainRequests.length;
    await carol.prompt('Guard total() against negative quantities', { tool: 'Edit', input: { file_path: file, old_string: '  const net = items.reduce((sum, i) => sum + i.price * i.qty, 0);', new_string: '  const net = items.reduce((sum, i) => sum + i.price * Math.max(0, i.qty), 0);' } }, { text: 'Guarded.' });
    show('Carol', carol.api, n);

    step(9, 'Dave runs two subagents at once on one function: each hears of the other inside its own loop, Dave once');
    const dave = new Session(sb, repo);
    await dave.start();
    try {
      const tax = join(repo, 'src/cart.ts');
      const waitFor = (cond: string) => `for i in $(seq 1 300); do ${cond} && break; sleep 0.2; done`;
      dave.api.scriptFor('[[rates]]', { tool: 'Edit', input: { file_path: tax, old_string: '  return amount * (1 - Math.min(percent, 50) / 100);', new_string: '  const rate = Math.min(percent, 50) / 100;\n  return amount * (1 - rate);' } }, { text: 'Rates done.' });
      dave.api.scriptFor(
        '[[rounding]]',
        { tool: 'Bash', input: { command: waitFor('grep -q "const rate" src/cart.ts') } },
        { tool: 'Edit', input: { file_path: tax, old_string: '  return amount * (1 - rate);', new_string: '  return Math.round(amount * (1 - rate) * 100) / 100;' } },
        { text: 'Rounding done.' },
      );
      const agent = (m: string, what: string) => ({ tool: 'Agent', input: { description: what, subagent_type: 'general-purpose', prompt: `${m} ${what} in applyDiscount().` } });
      await dave.prompt('Split the discount work between two agents', { tools: [agent('[[rounding]]', 'Round discounts'), agent('[[rates]]', 'Name the discount rate')] }, { text: 'Two agents started.' });
      for (let i = 0; i < 600 && dave.api.requestsOf('[[rounding]]').length < 3; i++) await new Promise((r) => setTimeout(r, 100));
      said('The second subagent\'s model, right after its edit:', '');
      const seen = JSON.stringify(dave.api.requestsOf('[[rounding]]').at(-1)?.messages ?? []);
      const alert = /CONFLICT in src\/cart\.ts: `applyDiscount` was also edited by this session's subagent[^"\\]*/.exec(seen)?.[0];
      console.log(c33(`   │ ${alert ?? '(nothing)'}`));
      n = dave.api.mainRequests.length;
      await dave.prompt('How did the agents do?', { text: 'Both reported.' });
      show('Dave', dave.api, n);
    } finally {
      await dave.close();
    }

    step(10, 'Anyone can look from a terminal: context-sync status');
    const r = spawnSync(process.execPath, [cliBundle, 'status'], { cwd: repo, encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
    console.log(r.stdout.trimEnd().split('\n').map((l) => `   ${l}`).join('\n'));

    // At a terminal, the sessions stay alive for a look at the live page until Enter is pressed.
    if (process.stdin.isTTY) {
      step(11, 'Or look at it on a page: context-sync dashboard (the sessions stay alive until you press Enter)');
      console.log(c('2', `   the same from another terminal: cd ${repo} && HOME=${sb.home} node ${cliBundle} dashboard`));
      const dash = spawn(process.execPath, [cliBundle, 'dashboard'], { cwd: repo, env: sb.env('http://127.0.0.1:9'), stdio: ['ignore', 'inherit', 'inherit'] });
      await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
      process.stdin.pause();
      dash.kill('SIGTERM');
    }
  } finally {
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  }
  step(process.stdin.isTTY ? 12 : 11, 'All sessions ended: their records are gone');
  const r = spawnSync(process.execPath, [cliBundle, 'status'], { cwd: repo, encoding: 'utf8', env: sb.env('http://127.0.0.1:9') });
  console.log(`   ${r.stdout.trim()}`);
  // The hooks module did the work in Claude Code's process, its session's MCP server answering what
  // needed the store (no Node start-up per tool call); each server says how much when it stops.
  let log = '';
  try {
    log = readFileSync(join(sb.store, 'log', 'context-sync.log'), 'utf8');
  } catch {
    /* no log: nothing to count */
  }
  const sum = (re: RegExp) => [...log.matchAll(re)].reduce((total, m) => total + Number(m[1]), 0);
  const answered = sum(/answered (\d+) hook calls/g);
  const later = sum(/\((\d+) recorded later\)/g);
  console.log(`   In process (the hooks module): ${answered} hook calls answered by the sessions' own MCP servers, ${later} edits recorded without the model waiting; no Node started per tool call`);
  console.log(`\nWith an account, the same plugin for real work: ${c('1', 'claude --plugin-dir plugin')}`);
}

await main();
