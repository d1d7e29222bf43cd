// `context-sync symbols` answers for structured files like for code, with the kind, from the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pluginDir } from '../harness/claude.js';

const dir = mkdtempSync(join(tmpdir(), 'ccs-symbols-'));
function symbols(name: string, text: string, ...ranges: string[]) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [join(pluginDir, 'dist/cli.mjs'), 'symbols', file, ...ranges], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { answer: JSON.parse(r.stdout) as unknown, stderr: r.stderr };
}

test('a dependency in package.json: its key path and kind key', () => {
  const { answer } = symbols('package.json', '{\n  "dependencies": {\n    "zod": "^3"\n  }\n}\n', '3');
  assert.deepEqual(answer, [{ name: 'dependencies.zod', kind: 'key', startLine: 3, endLine: 3 }]);
});

test('a TOML table, a YAML list item, a README section: kinds table, item, section', () => {
  assert.deepEqual(symbols('Cargo.toml', '[dependencies]\n', '1').answer, [{ name: 'dependencies', kind: 'table', startLine: 1, endLine: 1 }]);
  assert.deepEqual(
    (symbols('ci.yml', 'steps:\n  - name: Test\n    run: make\n', '2-3').answer as Array<{ name: string; kind: string }>).map((s) => [s.name, s.kind]),
    [['steps["Test"].name', 'key'], ['steps["Test"].run', 'key']],
  );
  assert.deepEqual(symbols('README.md', '# A\n\n## Install\ntext\n', '4').answer, [{ name: 'A > Install', kind: 'section', startLine: 3, endLine: 4 }]);
});

test('a file that does not parse answers null (file level) and says why on stderr', () => {
  const { answer, stderr } = symbols('broken.json', '{ "a": 1,\n', '1');
  assert.equal(answer, null);
  assert.match(stderr, /does not parse/);
});
