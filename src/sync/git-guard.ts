// PreToolUse on Bash: stop a git command that would discard, move or sweep up another live
// session's uncommitted work in the same checkout. The classifier (core/git-risk) says what a
// command does; this file reads what is at stake (git status, who recorded which file) and decides.
//
// Cost matters: this runs before Bash calls that mention git. In order, each step only when the
// previous one found something: text filter, classification without aliases, live peers in the
// checkout (store reads), config, and only then git itself (aliases, status).
import { peerLine } from '../core/peer-text.js';
import { builtin } from '../store/builtins.js';
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { gitOperations, mightInvolveGit, type GitAliasMap, type GitOperation } from '../core/git-risk.js';
import { matchesAny, pathspecGlob } from '../core/globs.js';
import { TOOL_PREFIX, truncate } from '../core/render.js';
import { loadConfig, type Config } from '../config/config.js';
import { findProject, type Project } from '../sessions/project.js';
import { shortId } from '../core/ids.js';
import type { SyncContext } from './context.js';
import type { HookAnswer } from './hook-protocol.js';
import { livePeers, peerView } from './peers.js';
import { agentOf, agentView, byAgent } from './agents.js';
import { projectStore } from './session.js';

export interface BashCall {
  sessionId: string;
  cwd: string;
  command: string;
  /** A subagent's command: the session's other agents' work is at stake like a peer's. */
  agentId?: string;
}

/** Effects that can lose or carry away someone's uncommitted work. */
const RISKY = new Set(['discard', 'move', 'sweep', 'rewrite']);
const MAX_FILES_SHOWN = 8;

export interface PeerInCheckout {
  /** A session id, or `<session>#<agent>` for another agent of the caller's own session. */
  sessionId: string;
  label: string;
  task?: string;
  /** Another agent of the caller's session (its label says who), not another session. */
  agent?: string;
}

/** Everything the decision needs about one checkout, read once. */
export interface CheckoutState {
  worktree: string;
  /** Dirty and untracked paths, relative to the worktree top. */
  dirty: string[];
  /** Files the caller recorded editing in this worktree. */
  mine: Set<string>;
  /** File → ids of live peers (same worktree) that recorded editing it. */
  peerFiles: Map<string, string[]>;
  peers: PeerInCheckout[];
  ignore: readonly string[];
}

export interface RiskyOperation {
  op: GitOperation;
  /** Paths of others' uncommitted work this operation touches. */
  atStake: string[];
}

/** The paths (relative to the worktree top) an operation's scope covers, out of `candidates`. */
export function inScope(op: GitOperation, worktree: string, candidates: readonly string[]): string[] {
  if (op.scope.kind === 'all') return [...candidates];
  const matchers = op.scope.paths.map((p) => pathspecMatcher(p, worktree, op.dir));
  return candidates.filter((rel) => matchers.some((m) => m(rel)));
}

