import { existsSync } from 'node:fs';
import { peerLine } from '../../core/peer-text.js';
import { findProject } from '../../sessions/project.js';
import { predictMerge, predictMergeWithRemote, type ConflictHunk } from '../../sync/merge-predict.js';
import { livePeers, peerView } from '../../sync/peers.js';
import { readRemoteDiffs, remotePeers, remotePeerView } from '../../sync/remote-peers.js';
import { ToolError, type ToolDef } from './types.js';

/** Lines kept per side of a hunk, and hunks per file: the model needs the shape, not the whole file. */
const MAX_SIDE_LINES = 30;
const MAX_HUNKS = 10;

/** A hunk as the model reads it: `yours` is this worktree's side, `theirs` the other's, `base` their common ancestor. */
interface ShownHunk {
  line: number;
  yours: string[];
  base?: string[];
  theirs: string[];
  truncated?: boolean;
}

function showHunk(h: ConflictHunk): ShownHunk {
  const cut = (xs: string[]) => xs.slice(0, MAX_SIDE_LINES);
  const truncated = [h.ours, h.theirs, h.base ?? []].some((xs) => xs.length > MAX_SIDE_LINES);
  return { line: h.line, yours: cut(h.ours), ...(h.base ? { base: cut(h.base) } : {}), theirs: cut(h.theirs), ...(truncated ? { truncated } : {}) };
}

function renderHunk(h: ShownHunk, who: string): string {
  const side = (xs: string[]) => (xs.length ? xs.map((l) => `    ${l}`).join('\n') : '    (nothing)');
  return [`  at line ${h.line} of the merge:`, `   yours:`, side(h.yours), `   ${who}:`, side(h.theirs)].join('\n');
}

