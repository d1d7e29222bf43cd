import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  'use std::fmt;',
  '',
  '/// A wrapper.',
  '#[derive(Debug, Clone)]',
  "pub struct Wrapper<'a, T> {",
  "    inner: &'a T,",
  '}',
  '',
  "impl<'a, T: fmt::Display> fmt::Display for Wrapper<'a, T> {",
  '    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {',
  '        let raw = r#"} fn fake() {"#;',
  "        let brace = '}';",
  "        let life: &'static str = \"{\";",
  '        /* outer /* inner } */ still a comment { */',
  '        let helper = |x: u8| { x + 1 };',
  '        write!(f, "{}", raw)',
  '    }',
  '}',
  '',
  "impl<T> Wrapper<'_, T> {",
  '    pub const LIMIT: usize = 3;',
  '    #[inline]',
  '    pub fn new(inner: T) -> Self {',
  '        todo!()',
  '    }',
  '}',
  '',
  'pub trait Shape {',
  '    fn area(&self) -> f64;',
  '    fn name(&self) -> &str { "shape" }',
  '}',
  '',
  'pub mod geometry {',
  '    pub fn origin() {}',
  '}',
  '',
  'macro_rules! square {',
  '    ($x:expr) => { $x * $x };',
  '}',
  '',
  'static mut COUNTER: u32 = 0;',
  'const NAMES: [&str; 2] = ["a", "}"];',
  'pub type Bytes = Vec<u8>;',
  'enum Kind { A, B(u8) }',
  'struct Pair(u8, u16);',
);

test('rust: impl blocks drop generics and qualify their methods', () => {
  assert.deepEqual(namesAt(src, 'rust', 'write!(f'), ['impl fmt::Display for Wrapper.fmt']);
  assert.equal(spanOf(src, 'rust', 'impl fmt::Display for Wrapper.fmt')?.kind, 'method');
  assert.deepEqual(namesAt(src, 'rust', 'todo!()'), ['impl Wrapper.new']);
  assert.deepEqual(namesAt(src, 'rust', 'LIMIT'), ['impl Wrapper.LIMIT']);
});

test('rust: raw strings, chars, lifetimes, nested comments and closures do not end the fn', () => {
  assert.deepEqual(namesAt(src, 'rust', 'let raw'), ['impl fmt::Display for Wrapper.fmt']);
  assert.deepEqual(namesAt(src, 'rust', 'let helper'), ['impl fmt::Display for Wrapper.fmt']);
  assert.deepEqual(spanOf(src, 'rust', 'impl fmt::Display for Wrapper.fmt')?.lines, [10, 17]);
});

test('rust: attributes are part of the item; doc comments are not', () => {
  assert.deepEqual(spanOf(src, 'rust', 'Wrapper'), { kind: 'struct', lines: [4, 7] });
  assert.deepEqual(namesAt(src, 'rust', '/// A wrapper.'), []);
  assert.deepEqual(namesAt(src, 'rust', '#[inline]'), ['impl Wrapper.new']);
});

test('rust: trait methods with and without bodies', () => {
  const line = lineOf(src, 'fn area');
  assert.deepEqual(spanOf(src, 'rust', 'Shape.area'), { kind: 'method', lines: [line, line] });
  assert.deepEqual(namesAt(src, 'rust', '"shape"'), ['Shape.name']);
});

test('rust: modules, macros, statics, consts, type aliases, enums and tuple structs', () => {
  assert.deepEqual(namesAt(src, 'rust', 'pub fn origin'), ['geometry.origin']);
  assert.deepEqual(namesAt(src, 'rust', '$x * $x'), ['square']);
  assert.equal(spanOf(src, 'rust', 'square')?.kind, 'macro');
  assert.equal(spanOf(src, 'rust', 'COUNTER')?.kind, 'variable');
  assert.equal(spanOf(src, 'rust', 'NAMES')?.kind, 'constant');
  assert.equal(spanOf(src, 'rust', 'Bytes')?.kind, 'type');
  assert.equal(spanOf(src, 'rust', 'Kind')?.kind, 'enum');
  assert.equal(spanOf(src, 'rust', 'Pair')?.kind, 'struct');
});

test('rust: the impl line and closing brace belong to the impl; use lines and gaps to nothing', () => {
  assert.deepEqual(namesAt(src, 'rust', "impl<T> Wrapper<'_, T>"), ['impl Wrapper']);
  assert.deepEqual(namesAt(src, 'rust', lineOf(src, 'todo!()') + 2), ['impl Wrapper']);
  assert.deepEqual(namesAt(src, 'rust', 'use std::fmt'), []);
  assert.deepEqual(namesAt(src, 'rust', lineOf(src, 'pub trait Shape') - 1), []);
});

test('rust: a macro invoked by path (cfg_if::cfg_if! { }) is skipped whole; the items after it stay', () => {
  const rs = source(
    'cfg_if::cfg_if! {',
    '    if #[cfg(feature = "std")] {',
    '        use std::str;',
    '    }',
    '}',
    '',
    '/// A string.',
    '#[derive(Debug)]',
    "pub enum Bytes<'a> {",
    "    Bytes(&'a [u8]),",
    '}',
  );
  assert.deepEqual(namesAt(rs, 'rust', 'use std::str'), []);
  assert.deepEqual(spanOf(rs, 'rust', 'Bytes'), { kind: 'enum', lines: [8, 11] });
});
