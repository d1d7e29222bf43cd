// The hooks `context-sync init` puts into ~/.claude/settings.json, and how to take exactly those out
// again. Pure: settings in, settings out. The file I/O is in settings-file.ts.
//
// Each command we add ends in INIT_MARKER, a shell comment: Claude Code runs hook commands through a
// shell, so the comment costs nothing, survives the client's own rewrites of settings.json (an extra
// key on the entry might not), and lets uninstall find our entries and nothing else.

export const INIT_MARKER = '# context-sync:init';
/** The name `init` registers the MCP server under (`claude mcp add --scope user <name>`). */
export const MCP_NAME = 'context-sync';

export type Settings = Record<string, unknown>;
interface HookCommand {
  type: string;
  command?: string;
  [k: string]: unknown;
}
interface MatcherGroup {
  matcher?: string;
  hooks: HookCommand[];
  [k: string]: unknown;
}
type HookTable = Record<string, MatcherGroup[]>;

export class SettingsShapeError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text that stays one literal inside a double-quoted shell word. */
function quoteInDoubleQuotes(s: string): string {
  return s.replace(/[\\"$`]/g, (c) => '\\' + c);
}

/**
 * The plugin's hooks.json, rewritten for a fixed install: `${CLAUDE_PLUGIN_ROOT}` becomes the
 * absolute plugin directory (Claude Code substitutes that variable only for plugins) and every
 * command is marked.
 */
export function initHooks(template: unknown, pluginRoot: string): HookTable {
  if (!isObject(template) || !isObject(template.hooks)) throw new Error('hooks.json: no "hooks" object');
  const out: HookTable = {};
  for (const [event, groups] of Object.entries(template.hooks)) {
    if (!Array.isArray(groups)) throw new Error(`hooks.json: ${event} is not a list`);
    out[event] = groups.map((g: MatcherGroup) => ({
      ...g,
      hooks: g.hooks.map((h) => {
        if (typeof h.command !== 'string') return h;
        if (h.command.includes('${CLAUDE_PLUGIN_DATA}')) throw new Error('hooks.json uses CLAUDE_PLUGIN_DATA, which init cannot provide');
        // Every use must sit inside double quotes for the quoting below to be right.
        if (/(^|[^"])\$\{CLAUDE_PLUGIN_ROOT\}/.test(h.command)) throw new Error(`hooks.json: unquoted \${CLAUDE_PLUGIN_ROOT} in ${event}`);
        const command = h.command.split('${CLAUDE_PLUGIN_ROOT}').join(quoteInDoubleQuotes(pluginRoot));
        return { ...h, command: `${command} ${INIT_MARKER}` };
      }),
    }));
  }
  return out;
}

const isOurs = (h: unknown) => isObject(h) && typeof h.command === 'string' && h.command.trimEnd().endsWith(INIT_MARKER);

/** The `hooks` table of user settings, checked deep enough that editing it cannot lose anything. */
function hookTable(settings: Settings): HookTable | undefined {
  const hooks = settings.hooks;
  if (hooks === undefined) return undefined;
  if (!isObject(hooks)) throw new SettingsShapeError('"hooks" is not an object');
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) throw new SettingsShapeError(`"hooks.${event}" is not a list`);
    for (const g of groups) if (!isObject(g) || !Array.isArray(g.hooks)) throw new SettingsShapeError(`"hooks.${event}" has an entry without a "hooks" list`);
  }
  return hooks as HookTable;
}

export function hasInitHooks(settings: Settings): boolean {
  const table = hookTable(settings);
  return !!table && Object.values(table).some((groups) => groups.some((g) => g.hooks.some(isOurs)));
}

/** The commands of our init hooks, for doctor (do they still point at files that exist?). */
export function initHookCommands(settings: Settings): string[] {
  const table = hookTable(settings) ?? {};
  return Object.values(table).flatMap((groups) => groups.flatMap((g) => g.hooks.filter(isOurs).map((h) => h.command!)));
}

/**
 * Settings without any hook init added. Groups, events and the `hooks` table that only held our
 * hooks go too; anything the user has, even empty, stays as it was.
 */
export function withoutInitHooks(settings: Settings): Settings {
  const table = hookTable(settings);
  if (!table) return settings;
  const hooks: HookTable = {};
  for (const [event, groups] of Object.entries(table)) {
    const kept: MatcherGroup[] = [];
    for (const g of groups) {
      const left = g.hooks.filter((h) => !isOurs(h));
      if (left.length === g.hooks.length) kept.push(g);
      else if (left.length > 0) kept.push({ ...g, hooks: left });
    }
    if (kept.length > 0 || groups.length === 0) hooks[event] = kept;
  }
  const out: Settings = { ...settings, hooks };
  if (Object.keys(hooks).length === 0 && Object.keys(table).length > 0) delete out.hooks;
  return out;
}

/** Settings with our hooks in (replacing those of an earlier init: a moved install gets new paths). */
export function withInitHooks(settings: Settings, ours: HookTable): Settings {
  const base = withoutInitHooks(settings);
  const hooks: HookTable = { ...(hookTable(base) ?? {}) };
  for (const [event, groups] of Object.entries(ours)) hooks[event] = [...(hooks[event] ?? []), ...groups];
  return { ...base, hooks };
}

/** `context-sync@<marketplace>` entries of `enabledPlugins` that are on. */
export function enabledPluginKeys(settings: Settings | undefined): string[] {
  const enabled = settings?.enabledPlugins;
  if (!isObject(enabled)) return [];
  return Object.entries(enabled)
    .filter(([k, v]) => k.startsWith('context-sync@') && v === true)
    .map(([k]) => k);
}
