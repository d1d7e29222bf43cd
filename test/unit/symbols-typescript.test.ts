import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const service = source(
  "import { Injectable } from '@angular/core';",
  '',
  '/** Loads users. */',
  '@Injectable({ providedIn: "root" })',
  'export class UserService<T extends { id: string }> extends Base<{ a: 1 }> {',
  '  private cache = new Map<string, T>();',
  '  name: string',
  '  onClick = (e: Event) => {',
  "    console.log('}');",
  '  };',
  '  @Input() label?: string;',
  '  constructor(private readonly http: Http) {',
  '    super();',
  '  }',
  '',
  '  load(id: string) {',
  '    const url = `/users/${id}/${`x${"}"}`}`;',
  '    function helper() { return 1; }',
  '    const re = /}\\/{/g;',
  '    return fetch(url).then((r) => r.json()); // } return null;',
  '  }',
  '  get size(): number { return this.cache.size; }',
  '  static of<U>(): { made: true } {',
  '    return { made: true };',
  '  }',
  '  abstract save(user: T): Promise<void>;',
  '  [Symbol.iterator]() { return [][Symbol.iterator](); }',
  '}',
  '',
  'export default function () {',
  "  return null; // '{'",
  '}',
);

test('typescript: a method without modifiers owns its body lines, not the class', () => {
  assert.deepEqual(namesAt(service, 'typescript', '    super();'), ['UserService.constructor']);
  assert.deepEqual(namesAt(service, 'typescript', "fetch(url)"), ['UserService.load']);
});

test('typescript: nested functions and closures belong to the enclosing method', () => {
  assert.deepEqual(namesAt(service, 'typescript', 'function helper()'), ['UserService.load']);
});

test('typescript: braces inside template literals, regexes, strings and comments do not end the method', () => {
  assert.deepEqual(namesAt(service, 'typescript', 'const url'), ['UserService.load']);
  assert.deepEqual(namesAt(service, 'typescript', 'const re'), ['UserService.load']);
  assert.deepEqual(spanOf(service, 'typescript', 'UserService.load')?.lines, [lineOf(service, 'load(id'), lineOf(service, 'get size') - 1]);
});

test('typescript: a class decorator is part of the class span; the doc comment is not', () => {
  assert.deepEqual(spanOf(service, 'typescript', 'UserService')?.lines, [4, lineOf(service, '[Symbol.iterator]') + 1]);
  assert.deepEqual(namesAt(service, 'typescript', '/** Loads users. */'), []);
  assert.deepEqual(namesAt(service, 'typescript', '@Injectable'), ['UserService']);
});

test('typescript: member decorators, fields, accessors and computed names', () => {
  assert.deepEqual(namesAt(service, 'typescript', '@Input()'), ['UserService.label']);
  assert.equal(spanOf(service, 'typescript', 'UserService.label')?.kind, 'property');
  assert.deepEqual(namesAt(service, 'typescript', '  name: string'), ['UserService.name']);
  assert.deepEqual(namesAt(service, 'typescript', 'get size'), ['UserService.size']);
  assert.deepEqual(namesAt(service, 'typescript', 'Symbol.iterator]()'), ['UserService.[Symbol.iterator]']);
});

test('typescript: a field initialised with an arrow function is a method spanning the arrow body', () => {
  assert.deepEqual(namesAt(service, 'typescript', "console.log('}')"), ['UserService.onClick']);
  assert.deepEqual(spanOf(service, 'typescript', 'UserService.onClick'), { kind: 'method', lines: [8, 10] });
});

test('typescript: an object return type is not taken for the method body', () => {
  assert.deepEqual(namesAt(service, 'typescript', 'return { made: true }'), ['UserService.of']);
});

test('typescript: an abstract method is its signature line', () => {
  const line = lineOf(service, 'abstract save');
  assert.deepEqual(spanOf(service, 'typescript', 'UserService.save')?.lines, [line, line]);
});

test('typescript: the closing brace belongs to the symbol; the gap between members to the class', () => {
  assert.deepEqual(namesAt(service, 'typescript', lineOf(service, '    super();') + 1), ['UserService.constructor']);
  assert.deepEqual(namesAt(service, 'typescript', lineOf(service, '    super();') + 2), ['UserService']);
});

test('typescript: an unnamed default export is `default`', () => {
  assert.deepEqual(namesAt(service, 'typescript', "return null; // '{'"), ['default']);
  assert.equal(spanOf(service, 'typescript', 'default')?.kind, 'function');
});

test('typescript: a range over two members returns both, in source order', () => {
  assert.deepEqual(namesAt(service, 'typescript', '  name: string', '  onClick'), ['UserService.name', 'UserService.onClick']);
});

const module = source(
  'function over(a: string): string;',
  'function over(a: number): number;',
  'function over(a: any): any {',
  '  return a;',
  '}',
  '',
  'export const add = (a: number, b: number): number => a + b;',
  'export const handler = async (req) => {',
  '  return req;',
  '};',
  'export const config = {',
  '  retry() { return 3; },',
  '  timeout: 10,',
  '};',
  'const Klass = class {};',
  'let total = 0',
  'export interface Shape {',
  '  area(): number;',
  '}',
  'export type Result =',
  '  | { ok: true }',
  '  | { ok: false }',
  'enum Color { Red, Green }',
  'namespace Geometry.Plane {',
  '  export function dist() {}',
  '}',
  "declare module 'lib' {",
  '  export function g(): void;',
  '}',
  'const ratio = total / 2 / 3;',
  'describe("suite", () => {',
  '  it("works", () => {});',
  '});',
);

test('typescript: overload signatures are separate spans; the implementation has the body', () => {
  assert.deepEqual(namesAt(module, 'typescript', 'function over(a: number)'), ['over']);
  assert.deepEqual(spanOf(module, 'typescript', 'over')?.lines, [1, 1]);
  assert.deepEqual(namesAt(module, 'typescript', '  return a;'), ['over']);
});

