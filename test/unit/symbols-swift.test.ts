import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  'import SwiftUI',
  '',
  '/// A view model.',
  '@MainActor',
  'final class Model: ObservableObject {',
  '    @Published var count = 0',
  '    let label = "} \\(count + ")") {"',
  '    var doubled: Int {',
  '        get { count * 2 }',
  '        set { count = newValue / 2 }',
  '    }',
  '    init(count: Int) {',
  '        self.count = count',
  '    }',
  '    deinit {}',
  '    func bump() -> Int {',
  '        let raw = #"} "\\#(count)" {"#',
  '        let done = { () -> Void in print("}") }',
  '        /* outer /* inner } */ still comment { */',
  '        return count',
  '    }',
  '    static func == (lhs: Model, rhs: Model) -> Bool { true }',
  '    class func make() -> Model { Model(count: 0) }',
  '    subscript(i: Int) -> Int { i }',
  '}',
  '',
  'extension Model: CustomStringConvertible {',
  '    var description: String { "model" }',
  '}',
  '',
  'protocol Resettable {',
  '    func reset()',
  '    var isDirty: Bool { get }',
  '}',
  '',
  'struct ContentView: View {',
  '    var body: some View {',
  '        Text("hi")',
  '            .padding()',
  '    }',
  '}',
  '',
  'typealias Counts = [String: Int]',
  'let banner = """',
  '    } func notReal() {',
  '    """',
  'func main() {',
  '}',
);

test('swift: methods without modifiers, init, deinit and subscripts are members', () => {
  assert.deepEqual(namesAt(src, 'swift', 'return count'), ['Model.bump']);
  assert.deepEqual(namesAt(src, 'swift', 'self.count = count'), ['Model.init']);
  assert.deepEqual(namesAt(src, 'swift', 'deinit'), ['Model.deinit']);
  assert.deepEqual(namesAt(src, 'swift', 'subscript'), ['Model.subscript']);
  assert.equal(spanOf(src, 'swift', 'Model.bump')?.kind, 'method');
});

test('swift: interpolation, raw strings, closures and nested comments stay inside', () => {
  assert.deepEqual(namesAt(src, 'swift', 'let raw'), ['Model.bump']);
  assert.deepEqual(spanOf(src, 'swift', 'Model.bump')?.lines, [16, 21]);
  assert.deepEqual(spanOf(src, 'swift', 'Model.label')?.lines, [7, 7]);
});

test('swift: attributes belong to the declaration, doc comments do not', () => {
  assert.deepEqual(spanOf(src, 'swift', 'Model')?.lines, [4, 25]);
  assert.deepEqual(namesAt(src, 'swift', '@Published'), ['Model.count']);
  assert.deepEqual(namesAt(src, 'swift', '/// A view model.'), []);
});

test('swift: computed properties span their accessors; operators and class funcs are methods', () => {
  assert.deepEqual(namesAt(src, 'swift', 'set { count'), ['Model.doubled']);
  assert.deepEqual(namesAt(src, 'swift', 'static func =='), ['Model.==']);
  assert.deepEqual(namesAt(src, 'swift', 'class func make'), ['Model.make']);
});

test('swift: extension members are named after the extended type', () => {
  assert.deepEqual(namesAt(src, 'swift', 'var description'), ['Model.description']);
  assert.equal(spanOf(src, 'swift', 'Model.description')?.kind, 'property');
});

test('swift: protocol requirements without bodies end at their line', () => {
  const line = lineOf(src, 'func reset()');
  assert.deepEqual(spanOf(src, 'swift', 'Resettable.reset')?.lines, [line, line]);
  assert.deepEqual(namesAt(src, 'swift', 'var isDirty'), ['Resettable.isDirty']);
});

test('swift: a property body with a leading-dot modifier chain on the next line', () => {
  assert.deepEqual(namesAt(src, 'swift', '.padding()'), ['ContentView.body']);
});

test('swift: multi-line strings, type aliases, top-level functions and gaps', () => {
  assert.deepEqual(namesAt(src, 'swift', 'func notReal'), ['banner']);
  assert.equal(spanOf(src, 'swift', 'Counts')?.kind, 'type');
  assert.deepEqual(namesAt(src, 'swift', lineOf(src, 'func main') + 1), ['main']);
  assert.deepEqual(namesAt(src, 'swift', 'import SwiftUI'), []);
  assert.deepEqual(namesAt(src, 'swift', lineOf(src, 'typealias') - 1), []);
});

test('swift: backticked names lose their backticks; an operator declaration ends at its line', () => {
  const s = source(
    'prefix operator ~',
    'internal prefix func ~ <T>(type: T.Type) -> Any {',
    '  return 1',
    '}',
    'enum Mode {',
    '  case text',
    '  public static let `default`: Mode = .text',
    '  public func `is`(_ t: Int) -> Bool {',
    '    true',
    '  }',
    '}',
  );
  assert.deepEqual(namesAt(s, 'swift', 'prefix operator'), []);
  assert.deepEqual(namesAt(s, 'swift', 'return 1'), ['~']);
  assert.deepEqual(namesAt(s, 'swift', '`default`'), ['Mode.default']);
  assert.deepEqual(spanOf(s, 'swift', 'Mode.is'), { kind: 'method', lines: [8, 10] });
});
