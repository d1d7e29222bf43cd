// The hook's resolver (lazy.ts) stops scanning after the last edited line, at the next top-level
// declaration. Its answer must be the whole file's answer for every edited range: checked here for every
// range of one to four lines, and for random sets of ranges, in files built on the places where a scan
// that stops too soon would go wrong (a statement going on after `}`, C's `}\nName;`, unclosed brackets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbols, type Language } from '../../src/symbols/index.js';
import { enclosingSymbolsLazy } from '../../src/symbols/lazy.js';
import { scan } from '../../src/symbols/scanner.js';
import { source } from './symbols-support.js';

const fixtures: Array<[Language, string]> = [
  ['typescript', source(
    'import { a } from "a";',
    'export function first(x: number): number {',
    '  return x;',
    '}',
    'const promise = load()',
    '.then((x) => x);',
    'try {',
    '  run();',
    '}',
    'catch (e) {}',
    'const value = {',
    '  a: 1,',
    '}',
    'as const;',
    'export class Service {',
    '  method(): void {',
    '    if (x) {',
    '    }',
    '  }',
    '}',
    'do {',
    '  step();',
    '}',
    'while (more());',
    'type Alias = { a: string }',
    'function second() {',
    '  const re = /}/;',
    '}',
    'export const arrow = () => {',
    '  return `${a}',
    '}`;',
    '};',
    'function unclosed() {',
    '  if (x) {',
    'function after() {}',
    'let last = 1;',
  )],
  ['javascript', source(
    'function a() {}',
    'a',
    '(1);',
    'class B {',
    '  m() {}',
    '}',
    'const c = function () {',
    '  return 1;',
    '}',
    'module.exports = { a };',
  )],
  ['c', source(
    '#include <stdio.h>',
    'typedef struct {',
    '  int x;',
    '}',
    'Point;',
    'struct node {',
    '  struct node *next;',
    '}',
    'static int count;',
    'int add(int a, int b) {',
    '  return a + b;',
    '}',
    '#if FEATURE',
    'void f(int a) {',
    '#else',
    'void f(void) {',
    '#endif',
    '  (void)0;',
    '}',
    'enum color { RED, GREEN }',
    'colors;',
    'int main(void) {',
    '  return add(1, 2);',
    '}',
  )],
  ['cpp', source(
    'namespace app {',
    'class Widget {',
    ' public:',
    '  void draw();',
    '};',
    '}',
    'void app::Widget::draw() {',
    '  auto s = R"x(})x";',
    '}',
    'template <typename T>',
    'T id(T t) { return t; }',
    'struct S {',
    '}',
    's;',
    'int value = 1;',
  )],
  ['go', source(
    'package main',
    '',
    'import "fmt"',
    '',
    'type Point struct {',
    '\tX int',
    '}',
    'func (p Point) String() string {',
    '\treturn fmt.Sprint(p.X)',
    '}',
    'var table = []int{',
    '\t1,',
    '}',
    'func main() {',
    '\ts := `}`',
    '\t_ = s',
    '}',
  )],
  ['rust', source(
    'use std::fmt;',
    'pub struct Point {',
    '    x: i32,',
    '}',
    'impl fmt::Display for Point {',
    '    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {',
    '        write!(f, "{}", self.x)',
    '    }',
    '}',
    'fn lifetimes<\'a>(s: &\'a str) -> &\'a str {',
    '    s',
    '}',
    'macro_rules! m {',
    '    () => {};',
    '}',
    'fn last() {}',
  )],
  ['swift', source(
    'import Foundation',
    'struct Point {',
    '  var x: Int',
    '}',
    '#if os(iOS)',
    'func a() {',
    '}',
    '#endif',
    'func b() -> String {',
    '  return "\\(1 + 1)}"',
    '}',
    'extension Point {',
    '  func c() {}',
    '}',
  )],
  ['java', source(
    'package p;',
    'import java.util.List;',
    '@interface Marker {}',
    'class A {',
    '  void m() {',
    '  }',
    '}',
    'enum E { X, Y }',
    'record R(int a) {}',
    'interface I {',
    '  void n();',
    '}',
  )],
  ['kotlin', source(
    'package p',
    'class A {',
    '  fun m() {}',
    '}',
    'fun b() = try {',
    '  1',
    '}',
    'catch (e: Exception) {',
    '  2',
    '}',
    'val c = if (x) {',
    '  1',
    '}',
    'else {',
    '  2',
    '}',
    'object D {',
    '  val s = "${1}}"',
    '}',
  )],
  ['csharp', source(
    'using System;',
    'namespace N;',
    'public class A {',
    '  public void M() {',
    '  }',
    '}',
    'public record R(int X);',
    'struct S {',
    '  int f = $"{1}}}";',
    '}',
    'interface I {}',
  )],
  ['php', source(
    '<?php',
    'namespace App;',
    'function a() {',
    '}',
    'class B {',
    '  public function m() {}',
    '}',
    '?>',
    '<p>html</p>',
    '<?php',
    'function c() {',
    '  return <<<EOT',
    '}',
    'EOT;',
    '}',
  )],
];

test('the lazy resolver answers every range of up to four lines as a scan of the whole file does', async () => {
  for (const [language, text] of fixtures) {
    const lines = text.split('\n').length;
    for (let start = 1; start <= lines; start++) {
      for (let end = start; end <= Math.min(lines, start + 3); end++) {
        const full = enclosingSymbols(text, language, [[start, end]]);
        const lazy = await enclosingSymbolsLazy(text, language, [[start, end]]);
        assert.deepEqual(lazy, full, `${language} lines ${start}-${end}`);
      }
    }
  }
});

test('the lazy resolver answers random sets of ranges as a scan of the whole file does', async () => {
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const [language, text] of fixtures) {
    const lines = text.split('\n').length;
    for (let k = 0; k < 50; k++) {
      const ranges = Array.from({ length: 1 + Math.floor(random() * 3) }, (): [number, number] => {
        const s = 1 + Math.floor(random() * lines);
        return [s, Math.min(lines, s + Math.floor(random() * 6))];
      });
      assert.deepEqual(await enclosingSymbolsLazy(text, language, ranges), enclosingSymbols(text, language, ranges), `${language} ${JSON.stringify(ranges)}`);
    }
  }
});

test('a scan asked about the first lines stops at the next top-level declaration, not at the end', () => {
  const text = source('function a() {', '  return 1;', '}', 'function b() {', '  return 2;', '}');
  const whole = scan(text, 'typescript').n;
  const upToA = scan(text, 'typescript', 2).n;
  assert.ok(upToA < whole, `${upToA} tokens for lines 1-2, ${whole} in all`);
  // Inside an unclosed bracket nothing is known to end: the scan goes on.
  const open = source('function a() {', '  if (x) {', '}', 'function b() {}');
  assert.equal(scan(open, 'typescript', 1).n, scan(open, 'typescript').n);
});
