// Team mode's switch: reads the settings and identities and starts the relay, or does nothing at
// all (no import of the Redis client, no connection) when no team URL is set.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import { readText } from '../store/fsx.js';
import type { SyncContext } from '../sync/context.js';
import { machineIdentity, originOf, redactUrl, sharedProjectId, teamSettings } from './identity.js';
import { TeamRelay, type RelayOptions } from './relay.js';

/** The root commit of a repository (the smallest id when there are several), or undefined. */
export function rootCommit(worktree: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', worktree, 'rev-list', '--max-parents=0', 'HEAD'], { timeout: 5000, encoding: 'utf8' }, (err, out) => {
      const ids = err ? [] : out.split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l)).sort();
      resolve(ids[0]);
    });
  });
}

/** The identity two clones of this project share, or undefined (not in git, no commit, no override). */
export async function projectIdentity(project: Project, override: string | undefined): Promise<string | undefined> {
  const origin = project.commonDir ? originOf(readText(join(project.commonDir, 'config')) ?? '') : undefined;
  return sharedProjectId({ override, origin, rootCommit: override || origin ? undefined : await rootCommit(project.worktree) });
}

export interface TeamStart {
  env: NodeJS.ProcessEnv;
  project: Project;
  context: () => SyncContext;
  overrides?: Partial<Pick<RelayOptions, 'pollMs' | 'heartbeatMs' | 'presenceTtlMs' | 'inboxBlockMs'>>;
}

/** The relay for this project, started; undefined when team mode is off or the project has no shared identity. */
export async function startTeam(t: TeamStart): Promise<TeamRelay | undefined> {
  const ctx = t.context();
  const { config } = loadConfig(ctx.root, t.project.worktree);
  const settings = teamSettings(t.env, config.team);
  if (!settings) return undefined;
  const sharedId = await projectIdentity(t.project, config.team.project);
  if (!sharedId) {
    ctx.log('team', `team mode on, but ${t.project.name} has no origin, no commit and no team.project: it stays local`);
    return undefined;
  }
  const machine = machineIdentity(ctx.root);
  const relay = new TeamRelay({ root: ctx.root, project: t.project, settings, machine, sharedId, context: t.context, log: (text) => ctx.log('team', text), ...t.overrides });
  await relay.start();
  ctx.log('team', `relay for ${t.project.name} on ${redactUrl(settings.url)} (team ${settings.name}, machine ${machine.id.slice(0, 8)})`);
  return relay;
}
