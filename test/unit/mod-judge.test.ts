// The hooks module's own judgement (src/mod/judge.ts): an edit that cannot meet other sides' open
// work is let through without asking the server; every doubt asks. And what the person sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askAfter, askBefore, normalizePath, textAfter, unitsOfMadeEdit, unitsOfPlannedEdit } from '../../src/mod/judge.js';
import { newToasts, statusLine } from '../../src/mod/person.js';
import type { WatchedFile } from '../../src/core/watch.js';
import { validateHookInput } from '../../src/generated/validators.js';

const MATH = `export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function sub(a: number, b: number): number {\n  return a - b;\n}\n`;
const F = '/repo/src/math.ts';
const watched = (units: string[], extra: Partial<WatchedFile> = {}): WatchedFile => ({ units, always: false, block: false, ...extra });

/** An Edit's result as Claude Code hands it to a module's tool.call hook after the edit. */
function editResult(original: string, oldString: string, newString: string) {
  const after = original.replace(oldString, newString);
  const before = original.split('\n');
  const line = before.findIndex((l) => l.includes(oldString.split('\n')[0]!)) + 1;
  return {
    after,
    result: {
      filePath: F,
      oldString,
      newString,
      originalFile: original,
      structuredPatch: [{ oldStart: line, oldLines: 1, newStart: line, newLines: newString.split('\n').length, lines: [`-${before[line - 1]}`, ...after.split('\n').slice(line - 1, line - 1 + newString.split('\n').length).map((l) => `+${l}`)] }],
      userModified: false,
      replaceAll: false,
    },
  };
}

test('an edit of another function than the one a peer has open is let through, before and after', () => {
  const w = watched(['sub']);
  const input = { file_path: F, old_string: '  return a + b;', new_string: '  return a + b + 1;' };
  assert.equal(askBefore(w, () => unitsOfPlannedEdit(F, 'Edit', input, MATH)), false);
  const { after, result } = editResult(MATH, input.old_string, input.new_string);
  assert.equal(textAfter('Edit', input, result), after, "the file after the edit, from the tool's own result");
  assert.equal(askAfter(w, () => unitsOfMadeEdit(F, 'Edit', input, result, after)), false);
});

test('an edit of the function a peer has open asks the server, before and after', () => {
  const w = watched(['add']);
  const input = { file_path: F, old_string: '  return a + b;', new_string: '  return (a ?? 0) + b;' };
  assert.equal(askBefore(w, () => unitsOfPlannedEdit(F, 'Edit', input, MATH)), true);
  const { after, result } = editResult(MATH, input.old_string, input.new_string);
  assert.equal(askAfter(w, () => unitsOfMadeEdit(F, 'Edit', input, result, after)), true);
});

test('every doubt asks: no copy of the file, a stale copy, an unknown language, a whole-file peer, a Write, a notebook', () => {
  const sub = watched(['sub']);
  const input = { file_path: F, old_string: '  return a + b;', new_string: '  return 1;' };
  assert.equal(askBefore(sub, () => unitsOfPlannedEdit(F, 'Edit', input, undefined)), true, 'no copy');
  assert.equal(askBefore(sub, () => unitsOfPlannedEdit(F, 'Edit', input, 'export const other = 1;\n')), true, 'a copy without old_string');
  assert.equal(askBefore(sub, () => unitsOfPlannedEdit('/repo/notes.xyz', 'Edit', { ...input, file_path: '/repo/notes.xyz' }, MATH)), true, 'no outliner');
  assert.equal(askBefore(watched(['*']), () => unitsOfPlannedEdit(F, 'Edit', input, MATH)), true, 'the peer edited the whole file');
  assert.equal(askBefore(sub, () => unitsOfPlannedEdit(F, 'Write', { file_path: F, content: MATH }, MATH)), true, 'a Write replaces everything');
  assert.equal(askAfter(sub, () => unitsOfMadeEdit('/repo/a.ipynb', 'NotebookEdit', {}, {}, undefined)), true, 'a notebook');
});

