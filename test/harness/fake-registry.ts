// Live "Claude Code sessions" without Claude Code, for store, hook and load tests: each is a real
// sleeping process with an entry in a registry dir shaped like ~/.claude/sessions/<pid>.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

export interface FakeSession {
  sessionId: string;
  pid: number;
  cwd: string;
  proc: ChildProcess;
}

export class FakeRegistry {
  readonly root: string;
  readonly claudeDir: string;
  readonly store: string;
  readonly sessions: FakeSession[] = [];

  constructor() {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-reg-')));
    this.claudeDir = join(this.root, 'claude');
    this.store = join(this.root, 'store');
    mkdirSync(join(this.claudeDir, 'sessions'), { recursive: true });
  }

  /** Env for a hook, CLI or MCP process of this fake machine. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, HOME: this.root, CLAUDE_CONFIG_DIR: this.claudeDir, CONTEXT_SYNC_HOME: this.store, ...extra };
  }

  /** A session whose "Claude Code process" is `sleep`, or the given command (to be a real MCP server's parent). */
  add(cwd: string, sessionId: string = randomUUID(), command: [string, string[]] = ['sleep', ['3600']]): FakeSession {
    const proc = spawn(command[0], command[1], { stdio: 'ignore', env: this.env() });
    // A failing test must not hang on its sleeping "sessions", nor leave them behind.
    proc.unref();
    if (this.sessions.length === 0) process.once('exit', this.onExit);
    const pid = proc.pid!;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const procStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    writeFileSync(join(this.claudeDir, 'sessions', `${pid}.json`), JSON.stringify({ pid, sessionId, cwd, procStart, startedAt: Date.now(), status: 'busy' }));
    const s = { sessionId, pid, cwd, proc };
    this.sessions.push(s);
    return s;
  }

  /** Kill a session's process without cleaning its registry entry, as a crash would. */
  crash(s: FakeSession): Promise<void> {
    return new Promise((resolve) => {
      s.proc.ref(); // keep the loop alive until the exit is seen
      s.proc.once('exit', () => resolve());
      s.proc.kill('SIGKILL');
    });
  }

  private readonly onExit = () => this.close();

  close(): void {
    process.removeListener('exit', this.onExit);
    for (const s of this.sessions) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
  }
}
