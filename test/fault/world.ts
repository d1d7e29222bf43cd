// A small fake machine for the fault suite: a temp root holding a git repository, a Claude Code
// session registry and the store, plus what the suite needs around it: a snapshot of every file
// outside the store (to prove nothing was written there), the log text, and the figures the
// fault report prints (appended as JSON lines when CONTEXT_SYNC_FAULT_FIGURES names a file).
import { appendFileSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { hookPath } from '../harness/hook-runner.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createServer } from '../../src/mcp/server.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { Sandbox } from '../harness/claude.js';

export const MATH = 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n';

export interface World {
  sb: Sandbox;
  reg: FakeRegistry;
  repo: string;
  close(): void;
}

export function world(prefix = 'ccs-fault-', files: Record<string, string> = { 'src/math.ts': MATH, 'README.md': '# r\n' }): World {
  const sb = new Sandbox(prefix);
  const repo = sb.repo('proj', files);
  const reg = new FakeRegistry();
  return { sb, reg, repo, close: () => reg.close() };
}

/** Every path under `dir` (not following symlinks) with its type, size and mtime, minus `skip` subtrees. */
export function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (skip.some((s) => p === s || p.startsWith(s + '/'))) continue;
      const st = lstatSync(p);
      const kind = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : 'f';
      out.set(p, kind === 'd' ? 'd' : `${kind}:${st.size}:${st.mtimeMs}`);
      if (kind === 'd') walk(p);
    }
  };
  walk(dir);
  return out;
}

/** Paths added, removed or changed between two snapshots. */
export function treeDiff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after) if (before.get(p) !== v) out.push(`${before.has(p) ? 'changed' : 'added'} ${p}`);
  for (const p of before.keys()) if (!after.has(p)) out.push(`removed ${p}`);
  return out;
}

/** The store's log, current and rotated. */
export function logText(store: string): string {
  let s = '';
  for (const f of ['context-sync.log.1', 'context-sync.log']) {
    try {
      s += readFileSync(join(store, 'log', f), 'utf8');
    } catch {
      /* absent */
    }
  }
  return s;
}

/** A real MCP client talking to a real server that serves the session of `pid`. */
export async function mcpClient(reg: FakeRegistry, pid: number, cwd: string, env: NodeJS.ProcessEnv = reg.env()) {
  const { server, cleanup } = createServer({ env, parentPid: pid, cwd, watchTranscripts: false });
  const client = new Client({ name: 'fault', version: '1' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(a), client.connect(b)]);
  return {
    client,
    call: (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<{ isError?: boolean; content: Array<{ text: string }>; structuredContent?: any }>,
    close: async () => {
      await client.close();
      await cleanup();
    },
  };
}

/** Record figures for scripts/fault-report.mjs; a no-op under plain `npm test`. */
export function figure(scenario: string, data: Record<string, number | string>): void {
  const file = process.env.CONTEXT_SYNC_FAULT_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ scenario, ...data }) + '\n');
}

/** Every record of every session's files/*.jsonl in a project store, parsed; throws on a bad line. */
export function allEditLines(store: string): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const p of safeList(join(store, 'projects'))) {
    const sessions = join(store, 'projects', p, 'sessions');
    for (const s of safeList(sessions)) {
      const files = join(sessions, s, 'files');
      for (const f of safeList(files)) {
        if (!f.endsWith('.jsonl')) continue;
        for (const line of readFileSync(join(files, f), 'utf8').split('\n')) if (line) out.push(JSON.parse(line));
      }
    }
  }
  return out;
}

export function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export interface RawRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  json: any;
  ms: number;
}

/** Spawn a built hook bundle with raw bytes on stdin (so non-UTF-8 input really is non-UTF-8). */
export function spawnHook(name: string, input: Buffer | string, env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<RawRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [hookPath(name)], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    // 'close', not 'exit': after 'exit' the child's stdout may still hold unread data.
    p.on('close', (status, signal) => {
      if (timer) clearTimeout(timer);
      let json: any;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ status, signal, stdout, stderr, json, ms: performance.now() - t0 });
    });
    p.stdin.on('error', () => {});
    p.stdin.end(input);
  });
}

/** Run async tasks with at most `n` in flight (the machine has two shared cores). */
export async function pool<T>(tasks: Array<() => Promise<T>>, n: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, lane));
  return out;
}
