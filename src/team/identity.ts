// Who is who across machines: the team's settings, the shared identity of a project (two clones on
// two machines are one project), and this machine's own id. Pure where it can be; the two functions
// that touch the disk say so.
import { constants, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stableHash, randomHex } from '../core/hash.js';
import type { TeamConfig } from '../config/config.js';
import { ensureDir } from '../store/fsx.js';

export interface TeamSettings {
  /** The URL as given, credentials included: never logged, never shown (see redactUrl). */
  url: string;
  name: string;
  username?: string;
  password?: string;
  /** team.shareDiffs: publish the uncommitted hunks of open files (off unless set to true). */
  shareDiffs?: boolean;
}

/** Team mode's settings, or undefined when it is off. CONTEXT_SYNC_TEAM_URL wins over the config. */
export function teamSettings(env: NodeJS.ProcessEnv, team: TeamConfig): TeamSettings | undefined {
  const url = (env.CONTEXT_SYNC_TEAM_URL || team.url || '').trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\//i.test(url)) return undefined;
  return { url, name: team.name, username: team.username, password: team.password, ...(team.shareDiffs === true ? { shareDiffs: true } : {}) };
}

/** The URL as it may be shown: no user info at all (the user name can be a secret of its own). */
export function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/)[^@/]*@/i, '$1***@');
}

/**
 * One repository's origin, as every clone of it spells it: scheme, credentials, port and a `.git`
 * suffix dropped, host lowercased. `git@github.com:Org/App.git`, `ssh://git@github.com:22/Org/App`
 * and `https://token@GitHub.com/Org/App.git` are all `github.com/Org/App`. The path keeps its case:
 * some servers tell `App` from `app`.
 */
export function normalizeOrigin(url: string): string | undefined {
  let u = url.trim();
  if (!u) return undefined;
  let host: string;
  let path: string;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/i.exec(u);
  if (scheme) {
    const authority = scheme[2]!.replace(/^.*@/, '');
    host = authority.replace(/^\[(.*)\](:\d*)?$/, '$1').replace(/:\d*$/, '');
    path = scheme[3] ?? '';
    if (scheme[1]!.toLowerCase() === 'file') return undefined; // a local path: not shared across machines
  } else {
    // scp-like syntax: [user@]host:path (a colon before any slash).
    const scp = /^(?:[^@/]*@)?([^:/]+):(.*)$/.exec(u);
    if (!scp) return undefined;
    host = scp[1]!;
    path = '/' + scp[2]!;
  }
  path = path.replace(/\/+/g, '/').replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  u = `${host.toLowerCase()}${path.startsWith('/') ? path : '/' + path}`;
  return host ? u : undefined;
}

/** The url of remote "origin" in a repository's git config text. */
export function originOf(gitConfig: string): string | undefined {
  let inOrigin = false;
  for (const raw of gitConfig.split('\n')) {
    const line = raw.trim();
    const section = /^\[\s*([^\]\s]+)(?:\s+"([^"]*)")?\s*\]/.exec(line);
    if (section) {
      inOrigin = section[1]!.toLowerCase() === 'remote' && section[2] === 'origin';
      continue;
    }
    const kv = /^url\s*=\s*(.*)$/i.exec(line);
    if (inOrigin && kv) return kv[1]!.replace(/^"(.*)"$/, '$1').trim();
  }
  return undefined;
}

/**
 * The project's identity shared by every machine: `team.project` when set, else the normalized
 * origin, else the root commit. Undefined when none is known (a folder outside git): such a project
 * stays local. The key on the server is a hash, so the URL itself is not a key name.
 */
export function sharedProjectId(p: { override?: string; origin?: string; rootCommit?: string }): string | undefined {
  const origin = p.origin ? normalizeOrigin(p.origin) : undefined;
  const identity = p.override ? `project:${p.override}` : origin ? `origin:${origin}` : p.rootCommit ? `root:${p.rootCommit}` : undefined;
  return identity ? stableHash(identity) : undefined;
}

export interface MachineIdentity {
  /** Random, kept in the store root: never derived from the host name (containers share names). */
  id: string;
  /** For people: the host name, stripped to a short printable line. */
  label: string;
}

const MACHINE_ID = /^[0-9a-f]{16,64}$/;

/** A label from another machine (or this one's host name) as it may be shown: one short printable line. */
export function cleanLabel(s: string, max = 64): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069<>`]/g, '').trim().slice(0, max) || '?';
}

export const isMachineId = (v: unknown): v is string => typeof v === 'string' && MACHINE_ID.test(v);

/** This machine's id: created once (exclusively, mode 0600) in the store root, then read. Touches the disk. */
export function machineIdentity(root: string): MachineIdentity {
  const path = join(root, 'machine-id');
  const label = cleanLabel(hostname());
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const id = readFileSync(path, 'utf8').trim();
      if (isMachineId(id)) return { id, label };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    ensureDir(root);
    const fresh = randomHex(16) + randomHex(16);
    let fd: number;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue; // another process made it first, or it is damaged
      throw e;
    }
    try {
      writeSync(fd, fresh + '\n');
    } finally {
      closeSync(fd);
    }
    return { id: fresh, label };
  }
  throw new Error(`${path} exists but holds no machine id: remove it to make a new one`);
}