test('typescript: top-level consts: arrows are functions, object literal members are not symbols', () => {
  assert.deepEqual(spanOf(module, 'typescript', 'add')?.kind, 'function');
  assert.deepEqual(namesAt(module, 'typescript', 'return req'), ['handler']);
  assert.equal(spanOf(module, 'typescript', 'handler')?.kind, 'function');
  assert.deepEqual(namesAt(module, 'typescript', 'retry()'), ['config']);
  assert.equal(spanOf(module, 'typescript', 'config')?.kind, 'variable');
  assert.equal(spanOf(module, 'typescript', 'Klass')?.kind, 'class');
  assert.deepEqual(namesAt(module, 'typescript', 'let total'), ['total']);
});

test('typescript: interfaces, multi-line type aliases, enums, namespaces, ambient modules', () => {
  assert.deepEqual(namesAt(module, 'typescript', 'area()'), ['Shape']);
  assert.deepEqual(namesAt(module, 'typescript', '| { ok: false }'), ['Result']);
  assert.deepEqual(namesAt(module, 'typescript', 'Red, Green'), ['Color']);
  assert.deepEqual(namesAt(module, 'typescript', 'function dist'), ['Geometry.Plane.dist']);
  assert.deepEqual(namesAt(module, 'typescript', 'function g()'), ['lib.g']);
});

test('typescript: division is not a regex; top-level statements and gaps are no symbol', () => {
  assert.deepEqual(namesAt(module, 'typescript', 'const ratio'), ['ratio']);
  assert.deepEqual(namesAt(module, 'typescript', 'it("works"'), []);
  assert.deepEqual(namesAt(module, 'typescript', 6), []);
});

test('tsx: JSX text with apostrophes and braces inside elements does not confuse the outline', () => {
  const tsx = source(
    'export function Card({ title }: Props) {',
    '  return (',
    "    <div className=\"card\" onClick={() => { setOpen(true); }}>",
    "      <h1>{title}</h1> don't { close }",
    '      <>{items.map((i) => <li key={i}>{i}</li>)}</>',
    '    </div>',
    '  );',
    '}',
    'const Generic = <T,>(x: T) => x;',
    'export class Widget extends React.Component {',
    '  render() { return <span>}</span>; }',
    '}',
  );
  assert.deepEqual(namesAt(tsx, 'tsx', "don't"), ['Card']);
  assert.deepEqual(spanOf(tsx, 'tsx', 'Card')?.lines, [1, 8]);
  assert.deepEqual(spanOf(tsx, 'tsx', 'Generic'), { kind: 'function', lines: [9, 9] });
  assert.deepEqual(namesAt(tsx, 'tsx', 'render()'), ['Widget.render']);
});

test('javascript: classes with private members, generators and static blocks', () => {
  const js = source(
    'class Counter {',
    '  #count = 0;',
    '  static {',
    '    init();',
    '  }',
    '  *ids() {',
    '    yield this.#count;',
    '  }',
    '  async load() {}',
    '}',
    'module.exports = { Counter };',
  );
  assert.deepEqual(namesAt(js, 'javascript', '#count = 0'), ['Counter.#count']);
  assert.deepEqual(namesAt(js, 'javascript', 'init()'), ['Counter']);
  assert.deepEqual(namesAt(js, 'javascript', 'yield'), ['Counter.ids']);
  assert.deepEqual(namesAt(js, 'javascript', 'async load'), ['Counter.load']);
  assert.deepEqual(namesAt(js, 'javascript', 'module.exports'), []);
});

test('typescript: overloads ending in a generic type, fields ending in a non-null assertion, a field named else', () => {
  const ts = source(
    'class Ajv {',
    '  validate<T extends X>(',
    '    schema: T,',
    '  ): data is Parsed<T>',
    '  // eslint-disable-next-line',
    '  validate<T>(schema: T): data is T',
    '  validate(a: any): any {',
    '    return 1',
    '  }',
    '  #query: Query<T> = undefined!',
    '  #state: State = undefined!',
    '  static readonly kind = "if"',
    '  else?: If | Else',
    '}',
  );
  assert.deepEqual(spanOf(ts, 'typescript', 'Ajv.validate'), { kind: 'method', lines: [2, 4] });
  assert.deepEqual(namesAt(ts, 'typescript', 'eslint-disable'), ['Ajv']);
  assert.deepEqual(namesAt(ts, 'typescript', 'return 1'), ['Ajv.validate']);
  assert.deepEqual(namesAt(ts, 'typescript', '#state'), ['Ajv.#state']);
  assert.deepEqual(namesAt(ts, 'typescript', 'else?:'), ['Ajv.else']);
});

test('tsx: a comma between type arguments does not split a declarator', () => {
  const tsx = source(
    "const Pre = React.forwardRef<HTMLPreElement, ComponentProps<'pre'>>(",
    '  (props, ref) => {',
    '    return <pre ref={ref} {...props} />;',
    '  },',
    ');',
    'const a = f<A, B>(1), b = x < y, c = 3;',
    'const g = h<A, B>',
    'const z = 1',
  );
  assert.deepEqual(namesAt(tsx, 'tsx', 'const g'), ['g']);
  assert.deepEqual(namesAt(tsx, 'tsx', 'const z'), ['z']);
  assert.deepEqual(spanOf(tsx, 'tsx', 'Pre'), { kind: 'variable', lines: [1, 5] });
  assert.deepEqual(namesAt(tsx, 'tsx', 'const Pre'), ['Pre']);
  assert.deepEqual(namesAt(tsx, 'tsx', 'const a'), ['a', 'b', 'c']);
});
