import { join } from 'node:path';
import { readText } from '../store/fsx.js';
import { logLine } from '../store/log.js';
import { globProblem } from '../core/globs.js';
import { validateConfig } from '../generated/validators.js';

export interface Config {
  onConflict: 'warn' | 'block';
  onGitRisk: 'ask' | 'block' | 'off';
  ignore: string[];
  messages: { retentionHours: number; perMinute: number; maxBytes: number; wakeIdle: 'direct' | 'all' | 'never' };
  summarizer: { mode: 'auto' | 'claude' | 'offline'; model: string };
  team: TeamConfig;
}

/** Team mode (issue 13): off unless a Redis URL is given (here or in CONTEXT_SYNC_TEAM_URL). */
export interface TeamConfig {
  url?: string;
  /** Prefixes every key, so several teams can share one server. */
  name: string;
  username?: string;
  password?: string;
  /** Overrides the shared project identity (origin URL or root commit). */
  project?: string;
  /** Also publish the uncommitted hunks of files with open edits, for trial merges on other machines. */
  shareDiffs?: boolean;
}

export const DEFAULT_CONFIG: Config = {
  onConflict: 'warn',
  onGitRisk: 'ask',
  ignore: ['**/package-lock.json', '**/yarn.lock', '**/pnpm-lock.yaml', '**/Cargo.lock', '**/go.sum', '**/poetry.lock'],
  messages: { retentionHours: 24, perMinute: 30, maxBytes: 4096, wakeIdle: 'direct' },
  summarizer: { mode: 'auto', model: 'haiku' },
  team: { name: 'default' },
};

export interface LoadedConfig {
  config: Config;
  /** Problems found: the file is then ignored (defaults apply) and the problem reported once. */
  problems: string[];
}

function readConfigFile(path: string, problems: string[]): Partial<Config> {
  let text: string | undefined;
  try {
    text = readText(path);
  } catch (e) {
    problems.push(`${path}: ${(e as Error).message}`);
    return {};
  }
  if (text === undefined) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    problems.push(`${path}: not valid JSON (${(e as Error).message})`);
    return {};
  }
  if (!validateConfig(data)) {
    const err = validateConfig.errors?.[0];
    problems.push(`${path}: ${err?.instancePath || '/'} ${err?.message ?? 'invalid'}`);
    return {};
  }
  return refuseUnsafeGlobs(path, data as Partial<Config>, problems);
}

/**
 * An ignore glob that cannot be matched safely (GLOB_LIMITS in core/globs) is dropped, with a
 * problem naming it: a repository's config must not be able to hang the hooks, and a pattern
 * quietly matching nothing would look applied. The rest of the file still applies.
 */
function refuseUnsafeGlobs(path: string, data: Partial<Config>, problems: string[]): Partial<Config> {
  if (!data.ignore) return data;
  const kept: string[] = [];
  data.ignore.forEach((glob, i) => {
    const why = globProblem(glob);
    if (why === undefined) kept.push(glob);
    else {
      const shown = glob.length > 60 ? `${glob.slice(0, 60)}...` : glob;
      problems.push(`${path}: ignore pattern ${i + 1} (${JSON.stringify(shown)}) refused, not applied: ${why}`);
      refusals.push({ path, index: i + 1, why });
    }
  });
  return { ...data, ignore: kept };
}

/** Refused globs, logged once per process and config file (the log never holds config text). */
const refusals: Array<{ path: string; index: number; why: string }> = [];
const logged = new Set<string>();

function logRefusals(storeRoot: string): void {
  for (const r of refusals.splice(0)) {
    const key = `${r.path}\0${r.index}\0${r.why}`;
    if (logged.has(key)) continue;
    logged.add(key);
    try {
      logLine(storeRoot, 'config', `${r.path}: ignore pattern ${r.index} refused: ${r.why}`);
    } catch {
      /* the store may be down: doctor still shows the problem */
    }
  }
}

/** Merge pure: project settings override the user's, which override the defaults. */
export function mergeConfig(...layers: Array<Partial<Config>>): Config {
  const out: Config = structuredClone(DEFAULT_CONFIG);
  for (const l of layers) {
    if (l.onConflict) out.onConflict = l.onConflict;
    if (l.onGitRisk) out.onGitRisk = l.onGitRisk;
    if (l.ignore) out.ignore = [...l.ignore];
    if (l.messages) out.messages = { ...out.messages, ...l.messages };
    if (l.summarizer) out.summarizer = { ...out.summarizer, ...l.summarizer };
    if (l.team) out.team = { ...out.team, ...l.team };
  }
  return out;
}

/** `quiet`: report problems only in the result (doctor, which changes nothing), not in the log. */
export function loadConfig(storeRoot: string, worktree?: string, opts: { quiet?: boolean } = {}): LoadedConfig {
  const problems: string[] = [];
  const user = readConfigFile(join(storeRoot, 'config.json'), problems);
  const project = worktree ? readConfigFile(join(worktree, '.claude', 'context-sync.json'), problems) : {};
  if (opts.quiet) refusals.length = 0;
  else logRefusals(storeRoot);
  return { config: mergeConfig(user, projectLayer(project, problems)), problems };
}

/**
 * A repository's own settings come with the code, from whoever can push to it: of team mode they
 * may name only the shared project identity. A cloned repository that set `team.url` would send
 * this machine's paths and tasks to a server of its author's choosing.
 */
function projectLayer(layer: Partial<Config>, problems: string[]): Partial<Config> {
  if (!layer.team) return layer;
  const { project, ...rest } = layer.team;
  if (Object.keys(rest).length) problems.push(`.claude/context-sync.json: only team.project is read from a repository; ${Object.keys(rest).map((k) => `team.${k}`).join(', ')} belong in the user config`);
  return { ...layer, team: (project ? { project } : {}) as TeamConfig };
}