/** A git pathspec as the classifier leaves it (absolute, `:/top-relative`, or relative with dir unknown). */
function pathspecMatcher(spec: string, worktree: string, dir: string | null): (rel: string) => boolean {
  let rel: string;
  if (spec.startsWith(':/')) rel = spec.slice(2);
  else if (posix.isAbsolute(spec)) rel = relativeTo(worktree, spec);
  // Unknown directory: shell aliases run from the top, the likeliest reading.
  else rel = posix.normalize(dir === null ? spec : posix.join(relativeTo(worktree, dir), spec));
  if (rel === '' || rel === '.') return () => true;
  if (rel.startsWith('../')) return () => false;
  // Git's default pathspec glob: `*` crosses '/', and a match of a leading directory covers below.
  // Matched without a regular expression: the pattern comes from a command the model wrote.
  if (/[*?[]/.test(rel)) return pathspecGlob(rel);
  return (p) => p === rel || p.startsWith(rel + '/');
}

/** `abs` relative to the (real) worktree top, seeing through symlinks in the part of `abs` that exists. */
function relativeTo(worktree: string, abs: string): string {
  const rel = posix.relative(worktree, abs);
  if (!rel.startsWith('..')) return rel;
  const tail: string[] = [];
  for (let p = abs; p !== posix.dirname(p); p = posix.dirname(p)) {
    try {
      return posix.relative(worktree, posix.join(realpathSync(p), ...tail));
    } catch {
      tail.unshift(posix.basename(p));
    }
  }
  return rel;
}

/** Whose work a dirty path is: the peers that recorded it; none means nobody recorded it. */
export function othersWork(state: CheckoutState): string[] {
  return state.dirty.filter((f) => !matchesAny(f, state.ignore) && (state.peerFiles.has(f) || !state.mine.has(f)));
}

/** Pure: which operations put others' work at stake in this checkout. */
export function riskyOperations(ops: readonly GitOperation[], state: CheckoutState): RiskyOperation[] {
  const others = othersWork(state);
  const out: RiskyOperation[] = [];
  for (const op of ops) {
    if (!RISKY.has(op.effect)) continue;
    const atStake = inScope(op, state.worktree, others);
    if (atStake.length > 0) out.push({ op, atStake });
  }
  return out;
}

function fileList(files: readonly string[], state: CheckoutState): string {
  const shown = files.slice(0, MAX_FILES_SHOWN).map((f) => {
    const by = state.peerFiles.get(f);
    // A repository's file names are its own text: one plain line each, like every peer-chosen name.
    const name = peerLine(f, 300);
    return by ? `${name} (${by.map((id) => state.peers.find((p) => p.sessionId === id && p.agent)?.label ?? `session ${shortId(id)}`).join(', ')})` : `${name} (recorded by no session: a peer's shell command, a formatter or the user)`;
  });
  const more = files.length > shown.length ? `, and ${files.length - shown.length} more` : '';
  return shown.join(', ') + more;
}

/** Pure: the reason the model (and the user) reads. */
export function renderGitRisk(risky: readonly RiskyOperation[], state: CheckoutState, mode: 'ask' | 'block', tools = TOOL_PREFIX): string {
  const lines = ['[context-sync] This git command would affect another Claude Code session\'s uncommitted work in this checkout.'];
  for (const { op, atStake } of risky.slice(0, 3)) {
    lines.push(`- \`${truncate(['git', ...op.argv].join(' '), 120)}\` ${op.risk}. Files at stake: ${fileList(atStake, state)}.`);
  }
  if (risky.length > 3) lines.push(`- and ${risky.length - 3} more git command(s) in this call.`);
  const who = state.peers.map((p) => (p.agent ? p.label : `session ${p.label}${p.task ? ` (working on: ${truncate(p.task, 100)})` : ''}`));
  lines.push(`Working in this checkout: ${who.join('; ')}.`);
  const alternatives = [...new Set(risky.map((r) => r.op.saferAlternative).filter((a): a is string => !!a))];
  alternatives.push('or work in a separate worktree (git worktree add ../<dir> -b <branch>)');
  lines.push(`Safer: ${alternatives.join('; ')}.`);
  const own = state.dirty.filter((f) => state.mine.has(f) && !state.peerFiles.has(f));
  if (own.length > 0) lines.push(`Your own uncommitted files: ${own.slice(0, MAX_FILES_SHOWN).map((f) => peerLine(f, 300)).join(', ')}${own.length > MAX_FILES_SHOWN ? ', ...' : ''}.`);
  lines.push(
    mode === 'block'
      ? `Blocked by context-sync (onGitRisk: block). Coordinate with ${tools}send_message, or ask the user.`
      : `Ask the user before running it, or coordinate with ${tools}send_message.`,
  );
  return lines.join('\n');
}

// ---- I/O ----------------------------------------------------------------------------------------

function runGit(worktree: string, args: string[]): string | undefined {
  // Loaded on first use: the Edit/Write PreToolUse path shares this bundle and never spawns git.
  const cp = builtin('child_process');
  if (!cp) return undefined;
  const r = cp.spawnSync('git', ['-C', worktree, ...args], { encoding: 'utf8', timeout: 4000, maxBuffer: 32 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : undefined;
}

/** `git config --get-regexp ^alias\.` as a map; empty when git has none or fails. */
export function readAliases(worktree: string): GitAliasMap {
  const out: GitAliasMap = {};
  for (const line of (runGit(worktree, ['config', '-z', '--get-regexp', '^alias\\.']) ?? '').split('\0')) {
    const nl = line.indexOf('\n');
    if (nl > 0) out[line.slice(0, nl)] = line.slice(nl + 1);
  }
  return out;
}

/** Dirty and untracked paths (both sides of a rename), relative to the top; undefined if git fails. */
export function dirtyPaths(worktree: string): string[] | undefined {
  const out = runGit(worktree, ['status', '--porcelain=v1', '-z', '--untracked-files=all']);
  if (out === undefined) return undefined;
  const paths = new Set<string>();
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f.length < 4) continue;
    paths.add(f.slice(3));
    // A rename or copy is followed by its source path.
    if (f[0] === 'R' || f[0] === 'C') paths.add(fields[++i] ?? '');
  }
  paths.delete('');
  return [...paths].sort();
}

/** The checkout an operation works on. */
function targetProject(op: GitOperation, cwdProject: Project): Project {
  const where = op.workTree ?? op.dir;
  return where === null || where === undefined ? cwdProject : findProject(where);
}

interface Target {
  project: Project;
  peers: PeerInCheckout[];
  config: Config;
}

/** PreToolUse on Bash. Returns {} (no output) unless others' work is at stake. */
export function checkGitCommand(ctx: SyncContext, call: BashCall): HookAnswer {
  const env = ctx.env;
  if (!mightInvolveGit(call.command)) return {};
  const home = env.HOME || undefined;
  let cwd = call.cwd;
  try {
    cwd = realpathSync(cwd); // worktree paths are real paths (findProject): compare like with like
  } catch {
    /* a cwd that is gone: keep it as given */
  }
  const firstPass = gitOperations({ command: call.command, cwd, home });
  // Unknown subcommands may be aliases: they stay candidates until aliases are read.
  if (!firstPass.some((op) => RISKY.has(op.effect) || op.effect === 'unknown')) return {};
  const cwdProject = findProject(cwd);

  const targets = new Map<string, Target | null>();
  const targetOf = (op: GitOperation): Target | null => {
    const project = targetProject(op, cwdProject);
    if (targets.has(project.worktree)) return targets.get(project.worktree)!;
    let t: Target | null = null;
    if (project.commonDir) {
      const store = projectStore(ctx, project);
      const peers: PeerInCheckout[] = livePeers(ctx, store, call.sessionId)
        .map((p) => peerView(ctx, store, p.id, p.meta))
        .filter((v) => v.worktree === project.worktree)
        .map(({ sessionId, label, task }) => ({ sessionId, label, task }));
      // A subagent's sibling agents (and the main thread) count like peers: their edits are theirs.
      if (call.agentId) {
        const mine = store.allEdits(call.sessionId).filter((r) => r.worktree === project.worktree);
        for (const [agent, edits] of byAgent(mine)) {
          if (agent === call.agentId) continue;
          peers.push({ sessionId: `${call.sessionId}#${agent}`, label: agentView(call.sessionId, project.worktree, agent, edits).label, agent });
        }
      }
      if (peers.length > 0) {
        const { config } = loadConfig(ctx.root, project.worktree);
        if (config.onGitRisk !== 'off') t = { project, peers, config };
      }
    }
    targets.set(project.worktree, t);
    return t;
  };
  if (!firstPass.some((op) => (RISKY.has(op.effect) || op.effect === 'unknown') && targetOf(op))) return {};

  // Someone else works here: now it is worth asking git.
  const aliases = readAliases(cwdProject.commonDir ? cwdProject.worktree : cwd);
  const ops = Object.keys(aliases).length > 0 ? gitOperations({ command: call.command, cwd, home, aliases }) : firstPass;
  const byTarget = new Map<Target, GitOperation[]>();
  for (const op of ops) {
    if (!RISKY.has(op.effect)) continue;
    const t = targetOf(op);
    if (t) byTarget.set(t, [...(byTarget.get(t) ?? []), op]);
  }
  for (const [t, tops] of byTarget) {
    const dirty = dirtyPaths(t.project.worktree);
    if (dirty === undefined || dirty.length === 0) continue;
    const store = projectStore(ctx, t.project);
    const own = store.allEdits(call.sessionId).filter((r) => r.worktree === t.project.worktree);
    const mine = new Set(own.filter((r) => !call.agentId || agentOf(r) === call.agentId).map((r) => r.file));
    const peerFiles = new Map<string, string[]>();
    for (const p of t.peers) {
      const records = p.agent ? own.filter((r) => agentOf(r) === p.agent) : store.allEdits(p.sessionId).filter((r) => r.worktree === t.project.worktree);
      const files = new Set(records.map((r) => r.file));
      for (const f of files) peerFiles.set(f, [...(peerFiles.get(f) ?? []), p.sessionId]);
    }
    const state: CheckoutState = { worktree: t.project.worktree, dirty, mine, peerFiles, peers: t.peers, ignore: t.config.ignore };
    const risky = riskyOperations(tops, state);
    if (risky.length === 0) continue;
    const mode = t.config.onGitRisk === 'block' ? 'block' : 'ask';
    const reason = renderGitRisk(risky, state, mode, ctx.toolPrefix);
    ctx.log('git-guard', `${mode} for ${risky.map((r) => r.op.argv[0]).join(',')}: ${risky.reduce((n, r) => n + r.atStake.length, 0)} path(s) of others at stake`);
    return {
      decision: { kind: mode === 'block' ? 'deny' : 'ask', reason },
      systemMessage: `context-sync: \`${truncate(call.command, 80)}\` would touch uncommitted work of ${t.peers.map((p) => (p.agent ? p.label : `session ${p.label}`)).join(', ')}`,
    };
  }
  return {};
}
