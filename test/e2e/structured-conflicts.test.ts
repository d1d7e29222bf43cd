// Two real sessions editing package.json and a README: different keys or sections are a notice,
// the same dependency or section is a conflict naming it, told to each side once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Sandbox, Session } from '../harness/claude.js';
import { timesSeen } from '../harness/assert-seen.js';

const PACKAGE = `{
  "name": "demo",
  "version": "1.0.0",
  "dependencies": {
    "alpha": "1.0.0",
    "beta": "1.0.0",
    "gamma": "1.0.0",
    "delta": "1.0.0"
  }
}
`;

const README = `# Demo

A demo project.

## Install

Run npm install.

## Usage

Import it.
`;

const edit = (file: string, old_string: string, new_string: string) => ({ tool: 'Edit', input: { file_path: file, old_string, new_string } });

async function withTwoSessions(body: (w: { repo: string; A: Session; B: Session }) => Promise<void>): Promise<void> {
  const sb = new Sandbox();
  const repo = sb.repo('proj', { 'package.json': PACKAGE, 'README.md': README });
  const [A, B] = [new Session(sb, repo), new Session(sb, repo)];
  await Promise.all([A.start(), B.start()]);
  try {
    await body({ repo, A, B });
  } finally {
    await Promise.all([A.close(), B.close()]);
  }
}

test('package.json: two new dependencies are a notice; the same dependency changed twice is a conflict naming it, on both sides, once', () =>
  withTwoSessions(async ({ repo, A, B }) => {
    const file = join(repo, 'package.json');
    const [a, b] = [A.sessionId.slice(0, 8), B.sessionId.slice(0, 8)];
    // Each appends after the last dependency: the one before gains a comma, and is not taken as edited
    // (B's Edit quotes A's new `zod` line, which A did edit).
    await A.prompt('add zod', edit(file, '    "delta": "1.0.0"\n', '    "delta": "1.0.0",\n    "zod": "3.0.0"\n'), { text: 'ok' });
    await B.prompt('add yup', edit(file, '    "zod": "3.0.0"\n', '    "zod": "3.0.0",\n    "yup": "1.0.0"\n'), { text: 'ok' });
    assert.equal(timesSeen(B.api, 'CONFLICT'), 0);
    assert.equal(timesSeen(B.api, "also edits package.json (`dependencies.zod`)"), 1);
    await A.prompt('anything?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT'), 0);

    await A.prompt('bump alpha', edit(file, '"alpha": "1.0.0"', '"alpha": "1.1.0"'), { text: 'ok' });
    await B.prompt('pin alpha', edit(file, '"alpha": "1.1.0"', '"alpha": "2.0.0"'), { text: 'ok' });
    assert.equal(timesSeen(B.api, `CONFLICT in package.json: \`dependencies.alpha\` was also edited by session ${a}`), 1);
    assert.equal(timesSeen(B.api, '`dependencies.yup`'), 0, 'the keys that differ are not conflicts');
    await A.prompt('what next?', { text: 'ok' });
    assert.equal(timesSeen(A.api, `CONFLICT in package.json: \`dependencies.alpha\` was also edited by session ${b}`), 1);
    await A.prompt('and now?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT in package.json'), 1);
  }));

test('README.md: two sections are a notice; the same section is a conflict naming its heading path, on both sides, once', () =>
  withTwoSessions(async ({ repo, A, B }) => {
    const file = join(repo, 'README.md');
    const [a, b] = [A.sessionId.slice(0, 8), B.sessionId.slice(0, 8)];
    await A.prompt('document install', edit(file, 'Run npm install.', 'Run npm install demo.'), { text: 'ok' });
    await B.prompt('document usage', edit(file, 'Import it.', 'Import it from demo.'), { text: 'ok' });
    assert.equal(timesSeen(B.api, 'CONFLICT'), 0);
    assert.equal(timesSeen(B.api, "also edits README.md (`Demo > Install`)"), 1);

    await B.prompt('install too', edit(file, 'Run npm install demo.', 'Run npm install demo --save.'), { text: 'ok' });
    assert.equal(timesSeen(B.api, `CONFLICT in README.md: \`Demo > Install\` was also edited by session ${a}`), 1);
    await A.prompt('what next?', { text: 'ok' });
    assert.equal(timesSeen(A.api, `CONFLICT in README.md: \`Demo > Install\` was also edited by session ${b}`), 1);
    assert.equal(timesSeen(A.api, '`Demo > Usage` was also edited'), 0);
    await A.prompt('and now?', { text: 'ok' });
    assert.equal(timesSeen(A.api, 'CONFLICT in README.md'), 1);
  }));
