import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  'using System;',
  '',
  'namespace Company.App',
  '{',
  '    /// <summary>A repository.</summary>',
  '    [Serializable]',
  '    public class Repo<T> : IRepo<T> where T : class, new()',
  '    {',
  '        private readonly Dictionary<string, List<T>> _cache = new();',
  '        public int Count { get; private set; } = 0;',
  '        public string Name => "}";',
  '        public event EventHandler Changed;',
  '        public Repo(int x) : base()',
  '        {',
  '            var s = $"{x} }} {{ {(x > 1 ? "}" : "{")}";',
  '            var v = @"C:\\path\\}";',
  '            var raw = """',
  '                } void NotReal() {',
  '                """;',
  '        }',
  '        [Obsolete]',
  '        public async Task<List<T>> FindAsync(string q) => await Task.FromResult(new List<T>());',
  '#region Private',
  '        private (int, string) Pair() { return (1, "a"); }',
  '#endregion',
  '        public static Repo<T> operator +(Repo<T> a, Repo<T> b) { return a; }',
  '        public delegate void Notify(string msg);',
  '    }',
  '',
  '    public enum Color { Red, Green }',
  '    public record Point(int X, int Y);',
  '}',
);

test('csharp: constructors own their bodies; interpolated, verbatim and raw strings hide braces', () => {
  assert.deepEqual(namesAt(src, 'csharp', 'var s = $"'), ['Company.App.Repo.Repo']);
  assert.deepEqual(namesAt(src, 'csharp', 'void NotReal'), ['Company.App.Repo.Repo']);
  assert.deepEqual(spanOf(src, 'csharp', 'Company.App.Repo.Repo')?.lines, [13, 20]);
});

test('csharp: attributes are part of the span, XML doc comments are not', () => {
  assert.deepEqual(spanOf(src, 'csharp', 'Company.App.Repo')?.lines, [6, lineOf(src, 'public delegate') + 1]);
  assert.deepEqual(namesAt(src, 'csharp', '/// <summary>'), ['Company.App']);
  assert.deepEqual(namesAt(src, 'csharp', '[Obsolete]'), ['Company.App.Repo.FindAsync']);
});

test('csharp: properties, expression-bodied members, events, fields and delegates', () => {
  assert.equal(spanOf(src, 'csharp', 'Company.App.Repo.Count')?.kind, 'property');
  assert.equal(spanOf(src, 'csharp', 'Company.App.Repo.Name')?.kind, 'property');
  assert.equal(spanOf(src, 'csharp', 'Company.App.Repo.Changed')?.kind, 'event');
  assert.equal(spanOf(src, 'csharp', 'Company.App.Repo._cache')?.kind, 'field');
  assert.equal(spanOf(src, 'csharp', 'Company.App.Repo.Notify')?.kind, 'delegate');
  assert.deepEqual(namesAt(src, 'csharp', 'FindAsync'), ['Company.App.Repo.FindAsync']);
});

test('csharp: #region lines and tuple return types do not confuse members', () => {
  assert.deepEqual(namesAt(src, 'csharp', 'Pair()'), ['Company.App.Repo.Pair']);
  assert.deepEqual(namesAt(src, 'csharp', '#region'), ['Company.App.Repo']);
});

test('csharp: operators are not contract members: an edit there is the class', () => {
  assert.deepEqual(namesAt(src, 'csharp', 'operator +'), ['Company.App.Repo']);
});

test('csharp: enums and records; using directives are no symbol', () => {
  assert.deepEqual(namesAt(src, 'csharp', 'Red, Green'), ['Company.App.Color']);
  assert.equal(spanOf(src, 'csharp', 'Company.App.Point')?.kind, 'record');
  assert.deepEqual(namesAt(src, 'csharp', 'using System'), []);
});

test('csharp: a file-scoped namespace qualifies names but is not a symbol', () => {
  const file = source('namespace Acme.Tools;', '', 'public class Tool', '{', '    public void Run() { }', '}');
  assert.deepEqual(namesAt(file, 'csharp', 'Run()'), ['Acme.Tools.Tool.Run']);
  assert.deepEqual(namesAt(file, 'csharp', 'namespace Acme'), []);
  assert.deepEqual(namesAt(file, 'csharp', 2), []);
});

test('csharp: a $$ raw string interpolates only {{...}}, so its single braces hide no members; @name is the name', () => {
  const text = source(
    'class Q',
    '{',
    '    string Json(int id) {',
    '        return $$"""',
    '            { "id": {{id}}, "note": "}" } void Fake() {',
    '            """;',
    '    }',
    '    void @event() { }',
    '}',
  );
  assert.deepEqual(namesAt(text, 'csharp', 'void Fake'), ['Q.Json']);
  assert.deepEqual(spanOf(text, 'csharp', 'Q.Json')?.lines, [3, 7]);
  assert.deepEqual(namesAt(text, 'csharp', 'void @event'), ['Q.event']);
});
