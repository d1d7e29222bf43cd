// A real redis-server for team-mode tests: 127.0.0.1, a random free port, a password, its own
// temporary directory, no persistence unless asked. kill() is a SIGKILL (a crash); start() again
// brings it back on the same port, as a restarted server would be.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { until } from './wait.js';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class RedisServer {
  readonly password = randomBytes(12).toString('hex');
  readonly dir = mkdtempSync(join(tmpdir(), 'ccs-redis-'));
  port = 0;
  private proc?: ChildProcess;

  get url(): string {
    return `redis://:${this.password}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    const proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--requirepass', this.password, '--dir', this.dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.unref();
    this.proc = proc;
    process.once('exit', () => proc.kill('SIGKILL'));
    await this.waitReady();
  }

  /** Ready when it answers: a NOAUTH error to an unauthenticated PING is an answer. */
  private async waitReady(): Promise<void> {
    const { connect } = await import('node:net');
    const answers = () =>
      new Promise<boolean>((resolve) => {
        const s = connect(this.port, '127.0.0.1');
        s.once('error', () => resolve(false));
        s.once('connect', () => s.write('PING\r\n'));
        s.once('data', () => {
          s.destroy();
          resolve(true);
        });
      });
    await until('redis-server to answer', answers, { ms: 10_000 });
  }

  kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      p.ref(); // an unref'd child's exit would not keep the loop alive until it is seen
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
