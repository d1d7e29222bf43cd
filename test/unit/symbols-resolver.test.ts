import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbols, languageOf, outline } from '../../src/symbols/index.js';
import { namesAt, source } from './symbols-support.js';

test('resolver: an unclosed brace mid-edit does not swallow the declarations below it', () => {
  const ts = source(
    'function a() {',
    '  const x = 1;',
    '  if (x) {',
    '',
    'function b() {',
    '  return 2;',
    '}',
  );
  assert.deepEqual(namesAt(ts, 'typescript', 'return 2'), ['b']);
  assert.deepEqual(namesAt(ts, 'typescript', 'const x'), ['a']);
  const go = source('func a() {', '\tx := 1', '', 'func b() {', '\treturn', '}');
  assert.deepEqual(namesAt(go, 'go', '\treturn'), ['b']);
  const java = source('class A {', '  void m() {', '    call(', '  }', '  void n() {}', '}');
  assert.deepEqual(namesAt(java, 'java', 'void n()'), ['A.n']);
});

test('resolver: a range over a member and the gap after it reports the class and the member', () => {
  const ts = source('class A {', '  m() {', '    go();', '  }', '', '  n() {}', '}');
  assert.deepEqual(namesAt(ts, 'typescript', 3, 5), ['A', 'A.m']);
  assert.deepEqual(namesAt(ts, 'typescript', 3, 6), ['A', 'A.m', 'A.n']);
  assert.deepEqual(namesAt(ts, 'typescript', 2, 4), ['A.m']);
});

test('resolver: several ranges in one call are answered independently', () => {
  const go = source('package p', '', 'func A() {', '}', '', 'func B() {', '}');
  const [first, gap, second] = enclosingSymbols(go, 'go', [[3, 3], [5, 5], [6, 7]]);
  assert.deepEqual(first?.map((s) => s.name), ['A']);
  assert.deepEqual(gap, []);
  assert.deepEqual(second?.map((s) => s.name), ['B']);
});

test('resolver: every brace language dispatches to an outliner', () => {
  const files: Record<string, string> = {
    'a.ts': 'function f() {}\n', 'a.tsx': 'function f() {}\n', 'a.js': 'function f() {}\n', 'a.jsx': 'function f() {}\n',
    'a.go': 'package p\nfunc f() {}\n', 'a.rs': 'fn f() {}\n', 'a.swift': 'func f() {}\n',
    'A.java': 'class f {}\n', 'a.kt': 'fun f() {}\n', 'a.cs': 'class f {}\n', 'a.c': 'void f(void) {}\n',
    'a.cpp': 'void f() {}\n', 'a.php': '<?php\nfunction f() {}\n',
  };
  for (const [file, text] of Object.entries(files)) {
    const language = languageOf(file);
    assert.ok(language, file);
    assert.deepEqual(outline(text, language).map((n) => n.name), ['f'], file);
  }
});

test('resolver: empty and garbage input give no symbols and never throw', () => {
  for (const language of ['typescript', 'tsx', 'go', 'rust', 'swift', 'java', 'kotlin', 'csharp', 'c', 'cpp', 'php'] as const) {
    assert.deepEqual(outline('', language), []);
    assert.doesNotThrow(() => outline('}}} ))) {{{ "unterminated `tpl ${ /* ', language));
    assert.doesNotThrow(() => enclosingSymbols('class { fn ( [ <', language, [[1, 1], [0, 99]]));
  }
});

test('resolver: one range in a 5,000-line file is resolved in a single linear pass', () => {
  const chunk = source(
    '/** Service docs with } and { */',
    '@Injectable()',
    'export class Service {',
    '  private readonly cache = new Map<string, number>();',
    '  handle(request: Request): string {',
    '    const data = `${request.id}: ${JSON.stringify({ a: 1 })}`;',
    "    if (/}/.test(data)) return '{';",
    '    return data;',
    '  }',
    '}',
    '',
  );
  const copies = Math.ceil(5000 / (chunk.split('\n').length - 1));
  const text = chunk.repeat(copies);
  assert.equal(outline(text, 'typescript').length, copies);
  const line = 11 * 300 + 8;
  assert.deepEqual(namesAt(text, 'typescript', line), ['Service.handle']);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    enclosingSymbols(text, 'typescript', [[line, line]]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // Typically 1-3 ms warm; the bound only catches a quadratic regression, not a loaded machine.
  assert.ok(times[3]! < 100, `median ${times[3]!.toFixed(1)} ms`);
});
