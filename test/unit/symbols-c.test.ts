import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const cpp = source(
  '#include <vector>',
  '#define MAX(a, b) ((a) > (b) ? (a) : (b)) \\',
  '    { continued }',
  '',
  'namespace app {',
  'namespace detail {',
  '',
  '/// A stack.',
  'template <typename T>',
  'class Stack : public Base<T> {',
  '  Q_OBJECT',
  ' public:',
  '  Stack() : items_{}, size_(0) {}',
  '  Stack(const Stack&) = delete;',
  '  void push(const T& v) {',
  '    const char* s = R"x(} void fake() {)x";',
  "    char c = '}';",
  '    items_.push_back(v);',
  '  }',
  '  bool operator==(const Stack& o) const { return true; }',
  '  int size() const;',
  ' private:',
  '  std::vector<T> items_;',
  "  int size_ = 1'000;",
  '  struct Node { int v; };',
  '};',
  '',
  '}  // namespace detail',
  '',
  'template <typename T>',
  'int Stack<T>::size() const {',
  '  return size_;',
  '}',
  '',
  'int global_counter = 0;',
  'int prototype(int x);',
  '',
  '#if 0',
  'void dead() {',
  '#else',
  'void alive() {',
  '#endif',
  '  go();',
  '}',
  '',
  '#ifdef _WIN32',
  'void platform() { win(); }',
  '#else',
  'void platform() { posix(); }',
  '#endif',
  '',
  'using Ids = std::vector<int>;',
  'enum class Color : int { Red, Green };',
  '}  // namespace app',
);

test('cpp: methods defined in a class, out-of-class definitions named Class.method', () => {
  assert.deepEqual(namesAt(cpp, 'cpp', 'items_.push_back'), ['app.detail.Stack.push']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'return size_;'), ['app.Stack.size']);
  assert.equal(spanOf(cpp, 'cpp', 'app.Stack.size')?.kind, 'method');
});

test('cpp: raw strings, char literals and digit separators hide braces and quotes', () => {
  assert.deepEqual(spanOf(cpp, 'cpp', 'app.detail.Stack.push')?.lines, [15, 19]);
  assert.deepEqual(namesAt(cpp, 'cpp', "int size_ = 1'000"), ['app.detail.Stack']);
});

test('cpp: the template header belongs to the class; the doc comment does not', () => {
  assert.deepEqual(spanOf(cpp, 'cpp', 'app.detail.Stack')?.lines, [9, 26]);
  assert.deepEqual(namesAt(cpp, 'cpp', '/// A stack.'), ['app.detail']);
});

test('cpp: constructors with member initialisers, deleted functions and operators are methods', () => {
  assert.deepEqual(namesAt(cpp, 'cpp', 'Stack() : items_{}'), ['app.detail.Stack.Stack']);
  assert.deepEqual(namesAt(cpp, 'cpp', '= delete'), ['app.detail.Stack.Stack']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'operator=='), ['app.detail.Stack.operator==']);
});

test('cpp: declarations without bodies, fields and macros are the class, not symbols', () => {
  assert.deepEqual(namesAt(cpp, 'cpp', 'int size() const;'), ['app.detail.Stack']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'Q_OBJECT'), ['app.detail.Stack']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'int prototype'), ['app']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'struct Node'), ['app.detail.Stack.Node']);
});

test('cpp: preprocessor: #define bodies are skipped, #if 0 is dead, balanced branches are all kept', () => {
  assert.deepEqual(namesAt(cpp, 'cpp', '{ continued }'), []);
  assert.deepEqual(namesAt(cpp, 'cpp', 'go();'), ['app.alive']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'posix()'), ['app.platform']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'win()'), ['app.platform']);
});

test('cpp: namespaces, top-level variables, aliases and enums', () => {
  assert.equal(spanOf(cpp, 'cpp', 'app.global_counter')?.kind, 'variable');
  assert.equal(spanOf(cpp, 'cpp', 'app.Ids')?.kind, 'type');
  assert.equal(spanOf(cpp, 'cpp', 'app.Color')?.kind, 'enum');
  assert.deepEqual(namesAt(cpp, 'cpp', '}  // namespace detail'), ['app.detail']);
  assert.equal(spanOf(cpp, 'cpp', 'app.detail')?.kind, 'namespace');
});

