// Message delivery through the built hooks: subagents never receive peers' messages, the main thread
// gets each once, senders are rate limited, and the after-every-tool hook starts no Node process
// while nothing is pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox, cliBundle, pluginDir } from '../harness/claude.js';
import { runHookSync } from '../harness/hook-runner.js';

function world() {
  const sb = new Sandbox('ccs-msg-');
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const reg = new FakeRegistry();
  const a = reg.add(repo);
  const b = reg.add(repo);
  const cli = (args: string[], env: NodeJS.ProcessEnv = reg.env()) => spawnSync(process.execPath, [cliBundle, ...args], { cwd: repo, env, encoding: 'utf8' });
  return { sb, repo, reg, a, b, cli };
}

const afterTool = (sessionId: string, cwd: string, agentId?: string) => ({
  session_id: sessionId, cwd, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: { stdout: '' },
  ...(agentId ? { agent_id: agentId, agent_type: 'general-purpose' } : {}),
});

test('a subagent\'s tool call does not receive peers\' messages; the main thread then gets each exactly once', () => {
  const { repo, reg, b, cli } = world();
  try {
    assert.equal(cli(['send', b.sessionId.slice(0, 8), 'rebase onto main please']).status, 0);
    const envB = reg.env({ CLAUDE_PID: String(b.pid) });
    const sub = runHookSync('deliver', afterTool(b.sessionId, repo, 'agent-7'), envB);
    assert.deepEqual(sub.json, {});
    const main = runHookSync('deliver', afterTool(b.sessionId, repo), envB);
    assert.match(main.json.hookSpecificOutput.additionalContext, /rebase onto main please/);
    assert.match(main.json.systemMessage, /1 message\(s\) from other sessions/);
    const again = runHookSync('user-prompt-submit', { session_id: b.sessionId, cwd: repo, hook_event_name: 'UserPromptSubmit', prompt: 'next' }, envB);
    assert.doesNotMatch(JSON.stringify(again.json), /rebase onto main please/);
  } finally {
    reg.close();
  }
});

test('a sender past its per-minute limit gets a clear refusal', () => {
  const { reg, b, cli } = world();
  try {
    mkdirSync(reg.store, { recursive: true });
    writeFileSync(join(reg.store, 'config.json'), JSON.stringify({ messages: { perMinute: 3 } }));
    for (let i = 0; i < 3; i++) assert.equal(cli(['send', b.sessionId.slice(0, 8), `m${i}`]).status, 0);
    const r = cli(['send', b.sessionId.slice(0, 8), 'one too many']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /rate limit: at most 3 messages a minute/);
  } finally {
    reg.close();
  }
});

test('the after-every-tool hook starts no Node process while nothing is pending, and does once something is', () => {
  const { sb, repo, reg, b, cli } = world();
  try {
    const hooks = JSON.parse(readFileSync(join(pluginDir, 'hooks/hooks.json'), 'utf8'));
    const gate: string = hooks.hooks.PostToolUse.find((h: any) => h.matcher.includes('?!')).hooks[0].command;
    // A `node` that only records that it was started.
    const bin = join(sb.root, 'bin');
    mkdirSync(bin, { recursive: true });
    const marker = join(sb.root, 'node-started');
    writeFileSync(join(bin, 'node'), `#!/bin/sh\ntouch "${marker}"\ncat >/dev/null\necho '{}'\n`);
    chmodSync(join(bin, 'node'), 0o755);
    const cmd = gate.replaceAll('${CLAUDE_PLUGIN_ROOT}', pluginDir);
    const env = { ...reg.env({ CLAUDE_PID: String(b.pid) }), PATH: `${bin}:${process.env.PATH}` };
    const run = () => spawnSync('/bin/sh', ['-c', cmd], { input: JSON.stringify(afterTool(b.sessionId, repo)), env, encoding: 'utf8' });
    assert.equal(run().status, 0);
    assert.equal(existsSync(marker), false, 'no Node started when nothing is pending');
    assert.equal(cli(['send', b.sessionId.slice(0, 8), 'ping']).status, 0);
    assert.equal(run().status, 0);
    assert.equal(existsSync(marker), true, 'Node started once a message waits');
  } finally {
    reg.close();
  }
});
