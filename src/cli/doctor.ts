// `context-sync doctor`: what is wrong with this set-up, and how to fix it. Every check reads;
// nothing is changed. The environment, the project folder and the `claude` runner are passed in.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { findProject } from '../sessions/project.js';
import { findOnPath, listDir, readJson } from '../store/fsx.js';
import { markerIsCurrent, readModMarker } from '../sync/module-marker.js';
import { liveSessions } from '../sessions/registry.js';
import { storePaths } from '../store/paths.js';
import type { ClaudeRun } from './install.js';
import { claudeJsonPath } from './claude-cli.js';
import { readSettings } from './settings-file.js';
import { enabledPluginKeys, initHookCommands, MCP_NAME, SettingsShapeError } from './settings-hooks.js';

/** One check's outcome; the `--json` shape of doctor (docs/cli.md). */
export interface Finding {
  check: 'node' | 'store' | 'registry' | 'claude-cli' | 'hooks' | 'mcp' | 'path' | 'config' | 'team';
  ok: boolean;
  detail: string;
  fix?: string;
}

export interface DoctorDeps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  nodeVersion: string;
  claude(args: string[]): ClaudeRun;
}

const finding = (check: Finding['check'], ok: boolean, detail: string, fix?: string): Finding => (fix && !ok ? { check, ok, detail, fix } : { check, ok, detail });

function nodeCheck(version: string): Finding {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  // 20.16 brought process.getBuiltinModule, which the hooks use to load git support only when needed.
  const ok = major > 20 || (major === 20 && minor >= 16);
  return finding('node', ok, `Node.js ${version}`, 'install Node.js 20.16 or newer: the hooks, the MCP server and this command run with `node` (older versions skip the git checks)');
}

function storeCheck(root: string): Finding {
  let st;
  try {
    st = statSync(root);
  } catch {
    return finding('store', true, `${root} (created on first use)`);
  }
  if (!st.isDirectory()) return finding('store', false, `${root} is not a directory`, `move it away: mv "${root}" "${root}.old"`);
  let writable = true;
  try {
    accessSync(root, constants.W_OK | constants.X_OK);
  } catch {
    writable = false;
  }
  const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
  const open = (st.mode & 0o077) !== 0;
  const mode = (st.mode & 0o777).toString(8);
  const problems = [!writable && 'NOT writable', !mine && 'owned by another user', open && 'readable by other users (it holds your prompts and messages)'].filter(Boolean);
  const fix = !writable || !mine ? `chown -R "$(id -un)" "${root}" && chmod -R u+rwX "${root}"` : `chmod -R go-rwx "${root}"`;
  return finding('store', problems.length === 0, `${root} (mode ${mode}${problems.length ? `: ${problems.join(', ')}` : ''})`, fix);
}

function registryCheck(claudeDir: string): Finding {
  const reg = join(claudeDir, 'sessions');
  return existsSync(reg)
    ? finding('registry', true, `Claude Code session registry at ${reg}`)
    : finding('registry', false, `no session registry at ${reg}`, 'start Claude Code (2.1 or newer) once: it keeps its live sessions there; until then liveness falls back to process ids');
}

function claudeCheck(deps: DoctorDeps): Finding {
  const r = deps.claude(['--version']);
  if (r.found && r.status === 0) return finding('claude-cli', true, `claude ${r.output.trim()}`);
  return finding(
    'claude-cli',
    false,
    r.found ? `\`claude --version\` failed: ${r.output.trim().slice(0, 200)}` : 'the `claude` command is not on PATH',
    'install Claude Code (npm install -g @anthropic-ai/claude-code) or put it on PATH; until then summaries use the offline extractor and init cannot register the MCP server',
  );
}

/** Settings files that can enable the plugin for this folder: the user's and the project's. */
function settingsFiles(claudeDir: string, worktree: string): string[] {
  return [join(claudeDir, 'settings.json'), join(worktree, '.claude', 'settings.json'), join(worktree, '.claude', 'settings.local.json')];
}

