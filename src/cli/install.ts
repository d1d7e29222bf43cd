// `context-sync init` / `uninstall`: the plugin's hooks and MCP server for people who install the
// npm package instead of the plugin. Hooks go into ~/.claude/settings.json (see settings-hooks.ts);
// the MCP server is registered through `claude mcp add --scope user`, because a running client
// rewrites ~/.claude.json and would undo (or clobber) an edit made behind its back. We only read it.
import { join } from 'node:path';
import { readJson } from '../store/fsx.js';
import { enabledPluginKeys, initHooks, MCP_NAME, SettingsShapeError, withInitHooks, withoutInitHooks, type Settings } from './settings-hooks.js';
import { BrokenSettingsError, ConcurrentChangeError, readSettings, writeSettings } from './settings-file.js';

export interface ClaudeRun {
  /** False when there is no `claude` command at all. */
  found: boolean;
  status: number | null;
  output: string;
}

export interface InstallDeps {
  /** Claude Code's config dir (~/.claude or CLAUDE_CONFIG_DIR). */
  claudeDir: string;
  /** Where the client keeps user-scope MCP servers (~/.claude.json); read, never written. */
  claudeJson: string;
  /** The installed plugin directory (holds dist/ and hooks/hooks.json). */
  pluginRoot: string;
  claude(args: string[]): ClaudeRun;
  now(): Date;
  say(line: string): void;
  warn(line: string): void;
}

export const mcpCommand = (pluginRoot: string) => ({ command: 'node', args: [join(pluginRoot, 'dist', 'mcp.mjs')] });

/** What the client has registered under our name at user scope, if anything. */
function registeredMcp(deps: InstallDeps): { command?: unknown; args?: unknown } | undefined {
  const data = readJson(deps.claudeJson) as { mcpServers?: Record<string, { command?: unknown; args?: unknown }> } | undefined;
  return data?.mcpServers?.[MCP_NAME];
}

const looksOurs = (r: { args?: unknown }) => Array.isArray(r.args) && r.args.some((a) => typeof a === 'string' && /[\\/]dist[\\/]mcp\.m?js$/.test(a));

/** Edit settings.json with `change`, retrying when a running client saves the file under us. */
function editSettings(deps: InstallDeps, change: (s: Settings) => Settings): { changed: boolean; backup?: string; before: Settings } {
  const path = join(deps.claudeDir, 'settings.json');
  for (let attempt = 0; ; attempt++) {
    const file = readSettings(path);
    try {
      return { ...writeSettings(file, change(file.settings), deps.now()), before: file.settings };
    } catch (e) {
      if (!(e instanceof ConcurrentChangeError) || attempt >= 4) throw e;
    }
  }
}

function refusal(deps: InstallDeps, e: unknown): number {
  if (e instanceof BrokenSettingsError || e instanceof SettingsShapeError) {
    deps.warn(`context-sync: ${e.message}`);
    return 1;
  }
  throw e;
}

export function runInit(deps: InstallDeps): number {
  const template = readJson(join(deps.pluginRoot, 'hooks', 'hooks.json'));
  if (!template) {
    deps.warn(`context-sync: no hooks/hooks.json under ${deps.pluginRoot}: this is not a complete install of the package`);
    return 1;
  }
  const ours = initHooks(template, deps.pluginRoot);
  const settingsPath = join(deps.claudeDir, 'settings.json');
  let result;
  try {
    // Checked before any change: with the plugin on too, every hook would run twice.
    const plugins = enabledPluginKeys(readSettings(settingsPath).settings);
    if (plugins.length > 0) {
      deps.warn(
        `context-sync: the plugin is enabled (${plugins.join(', ')} in ${settingsPath}), so its hooks and MCP server are already registered; ` +
          `init would run every hook twice. Keep the plugin, or disable it first (claude plugin disable ${plugins[0]}) and run init again. Nothing was changed.`,
      );
      return 1;
    }
    result = editSettings(deps, (s) => withInitHooks(s, ours));
  } catch (e) {
    return refusal(deps, e);
  }
  if (!result.changed) deps.say(`hooks: already registered in ${settingsPath}`);
  else deps.say(`hooks: registered in ${settingsPath}${result.backup ? ` (previous file kept as ${result.backup})` : ''}`);

  const want = mcpCommand(deps.pluginRoot);
  const manual = `claude mcp add --scope user ${MCP_NAME} -- node "${want.args[0]}"`;
  const have = registeredMcp(deps);
  if (have && have.command === want.command && JSON.stringify(have.args) === JSON.stringify(want.args)) {
    deps.say(`mcp: server "${MCP_NAME}" already registered`);
    return 0;
  }
  if (have) {
    const r = deps.claude(['mcp', 'remove', '--scope', 'user', MCP_NAME]);
    if (!r.found) return mcpManual(deps, manual);
  }
  const r = deps.claude(['mcp', 'add', '--scope', 'user', MCP_NAME, '--', want.command, ...want.args]);
  if (!r.found) return mcpManual(deps, manual);
  if (r.status !== 0) {
    deps.warn(`context-sync: \`claude mcp add\` failed: ${r.output.trim()}\n  register it yourself: ${manual}`);
    return 1;
  }
  deps.say(`mcp: server "${MCP_NAME}" registered for all projects (claude mcp add --scope user)`);
  deps.say('Restart running Claude Code sessions to load the hooks and the server.');
  return 0;
}

function mcpManual(deps: InstallDeps, manual: string): number {
  deps.warn(`context-sync: no \`claude\` command on PATH, so the MCP server is not registered. Once Claude Code is installed: ${manual}`);
  return 0;
}

export function runUninstall(deps: InstallDeps): number {
  const settingsPath = join(deps.claudeDir, 'settings.json');
  let result;
  try {
    result = editSettings(deps, withoutInitHooks);
  } catch (e) {
    return refusal(deps, e);
  }
  if (result.changed) deps.say(`hooks: removed from ${settingsPath}${result.backup ? ` (previous file kept as ${result.backup})` : ''}`);
  else deps.say(`hooks: none of context-sync's in ${settingsPath}`);
  if (enabledPluginKeys(result.before).length > 0) deps.say('The context-sync plugin itself stays enabled; `claude plugin uninstall` removes it.');

  const have = registeredMcp(deps);
  if (have && !looksOurs(have)) {
    deps.warn(`context-sync: an MCP server named "${MCP_NAME}" is registered, but not by init (args ${JSON.stringify(have.args)}); left alone`);
    return 0;
  }
  const r = deps.claude(['mcp', 'remove', '--scope', 'user', MCP_NAME]);
  if (!r.found) {
    if (have) deps.warn(`context-sync: no \`claude\` command on PATH; remove the MCP server with: claude mcp remove --scope user ${MCP_NAME}`);
    return 0;
  }
  deps.say(r.status === 0 ? `mcp: server "${MCP_NAME}" removed` : `mcp: no server "${MCP_NAME}" registered at user scope`);
  return 0;
}

