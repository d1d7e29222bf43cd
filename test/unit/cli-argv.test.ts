import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgv } from '../../src/cli/argv.js';

test('flags anywhere, but a message keeps its words, dashes included', () => {
  assert.deepEqual(parseArgv(['status', '--json', '--all-projects']), { cmd: 'status', args: [], flags: new Set(['--json', '--all-projects']) });
  const send = parseArgv(['send', '--json', 'abc123', 'use', '--force', 'carefully']);
  assert.deepEqual(send.args, ['abc123', 'use', '--force', 'carefully']);
  assert.deepEqual([...send.flags], ['--json']);
  assert.deepEqual(parseArgv(['resolve', '--', '--weird-file.ts']).args, ['--weird-file.ts']);
  assert.ok(parseArgv(['-h']).flags.has('--help'));
});

test('an unknown option is an error, not silently ignored', () => {
  assert.throws(() => parseArgv(['status', '--jsn']), /unknown option --jsn/);
});
