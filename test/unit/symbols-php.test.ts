import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  '<html><?php if ($x) { ?> <b>}</b> <?php } ?>',
  '<?php',
  'namespace App\\Models;',
  '',
  'use Foo\\Bar;',
  '',
  '/** A user. */',
  '#[Entity]',
  'final class User extends Model implements JsonSerializable',
  '{',
  '    use HasFactory;',
  "    public const TABLE = 'users';",
  '    protected ?string $name = null;',
  '',
  '    public function __construct(private int $id) {}',
  '',
  '    public function greet(): string',
  '    {',
  '        $s = "} {$this->name} {";',
  "        $t = '}';",
  '        $h = <<<EOT',
  '        } function fake() {',
  '        EOT;',
  '        # a comment with }',
  '        return $s;',
  '    }',
  '',
  '    abstract protected function save(): void;',
  '}',
  '',
  'function helper($x) {',
  '    return $x;',
  '}',
  '',
  'enum Suit: string {',
  "    case Hearts = 'H';",
  "    public function color(): string { return 'Red'; }",
  '}',
);

test('php: methods own their bodies; strings, heredocs and # comments hide braces', () => {
  assert.deepEqual(namesAt(src, 'php', 'return $s'), ['User.greet']);
  assert.deepEqual(namesAt(src, 'php', 'function fake'), ['User.greet']);
  assert.deepEqual(spanOf(src, 'php', 'User.greet')?.lines, [17, 26]);
});

test('php: HTML before the first open tag is not code', () => {
  assert.deepEqual(namesAt(src, 'php', '<html>'), []);
  assert.deepEqual(spanOf(src, 'php', 'helper'), { kind: 'function', lines: [31, 33] });
});

test('php: attributes are part of the class, doc comments are not; unbraced namespaces do not qualify', () => {
  assert.deepEqual(spanOf(src, 'php', 'User')?.lines, [8, lineOf(src, 'abstract protected') + 1]);
  assert.deepEqual(namesAt(src, 'php', '/** A user. */'), []);
  assert.deepEqual(namesAt(src, 'php', 'namespace App'), []);
});

test('php: class constants, properties (named without $), abstract methods, trait use', () => {
  assert.equal(spanOf(src, 'php', 'User.TABLE')?.kind, 'constant');
  assert.deepEqual(namesAt(src, 'php', 'protected ?string $name'), ['User.name']);
  assert.equal(spanOf(src, 'php', 'User.name')?.kind, 'property');
  assert.deepEqual(namesAt(src, 'php', 'abstract protected'), ['User.save']);
  assert.deepEqual(namesAt(src, 'php', 'use HasFactory'), ['User']);
});

test('php: enum cases are the enum; enum methods are members', () => {
  assert.deepEqual(namesAt(src, 'php', 'case Hearts'), ['Suit']);
  assert.deepEqual(namesAt(src, 'php', 'function color'), ['Suit.color']);
});

test('php: braced namespaces qualify their declarations', () => {
  const braced = source('<?php', 'namespace Lib {', '    function util() {}', '}');
  assert.deepEqual(namesAt(braced, 'php', 'function util'), ['Lib.util']);
  assert.equal(spanOf(braced, 'php', 'Lib')?.kind, 'namespace');
});
