// The dashboard's web server: Node's own http, one page, its data, and Server-Sent Events that
// carry the sections of the page that changed. The store is read again only when a watched file
// changes and someone is looking; with nothing changing, the process sleeps (inotify, no polling).
//
// Every request needs the token made at start: in the URL printed once, then in an HttpOnly,
// SameSite=Strict cookie. Another local user cannot guess it; a web page in the browser cannot send
// the cookie (SameSite) nor read a response (no CORS); a rebinding DNS name fails the Host check.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { watch, type FSWatcher } from 'chokidar';
import { pageHtml } from './page.js';
import { wireParts, wireUpdate, type PageData } from './view.js';
import type { Scope } from './snapshot.js';

export interface DashboardActions {
  resolve(conflictId: string): string | Promise<string>;
  send(to: string, text: string): string | Promise<string>;
}

/** A failure the person can act on (a refused action): its text is shown on the page. */
export class ActionError extends Error {}

export interface DashboardOptions {
  host: string;
  port: number;
  /** Fresh page data from the store, for this repository or for every project on the machine. */
  read(scope: Scope): PageData;
  /** Files and folders whose changes mean "read again"; asked again after every read. */
  watchPaths(): string[];
  /** Ignore events under these (told markers, temp files): they change nothing on the page. */
  ignored?: (path: string) => boolean;
  /** Absent: read-only, and the action endpoints answer 403. */
  actions?: DashboardActions;
  /** A change shows at most this long after the first event of a burst (ms). */
  settleMs?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface RunningDashboard {
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Read the store now (after an action, or in tests). */
  refresh(): void;
  close(): Promise<void>;
  /** How many updates were sent, and their bytes (for the benchmark). */
  stats: { reads: number; updates: number; updateBytes: number };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
const MAX_BODY = 80 * 1024;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ActionError('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startDashboard(o: DashboardOptions): Promise<RunningDashboard> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const log = o.log ?? (() => {});
  const stats = { reads: 0, updates: 0, updateBytes: 0 };
  /** One channel per scope: its readers, and what they were last sent. */
  interface Channel {
    scope: Scope;
    clients: Set<ServerResponse>;
    data?: PageData;
    /** The state as sent, part by part. */
    parts?: Map<string, string>;
    dirty: boolean;
  }
  const channels: Record<Scope, Channel> = {
    project: { scope: 'project', clients: new Set(), dirty: true },
    all: { scope: 'all', clients: new Set(), dirty: true },
  };
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const watched = new Set<string>();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
  const origin = `http://${hostInUrl}:${port}`;
  // Cookies are not kept apart by port: two dashboards on one host need two names.
  const cookie = `context_sync_${port}`;
  const allowedHosts = new Set([`${hostInUrl}:${port}`]);
  if (isLoopback(o.host)) for (const h of ['127.0.0.1', 'localhost', '[::1]']) allowedHosts.add(`${h}:${port}`);

  function readChannel(ch: Channel): void {
    try {
      const next = o.read(ch.scope);
      stats.reads++;
      const parts = wireParts(next);
      const update = ch.parts ? wireUpdate(ch.parts, parts) : undefined;
      ch.data = next;
      ch.parts = parts;
      ch.dirty = false;
      if (update && ch.clients.size > 0) {
        const payload = `event: update\ndata: ${update}\n\n`;
        stats.updates++;
        stats.updateBytes += Buffer.byteLength(payload);
        for (const c of ch.clients) c.write(payload);
      }
    } catch (e) {
      log(`dashboard: could not read the store: ${(e as Error).message}`);
    }
    syncWatches();
  }

  /** Read again for whoever is looking; a scope nobody looks at is read when someone connects. */
  function readNow(): void {
    clearTimeout(timer);
    timer = undefined;
    for (const ch of Object.values(channels)) {
      if (ch.clients.size > 0) readChannel(ch);
      else ch.dirty = true;
    }
  }

  /** New worktrees appear with new sessions: watch what the last read says matters. */
  function syncWatches(): void {
    try {
      for (const p of o.watchPaths()) {
        if (watched.has(p)) continue;
        watched.add(p);
        watcher?.add(p);
      }
    } catch (e) {
      log(`dashboard: could not watch: ${(e as Error).message}`);
    }
  }

  function onChange(): void {
    // Nobody looking: remember, read when someone connects.
    if (channels.project.clients.size + channels.all.clients.size === 0) {
      channels.project.dirty = channels.all.dirty = true;
      return;
    }
    // The first event of a burst starts the clock; later ones ride along (a session's hook writes
    // several files per edit).
    timer ??= setTimeout(readNow, o.settleMs ?? 150);
  }

  for (const p of o.watchPaths()) watched.add(p);
  watcher = watch([...watched], { ignoreInitial: true, depth: 8, ignored: o.ignored, persistent: true });
  watcher.on('all', onChange);
  watcher.on('error', (e) => log(`dashboard: watcher: ${(e as Error).message}`));
  await new Promise<void>((resolve) => watcher!.once('ready', () => resolve()));

  function headers(res: ServerResponse, type: string, extra: Record<string, string> = {}): void {
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  }

  function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
    headers(res, type);
    res.statusCode = status;
    res.end(body);
  }

  /** 401 without any token, 403 with a wrong one, undefined when the request may go on. */
  function denied(req: IncomingMessage, url: URL): number | undefined {
    const bearer = /^Bearer\s+(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const given = cookieValue(req, cookie) ?? bearer ?? url.searchParams.get('token') ?? undefined;
    if (given === undefined || given === '') return 401;
    return sameSecret(given, token) ? undefined : 403;
  }

  async function act(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!o.actions) return send(res, 403, 'read-only dashboard: start it with --allow-actions');
    // SameSite=Strict keeps the cookie off cross-site requests already; an Origin from elsewhere is refused too.
    const from = req.headers.origin;
    if (from !== undefined && ![...allowedHosts].some((h) => from === `http://${h}`)) return send(res, 403, 'cross-origin request refused');
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ActionError('a JSON object is expected');
      body = parsed as Record<string, unknown>;
    } catch (e) {
      return send(res, 400, JSON.stringify({ error: e instanceof ActionError ? e.message : 'not JSON' }), 'application/json');
    }
    try {
      let text: string;
      if (path === '/api/resolve' && typeof body.conflict === 'string') text = await o.actions.resolve(body.conflict);
      else if (path === '/api/send' && typeof body.to === 'string' && typeof body.text === 'string') text = await o.actions.send(body.to, body.text);
      else return send(res, 400, JSON.stringify({ error: 'unknown action or missing fields' }), 'application/json');
      readNow();
      send(res, 200, JSON.stringify({ ok: true, text }), 'application/json');
    } catch (e) {
      if (e instanceof ActionError) return send(res, 400, JSON.stringify({ error: e.message }), 'application/json');
      log(`dashboard: action failed: ${(e as Error).stack ?? e}`);
      send(res, 500, JSON.stringify({ error: 'internal error' }), 'application/json');
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin);
    if (!allowedHosts.has(req.headers.host ?? '') && isLoopback(o.host)) return send(res, 403, 'unexpected Host');
    const refusal = denied(req, url);
    if (refusal) return send(res, refusal, refusal === 401 ? 'this dashboard needs the token from the URL it printed' : 'wrong token');
    if (url.searchParams.has('token')) {
      // Trade the token in the URL for a cookie, and take it out of the address bar and history.
      headers(res, 'text/plain; charset=utf-8', {
        'Set-Cookie': `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + (url.searchParams.get('scope') === 'all' ? '?scope=all' : ''),
      });
      res.statusCode = 303;
      return res.end();
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      act(req, res, url.pathname).catch((e) => log(`dashboard: ${(e as Error).message}`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      headers(res, 'text/html; charset=utf-8', {
        'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      });
      return res.end(pageHtml(nonce));
    }
    const ch = channels[url.searchParams.get('scope') === 'all' ? 'all' : 'project'];
    if (url.pathname === '/data') {
      if (ch.dirty || !ch.data) readChannel(ch);
      return send(res, 200, JSON.stringify(ch.data ?? null), 'application/json');
    }
    if (url.pathname === '/events' && req.method === 'GET') {
      headers(res, 'text/event-stream; charset=utf-8', { Connection: 'keep-alive' });
      res.statusCode = 200;
      if (ch.dirty || !ch.data) readChannel(ch);
      res.write(`retry: 2000\n\nevent: full\ndata: ${ch.parts ? wireUpdate(undefined, ch.parts) : 'null'}\n\n`);
      ch.clients.add(res);
      req.on('close', () => ch.clients.delete(res));
      return;
    }
    send(res, 404, 'not found');
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    refresh: readNow,
    stats,
    async close() {
      clearTimeout(timer);
      for (const ch of Object.values(channels)) {
        for (const c of ch.clients) c.end();
        ch.clients.clear();
      }
      await watcher?.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
