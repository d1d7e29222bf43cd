// The hooks module's beat, on Claude Code's own test kit (`claude plugin test`) with a mocked clock:
// a session that sits idle asks its server (an MCP call, the costly part) only when something in the
// project changed; the project's bell says when.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runKitFixture } from '../harness/plugin-kit.js';

test('a settled module polls only when the bell moves, and looks at it every 5 s when alone', () => {
  const { status, out } = runKitFixture('beat.test.ts.txt');
  assert.equal(status, 0, out);
  assert.match(out, /2 pass/);
  assert.match(out, /0 fail/);
});
