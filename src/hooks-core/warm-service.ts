// The warm service: the MCP server (one long-lived Node process per Claude Code process) answers
// this process's hooks itself, so a tool call costs a shell and a round trip through a FIFO
// instead of a cold Node start-up (about 20 ms each, on every edit and every prompt).
//
// Protocol, all in <store>/warm/<claude pid>/ (0700), driven by hooks/warm.sh:
//   1. the hook writes its stdin to <hook pid>.in and makes the FIFO <hook pid>.out;
//   2. it writes one line `<hook name> <hook pid> <p|->` to the FIFO `in` (atomic: shorter than
//      PIPE_BUF; `p` when the hook runs as a plugin's, which decides how our tools are named);
//   3. the service claims <hook pid>.in by renaming it to .work (so a hook that gave up and ran the
//      Node bundle itself can never have its call answered twice), answers it with the same code as
//      the bundle, removes .work, and writes `ok` or `out` plus the JSON into <hook pid>.out (or
//      `fail`, having put the call back, when it cannot read it). A hook whose service died holding
//      its .work runs the bundle on that.
// A hook that finds no live service, or gets no answer in 5 s, runs the Node bundle instead: the
// service makes hooks faster, never less reliable.
import { closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { builtin } from '../store/builtins.js';
import { claimByRename, readText, realFolders, unlinkQuiet, writeFileAtomic } from '../store/fsx.js';
import { pidAlive } from '../sessions/registry.js';
import { answerHook, type HookHandler } from './run.js';

export const warmRoot = (root: string) => join(root, 'warm');
export const warmDir = (root: string, claudePid: number) => join(warmRoot(root), String(claudePid));

/** The longest request line we accept: a hook name and a pid, with room to spare. */
const MAX_LINE = 256;
/** A call's files older than this belong to a hook that is gone (hooks time out after 10 s). */
const STALE_CALL_MS = 60_000;
/** How long the service waits for a hook to open its answer FIFO before dropping the answer. */
const ANSWER_WAIT_MS = 2_000;

export interface WarmServiceOptions {
  root: string;
  claudePid: number;
  env: NodeJS.ProcessEnv;
  handlers: Record<string, HookHandler>;
  /** Files of a call older than this are a gone hook's, and swept (default 60 s; tests shorten it). */
  staleCallMs?: number;
  log(text: string): void;
}

export interface WarmService {
  /** Wait until every request read so far is answered (tests). */
  idle(): Promise<void>;
  close(): void;
}

/** The pid of the service answering for this Claude Code process, if it is alive. */
export function warmServicePid(dir: string): number | undefined {
  const pid = Number(readText(join(dir, 'pid'))?.trim());
  return Number.isInteger(pid) && pid > 0 && pidAlive(pid) ? pid : undefined;
}

/** Take the directory of this Claude Code process, unless another live server already has it. */
function claimDir(dir: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(dir, { mode: 0o700 });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = warmServicePid(dir);
      if (owner !== undefined && owner !== process.pid) return false;
      // Left behind by a server that was killed: no hook can be waiting on it any more. (rmSync
      // removes a link planted there, not what it points to.)
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return false;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Write the answer into the hook's FIFO; false when the hook is gone (it has run the bundle). */
async function answer(fifo: string, text: string): Promise<boolean> {
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      // Non-blocking: a blocking open would stall the server's event loop on a hook that died.
      fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENXIO' || Date.now() - started > ANSWER_WAIT_MS) return false; // ENXIO: not reading yet
      await sleep(1);
    }
  }
  // The path can go now (the descriptor keeps the FIFO): when the hook has read its answer, no
  // file of its call is left.
  unlinkQuiet(fifo);
  try {
    const buf = Buffer.from(text);
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(fd, buf, off);
      } catch (e) {
        // EAGAIN: the pipe is full (an answer over 64 KB); the hook is reading, wait for it.
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() - started > ANSWER_WAIT_MS) return false;
        await sleep(1);
      }
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

