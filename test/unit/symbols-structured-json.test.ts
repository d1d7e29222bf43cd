import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbols, languageOf, UnparsableFile } from '../../src/symbols/index.js';
import { enclosingSymbolsLazy } from '../../src/symbols/lazy.js';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const pkg = source(
  '{',
  '  "name": "demo",',
  '  "workspaces": [',
  '    "packages/a",',
  '    "packages/b"',
  '  ],',
  '  "scripts": {',
  '    "build": "tsc",',
  '',
  '    "test": "node --test"',
  '  },',
  '  "dependencies": {',
  '    "react": "^18.2.0",',
  '    "zod": "^3.22.0"',
  '  },',
  '  "files": ["dist", "src"],',
  '  "exports": {',
  '    "./package.json": "./package.json"',
  '  }',
  '}',
);

test('an edited dependency is named by its key path', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"zod"'), ['dependencies.zod']);
  assert.deepEqual(namesAt(pkg, 'json', '"react"'), ['dependencies.react']);
  assert.deepEqual(spanOf(pkg, 'json', 'dependencies.zod'), { kind: 'key', lines: [14, 14] });
});

test('two different dependencies are two symbols; a range over both names both', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"react"', '"zod"'), ['dependencies.react', 'dependencies.zod']);
});

test('the line opening or closing an object is the key that holds it', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"dependencies"'), ['dependencies']);
  assert.deepEqual(namesAt(pkg, 'json', lineOf(pkg, '},', 2)), ['dependencies']);
  assert.deepEqual(spanOf(pkg, 'json', 'dependencies'), { kind: 'key', lines: [12, 15] });
});

test('a blank line between two keys of an object belongs to the object, not to either key', () => {
  assert.deepEqual(namesAt(pkg, 'json', 9), ['scripts']);
});

test('array items are named by their index', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"packages/b"'), ['workspaces[1]']);
  assert.deepEqual(spanOf(pkg, 'json', 'workspaces[0]'), { kind: 'item', lines: [4, 4] });
});

test('a one-line array is edited as a whole: its key, not its items', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"files"'), ['files']);
});

test('a key that is not a plain word is quoted in the path', () => {
  assert.deepEqual(namesAt(pkg, 'json', '"./package.json"'), ['exports["./package.json"]']);
});

test('array items that are objects with a name, id or key are named by it', () => {
  const launch = source(
    '{',
    '  // VS Code launch configurations',
    '  "configurations": [',
    '    {',
    '      "name": "Launch",',
    '      "type": "node",',
    '    },',
    '    { "id": 7, "type": "chrome" },',
    '    { "type": "attach" }',
    '  ],',
    '}',
  );
  assert.deepEqual(namesAt(launch, 'json', '"type": "node"'), ['configurations["Launch"].type']);
  assert.deepEqual(namesAt(launch, 'json', '"chrome"'), ['configurations["7"]']);
  assert.deepEqual(namesAt(launch, 'json', '"attach"'), ['configurations[2]']);
  assert.deepEqual(spanOf(launch, 'json', 'configurations["Launch"]'), { kind: 'item', lines: [4, 7] });
});

test('two items with the same name are told apart by their index', () => {
  const dup = source('[', '  { "name": "a" },', '  { "name": "a" },', '  { "name": "b" }', ']');
  assert.deepEqual(namesAt(dup, 'json', 2, 4), ['[0]', '[1]', '["b"]']);
});

test('JSONC: comments between keys belong to the object holding them, JSON5 keys and quotes are read', () => {
  const tsconfig = source(
    '{',
    '  /* compiler */',
    '  "compilerOptions": {',
    '    // strictness',
    '    "strict": true,',
    "    target: 'es2022',",
    '  },',
    '}',
  );
  assert.deepEqual(namesAt(tsconfig, 'json', '// strictness'), ['compilerOptions']);
  assert.deepEqual(namesAt(tsconfig, 'json', '/* compiler */'), []);
  assert.deepEqual(namesAt(tsconfig, 'json', 'target'), ['compilerOptions.target']);
});

test('a file that does not parse (mid-edit) throws UnparsableFile: the hook falls back to file level', async () => {
  for (const broken of ['{ "a": 1,, }', '{ "a": ', '{ "a": 1 } trailing', '', '{ "a": "unterminated }']) {
    assert.throws(() => enclosingSymbols(broken, 'json', [[1, 1]]), UnparsableFile, broken);
    await assert.rejects(enclosingSymbolsLazy(broken, 'json', [[1, 1]]), UnparsableFile);
  }
});

test('JSON files are recognised by name; lockfiles stay at file level', () => {
  for (const f of ['package.json', 'a/tsconfig.json', '.vscode/settings.json', 'x.jsonc', 'y.JSON5']) assert.equal(languageOf(f), 'json', f);
  for (const f of ['package-lock.json', 'pnpm-lock.yaml', 'composer.lock', 'uv.lock', 'bun.lock', 'deno.lock', 'yarn.lock', 'Cargo.lock']) {
    assert.equal(languageOf(f), undefined, f);
  }
  assert.equal(languageOf('docs/lockfiles.md'), 'markdown');
  assert.equal(languageOf('src/lock.ts'), 'typescript');
});

test('the hooks\' resolver (lazy.ts) answers as the whole-file one for every structured format', async () => {
  const files = {
    json: '{\n  "a": {\n    "b": 1\n  },\n  "c": [\n    2\n  ]\n}\n',
    yaml: 'a:\n  b: 1\n# gap\nc:\n  - name: x\n    d: 2\n',
    toml: 'x = 1\n[t]\ny = [\n  1,\n]\n',
    markdown: '# A\ntext\n## B\nmore\n',
    ini: '[s]\nk = v\n\n[u]\nw = 1\n',
  } as const;
  for (const [format, text] of Object.entries(files) as Array<[keyof typeof files, string]>) {
    const n = text.split('\n').length;
    const ranges: Array<[number, number]> = [];
    for (let s = 1; s <= n; s++) for (let e = s; e <= Math.min(n, s + 2); e++) ranges.push([s, e]);
    assert.deepEqual(await enclosingSymbolsLazy(text, format, ranges), enclosingSymbols(text, format, ranges), format);
  }
});
