import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineOf, namesAt, source, spanOf } from './symbols-support.js';

const src = source(
  '@file:JvmName("Users")',
  'package com.example',
  '',
  'import kotlin.math.max',
  '',
  '/** A user. */',
  '@Serializable',
  'data class User(val name: String, val age: Int) : Base() {',
  '    val greeting: String',
  '        get() = "Hi $name ${ if (age > 1) "}" else "{" }"',
  '    var count = 0',
  '        private set',
  '    constructor(name: String) : this(name, 0) {',
  '        println("secondary")',
  '    }',
  '    fun greet(): String {',
  '        val lambda = { x: Int -> x + 1 }',
  '        return """} fun notReal() {"""',
  '    }',
  '    fun short() = max(1, 2)',
  '    companion object {',
  '        const val MAX = 10',
  '        fun create() = User("a", 1)',
  '    }',
  '    init {',
  '        println("init")',
  '    }',
  '}',
  '',
  'enum class Color(val rgb: Int) {',
  '    RED(0xFF0000), GREEN(0x00FF00) { override fun x() = 1 };',
  '    fun hex() = rgb.toString(16)',
  '}',
  '',
  'interface Repo<T> {',
  '    fun find(id: Long): T?',
  '    val size: Int',
  '}',
  '',
  'fun <T> List<T>.second(): T = this[1]',
  'typealias Handler = (String) -> Unit',
  'sealed class Result',
  'class Ok(val v: Int) : Result()',
  'fun main() {',
  '    println("}")',
  '}',
);

test('kotlin: funs without modifiers are members; lambdas and raw strings stay inside', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'val lambda'), ['User.greet']);
  assert.deepEqual(namesAt(src, 'kotlin', 'fun notReal'), ['User.greet']);
  assert.equal(spanOf(src, 'kotlin', 'User.greet')?.kind, 'method');
});

test('kotlin: property accessors on following lines belong to the property', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'get() = "Hi'), ['User.greeting']);
  assert.deepEqual(namesAt(src, 'kotlin', 'private set'), ['User.count']);
});

test('kotlin: annotations are part of the class; the file annotation and KDoc are not', () => {
  assert.deepEqual(spanOf(src, 'kotlin', 'User')?.lines, [7, lineOf(src, 'println("init")') + 2]);
  assert.deepEqual(namesAt(src, 'kotlin', '@file:JvmName'), []);
  assert.deepEqual(namesAt(src, 'kotlin', '/** A user. */'), []);
});

test('kotlin: companion objects are named Companion; init blocks are the class', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'const val MAX'), ['User.Companion.MAX']);
  assert.deepEqual(namesAt(src, 'kotlin', 'fun create'), ['User.Companion.create']);
  assert.deepEqual(namesAt(src, 'kotlin', 'println("init")'), ['User']);
});

test('kotlin: secondary constructors are methods', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'println("secondary")'), ['User.constructor']);
});

test('kotlin: enum entries are not members; enum funs are', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'RED(0xFF0000)'), ['Color']);
  assert.deepEqual(namesAt(src, 'kotlin', 'fun hex'), ['Color.hex']);
});

test('kotlin: bodiless interface members, extension funs, typealiases', () => {
  assert.deepEqual(namesAt(src, 'kotlin', 'fun find'), ['Repo.find']);
  assert.deepEqual(namesAt(src, 'kotlin', 'val size'), ['Repo.size']);
  assert.deepEqual(namesAt(src, 'kotlin', 'List<T>.second'), ['second']);
  assert.equal(spanOf(src, 'kotlin', 'Handler')?.kind, 'type');
});

test('kotlin: a class without a body ends at its line, not at the next declaration', () => {
  const line = lineOf(src, 'sealed class Result');
  assert.deepEqual(spanOf(src, 'kotlin', 'Result')?.lines, [line, line]);
  assert.deepEqual(namesAt(src, 'kotlin', 'class Ok'), ['Ok']);
  assert.deepEqual(namesAt(src, 'kotlin', '    println("}")'), ['main']);
});

test('kotlin: fun interface, `: I by x { ... }` bodies and an annotation with arguments on its own line', () => {
  const k = source(
    '@DoNotStrip',
    'internal fun interface Callback {',
    '  fun invoke(error: Throwable)',
    '}',
    '',
    'class Filtered(',
    '  private val backing: Map,',
    ') : Map by backing {',
    '  override val entries =',
    '    Filter(backing.entries) {',
    '      !it.key',
    '    }',
    '  override fun keys(): Set =',
    '    backing.keys',
    '}',
    '',
    '/** KDoc. */',
    '@SuppressLint("ViewConstructor")',
    'internal class View(',
    '  private val view: View',
    ') : Base(view.context) {',
    '  val isNull: Boolean',
    '    get() {',
    '      return false',
    '    }',
    '}',
  );
  assert.deepEqual(spanOf(k, 'kotlin', 'Callback'), { kind: 'interface', lines: [1, 4] });
  assert.deepEqual(namesAt(k, 'kotlin', 'fun invoke'), ['Callback.invoke']);
  // The delegation's braces are the class body, not a trailing lambda.
  assert.deepEqual(namesAt(k, 'kotlin', '!it.key'), ['Filtered.entries']);
  assert.deepEqual(spanOf(k, 'kotlin', 'Filtered.keys'), { kind: 'method', lines: [lineOf(k, 'fun keys'), lineOf(k, 'backing.keys')] });
  assert.deepEqual(namesAt(k, 'kotlin', '@SuppressLint'), ['View']);
  assert.deepEqual(namesAt(k, 'kotlin', 'KDoc'), []);
  assert.deepEqual(namesAt(k, 'kotlin', 'return false'), ['View.isNull']);
});

test('kotlin: a star import ends at its line; delegated, getter-only and nullable-receiver names; i++ ends a body', () => {
  const k = source(
    'package a.b',
    'import java.util.*',
    'object Utilities {',
    '  val name get() = _name ?: "x"',
    '  val provider by lazy {',
    '    load()',
    '  }',
    '}',
    'inline fun Throwable?.toCoded() = when (this) {',
    '  null -> 1',
    '  else -> 2',
    '}',
    'fun <T : Any> T?.weak() = WeakReference<T>(this)',
    'private var next = 1',
    'private fun nextValue(): Int = next++',
    '',
    'enum class Kind(val v: Int = nextValue()) {',
    '  A,',
    '}',
  );
  assert.deepEqual(namesAt(k, 'kotlin', 'object Utilities'), ['Utilities']);
  assert.deepEqual(namesAt(k, 'kotlin', 'import java'), []);
  assert.deepEqual(namesAt(k, 'kotlin', 'val name'), ['Utilities.name']);
  assert.deepEqual(namesAt(k, 'kotlin', 'load()'), ['Utilities.provider']);
  assert.deepEqual(namesAt(k, 'kotlin', 'null -> 1'), ['toCoded']);
  assert.deepEqual(namesAt(k, 'kotlin', 'T?.weak'), ['weak']);
  assert.deepEqual(spanOf(k, 'kotlin', 'nextValue'), { kind: 'function', lines: [15, 15] });
  assert.deepEqual(namesAt(k, 'kotlin', 'A,'), ['Kind']);
});
