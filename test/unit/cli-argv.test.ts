import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgv } from '../../src/cli/argv.js';

test('flags anywhere, but a message keeps its words, dashes included', () => {
  assert.deepEqual(parseArgv(['status', '--json', '--all-projects']), { cmd: 'status', args: [], flags: new Set(['--json', '--all-projects']), options: new Map() });
  const send = parseArgv(['send', '--json', 'abc123', 'use', '--force', 'carefully']);
  assert.deepEqual(send.args, ['abc123', 'use', '--force', 'carefully']);
  assert.deepEqual([...send.flags], ['--json']);
  assert.deepEqual(parseArgv(['resolve', '--', '--weird-file.ts']).args, ['--weird-file.ts']);
  assert.ok(parseArgv(['-h']).flags.has('--help'));
});

test('an unknown option is an error, not silently ignored', () => {
  assert.throws(() => parseArgv(['status', '--jsn']), /unknown option --jsn/);
});

test('dashboard options take a value, spaced or after =; a missing value is an error', () => {
  const p = parseArgv(['dashboard', '--port', '8123', '--host=0.0.0.0', '--no-open']);
  assert.equal(p.options.get('--port'), '8123');
  assert.equal(p.options.get('--host'), '0.0.0.0');
  assert.ok(p.flags.has('--no-open'));
  assert.throws(() => parseArgv(['dashboard', '--port']), /--port needs a value/);
});