export const predictMergeConflicts: ToolDef = {
  name: 'predict_merge_conflicts',
  description:
    'Predict the merge conflicts between your worktree and each other live session\'s worktree of this repository, counting uncommitted changes on both sides (git merge-tree on snapshots; no working tree, index or branch is touched). Reports each conflicting file with its hunks (your lines, theirs). Sessions in your own worktree are not compared: they share your files. In team mode, sessions on other machines that share their diffs (team.shareDiffs) are compared with the uncommitted changes they published.',
  inputSchema: {
    type: 'object',
    properties: {
      sessionId: { type: 'string', maxLength: 128, description: 'Compare with this session only (full id or its first 8 characters). Default: every other live worktree.' },
    },
    additionalProperties: true,
  },
  annotations: { title: 'Predict merge conflicts', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(caller, args) {
    const { ctx, store, project } = caller;
    if (!project.commonDir) throw new ToolError(`${project.worktree} is not in a git repository: there is nothing to merge.`);
    const only = typeof args.sessionId === 'string' && args.sessionId ? args.sessionId : undefined;
    // One comparison per other worktree, however many sessions work in it.
    const worktrees = new Map<string, Array<{ sessionId: string; label: string; task: string | null; branch: string | null }>>();
    for (const p of livePeers(ctx, store, caller.sessionId)) {
      if (only && p.id !== only && !p.id.startsWith(only)) continue;
      const v = peerView(ctx, store, p.id, p.meta);
      const worktree = v.worktree || findProject(ctx.live().get(p.id)?.cwd ?? '').worktree;
      if (!worktree || worktree === project.worktree) continue;
      const list = worktrees.get(worktree) ?? [];
      list.push({ sessionId: p.id, label: v.label, task: v.task ?? null, branch: v.branch ?? null });
      worktrees.set(worktree, list);
    }
    // Team mode: remote sessions whose machine shares its diffs (the hunks of their open files).
    const remote = remotePeers(ctx, store.projectKey)
      .filter((p) => !only || p.id === only || p.id.startsWith(only))
      .flatMap((p) => {
        const diffs = readRemoteDiffs(p.store, p.id);
        return diffs ? [{ p, diffs }] : [];
      });
    if (only && worktrees.size === 0 && remote.length === 0) throw new ToolError(`No live session ${only} in another worktree of this repository (nor one on another machine that shares its diffs).`);

    const comparisons = [];
    const lines: string[] = [];
    /** One line per comparison: Claude Code shows the model the structured data, so it carries these too. */
    const summary: string[] = [];
    for (const [worktree, sessions] of worktrees) {
      const who = `session ${sessions.map((s) => s.label).join(', ')}`;
      // The worktree path comes from the peer's meta.json, file names from the repository: one plain line each.
      const where = peerLine(worktree, 300);
      if (!existsSync(worktree)) {
        comparisons.push({ worktree, sessions, error: 'worktree no longer exists' });
        summary.push(`${who}: its worktree ${where} no longer exists.`);
        continue;
      }
      try {
        const m = await predictMerge(project.worktree, worktree);
        const conflicts = m.conflicts.map((c) => ({ file: c.file, kinds: c.kinds, messages: c.messages, hunks: c.hunks.slice(0, MAX_HUNKS).map(showHunk), moreHunks: Math.max(0, c.hunks.length - MAX_HUNKS) }));
        comparisons.push({ worktree, branch: sessions[0]!.branch, sessions, clean: m.clean, theirUncommitted: m.theirs.dirty, conflicts });
        if (conflicts.length === 0) {
          lines.push(`${who} in ${where}: merges cleanly with your work${m.theirs.dirty || m.ours.dirty ? ' (uncommitted changes included)' : ''}.`);
          summary.push(lines.at(-1)!);
          continue;
        }
        lines.push(`${who} in ${where}${sessions[0]!.branch ? ` (branch ${sessions[0]!.branch})` : ''}: ${conflicts.length} file(s) would conflict:`);
        summary.push(`${lines.at(-1)!} ${conflicts.map((c) => peerLine(c.file, 300)).join(', ')}. Coordinate before either side goes further with these (${caller.ctx.toolPrefix}send_message).`);
        for (const c of m.conflicts) {
          lines.push(`- ${peerLine(c.file, 300)} (${c.kinds.join(', ')})${c.hunks.length ? `: ${c.hunks.length} hunk(s)` : `: ${peerLine(c.messages[0], 300)}`}`);
          for (const h of c.hunks.slice(0, MAX_HUNKS)) lines.push(renderHunk(showHunk(h), who));
        }
      } catch (e) {
        comparisons.push({ worktree, sessions, error: (e as Error).message });
        lines.push(`${who} in ${where}: could not compare (${(e as Error).message}).`);
        summary.push(lines.at(-1)!);
      }
    }
    for (const { p, diffs } of remote) {
      const v = remotePeerView(p);
      const who = `session ${v.label}`;
      const sessions = [{ sessionId: p.id, label: v.label, task: v.task ?? null, branch: v.branch ?? null }];
      try {
        const m = await predictMergeWithRemote(project.worktree, diffs);
        const conflicts = m.conflicts.map((c) => ({ file: c.file, kinds: c.kinds, messages: c.messages, hunks: c.hunks.slice(0, MAX_HUNKS).map(showHunk), moreHunks: Math.max(0, c.hunks.length - MAX_HUNKS) }));
        const left = m.skipped.length ? ` (${m.skipped.length} of its shared file(s) left out: their base version is not here or their changes do not apply: ${m.skipped.map((f) => peerLine(f, 200)).join(', ')})` : '';
        comparisons.push({ machine: p.machine.label, branch: v.branch ?? null, sessions, clean: m.clean, theirUncommitted: m.theirs.dirty, compared: m.applied, skipped: m.skipped, conflicts });
        if (conflicts.length === 0) {
          lines.push(`${who}: its shared uncommitted changes merge cleanly with your work${left}.`);
          summary.push(lines.at(-1)!);
          continue;
        }
        lines.push(`${who}: ${conflicts.length} file(s) would conflict with its shared uncommitted changes${left}:`);
        summary.push(`${lines.at(-1)!} ${conflicts.map((c) => peerLine(c.file, 300)).join(', ')}. Coordinate before either side goes further with these (${caller.ctx.toolPrefix}send_message).`);
        for (const c of m.conflicts) {
          lines.push(`- ${peerLine(c.file, 300)} (${c.kinds.join(', ')})${c.hunks.length ? `: ${c.hunks.length} hunk(s)` : `: ${peerLine(c.messages[0], 300)}`}`);
          for (const h of c.hunks.slice(0, MAX_HUNKS)) lines.push(renderHunk(showHunk(h), who));
        }
      } catch (e) {
        comparisons.push({ machine: p.machine.label, sessions, error: (e as Error).message });
        lines.push(`${who}: could not compare (${peerLine((e as Error).message, 300)}).`);
        summary.push(lines.at(-1)!);
      }
    }
    if (worktrees.size === 0 && remote.length === 0) {
      lines.push('No other live session works in another worktree of this repository: nothing to predict.');
      summary.push(lines[0]!);
    }
    return { text: lines.join('\n'), data: { summary: summary.join('\n'), worktree: project.worktree, comparisons } };
  },
};
