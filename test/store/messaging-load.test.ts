// 1,000 messages sent at once from 50 sessions (separate processes) to one recipient, while several
// processes race to deliver them (as UserPromptSubmit and the after-tool hook do): every message
// arrives, each exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox } from '../harness/claude.js';

const here = new URL('.', import.meta.url).pathname;
const worker = join(here, '..', 'harness', 'messaging-worker.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [worker, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker ${args[0]} exited ${code}: ${err}`))));
  });
}

test('1,000 concurrent messages from 50 senders reach one recipient exactly once', async () => {
  const sb = new Sandbox('ccs-load-');
  const repo = sb.repo('proj', { 'a.txt': 'a\n' });
  const reg = new FakeRegistry();
  try {
    const recipient = reg.add(repo);
    const senders = Array.from({ length: 50 }, () => reg.add(repo));
    const env = reg.env();
    const sending = senders.map((s) => run(['send', repo, s.sessionId, recipient.sessionId, '20'], env));
    // Deliverers race the senders and each other.
    const delivering = Array.from({ length: 4 }, () => run(['deliver', repo, recipient.sessionId, '40'], env));
    await Promise.all(sending);
    const outs = await Promise.all(delivering);
    outs.push(await run(['deliver', repo, recipient.sessionId, '1'], env)); // whatever is left
    const ids = outs.flatMap((o) => o.split('\n').filter(Boolean));
    assert.equal(ids.length, 1000, 'every message delivered');
    assert.equal(new Set(ids).size, 1000, 'none delivered twice');
  } finally {
    reg.close();
  }
});
