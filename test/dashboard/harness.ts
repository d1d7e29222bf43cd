// Starting `context-sync dashboard` as a user would (the command, its first line of output) and
// talking to it over HTTP and Server-Sent Events.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyWire } from '../../src/dashboard/view.js';

export const cliEntry = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');

export interface Started {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/** Run the command and wait for the URL on its first line (the server is listening by then). */
export function startCli(env: NodeJS.ProcessEnv, cwd: string, args: string[] = [], entry = cliEntry): Promise<Started> {
  const child = spawn(process.execPath, [entry, 'dashboard', '--no-open', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in 15 s: ${out} ${err}`)), 15_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!out.includes('\n')) reject(new Error(`dashboard exited ${code}: ${err}`));
    });
    child.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const url = out.slice(0, nl).trim();
      const u = new URL(url);
      resolve({
        child,
        url,
        origin: u.origin,
        token: u.searchParams.get('token') ?? '',
        stderr: () => err,
        stop: () =>
          new Promise<void>((r) => {
            if (child.exitCode !== null) return r();
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const cookieFor = (s: Started) => ({ Cookie: `context_sync_${new URL(s.origin).port}=${s.token}` });

/** One event of the stream: what was sent, and the page state after it, decoded as the page does. */
export interface SeenEvent {
  event: string;
  data: any;
  bytes: number;
  state: any;
}

/** An open /events stream: events as they arrive, and a way to wait for one that passes a test. */
export function events(s: Started, path = '/events') {
  const seen: SeenEvent[] = [];
  const waiters: Array<{ test: (e: SeenEvent) => boolean; resolve: (e: SeenEvent) => void }> = [];
  let buffer = '';
  let parts: Record<string, any> = {};
  const req = request(s.origin + path, { headers: cookieFor(s) }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buffer += d;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const payload = JSON.parse(data);
        const r = applyWire(parts, payload);
        parts = r.parts;
        const e = { event, data: payload, bytes: Buffer.byteLength(data), state: r.state };
        seen.push(e);
        for (const w of [...waiters]) if (w.test(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    seen,
    next(test: (e: SeenEvent) => boolean, what: string, ms = 10_000): Promise<SeenEvent> {
      const hit = seen.find(test);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event: ${what}; saw ${JSON.stringify(seen.map((e) => e.event))}`)), ms);
        waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => req.destroy(),
  };
}
