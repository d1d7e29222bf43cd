import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlinePython } from '../../src/symbols/python.js';
import { findSymbol, outlineQueries, template } from './symbols-support.js';

const { edited, span, allNames } = outlineQueries(outlinePython);

test('methods are qualified by their classes, nested classes by all of them', () => {
  const text = template(`
class Outer:
    class Inner:
        def method(self):
            return 1

    def other(self):
        pass

def top():
    pass
`);
  assert.deepEqual(edited(text, 4), ['Outer.Inner.method']);
  assert.deepEqual(edited(text, 7), ['Outer.other']);
  assert.deepEqual(edited(text, 10), ['top']);
  assert.deepEqual(span(text, 'Outer.Inner.method'), [3, 4, 'method']);
  assert.deepEqual(span(text, 'top'), [9, 10, 'function']);
  assert.deepEqual(span(text, 'Outer'), [1, 7, 'class']);
});

test('a function nested in a function belongs to the outer one', () => {
  const text = template(`
def outer():
    def inner():
        class Local:
            x = 1
        return Local
    y = 2
    return inner
`);
  assert.deepEqual(edited(text, 4), ['outer']);
  assert.deepEqual(edited(text, 6), ['outer']);
  assert.equal(findSymbol(outlinePython(text), 'inner'), undefined);
  assert.deepEqual(span(text, 'outer'), [1, 7, 'function']);
});

test('decorators, including ones whose arguments span lines, belong to the declaration', () => {
  const text = template(`
import functools

@functools.lru_cache(
    maxsize=None,
)
@other
def cached(x):
    return x
`);
  assert.deepEqual(span(text, 'cached'), [3, 8, 'function']);
  assert.deepEqual(edited(text, 4), ['cached']);
  assert.deepEqual(edited(text, 1), []);
});

test('comments before a declaration are not part of it; comments inside the body are', () => {
  const text = template(`
# Helper for the thing.
# def fake(): this is a comment
def real():
    a = 1
    # explain the next step
    return a
    # trailing comment, indented but after the body

x = 1
`);
  assert.deepEqual(span(text, 'real'), [3, 6, 'function']);
  assert.deepEqual(edited(text, 1), []);
  assert.deepEqual(edited(text, 2), []);
  assert.deepEqual(edited(text, 5), ['real']);
  assert.deepEqual(edited(text, 7), []);
  assert.equal(findSymbol(outlinePython(text), 'fake'), undefined);
});

test('a range inside a class between its members reports the class; across two members both', () => {
  const text = template(`
class A:
    def one(self):
        return 1

    def two(self):
        return 2
`);
  assert.deepEqual(edited(text, 4), ['A']);
  assert.deepEqual(edited(text, 1), ['A']);
  // The blank line between them is the class's own: it is edited too.
  assert.deepEqual(edited(text, 3, 5), ['A', 'A.one', 'A.two']);
  assert.deepEqual(edited(text, 3, 4), ['A', 'A.one']);
  assert.deepEqual(edited(text, 3, 3), ['A.one']);
});

test('triple-quoted strings holding def, class, colons and dedented lines open nothing', () => {
  const text = template(`
class Docs:
    """Example:

def not_a_function():
    pass
class NotAClass:
    """
    TEMPLATE = '''
def also_not():
'''

    def real(self):
        return """
class Nope:
"""
`);
  assert.deepEqual(allNames(text), ['Docs', 'Docs.TEMPLATE', 'Docs.real']);
  assert.deepEqual(span(text, 'Docs.TEMPLATE'), [8, 10, 'variable']);
  assert.deepEqual(span(text, 'Docs.real'), [12, 15, 'method']);
  assert.deepEqual(span(text, 'Docs'), [1, 15, 'class']);
  assert.deepEqual(edited(text, 4), ['Docs']);
});