function hooksChecks(claudeDir: string, worktree: string, claudeJson: string): Finding[] {
  const out: Finding[] = [];
  const pluginIn: string[] = [];
  let initCommands: string[] = [];
  for (const [i, path] of settingsFiles(claudeDir, worktree).entries()) {
    let settings;
    try {
      settings = readSettings(path).settings;
      if (i === 0) initCommands = initHookCommands(settings);
    } catch (e) {
      const why = e instanceof SettingsShapeError ? `${path}: ${e.message}` : (e as Error).message;
      out.push(finding('hooks', false, why, `fix ${path}: Claude Code ignores a settings file it cannot read`));
      continue;
    }
    for (const k of enabledPluginKeys(settings)) pluginIn.push(`${k} in ${path}`);
  }
  const viaInit = initCommands.length > 0;
  const viaPlugin = pluginIn.length > 0;
  if (viaPlugin && viaInit) {
    out.push(finding('hooks', false, `installed twice: the plugin is enabled (${pluginIn.join('; ')}) and \`context-sync init\` hooks are in ${join(claudeDir, 'settings.json')}; every hook runs twice`, 'keep one: `context-sync uninstall` removes the init hooks and server, or `claude plugin disable context-sync@<marketplace>` the plugin'));
  } else if (viaPlugin) {
    out.push(finding('hooks', true, `enabled as a plugin (${pluginIn.join('; ')})`));
  } else if (viaInit) {
    // A moved or upgraded package leaves hooks pointing at files that are gone.
    const missing = initCommands.flatMap(commandFiles).filter((f) => !existsSync(f));
    out.push(
      missing.length
        ? finding('hooks', false, `init hooks point at missing files: ${[...new Set(missing)].join(', ')}`, 'run `context-sync init` again from the installed package')
        : finding('hooks', true, `registered by \`context-sync init\` in ${join(claudeDir, 'settings.json')}`),
    );
  } else {
    out.push(finding('hooks', false, 'not registered: the plugin is not enabled in user or project settings, and `context-sync init` has not run', 'install the plugin (claude plugin install context-sync@<marketplace>) or run `context-sync init`; sessions started with --plugin-dir are fine as they are'));
  }
  if (viaInit && !viaPlugin) {
    const data = readJson(claudeJson) as { mcpServers?: Record<string, unknown> } | undefined;
    const have = !!data?.mcpServers?.[MCP_NAME];
    out.push(finding('mcp', have, have ? `MCP server "${MCP_NAME}" registered at user scope` : `no MCP server "${MCP_NAME}" at user scope: the model cannot list sessions or send messages`, 'run `context-sync init` again with the `claude` command on PATH'));
  }
  return out;
}

function configCheck(root: string, worktree: string): Finding {
  const { problems } = loadConfig(root, worktree, { quiet: true });
  return problems.length
    ? finding('config', false, problems.join('; '), 'fix the file (its schema: schema/config.schema.json in the plugin); until then the defaults apply (for a refused ignore pattern: the rest of the file applies without it)')
    : finding('config', true, 'configuration valid (or defaults)');
}

/** The files an init hook command runs: its quoted bundle paths. */
export function commandFiles(command: string): string[] {
  const unquote = (x: string) => x.replace(/\\(.)/g, '$1');
  return [...command.matchAll(/"([^"]+\.mjs)"/g)].map((m) => unquote(m[1]!));
}

/**
 * Which path each live Claude Code session uses, and why: the hooks module (in process, Claude Code
 * 2.1.287 and later) or the classic hooks (a Node process per hook call). Read from the module's
 * per-process marker; never a problem in itself (both paths do the same work).
 */
export function pathCheck(env: NodeJS.ProcessEnv, root: string, claudeDir: string): Finding {
  const sessions = [...liveSessions(claudeDir).values()];
  const here = env.CONTEXT_SYNC_MOD === '0' ? ' CONTEXT_SYNC_MOD=0 in this environment: sessions started from it use the classic hooks.' : '';
  if (sessions.length === 0) return finding('path', true, `no live Claude Code session; each new one uses the hooks module where its Claude Code loads it (2.1.287 and later), the classic hooks otherwise.${here}`);
  const lines = sessions.map((s) => {
    const id = s.sessionId.slice(0, 8);
    if (markerIsCurrent(root, s.pid)) return `${id} (pid ${s.pid}): hooks module, in process`;
    const stale = readModMarker(root, s.pid) ? ' (a marker of an earlier process with this pid is left; gc removes it)' : '';
    return `${id} (pid ${s.pid}): classic hooks: no hooks module active in that process (Claude Code older than 2.1.287, CONTEXT_SYNC_MOD=0, a policy allowing managed mods only, or the module did not load: \`claude --debug\` says why)${stale}`;
  });
  return finding('path', true, `${lines.join('; ')}.${here}`);
}

export function doctorFindings(deps: DoctorDeps): Finding[] {
  const out: Finding[] = [nodeCheck(deps.nodeVersion)];
  let paths;
  try {
    paths = storePaths(deps.env);
  } catch (e) {
    out.push(finding('store', false, (e as Error).message, 'set HOME (or CONTEXT_SYNC_HOME)'));
    return out;
  }
  const worktree = findProject(deps.cwd).worktree;
  const claudeJson = claudeJsonPath(deps.env, paths.claudeDir);
  out.push(storeCheck(paths.root), registryCheck(paths.claudeDir), claudeCheck(deps), ...hooksChecks(paths.claudeDir, worktree, claudeJson), pathCheck(deps.env, paths.root, paths.claudeDir), configCheck(paths.root, worktree));
  return out;
}

/** Team mode (docs/team.md): the connection, credentials, latency and relay of this project. Off: one line, no network. */
export async function teamFinding(deps: Pick<DoctorDeps, 'env' | 'cwd'>): Promise<Finding> {
  try {
    const { syncContext } = await import('../sync/context.js');
    const { probeTeam } = await import('../team/probe.js');
    const r = await probeTeam(syncContext(deps.env), deps.env, findProject(deps.cwd));
    return finding('team', r.ok, r.detail, r.fix);
  } catch (e) {
    return finding('team', false, `could not check: ${(e as Error).message}`);
  }
}

export function renderFindings(findings: Finding[], paint: { red(s: string): string; green(s: string): string }): string {
  return findings
    .map((f) => `${f.ok ? paint.green('ok  ') : paint.red('FAIL')} ${f.check}: ${f.detail}${f.fix ? `\n     fix: ${f.fix}` : ''}`)
    .join('\n');
}