test("'always' asks after any edit (an untold notice), 'block' before any edit; an unwatched file never asks", () => {
  const input = { file_path: F, old_string: '  return a + b;', new_string: '  return a + b + 1;' };
  const { after, result } = editResult(MATH, input.old_string, input.new_string);
  assert.equal(askAfter(watched(['sub'], { always: true }), () => unitsOfMadeEdit(F, 'Edit', input, result, after)), true);
  assert.equal(askBefore(watched(['sub'], { block: true }), () => unitsOfPlannedEdit(F, 'Edit', input, MATH)), true);
  assert.equal(askBefore(undefined, () => ['*']), false);
  assert.equal(askAfter(undefined, () => ['*']), false);
});

test('text outside every symbol does not meet text outside every symbol elsewhere (as the server decides)', () => {
  const text = `import { x } from './x';\n\nexport function f() {\n  return x;\n}\n`;
  const input = { file_path: F, old_string: "import { x } from './x';", new_string: "import { x, y } from './x';" };
  assert.equal(askBefore(watched(['(top)']), () => unitsOfPlannedEdit(F, 'Edit', input, text)), false);
});

test('paths are compared as the server spells them', () => {
  assert.equal(normalizePath('src/./a/../math.ts', '/repo/'), '/repo/src/math.ts');
  assert.equal(normalizePath('/repo//src/math.ts', '/elsewhere'), '/repo/src/math.ts');
});

test('an edit whose result does not hold the text it replaced is not guessed at', () => {
  assert.equal(textAfter('Edit', {}, { originalFile: 'abc', oldString: 'zzz', newString: 'y' }), undefined);
  assert.equal(textAfter('Edit', {}, { originalFile: null, oldString: 'a', newString: 'b' }), undefined);
  assert.equal(textAfter('Edit', {}, { originalFile: 'a$&a', oldString: 'a$&', newString: '$1' }), '$1a', 'no replacement patterns');
});

test("the module's classic payloads are valid hook input (the server refuses anything else)", () => {
  const base = { session_id: '11111111-1111-4111-8111-111111111111', transcript_path: '/t.jsonl', cwd: '/repo' };
  for (const p of [
    { ...base, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: {}, tool_use_id: 'toolu_1' },
    { ...base, hook_event_name: 'PreToolUse', tool_name: 'Edit', tool_input: { file_path: F, old_string: 'a', new_string: 'b' }, tool_use_id: 'toolu_2', agent_id: 'a1', agent_type: 'general-purpose' },
    { ...base, hook_event_name: 'UserPromptSubmit', prompt: '' },
  ]) {
    assert.ok(validateHookInput(p), JSON.stringify(validateHookInput.errors));
  }
});

test('the status line names the others, the first conflict and the unread count; alone, nothing', () => {
  assert.equal(statusLine({ others: 0, conflicts: [], unread: [] }), undefined);
  const line = statusLine({
    others: 2,
    conflicts: [
      { key: 'k1', file: 'src/math.ts', symbols: ['add'], peer: 'ab12cd34 (branch main)' },
      { key: 'k2', file: 'src/b.ts', symbols: [], peer: 'ef56' },
    ],
    unread: [{ id: 'm1', from: 'ef56', direct: true }],
  })!;
  assert.match(line, /^context-sync: 2 other sessions here · conflict: src\/math\.ts `add` with ab12cd34 \(branch main\) \(\+1 more\) · 1 unread message$/);
  assert.ok(statusLine({ others: 1, conflicts: [{ key: 'k', file: 'x'.repeat(500), symbols: [], peer: 'p' }], unread: [] })!.length <= 160);
});

test('a toast for each new conflict and message, once', () => {
  const seen = new Set<string>();
  const view = { others: 1, conflicts: [{ key: 'k1', file: 'src/math.ts', symbols: ['add'], peer: 'ab12' }], unread: [{ id: 'm1', from: 'ab12', direct: false }] };
  assert.deepEqual(newToasts(view, seen), ['context-sync: conflict in src/math.ts: `add` with ab12', 'context-sync: broadcast from ab12']);
  assert.deepEqual(newToasts(view, seen), []);
});