test('f-strings with nested quotes, format specs and code-like text do not derail the scan', () => {
  const text = template(`
def fmt(x, d):
    a = f"{d["key"]}: def y():"
    b = f'{x:'^10} class Z:'
    c = f"{x!r:>{10}} {{literal}} \\N{EM DASH}"
    return rf"{a}\\d+" + f"""
def not_here():
{b}"""

def after():
    pass
`);
  assert.deepEqual(span(text, 'fmt'), [1, 7, 'function']);
  assert.deepEqual(span(text, 'after'), [9, 10, 'function']);
  assert.deepEqual(edited(text, 9), ['after']);
});

test('raw f-strings: a backslash before a doubled brace escapes nothing', () => {
  // Misread, the brace opens a replacement field that eats the closing quote and parenthesis,
  // and every line below joins the call.
  const text = template(String.raw`
def raw():
    a = check(fr'\{{', '\\{')
    return a

x = 1
`);
  assert.deepEqual(span(text, 'raw'), [1, 3, 'function']);
  assert.deepEqual(edited(text, 5), ['x']);
});

test('a replacement field spanning lines in a one-line f-string (PEP 701)', () => {
  const text = template(`
songs = ["a"]
multi = f"{
    songs[0]
}"
after = 1
`);
  assert.deepEqual(span(text, 'multi'), [2, 4, 'variable']);
  assert.deepEqual(edited(text, 5), ['after']);
});

test('an unterminated f-string field while typing does not swallow the definitions below', () => {
  const text = template(`
def typing():
    x = f"{value

def below():
    pass
`);
  assert.deepEqual(edited(text, 5), ['below']);
});

test('signatures spanning lines through brackets and backslashes', () => {
  const text = String.raw`
def long(
    a: int,
    b: dict[str, int] = {"k": 1},
) -> tuple[
    int, int
]:
    return a, \
        b

VALUE = 1 + \
    2
`.replace(/^\n/, '');
  assert.deepEqual(span(text, 'long'), [1, 8, 'function']);
  assert.deepEqual(span(text, 'VALUE'), [10, 11, 'variable']);
  assert.deepEqual(edited(text, 11), ['VALUE']);
  assert.deepEqual(edited(text, 3), ['long']);
});

test('one-line definitions end on their own line', () => {
  const text = template(`
def f(): return 1
class A: pass
class B:
    def g(self): return 2
    def h(self): return 3
x = 4
`);
  assert.deepEqual(span(text, 'f'), [1, 1, 'function']);
  assert.deepEqual(span(text, 'A'), [2, 2, 'class']);
  assert.deepEqual(span(text, 'B.g'), [4, 4, 'method']);
  assert.deepEqual(edited(text, 5), ['B.h']);
  assert.deepEqual(edited(text, 4, 5), ['B.g', 'B.h']);
  assert.deepEqual(edited(text, 6), ['x']);
});

test('semicolons: assignments on one line are each a symbol; a one-line body stays one', () => {
  const text = template(`
x = 1; y = 2
def f(): a = 1; b = 2
import os; z = 3
`);
  assert.deepEqual(edited(text, 1), ['x', 'y']);
  assert.deepEqual(edited(text, 2), ['f']);
  assert.deepEqual(edited(text, 3), ['z']);
});

test('tab-indented bodies, including a tab after spaces', () => {
  const text = 'class T:\n\tdef m(self):\n\t\treturn 1\n\n\tdef n(self):\n        \tpass\nafter = 1\n';
  assert.deepEqual(span(text, 'T.m'), [2, 3, 'method']);
  assert.deepEqual(span(text, 'T.n'), [5, 6, 'method']);
  assert.deepEqual(edited(text, 6), ['T.n']);
  assert.deepEqual(edited(text, 7), ['after']);
});

test('definitions inside module-level if/try blocks are module-level symbols', () => {
  const text = template(`
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from x import Y
    Alias = Y
else:
    Alias = None

try:
    import ujson as json
except ImportError:
    json = None
    def dumps(o):
        return str(o)

class C:
    if True:
        def m(self):
            pass
`);
  assert.deepEqual(edited(text, 5), ['Alias']);
  assert.deepEqual(edited(text, 7), ['Alias']);
  assert.deepEqual(edited(text, 4), []);
  assert.deepEqual(edited(text, 12), ['json']);
  assert.deepEqual(edited(text, 14), ['dumps']);
  assert.deepEqual(edited(text, 19), ['C.m']);
  assert.equal(findSymbol(outlinePython(text), 'dumps')?.kind, 'function');
});

