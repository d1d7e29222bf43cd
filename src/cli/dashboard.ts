// `context-sync dashboard`: starts the live page for this store, or gives the URL of the one already
// running. Prints the URL on its first line; opens the browser unless --no-open.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { findProject } from '../sessions/project.js';
import { ensureDir, findOnPath } from '../store/fsx.js';
import { storePaths } from '../store/paths.js';
import { syncContext } from '../sync/context.js';
import { UserFacingError } from '../sync/messages.js';
import { dashboardActions } from '../dashboard/actions.js';
import { publishDashboard, runningDashboard, withdrawDashboard } from '../dashboard/record.js';
import { isLoopback, startDashboard } from '../dashboard/server.js';
import { readCaches, readSnapshot, type Scope } from '../dashboard/snapshot.js';
import { pageData } from '../dashboard/view.js';

export interface DashboardArgs {
  port: number;
  host: string;
  open: boolean;
  actions: boolean;
  detach: boolean;
}

export function dashboardArgs(flags: Set<string>, options: Map<string, string>): DashboardArgs {
  const portText = options.get('--port') ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new UserFacingError(`not a port: ${portText}`);
  const host = options.get('--host') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) throw new UserFacingError(`not a host: ${host}`);
  return { port, host, open: !flags.has('--no-open'), actions: flags.has('--allow-actions'), detach: flags.has('--detach') };
}

/** The system's way to open a URL, if there is one; never an error when there is none. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  // On Linux, `open` is openvt: only xdg-open there.
  const opener = process.platform === 'darwin' ? findOnPath('open', env.PATH) : findOnPath('xdg-open', env.PATH);
  if (!opener) return false;
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

const say = (line: string) => process.stdout.write(line + '\n');
const note = (line: string) => process.stderr.write(line + '\n');

/** Already running for this store: its URL, and a browser for it if asked. */
function reuse(root: string, a: DashboardArgs): boolean {
  const running = runningDashboard(root);
  if (!running) return false;
  say(running.url);
  note(`context-sync: the dashboard of this store is already running (pid ${running.pid}${running.actions ? ', actions allowed' : ', read-only'}).`);
  if (a.open) openBrowser(running.url);
  return true;
}

/** --detach: start the server as its own process (for the slash command), wait for its record, print its URL. */
async function detached(root: string, a: DashboardArgs): Promise<number> {
  const argv = ['dashboard', '--no-open', '--port', String(a.port), '--host', a.host, ...(a.actions ? ['--allow-actions'] : [])];
  ensureDir(join(root, 'log'));
  const out = openSync(join(root, 'log', 'dashboard.log'), 'a', 0o600);
  const child = spawn(process.execPath, [process.argv[1]!, ...argv], { stdio: ['ignore', out, out], detached: true, cwd: process.cwd(), env: process.env });
  closeSync(out);
  child.unref();
  for (let waited = 0; waited < 10_000; waited += 50) {
    const running = runningDashboard(root);
    if (running) {
      say(running.url);
      note(`context-sync: dashboard started in the background (pid ${running.pid}); stop it with kill ${running.pid}.`);
      if (a.open) openBrowser(running.url);
      return 0;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  note(`context-sync: the dashboard did not start; see ${join(root, 'log', 'dashboard.log')}`);
  return 1;
}

export async function runDashboard(a: DashboardArgs, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { root, claudeDir } = storePaths(env);
  if (reuse(root, a)) return 0;
  if (a.detach) return detached(root, a);
  const home = findProject(process.cwd());
  const caches = readCaches();
  const worktrees = new Set<string>();
  const read = (scope: Scope) => {
    const data = pageData(readSnapshot(syncContext(env), home, scope, caches), { actions: a.actions });
    for (const s of data.sessions) if (!s.remote) worktrees.add(s.worktree);
    return data;
  };
  const projectsDir = join(root, 'projects');
  const registryDir = join(claudeDir, 'sessions');
  ensureDir(projectsDir);
  const dash = await startDashboard({
    host: a.host,
    port: a.port,
    read,
    // The store (every project: the page can switch to all of them), Claude Code's registry of live
    // sessions (start, end, busy/idle; its parent while it does not exist yet), and the git index and
    // HEAD of every worktree seen: a commit clears a cell without any change in the store.
    watchPaths: () => [projectsDir, existsSync(registryDir) ? registryDir : claudeDir, ...gitFiles(worktrees)],
    ignored: (p) => {
      if (p === claudeDir || p === registryDir || p.startsWith(registryDir + '/')) return false;
      // remote-heard.json: the team relay's heartbeat renews it every 10 s and nothing shown changes.
      if (p === root || p.startsWith(root + '/')) return /\/(told|trash|log|pending)(\/|$)|\/\.tmp-|\/\.dashboard-|\/remote-heard\.json$/.test(p.slice(root.length));
      // Anything else in Claude Code's folder (transcripts, settings) does not concern the page.
      return p.startsWith(claudeDir + '/');
    },
    actions: a.actions ? dashboardActions(() => syncContext(env), home, () => read('all')) : undefined,
    log: note,
  });
  const record = publishDashboard(root, { url: dash.url, startedAt: Date.now(), host: a.host, port: dash.port, actions: a.actions });
  if (record.pid !== process.pid) {
    // Another dashboard of this store started at the same moment and won: use it.
    await dash.close();
    say(record.url);
    return 0;
  }
  say(dash.url);
  if (!isLoopback(a.host)) note(`context-sync: listening on ${a.host}, reachable from other machines: every request needs the token in this URL (it travels unencrypted over http).`);
  note(`context-sync: dashboard of ${home.name} (${a.actions ? 'actions allowed' : 'read-only'}); Ctrl-C to stop.`);
  if (a.open) openBrowser(dash.url);
  const stop = () => {
    withdrawDashboard(root);
    dash.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  process.once('exit', () => withdrawDashboard(root));
  return 0;
}

/** The git index and HEAD of each worktree (a commit rewrites the index; a branch switch, HEAD). */
function gitFiles(worktrees: Set<string>): string[] {
  const out: string[] = [];
  for (const wt of worktrees) {
    const gitDir = findProject(wt).gitDir;
    if (gitDir) out.push(join(gitDir, 'index'), join(gitDir, 'HEAD'));
  }
  return out;
}
