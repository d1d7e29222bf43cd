import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  'package com.example.store;',
  '',
  'import java.util.*;',
  '',
  '/** A repository. */',
  '@Service',
  '@Scope("prototype")',
  'public class Repo<T extends Entity> implements Store<T> {',
  '    private final Map<String, List<T>> cache = new HashMap<>(), spare;',
  '    static int count;',
  '    static {',
  '        count = 0;',
  '    }',
  '',
  '    @Autowired',
  '    public Repo(Dao dao) {',
  '        super();',
  '    }',
  '',
  '    @Override',
  '    public <R> List<R> find(String q) throws IOException {',
  '        String s = "} class Fake {";',
  "        char c = '}';",
  '        String block = """',
  '            } void notReal() {',
  '            """;',
  '        Runnable r = new Runnable() { public void run() {} };',
  '        return null;',
  '    }',
  '',
  '    abstract void save(T t);',
  '',
  '    enum Color {',
  '        RED("r") { void paint() {} }, GREEN("g");',
  '        Color(String code) {}',
  '        String code() { return ""; }',
  '    }',
  '',
  '    record Point(int x, int y) {',
  '        Point {',
  '            if (x < 0) throw new IllegalArgumentException();',
  '        }',
  '    }',
  '}',
  '',
  'interface Store<T> {',
  '    void put(T t);',
  '    default void log() {}',
  '}',
);

test('java: methods and constructors own their bodies; anonymous classes stay inside', () => {
  assert.deepEqual(namesAt(src, 'java', 'return null'), ['Repo.find']);
  assert.deepEqual(namesAt(src, 'java', 'new Runnable()'), ['Repo.find']);
  assert.deepEqual(namesAt(src, 'java', 'super();'), ['Repo.Repo']);
  assert.equal(spanOf(src, 'java', 'Repo.Repo')?.kind, 'method');
});

test('java: strings, chars and text blocks with braces do not end the method', () => {
  assert.deepEqual(namesAt(src, 'java', 'void notReal'), ['Repo.find']);
  assert.deepEqual(spanOf(src, 'java', 'Repo.find')?.lines, [lineOf(src, '@Override'), lineOf(src, 'return null') + 1]);
});

test('java: annotations are part of the span, the javadoc is not', () => {
  assert.deepEqual(spanOf(src, 'java', 'Repo')?.lines, [6, lineOf(src, 'interface Store') - 2]);
  assert.deepEqual(namesAt(src, 'java', '/** A repository. */'), []);
  assert.deepEqual(namesAt(src, 'java', '@Autowired'), ['Repo.Repo']);
});

test('java: one field symbol per declaration, named by its first declarator; generics hold commas', () => {
  assert.deepEqual(namesAt(src, 'java', 'cache = new HashMap'), ['Repo.cache']);
  assert.equal(spanOf(src, 'java', 'Repo.cache')?.kind, 'field');
  assert.deepEqual(namesAt(src, 'java', 'static int count'), ['Repo.count']);
});

test('java: initializer blocks and gaps belong to the class', () => {
  assert.deepEqual(namesAt(src, 'java', 'count = 0'), ['Repo']);
  assert.deepEqual(namesAt(src, 'java', lineOf(src, 'super();') + 2), ['Repo']);
});

test('java: abstract and interface methods without bodies, default methods', () => {
  const line = lineOf(src, 'abstract void save');
  assert.deepEqual(spanOf(src, 'java', 'Repo.save')?.lines, [line, line]);
  assert.deepEqual(namesAt(src, 'java', 'void put'), ['Store.put']);
  assert.deepEqual(namesAt(src, 'java', 'default void log'), ['Store.log']);
});

test('java: enum constants with bodies are not members; enum methods and records are', () => {
  assert.deepEqual(namesAt(src, 'java', 'RED("r")'), ['Repo.Color']);
  assert.deepEqual(namesAt(src, 'java', 'String code()'), ['Repo.Color.code']);
  assert.deepEqual(namesAt(src, 'java', 'IllegalArgumentException'), ['Repo.Point.Point']);
  assert.equal(spanOf(src, 'java', 'Repo.Point')?.kind, 'record');
});

test('java: package and import lines are no symbol', () => {
  assert.deepEqual(namesAt(src, 'java', 'package com'), []);
  assert.deepEqual(namesAt(src, 'java', 'import java'), []);
});

test('java: an annotation type (@interface) with its own annotations is a symbol with members', () => {
  const j = source(
    'package java.lang;',
    '/** doc */',
    '@Target({TYPE, FIELD, METHOD})',
    '@Retention(RetentionPolicy.SOURCE)',
    'public @interface SuppressWarnings {',
    '    String[] value();',
    '}',
  );
  assert.deepEqual(spanOf(j, 'java', 'SuppressWarnings'), { kind: 'annotation', lines: [3, 7] });
  assert.deepEqual(namesAt(j, 'java', 'String[] value'), ['SuppressWarnings.value']);
  assert.deepEqual(namesAt(j, 'java', 'doc'), []);
});
