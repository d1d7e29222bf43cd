import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbols, languageOf, UnparsableFile } from '../../src/symbols/index.js';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const cargo = source(
  '[package]',
  'name = "demo"',
  'version = "0.1.0"',
  '',
  '# runtime',
  '[dependencies]',
  'serde = { version = "1", features = ["derive"] }',
  'tokio.version = "1"',
  '"quoted.key" = 2',
  '',
  '[dependencies.regex]',
  'version = "1.10"',
  '',
  '[[bin]]',
  'path = "src/cli.rs"',
  'name = "cli"',
  '',
  '[[bin]]',
  'path = "src/other.rs"',
  '',
  '[features]',
  'default = [',
  '  "std",',
  '  "derive",',
  ']',
  'doc = """',
  'multi',
  '[not-a-table]',
  '"""',
);

test('tables and their keys are named by path', () => {
  assert.deepEqual(namesAt(cargo, 'toml', 'serde ='), ['dependencies.serde']);
  assert.deepEqual(namesAt(cargo, 'toml', 'version = "1.10"'), ['dependencies.regex.version']);
  assert.deepEqual(spanOf(cargo, 'toml', 'dependencies'), { kind: 'table', lines: [6, 9] });
  assert.deepEqual(spanOf(cargo, 'toml', 'dependencies.serde'), { kind: 'key', lines: [7, 7] });
});

test('dotted and quoted keys are part of the path', () => {
  assert.deepEqual(namesAt(cargo, 'toml', 'tokio.version'), ['dependencies.tokio.version']);
  assert.deepEqual(namesAt(cargo, 'toml', '"quoted.key"'), ['dependencies["quoted.key"]']);
});

test('a table header line is the table; a comment or blank line between tables belongs to none', () => {
  assert.deepEqual(namesAt(cargo, 'toml', '[dependencies]'), ['dependencies']);
  assert.deepEqual(namesAt(cargo, 'toml', '# runtime'), []);
  assert.deepEqual(namesAt(cargo, 'toml', 4), []);
});

test('[[bin]] entries are named by their name (wherever it stands in the entry), else by index', () => {
  assert.deepEqual(namesAt(cargo, 'toml', 'src/cli.rs'), ['bin["cli"].path']);
  assert.deepEqual(namesAt(cargo, 'toml', 'src/other.rs'), ['bin[1].path']);
  assert.deepEqual(spanOf(cargo, 'toml', 'bin["cli"]'), { kind: 'table', lines: [14, 16] });
});

test('items of an array that spans lines are named by index; a multi-line string is one key', () => {
  assert.deepEqual(namesAt(cargo, 'toml', '"derive",'), ['features.default[1]']);
  assert.deepEqual(namesAt(cargo, 'toml', '[not-a-table]'), ['features.doc']);
  assert.deepEqual(spanOf(cargo, 'toml', 'features.doc'), { kind: 'key', lines: [26, 29] });
});

test('nested arrays of tables are numbered within their parent entry', () => {
  const t = source('[[fruits]]', 'name = "apple"', '[[fruits.varieties]]', 'name = "red"', '[fruits.physical]', 'color = "red"', '[[fruits]]', 'name = "banana"', '[[fruits.varieties]]', 'x = 1');
  assert.deepEqual(namesAt(t, 'toml', 'name = "red"'), ['fruits["apple"].varieties["red"].name']);
  assert.deepEqual(namesAt(t, 'toml', 'color'), ['fruits["apple"].physical.color']);
  assert.deepEqual(namesAt(t, 'toml', 'x = 1'), ['fruits["banana"].varieties[0].x']);
});

test('numbers, booleans and dates are values', () => {
  const t = source('a = 1_000', 'b = -3.5e+2', 'c = 0xdead_beef', 'd = true', 'e = 1979-05-27 07:32:00Z', 'f = 07:32:00', 'g = -inf', 'h = 2024-01-01');
  assert.deepEqual(namesAt(t, 'toml', 1, 8), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
});

test('pyproject.toml: keys before the first table and a dependency list', () => {
  const py = source('title = "x"', '[project]', 'dependencies = [', '  "requests>=2",', '  "rich",', ']');
  assert.deepEqual(namesAt(py, 'toml', 1), ['title']);
  assert.deepEqual(namesAt(py, 'toml', '"rich"'), ['project.dependencies[1]']);
  assert.deepEqual(namesAt(py, 'toml', lineOf(py, ']', 2)), ['project.dependencies']);
});

test('a file that does not parse falls back to file level', () => {
  // The last two: a header line lost mid-edit leaves a key, or a table, defined twice.
  for (const broken of ['[table\nx = 1\n', 'x = \n', 'x = "open\n', 'just words\n', 'a = [1, 2\n', 'a = 1 b = 2\n', '[a]\nv = 1\nv = 2\n', '[a]\n[b]\n[a]\n', 'proc-macro = tru\n']) {
    assert.throws(() => enclosingSymbols(broken, 'toml', [[1, 1]]), UnparsableFile, JSON.stringify(broken));
  }
});

test('TOML files are recognised by extension', () => {
  assert.equal(languageOf('Cargo.toml'), 'toml');
  assert.equal(languageOf('pyproject.toml'), 'toml');
});