test('c: K&R-style layout, typedefs, function pointers and extern "C" blocks', () => {
  const c = source(
    '#ifdef __cplusplus',
    'extern "C" {',
    '#endif',
    '',
    'typedef struct {',
    '  int x;',
    '} Point, *PPoint;',
    'typedef int (*compare_fn)(const void*, const void*);',
    'static void (*on_exit_hook)(int) = 0;',
    'extern int shared;',
    '',
    'static int',
    'compare (const void *a, const void *b)',
    '{',
    '  return strcmp(a, "}");',
    '}',
    '',
    '#ifdef __cplusplus',
    '}',
    '#endif',
  );
  assert.deepEqual(namesAt(c, 'c', 'int x;'), ['Point', 'PPoint']);
  assert.deepEqual(namesAt(c, 'c', 'compare_fn'), ['compare_fn']);
  assert.deepEqual(namesAt(c, 'c', 'on_exit_hook'), ['on_exit_hook']);
  assert.deepEqual(namesAt(c, 'c', 'extern int shared'), []);
  assert.deepEqual(spanOf(c, 'c', 'compare'), { kind: 'function', lines: [12, 16] });
  assert.deepEqual(namesAt(c, 'c', lineOf(c, 'compare (') - 2), []);
});

test('cpp: a constructor whose initialiser differs per #if branch does not hide what follows', () => {
  const cpp = source(
    'State::State(void *ctx)',
    '#if HAS_BASE',
    '  : Base(ctx) {}',
    '#else',
    '  : Base() {}',
    '#endif',
    '',
    'State::~State() {',
    '  clear();',
    '}',
    'int after = 1;',
  );
  assert.deepEqual(namesAt(cpp, 'cpp', 'clear()'), ['State.~State']);
  assert.deepEqual(namesAt(cpp, 'cpp', 'int after'), ['after']);
});

test('c: function-pointer variables are variables, prototypes are not symbols; a macro body with comments is no code', () => {
  const c = source(
    'void (*x_cgo_inittls)(void **tlsg, void **tlsbase);',
    'static void (*setg_gcc)(void*);',
    'int *make(void);',
    '#define LOOP_FIELDS              \\',
    '  int flags;  /* a comment */    \\',
    '  uint64_t time;                 \\',
    '  int pipefd[2];                 \\',
    '',
    'struct loop { LOOP_FIELDS };',
  );
  assert.deepEqual(spanOf(c, 'c', 'x_cgo_inittls'), { kind: 'variable', lines: [1, 1] });
  assert.deepEqual(namesAt(c, 'c', 'setg_gcc'), ['setg_gcc']);
  assert.deepEqual(namesAt(c, 'c', 'int *make'), []);
  assert.deepEqual(namesAt(c, 'c', 'uint64_t time', 'pipefd'), []);
  assert.deepEqual(namesAt(c, 'c', 'struct loop'), ['loop']);
});

test('cpp: namespace macros, annotation macros after the signature, #if/#elif inside an if-else chain', () => {
  const cc = source(
    'NLOHMANN_JSON_NAMESPACE_BEGIN',
    'namespace detail',
    '{',
    'void Mock::AllowLeak(const void* obj)',
    '    GTEST_LOCK_EXCLUDED_(internal::g_gmock_mutex) {',
    '  leak(obj);',
    '}',
    'bool Create(int style) {',
    '  if (style == 0) {',
    '    x();',
    '  }',
    '#if GTEST_OS_WINDOWS',
    '  else if (style == 1) {',
    '    y();',
    '  }',
    '#elif GTEST_OS_FUCHSIA',
    '  else if (style == 2) {',
    '    z();',
    '  }',
    '#endif',
    '  else {',
    '    return false;',
    '  }',
    '  return true;',
    '}',
    'static int GetFd() {',
    '  return 1;',
    '}',
    '}  // namespace detail',
    'NLOHMANN_JSON_NAMESPACE_END',
  );
  assert.deepEqual(namesAt(cc, 'cpp', 'NLOHMANN_JSON_NAMESPACE_BEGIN'), []);
  assert.deepEqual(spanOf(cc, 'cpp', 'detail'), { kind: 'namespace', lines: [2, 29] });
  assert.deepEqual(namesAt(cc, 'cpp', 'GTEST_LOCK_EXCLUDED_'), ['detail.Mock.AllowLeak']);
  assert.deepEqual(namesAt(cc, 'cpp', 'z();'), ['detail.Create']);
  assert.deepEqual(spanOf(cc, 'cpp', 'detail.GetFd'), { kind: 'function', lines: [26, 28] });
  assert.deepEqual(namesAt(cc, 'cpp', 'NLOHMANN_JSON_NAMESPACE_END'), []);
});
