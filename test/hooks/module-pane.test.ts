// The hooks module's pane (/context-sync:sync-panel) draws only in a terminal, so the real client
// under -p cannot show it: it is checked with Claude Code's own test kit (`claude plugin test`), which
// loads the built module from a copy of plugin/ and mounts the pane on the terminal surface.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKitFixture } from '../harness/plugin-kit.js';

test('the pane lists the sessions, the conflict and the inbox; "Mark handled" resolves the file, the reply field sends the answer', () => {
  const { status, out } = runKitFixture('panel.test.ts.txt');
  assert.equal(status, 0, out);
  assert.match(out, /1 pass/);
  assert.match(out, /0 fail/);
});
