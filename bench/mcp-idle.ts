// MCP server idle cost: the bundled server (plugin/dist/mcp.mjs) with a fake live-session registry
// of N sessions in one repository, each with a transcript. After the handshake and one
// get_session_context per session (so digests are loaded and the watcher follows every
// transcript), the server is left alone for IDLE seconds: its CPU time (utime + stime from
// /proc/<pid>/stat) and resident memory are reported. Then one transcript is appended to once a
// second, to show the watcher is live and what a change costs.
//
//   node scripts/build.mjs --tests && node .build/bench/mcp-idle.js [sessions=3] [transcriptMB=20] [idleSeconds=10]
//
// Linux only (/proc). Everything lives in a temp dir, removed at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = join(repoRoot, 'plugin', 'dist', 'mcp.mjs');
const [sessions = 3, transcriptMB = 20, idleSeconds = 10] = process.argv.slice(2).map(Number);
const MB = 1 << 20;
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function stat(pid: number): { cpuMs: number; rssMB: number } {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) are at 11 and 12 counting from field 3.
  const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs, rssMB: rss ? Number(rss[1]) / 1024 : NaN };
}

function procStart(pid: number): string {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return s.slice(s.lastIndexOf(')') + 2).split(' ')[19]!;
}

/** A transcript shaped like Claude Code's: prompts, assistant text, Edit/Bash calls and results. */
function writeTranscript(path: string, sessionId: string, cwd: string, bytes: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let written = 0;
  let last: string | null = null;
  let clock = Date.parse('2026-11-01T08:00:00.000Z');
  let n = 0;
  const rec = (type: string, extra: object) => {
    const uuid = randomUUID();
    clock += 500;
    const line = JSON.stringify({ parentUuid: last, isSidechain: false, type, ...extra, uuid, timestamp: new Date(clock).toISOString(), cwd, sessionId, version: '2.1.330', gitBranch: 'main' }) + '\n';
    last = uuid;
    written += writeSync(fd, line);
  };
  while (written < bytes) {
    n += 1;
    rec('user', { message: { role: 'user', content: `Request ${n}: refactor the session cache and fix the retry queue in worker ${n % 7}` } });
    rec('assistant', { message: { id: `msg_${n}a`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'text', text: `I'll change src/worker${n % 7}.ts to use the shared cache.` }] } });
    const id = `toolu_${n}`;
    rec('assistant', { message: { id: `msg_${n}b`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'tool_use', id, name: 'Edit', input: { file_path: `${cwd}/src/worker${n % 7}.ts`, old_string: 'a', new_string: 'b' } }] } });
    rec('user', { message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'x'.repeat(4000) }] } });
    rec('assistant', { message: { id: `msg_${n}c`, role: 'assistant', model: 'claude-opus-5-5', content: [{ type: 'text', text: 'Done; tests pass.' }] } });
  }
  closeSync(fd);
}

