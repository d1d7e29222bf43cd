import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbols, languageOf, outline, UnparsableFile, type SymbolNode } from '../../src/symbols/index.js';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const workflow = source(
  'name: CI',
  'on: [push, pull_request]',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '    - uses: actions/checkout@v4',
  '    - name: Setup node',
  '      uses: actions/setup-node@v4',
  '      with:',
  '        node-version: 20',
  '',
  '    # the tests themselves',
  '    - name: Test',
  '      run: |',
  '        npm ci',
  '        # not a YAML comment: part of the script',
  '',
  '        npm test',
  '  lint:',
  '    runs-on: ubuntu-latest',
);

test('keys are named by their path', () => {
  assert.deepEqual(namesAt(workflow, 'yaml', 'name: CI'), ['name']);
  assert.deepEqual(namesAt(workflow, 'yaml', 'runs-on', 'runs-on'), ['jobs.test.runs-on']);
  assert.deepEqual(namesAt(workflow, 'yaml', lineOf(workflow, 'runs-on', 2)), ['jobs.lint.runs-on']);
});

test('list items are named by their name where they have one, else by index (a list may stand at its key\'s indentation)', () => {
  // A one-line item is edited as a whole.
  assert.deepEqual(namesAt(workflow, 'yaml', 'actions/checkout'), ['jobs.test.steps[0]']);
  assert.deepEqual(namesAt(workflow, 'yaml', 'node-version'), ['jobs.test.steps["Setup node"].with.node-version']);
  const find = (ns: SymbolNode[], name: string): SymbolNode | undefined => {
    for (const n of ns) {
      const hit = n.name === name ? n : find(n.children, name);
      if (hit) return hit;
    }
    return undefined;
  };
  const step = find(outline(workflow, 'yaml'), 'jobs.test.steps["Setup node"]');
  assert.deepEqual(step && [step.kind, step.startLine, step.endLine], ['item', 8, 11]);
});

test('a block scalar runs to its last content line, "#" lines included; blank lines inside it are its own', () => {
  assert.deepEqual(namesAt(workflow, 'yaml', '# not a YAML comment'), ['jobs.test.steps["Test"].run']);
  assert.deepEqual(namesAt(workflow, 'yaml', 18), ['jobs.test.steps["Test"].run']);
  assert.deepEqual(spanOf(workflow, 'yaml', 'jobs.test.steps["Test"].run'), { kind: 'key', lines: [15, 19] });
});

test('a comment or blank line between two items belongs to the list, not to either item', () => {
  assert.deepEqual(namesAt(workflow, 'yaml', '# the tests themselves'), ['jobs.test.steps']);
  assert.deepEqual(namesAt(workflow, 'yaml', 12), ['jobs.test.steps']);
});

test('a one-line flow collection is one key', () => {
  assert.deepEqual(namesAt(workflow, 'yaml', 'on: ['), ['on']);
  assert.deepEqual(spanOf(workflow, 'yaml', 'on'), { kind: 'key', lines: [2, 2] });
});

const manifests = source(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 3',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  'spec:',
  '  ports:',
  '    - port: 80',
  '---',
  '# a document without kind',
  'plain: value',
);

test('multi-document files: each document is a section, Kubernetes ones named Kind/name', () => {
  assert.deepEqual(namesAt(manifests, 'yaml', 'replicas'), ['Deployment/web.spec.replicas']);
  assert.deepEqual(namesAt(manifests, 'yaml', 'port: 80'), ['Service/web.spec.ports[0]']);
  assert.deepEqual(namesAt(manifests, 'yaml', 'plain'), ['document[2].plain']);
  assert.deepEqual(spanOf(manifests, 'yaml', 'Service/web'), { kind: 'section', lines: [7, 14] });
});

test('the same key in two documents is two symbols', () => {
  const a = namesAt(manifests, 'yaml', 'name: web');
  const b = namesAt(manifests, 'yaml', lineOf(manifests, 'name: web', 2));
  assert.notDeepEqual(a, b);
});

test('quoted keys, multi-line quoted and plain scalars, anchors and merge keys', () => {
  const y = source(
    '"a.b": 1',
    'desc: "two',
    '  lines"',
    'plain: one',
    '  two',
    'base: &base',
    '  x: 1',
    'derived:',
    '  <<: *base',
    '  y: 2',
  );
  assert.deepEqual(namesAt(y, 'yaml', '"a.b"'), ['["a.b"]']);
  assert.deepEqual(namesAt(y, 'yaml', 3), ['desc']);
  assert.deepEqual(namesAt(y, 'yaml', 5), ['plain']);
  assert.deepEqual(namesAt(y, 'yaml', '  x: 1'), ['base.x']);
  assert.deepEqual(namesAt(y, 'yaml', '<<'), ['derived.<<']);
});

test('YAML indented with a tab, unterminated quotes and unreadable structure fall back to file level', () => {
  for (const broken of ['a:\n\tb: 1\n', 'a: "open\n', 'a: 1\n  b: 2\n', 'a:\n  - x\n  y: 1\n', '? complex\n: value\n']) {
    assert.throws(() => enclosingSymbols(broken, 'yaml', [[1, 1]]), UnparsableFile, JSON.stringify(broken));
  }
});

test('an empty file or one of comments only has no symbols', () => {
  assert.deepEqual(enclosingSymbols('# nothing\n', 'yaml', [[1, 1]]), [[]]);
  assert.deepEqual(enclosingSymbols('', 'yaml', [[1, 1]]), [[]]);
});

test('YAML files are recognised by extension', () => {
  assert.equal(languageOf('.github/workflows/ci.yml'), 'yaml');
  assert.equal(languageOf('k8s/deploy.yaml'), 'yaml');
});

test('CRLF line ends read like LF ones in every structured format', () => {
  const crlf = (s: string) => s.replaceAll('\n', '\r\n');
  assert.deepEqual(namesAt(crlf('a:\n  b: |\n    x\n  c: 1\n'), 'yaml', 3), ['a.b']);
  assert.deepEqual(namesAt(crlf('{\n  "a": {\n    "b": 1\n  }\n}\n'), 'json', 3), ['a.b']);
  assert.deepEqual(namesAt(crlf('[t]\nk = 1 # c\n'), 'toml', 2), ['t.k']);
  assert.deepEqual(namesAt(crlf('# A\n\n## B\ntext\n'), 'markdown', 4), ['A > B']);
  assert.deepEqual(namesAt(crlf('[s]\nk = v\n'), 'ini', 2), ['s.k']);
});
