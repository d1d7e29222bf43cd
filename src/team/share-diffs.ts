// team.shareDiffs, publishing side: the uncommitted hunks of the files a session has open edits in,
// as `git diff HEAD` shows them, so that other machines can run a trial merge against that session.
// Only with the setting on (the relay never calls this otherwise); only text files modified since
// HEAD (new, deleted, renamed and binary files are left out: a trial merge cannot be rebuilt from
// hunks for them); each file and the whole capped (DIFF_LIMITS), a file over its cap left out whole.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DIFF_LIMITS, isHunkText, type RemoteDiffs, type RemoteFileDiff } from '../sync/remote-peers.js';

/** One file's `git diff --full-index HEAD` output to what is published, or undefined (not a plain text modification). */
export function fileDiffOf(file: string, gitDiff: string): RemoteFileDiff | undefined {
  const at = gitDiff.indexOf('\n@@ -');
  if (at < 0) return undefined;
  const header = gitDiff.slice(0, at);
  if (/^(new file mode|deleted file mode|rename from|copy from|Binary files|GIT binary patch)/m.test(header)) return undefined;
  // A second file's header would mean the output is not this one file's: publish nothing of it.
  if ((gitDiff.match(/^diff --git /gm) ?? []).length !== 1) return undefined;
  const index = /^index ([0-9a-f]{40}|[0-9a-f]{64})\.\.[0-9a-f]+/m.exec(header);
  if (!index) return undefined;
  const hunks = gitDiff.slice(at + 1);
  return isHunkText(hunks) ? { file, blob: index[1]!, hunks } : undefined;
}

function gitDiff(worktree: string, file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // The user's diff settings must not change what is parsed: no colour, external diff, textconv or other prefixes.
      ['-C', worktree, '-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--full-index', '-U3', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD', '--', file],
      { timeout: 10_000, maxBuffer: 4 * DIFF_LIMITS.hunkBytes, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' } },
      (err, out) => resolve(err ? undefined : out),
    );
  });
}

export class SharedDiffs {
  /** Per worktree, HEAD and file version: the published diff (null: nothing to publish). */
  private readonly cache = new Map<string, RemoteFileDiff | null>();

  /** The diffs to publish for these files of a worktree at HEAD `head`, within the caps. */
  async of(worktree: string, head: string, files: readonly string[]): Promise<RemoteDiffs | undefined> {
    const out: RemoteFileDiff[] = [];
    let total = 0;
    for (const file of [...files].sort()) {
      if (out.length >= DIFF_LIMITS.files) break;
      let version: string;
      try {
        const st = statSync(join(worktree, file));
        if (!st.isFile()) continue;
        version = `${st.mtimeMs}:${st.size}`;
      } catch {
        continue; // deleted: nothing to rebuild it from
      }
      const key = `${worktree}\0${head}\0${file}\0${version}`;
      let d = this.cache.get(key);
      if (d === undefined) {
        const text = await gitDiff(worktree, file);
        d = (text && fileDiffOf(file, text)) || null;
        if (this.cache.size > 2000) this.cache.clear();
        this.cache.set(key, d);
      }
      if (!d || total + d.hunks.length > DIFF_LIMITS.totalBytes) continue;
      total += d.hunks.length;
      out.push(d);
    }
    return out.length ? { base: head, files: out } : undefined;
  }
}