class Rpc {
  private buf = '';
  private waiters = new Map<number, (v: any) => void>();
  private id = 0;
  constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      this.buf += d;
      let nl: number;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl);
        this.buf = this.buf.slice(nl + 1);
        try {
          const m = JSON.parse(line);
          if (m.id !== undefined) this.waiters.get(m.id)?.(m);
        } catch {
          /* not ours */
        }
      }
    });
  }
  call(method: string, params: object): Promise<any> {
    const id = ++this.id;
    this.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    return new Promise((r) => this.waiters.set(id, r));
  }
  notify(method: string): void {
    this.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', method }) + '\n');
  }
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'ccs-mcp-idle-')));
const home = join(root, 'home');
const repo = join(root, 'proj');
mkdirSync(join(home, '.claude', 'sessions'), { recursive: true });
mkdirSync(join(repo, 'src'), { recursive: true });
spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
const sleepers: ChildProcess[] = [];
let server: ChildProcess | undefined;
try {
  // Live sessions: this process (the server's parent, so "its" session) and sleeping children.
  const ids: string[] = [];
  for (let i = 0; i < sessions; i++) {
    let pid = process.pid;
    if (i > 0) {
      const s = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
      sleepers.push(s);
      pid = s.pid!;
    }
    const id = randomUUID();
    ids.push(id);
    writeFileSync(join(home, '.claude', 'sessions', `${pid}.json`), JSON.stringify({ pid, sessionId: id, cwd: repo, startedAt: Date.now(), procStart: procStart(pid), version: '2.1.330', kind: 'interactive', status: 'idle' }));
    writeTranscript(join(home, '.claude', 'projects', repo.replace(/[^A-Za-z0-9]/g, '-'), `${id}.jsonl`), id, repo, transcriptMB * MB);
  }
  const transcriptOf = (id: string) => join(home, '.claude', 'projects', repo.replace(/[^A-Za-z0-9]/g, '-'), `${id}.jsonl`);

  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, CONTEXT_SYNC_CLAUDE_BIN: 'none', CLAUDE_CODE_SESSION_ID: ids[0] };
  const t0 = performance.now();
  server = spawn(process.execPath, [bundle], { cwd: repo, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const rpc = new Rpc(server);
  await rpc.call('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } });
  rpc.notify('notifications/initialized');
  const ready = performance.now() - t0;
  const afterStart = stat(server.pid!);
  const calls: string[] = [];
  for (const id of ids) {
    const t = performance.now();
    const r = await rpc.call('tools/call', { name: 'get_session_context', arguments: { sessionId: id } });
    const c = r.result?.structuredContent;
    calls.push(`${(performance.now() - t).toFixed(0)} ms (${c?.source}, stale ${c?.stale}, ${c?.changedFiles?.length} files)`);
  }
  const warm = stat(server.pid!);
  // A second round on unchanged transcripts: served from the cache.
  const t2 = performance.now();
  for (const id of ids) await rpc.call('tools/call', { name: 'get_session_context', arguments: { sessionId: id } });
  const cachedMs = (performance.now() - t2) / ids.length;

  await new Promise((r) => setTimeout(r, 1000)); // let the registry debounce and watcher setup settle
  const idleStart = stat(server.pid!);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const idleEnd = stat(server.pid!);

  // Now a live session writes: one record per second to one transcript.
  for (let i = 0; i < 5; i++) {
    appendFileSync(transcriptOf(ids[1] ?? ids[0]!), JSON.stringify({ type: 'user', uuid: randomUUID(), message: { role: 'user', content: `more ${i}` } }) + '\n');
    await new Promise((r) => setTimeout(r, 1000));
  }
  const busyEnd = stat(server.pid!);

  console.log(`MCP server idle benchmark: ${sessions} live sessions, ${transcriptMB} MB transcript each, watcher on`);
  console.log(`ready (initialize answered) in ${ready.toFixed(0)} ms; CPU ${afterStart.cpuMs.toFixed(0)} ms, RSS ${afterStart.rssMB.toFixed(1)} MB`);
  console.log(`first get_session_context per session (digest from scratch): ${calls.join('; ')}`);
  console.log(`repeat get_session_context (unchanged transcript): ${cachedMs.toFixed(1)} ms each`);
  console.log(`after the calls: CPU ${warm.cpuMs.toFixed(0)} ms total, RSS ${warm.rssMB.toFixed(1)} MB`);
  console.log(`idle ${idleSeconds} s: CPU ${(idleEnd.cpuMs - idleStart.cpuMs).toFixed(0)} ms (clock tick ${(1000 / TICK).toFixed(0)} ms), RSS ${idleEnd.rssMB.toFixed(1)} MB ${idleEnd.rssMB <= 80 ? '(<= 80 MB: OK)' : '(OVER 80 MB)'}`);
  console.log(`5 s with one transcript appended every second: CPU ${(busyEnd.cpuMs - idleEnd.cpuMs).toFixed(0)} ms, RSS ${busyEnd.rssMB.toFixed(1)} MB`);
} finally {
  server?.kill('SIGINT');
  for (const s of sleepers) s.kill();
  await new Promise((r) => setTimeout(r, 200));
  rmSync(root, { recursive: true, force: true });
}
