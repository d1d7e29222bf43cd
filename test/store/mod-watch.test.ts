// The hooks module lets an edit through without asking the server when its watch list says the
// edit meets nobody's open work. That is only safe if whatever the server would have told at that
// edit is nothing, or is already owed to the session (its wake-up marker is set, so the module's
// next delivery tells it): checked here over random streams of real edits (and commits) by a session
// and two live peers, with the server's own handlers deciding, in process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, git } from '../harness/claude.js';
import { FakeRegistry } from '../harness/fake-registry.js';
import { handlePostToolUse } from '../../src/hooks-core/handlers/post-tool-use.js';
import { handlePreToolUse } from '../../src/hooks-core/handlers/pre-tool-use.js';
import { syncContext } from '../../src/sync/context.js';
import { findProject } from '../../src/sessions/project.js';
import { projectStore } from '../../src/sync/session.js';
import { watchOf } from '../../src/sync/mod-watch.js';
import { askAfter, askBefore, normalizePath, textAfter, unitsOfMadeEdit, unitsOfPlannedEdit } from '../../src/mod/judge.js';

const FUNCS = ['alpha', 'beta', 'gamma'];
const source = (values: number[]) => FUNCS.map((f, i) => `export function ${f}(): number {\n  return ${values[i]};\n}\n`).join('\n');

/** A small deterministic generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

test("an edit the module lets through unasked is one the server has nothing to tell about, before or after (random streams)", async () => {
  const seeds = Number(process.env.MOD_WATCH_SEEDS ?? 12);
  let through = 0;
  let asked = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const sb = new Sandbox('ccs-modwatch-');
    const repo = sb.repo('proj', { 'src/funcs.ts': source([0, 0, 0]) });
    const file = join(repo, 'src/funcs.ts');
    const reg = new FakeRegistry();
    try {
      const sessions = [reg.add(repo), reg.add(repo), reg.add(repo)];
      const me = sessions[0]!;
      const project = findProject(repo);
      const pick = rng(seed);
      let counter = 1;
      for (let step = 0; step < 14; step++) {
        const who = sessions[pick(3)]!;
        const ctx = syncContext(reg.env({ CLAUDE_PID: String(who.pid), CLAUDE_PLUGIN_ROOT: 'plugin' }));
        if (pick(6) === 0) {
          // Someone commits the file: edits of it close for everyone (observed at the next look).
          git(repo, 'add', 'src/funcs.ts');
          git(repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', `c${step}`, '--allow-empty');
          continue;
        }
        const before = readFileSync(file, 'utf8');
        const f = pick(3);
        const line = before.split('\n').findIndex((l, i, all) => all[i - 1]?.startsWith(`export function ${FUNCS[f]}(`)) + 1;
        const oldLine = before.split('\n')[line - 1]!;
        const newLine = `  return ${counter++};`;
        const input = { file_path: file, old_string: oldLine, new_string: newLine };
        const base = { session_id: who.sessionId, transcript_path: join(repo, '.t.jsonl'), cwd: repo, tool_name: 'Edit', tool_input: input, tool_use_id: `toolu_${seed}_${step}` };
        const store = projectStore(ctx, project);
        const w = who === me ? watchOf(ctx, store, project, me.sessionId).files[normalizePath(file, repo)] : undefined;
        // Before the edit.
        const owedBefore = existsSync(join(reg.store, 'pending', String(who.pid)));
        const pre = await handlePreToolUse(ctx, { ...base, hook_event_name: 'PreToolUse' });
        if (who === me && !owedBefore && !askBefore(w, () => unitsOfPlannedEdit(file, 'Edit', input, before))) {
          assert.equal(pre.additionalContext, undefined, `seed ${seed} step ${step}: the server had something to tell before an edit the module let through (watch ${JSON.stringify(w)}, planned ${JSON.stringify(unitsOfPlannedEdit(file, "Edit", input, before))})`);
          assert.equal(pre.decision, undefined);
        }
        writeFileSync(file, before.replace(oldLine, newLine));
        const result = {
          filePath: file,
          oldString: oldLine,
          newString: newLine,
          originalFile: before,
          structuredPatch: [{ oldStart: line, oldLines: 1, newStart: line, newLines: 1, lines: [`-${oldLine}`, `+${newLine}`] }],
          userModified: false,
          replaceAll: false,
        };
        // The watch is taken before the record, as the module holds it when the edit returns.
        const letThrough = who === me && !existsSync(join(reg.store, 'pending', String(who.pid))) && !askAfter(w, () => unitsOfMadeEdit(file, 'Edit', input, result, textAfter('Edit', input, result)));
        const post = await handlePostToolUse(ctx, { ...base, hook_event_name: 'PostToolUse', tool_response: result });
        if (who === me) letThrough ? through++ : asked++;
        if (letThrough) assert.equal(post.additionalContext, undefined, `seed ${seed} step ${step}: the server told something about an edit the module let through`);
      }
    } finally {
      reg.close();
    }
  }
  // Not vacuous: the streams had edits of both kinds.
  assert.ok(through > 5 && asked > 5, `let through ${through}, asked ${asked}`);
});
