// `context-sync doctor`'s look at team mode: can this machine reach the team's Redis with its
// credentials, how long a round trip takes, and which process relays this project here. Reads only.
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import type { Project } from '../sessions/project.js';
import { isAlive } from '../sessions/registry.js';
import { readJson } from '../store/fsx.js';
import { liveMachines } from '../sync/remote-peers.js';
import type { SyncContext } from '../sync/context.js';
import { machineIdentity, redactUrl, teamSettings } from './identity.js';
import { projectIdentity } from './start.js';

export interface TeamProbe {
  ok: boolean;
  detail: string;
  fix?: string;
}

/** What a Redis error means to the person who set the URL. */
export function explainRedisError(message: string): { detail: string; fix: string } {
  if (/WRONGPASS|NOAUTH|invalid username-password|AUTH.*failed/i.test(message)) {
    return { detail: 'the server refused the credentials', fix: 'check the user and password in team.url (or team.username / team.password, CONTEXT_SYNC_TEAM_URL)' };
  }
  if (/NOPERM/i.test(message)) return { detail: 'the ACL user lacks a permission the relay needs', fix: 'allow the user the hash, set, stream and pub/sub commands on keys cs:<team.name>:*' };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|timeout|Connection timeout/i.test(message)) {
    return { detail: `the server is unreachable (${message.replace(/rediss?:\/\/\S*/gi, '<redis url>').slice(0, 120)})`, fix: 'check the host and port in team.url, and that this machine can reach it' };
  }
  if (/certificate|TLS|SSL|self.signed/i.test(message)) return { detail: `TLS failed (${message.slice(0, 120)})`, fix: 'use rediss:// with a certificate this machine trusts (NODE_EXTRA_CA_CERTS)' };
  return { detail: `Redis error: ${message.replace(/rediss?:\/\/\S*/gi, '<redis url>').slice(0, 160)}`, fix: 'see docs/team.md' };
}

export async function probeTeam(ctx: SyncContext, env: NodeJS.ProcessEnv, project: Project): Promise<TeamProbe> {
  const { config } = loadConfig(ctx.root, project.worktree);
  const s = teamSettings(env, config.team);
  if (!s) return { ok: true, detail: 'off (no team.url nor CONTEXT_SYNC_TEAM_URL)' };
  const where = `${redactUrl(s.url)}, team ${s.name}`;
  const sharedId = await projectIdentity(project, config.team.project);
  if (!sharedId) return { ok: false, detail: `on (${where}), but ${project.name} has no origin remote, no commit and no team.project: it stays local`, fix: 'set team.project in the repository\'s .claude/context-sync.json' };
  const { createClient } = await import('redis');
  const client = createClient({
    url: s.url,
    ...(s.username ? { username: s.username } : {}),
    ...(s.password ? { password: s.password } : {}),
    disableOfflineQueue: true,
    socket: { connectTimeout: 3000, reconnectStrategy: false },
  });
  let lastError = '';
  client.on('error', (e: Error) => (lastError = e.message));
  try {
    await client.connect();
    const t0 = performance.now();
    await client.sendCommand(['PING']);
    const ms = performance.now() - t0;
    const prefix = `cs:${s.name}:${sharedId}:`;
    const me = machineIdentity(ctx.root);
    const published = await client.sendCommand(['HEXISTS', `${prefix}m:${me.id}`, 'presence']);
    const lock = readJson(join(ctx.root, 'projects', project.key, 'team', 'relay.lock')) as { pid?: unknown; procStart?: unknown } | undefined;
    const holder =
      lock && typeof lock.pid === 'number' && isAlive({ pid: lock.pid, procStart: typeof lock.procStart === 'string' ? lock.procStart : undefined })
        ? `relayed here by process ${lock.pid}`
        : 'no relay running here (it starts with a Claude Code session of this project)';
    const others = liveMachines(ctx, project.key).map((m) => m.label);
    return {
      ok: true,
      detail: `connected to ${where} in ${ms.toFixed(1)} ms; ${holder}${published ? ', published' : ''}; other machines seen: ${others.length ? others.join(', ') : 'none'}`,
    };
  } catch (e) {
    const why = explainRedisError(lastError || (e as Error).message);
    return { ok: false, detail: `${why.detail} (${where})`, fix: why.fix };
  } finally {
    try {
      client.destroy();
    } catch {
      /* never connected */
    }
  }
}