test('assignments: plain and annotated names, every target of chained and tuple assignments; others are not symbols', () => {
  const text = template(`
A = 1
B: int = 2
a = b = 3
t, u = 4, 5
obj.attr = 6
items[0] = 7
counter += 1
A == 1
class K:
    field: str
    other = "x"
    def m(self):
        self.x = 1
`);
  assert.deepEqual(edited(text, 1), ['A']);
  assert.deepEqual(edited(text, 2), ['B']);
  assert.deepEqual(edited(text, 3), ['a', 'b']);
  assert.deepEqual(edited(text, 4), ['t', 'u']);
  assert.deepEqual(edited('(pars): bool = True\n', 1), ['pars']);
  assert.deepEqual(edited('(p, *rest) = q == r\n', 1), ['p', 'rest']);
  assert.deepEqual(edited('handler = lambda self, factory=None: factory\n', 1), ['handler']);
  for (const line of [5, 6, 7, 8]) assert.deepEqual(edited(text, line), [], `line ${line}`);
  assert.deepEqual(edited(text, 10), ['K.field']);
  assert.deepEqual(edited(text, 11), ['K.other']);
  assert.deepEqual(edited(text, 13), ['K.m']);
  assert.equal(span(text, 'K.field')?.[2], 'variable');
});

test('assignments in module-level loops are loop state; defs in them still count', () => {
  const text = template(`
for key in ("a", "b"):
    value = key.upper()
    def handler():
        pass
while False: spin = 1
if True:
    for i in []:
        tmp = i
    kept = 1
`);
  assert.deepEqual(edited(text, 2), []);
  assert.deepEqual(edited(text, 3), ['handler']);
  assert.deepEqual(edited(text, 5), []);
  assert.deepEqual(edited(text, 8), []);
  assert.deepEqual(edited(text, 9), ['kept']);
});

test('async def and decorated methods', () => {
  const text = template(`
class Svc:
    @staticmethod
    async def fetch(url):
        return await get(url)
`);
  assert.deepEqual(span(text, 'Svc.fetch'), [2, 4, 'method']);
  assert.deepEqual(edited(text, 2), ['Svc.fetch']);
});

test('match statements are transparent; a variable named match is a variable', () => {
  const text = template(`
match = 1
case: int = 2
match command:
    case "go":
        target = 1
def after():
    pass
`);
  assert.deepEqual(edited(text, 1), ['match']);
  assert.deepEqual(edited(text, 2), ['case']);
  assert.deepEqual(edited(text, 5), ['target']);
  assert.deepEqual(edited(text, 7), ['after']);
});

test('an unclosed bracket while editing does not swallow the definitions below', () => {
  const text = template(`
def broken():
    call(1,

def fine():
    return 2
`);
  assert.deepEqual(edited(text, 5), ['fine']);
  assert.deepEqual(span(text, 'fine'), [4, 5, 'function']);
});

test('CRLF line endings', () => {
  const text = 'def f():\r\n    return 1\r\n\r\nclass C:\r\n    x = 1\r\n';
  assert.deepEqual(span(text, 'f'), [1, 2, 'function']);
  assert.deepEqual(span(text, 'C.x'), [5, 5, 'variable']);
});

test('a 5,000-line file outlines in one pass', () => {
  const chunk = template(`
@decorator
class Service:
    """Doc with def fake():"""
    LIMIT = 10

    def handle(self, request):
        data = f"{request['id']}: {self.LIMIT}"
        for item in request.items:
            if item:
                yield item
        return data

`);
  const text = chunk.repeat(Math.ceil(5000 / chunk.split('\n').length));
  const roots = outlinePython(text);
  assert.equal(roots.length, Math.ceil(5000 / chunk.split('\n').length));
  assert.deepEqual(edited(text, 12 * 100 + 7), ['Service.handle']);
});
