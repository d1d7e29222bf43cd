import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childEnv, claudeArgs, findClaudeCli, parseClaudeOutput, summaryPrompt } from '../../src/summarizer/claude.js';
import { sessionSummarySchema } from '../../src/summarizer/schema.js';

const summary = {
  task: 'Migrate auth to JWT',
  changedFiles: ['src/auth.ts'],
  decisions: ['use jose, not jsonwebtoken'],
  currentState: 'token issuing done, refresh next',
  blockers: [],
  impactOnOtherSessions: 'src/auth.ts exports change',
};

test('the child runs with no tools, no MCP servers, no plugins, no transcript, structured output on a small model', () => {
  const args = claudeArgs('haiku');
  const after = (flag: string) => args[args.indexOf(flag) + 1];
  assert.equal(after('--tools'), '');
  assert.equal(after('--model'), 'haiku');
  assert.equal(after('--output-format'), 'json');
  assert.deepEqual(JSON.parse(after('--json-schema')!), sessionSummarySchema);
  assert.deepEqual(JSON.parse(after('--mcp-config')!), { mcpServers: {} });
  for (const flag of ['-p', '--strict-mcp-config', '--no-session-persistence', '--safe-mode']) assert.ok(args.includes(flag), flag);
});

test("the child's env switches this plugin off and forgets the parent session", () => {
  const env = childEnv({ PATH: '/bin', ANTHROPIC_API_KEY: 'k', CLAUDECODE: '1', CLAUDE_CODE_SESSION_ID: 'abc', CLAUDE_PLUGIN_ROOT: '/p' });
  assert.equal(env.CONTEXT_SYNC_DISABLE, '1');
  assert.equal(env.ANTHROPIC_API_KEY, 'k');
  assert.equal(env.PATH, '/bin');
  for (const k of ['CLAUDECODE', 'CLAUDE_CODE_SESSION_ID', 'CLAUDE_PLUGIN_ROOT']) assert.equal(env[k], undefined, k);
});

test('the CLI is found on PATH, by explicit path, and can be switched off', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccs-cli-'));
  try {
    const bin = join(dir, 'claude');
    writeFileSync(bin, '#!/bin/sh\n');
    chmodSync(bin, 0o755);
    assert.equal(findClaudeCli({ PATH: `/nonexistent:${dir}` }), bin);
    assert.equal(findClaudeCli({ PATH: '/nonexistent' }), undefined);
    assert.equal(findClaudeCli({ PATH: dir, CONTEXT_SYNC_CLAUDE_BIN: 'none' }), undefined);
    assert.equal(findClaudeCli({ PATH: '', CONTEXT_SYNC_CLAUDE_BIN: bin }), bin);
    assert.equal(findClaudeCli({ PATH: dir, CONTEXT_SYNC_CLAUDE_BIN: 'relative/claude' }), undefined);
    // A relative PATH entry would resolve against whatever our cwd is: never used.
    assert.equal(findClaudeCli({ PATH: '.' }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('structured output is taken, and checked against the schema', () => {
  assert.deepEqual(parseClaudeOutput(JSON.stringify({ type: 'result', is_error: false, structured_output: summary })), summary);
  // Older clients put the JSON in `result` only.
  assert.deepEqual(parseClaudeOutput(JSON.stringify({ type: 'result', is_error: false, result: JSON.stringify(summary) })), summary);
  assert.throws(() => parseClaudeOutput(JSON.stringify({ is_error: false, structured_output: { ...summary, task: 42 } })), /schema: \/task/);
  assert.throws(() => parseClaudeOutput(JSON.stringify({ is_error: false, structured_output: { task: 'x' } })), /schema/);
  assert.throws(() => parseClaudeOutput(JSON.stringify({ is_error: true, subtype: 'error_max_turns', result: 'boom' })), /failed: error_max_turns/);
  assert.throws(() => parseClaudeOutput('not json'), /no JSON/);
  assert.throws(() => parseClaudeOutput(JSON.stringify({ is_error: false, result: 'plain prose' })), /no structured output/);
});

test('an incremental prompt carries the previous summary and only the new activity', () => {
  const full = summaryPrompt({ sample: 'SAMPLE-FULL' });
  assert.match(full, /<session>\nSAMPLE-FULL\n<\/session>/);
  assert.doesNotMatch(full, /previous_summary/);
  const inc = summaryPrompt({ sample: 'SAMPLE-NEW', previous: summary });
  assert.ok(inc.includes(JSON.stringify(summary)));
  assert.match(inc, /<new_activity>\nSAMPLE-NEW\n<\/new_activity>/);
});
