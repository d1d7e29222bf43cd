import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  'package stack',
  '',
  'import (',
  '\t"fmt"',
  ')',
  '',
  '// Stack is a generic LIFO.',
  'type Stack[T any] struct {',
  '\titems []T',
  '}',
  '',
  'func (s *Stack[T]) Push(v T) {',
  '\tdone := func() { fmt.Println("}") }',
  '\tquery := `SELECT } FROM {`',
  "\tr := '}'",
  '\ts.items = append(s.items, v)',
  '}',
  '',
  'func (Stack[T]) Len() int { return 0 }',
  '',
  'func Empty() interface{} {',
  '\treturn struct{}{}',
  '}',
  '',
  'type (',
  '\tID int',
  '\tStore interface {',
  '\t\tGet(id ID) string',
  '\t}',
  ')',
  '',
  'var Default = New()',
  '',
  'const (',
  '\tA = iota',
  '\tB',
  ')',
);

test('go: methods on generic receivers are named Type.Method', () => {
  assert.deepEqual(namesAt(src, 'go', 's.items = append'), ['Stack.Push']);
  assert.equal(spanOf(src, 'go', 'Stack.Push')?.kind, 'method');
  assert.deepEqual(namesAt(src, 'go', 'func (Stack[T]) Len'), ['Stack.Len']);
});

test('go: closures, raw strings and runes with braces stay inside the function', () => {
  assert.deepEqual(namesAt(src, 'go', 'done := func'), ['Stack.Push']);
  assert.deepEqual(namesAt(src, 'go', 'SELECT'), ['Stack.Push']);
  assert.deepEqual(spanOf(src, 'go', 'Stack.Push')?.lines, [12, 17]);
});

test('go: struct{} and interface{} in a signature are not the body', () => {
  assert.deepEqual(spanOf(src, 'go', 'Empty'), { kind: 'function', lines: [21, 23] });
});

test('go: types, grouped specs and constants are one symbol per spec', () => {
  assert.deepEqual(spanOf(src, 'go', 'Stack'), { kind: 'struct', lines: [8, 10] });
  assert.deepEqual(namesAt(src, 'go', 'Get(id ID)'), ['Store']);
  assert.equal(spanOf(src, 'go', 'Store')?.kind, 'interface');
  assert.deepEqual(namesAt(src, 'go', '\tID int'), ['ID']);
  assert.deepEqual(namesAt(src, 'go', '\tB'), ['B']);
  assert.equal(spanOf(src, 'go', 'B')?.kind, 'constant');
  assert.equal(spanOf(src, 'go', 'Default')?.kind, 'variable');
});

test('go: imports, comments and blank lines between declarations are no symbol', () => {
  assert.deepEqual(namesAt(src, 'go', '"fmt"'), []);
  assert.deepEqual(namesAt(src, 'go', '// Stack is'), []);
  assert.deepEqual(namesAt(src, 'go', lineOf(src, 'func (Stack[T]) Len') - 1), []);
});

test('go: a range across two functions returns both', () => {
  assert.deepEqual(namesAt(src, 'go', 's.items = append', 'func (Stack[T]) Len'), ['Stack.Push', 'Stack.Len']);
});