export function startWarmService(opts: WarmServiceOptions): WarmService | undefined {
  const dir = warmDir(opts.root, opts.claudePid);
  mkdirSync(warmRoot(opts.root), { recursive: true, mode: 0o700 });
  // A link planted as warm/ would have us make, and clear out, a folder wherever it points.
  if (!realFolders(opts.root, warmRoot(opts.root))) {
    opts.log('warm service off: warm/ is a symlink or a file, not a folder of the store; hooks start Node instead');
    return undefined;
  }
  if (!claimDir(dir)) {
    opts.log(`warm service: ${dir} is served by another live server; hooks of this process use it`);
    return undefined;
  }
  const inbound = join(dir, 'in');
  const pidFile = join(dir, 'pid');
  try {
    // Node has no mkfifo(3); the coreutils command is on every system the hooks' shell runs on.
    builtin('child_process')!.execFileSync('mkfifo', ['-m', '600', inbound], { stdio: 'ignore' });
  } catch (e) {
    opts.log(`warm service off: cannot make a FIFO (${(e as Error).message}); hooks start Node instead`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  // Read and write: the FIFO then never reports end of file when hooks come and go, and a hook's
  // open for writing never blocks while we are alive.
  const fd = openSync(inbound, constants.O_RDWR | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  socket.unref();

  let served = 0;
  let queue = Promise.resolve();
  let pending = '';
  const env: NodeJS.ProcessEnv = { ...opts.env, CLAUDE_PID: String(opts.claudePid) };
  // A plugin's hooks see CLAUDE_PLUGIN_ROOT, hooks installed by `context-sync init` do not: the
  // request says which, and the answer names our tools accordingly.
  const pluginEnv: NodeJS.ProcessEnv = { ...env, CLAUDE_PLUGIN_ROOT: env.CLAUDE_PLUGIN_ROOT || 'plugin' };
  const initEnv: NodeJS.ProcessEnv = { ...env };
  delete initEnv.CLAUDE_PLUGIN_ROOT;

  // Files of calls whose hooks were killed before sending or after giving up: swept now and then.
  const staleCallMs = opts.staleCallMs ?? STALE_CALL_MS;
  let sweptAt = Date.now();
  function sweep(): void {
    sweptAt = Date.now();
    for (const f of readdirSync(dir)) {
      if (f === 'in' || f === 'pid') continue;
      try {
        if (sweptAt - lstatSync(join(dir, f)).mtimeMs > staleCallMs) unlinkQuiet(join(dir, f));
      } catch {
        /* gone meanwhile */
      }
    }
  }

  async function serve(line: string): Promise<void> {
    if (Date.now() - sweptAt > staleCallMs) sweep();
    const m = /^([a-z-]{1,40}) ([1-9][0-9]{0,9}) ([p-])$/.exec(line);
    const handler = m ? opts.handlers[m[1]!] : undefined;
    if (!m || !handler || !Object.hasOwn(opts.handlers, m[1]!)) {
      opts.log(`warm service: ignored a malformed request (${JSON.stringify(line.slice(0, 80))})`);
      return;
    }
    const [, name, hookPid, kind] = m;
    const work = join(dir, `${hookPid}.work`);
    if (!claimByRename(join(dir, `${hookPid}.in`), work)) {
      // The hook gave up and ran the bundle with its input: it is answered already. It also took
      // our pid away so that others would not wait on us; we are back, say so.
      if (readText(pidFile) === undefined) writeFileAtomic(pidFile, `${process.pid}\n`);
      return;
    }
    const fifo = join(dir, `${hookPid}.out`);
    let raw: string;
    try {
      // Not through a link, and only a regular file: a FIFO or a link to /dev/zero planted as a call
      // would otherwise hang this server, which answers every hook of its Claude Code process.
      const text = readText(work);
      if (text === undefined) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      raw = text;
    } catch (e) {
      // Cannot read the call (out of file descriptors, say): give it back and tell the hook to run
      // the bundle on it now, rather than leave it waiting.
      opts.log(`warm service: ${name} ${hookPid}: cannot read the call (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the hook runs its bundle`);
      try {
        renameSync(work, join(dir, `${hookPid}.in`));
      } catch {
        /* gone: the hook finds nothing to take back and stops */
      }
      await answer(fifo, 'fail\n');
      return;
    }
    let out: Record<string, unknown>;
    try {
      out = await answerHook(name!, raw, kind === 'p' ? pluginEnv : initEnv, handler);
    } finally {
      // Only now: if this server dies before the call is recorded, the hook finds it under .work
      // and runs the bundle on it (a call is never lost; at worst recorded twice).
      unlinkQuiet(work);
    }
    const text = Object.keys(out).length === 0 ? 'ok\n' : `out\n${JSON.stringify(out)}`;
    if (!(await answer(fifo, text))) {
      opts.log(`warm service: ${name} ${hookPid} left before its answer`);
      unlinkQuiet(fifo); // a hook killed by its timeout cannot remove it itself
    }
    served++;
  }

  socket.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      // One at a time, like hooks of one session in sequence: the store's records stay in call order.
      queue = queue.then(() => serve(line)).catch((e) => opts.log(`warm service: ${(e as Error).message}`));
    }
    if (pending.length > MAX_LINE) {
      opts.log('warm service: dropped an over-long request line');
      pending = '';
    }
  });
  socket.on('error', (e) => opts.log(`warm service: ${e.message}`));

  // Last: a hook that sees this pid alive may send at once.
  writeFileAtomic(pidFile, `${process.pid}\n`);
  opts.log(`warm service: answering the hooks of Claude Code process ${opts.claudePid}`);
  return {
    idle: () => queue,
    close() {
      socket.destroy();
      opts.log(`warm service: answered ${served} hook calls for Claude Code process ${opts.claudePid}`);
      if (warmServicePid(dir) === process.pid) rmSync(dir, { recursive: true, force: true });
    },
  };
}
