// The benchmark's oracle: what docs/symbols.md says the resolver must answer, computed from a real
// parser (tree-sitter grammars compiled to wasm). Used only by bench/symbols-accuracy.ts.
//
// Where a grammar's node boundaries differ from the contract, the walker adapts them; each adaptation
// is marked ADAPT below and listed in bench/symbols-README.md.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language as Grammar, Parser, type Node } from 'web-tree-sitter';
// The code corpus: structured files have their own oracle (bench/structured-oracle.ts).
import type { CodeLanguage as Language, SymbolNode } from '../src/symbols/types.js';

/** An oracle symbol also knows its head line (the declaration keyword, after any leading attributes). */
export interface OracleSymbol extends SymbolNode {
  headLine: number;
  children: OracleSymbol[];
}

export interface OracleOutline {
  symbols: OracleSymbol[];
  /** tree-sitter recovered from syntax errors: the oracle itself may be wrong in this file. */
  parseErrors: boolean;
  /** Sorted 1-based lines touched by an ERROR node or a MISSING (inserted) token. */
  errorLines: number[];
}

const grammarFile: Record<Language, string> = {
  typescript: 'typescript', tsx: 'tsx', javascript: 'javascript', jsx: 'javascript', python: 'python', go: 'go',
  rust: 'rust', swift: 'swift', java: 'java', kotlin: 'kotlin', csharp: 'c_sharp', c: 'c', cpp: 'cpp', ruby: 'ruby', php: 'php',
};

const parsers = new Map<Language, Parser>();

/**
 * Loads the grammars once. The wasm files ship in the tree-sitter-wasms package; a newer build in
 * `overrides` (placed there by bench/symbols-corpus.mjs) wins where the packaged one misparses.
 */
export async function loadOracle(languages: readonly Language[], overrides?: string): Promise<void> {
  await Parser.init();
  const out = join(dirname(createRequire(import.meta.url).resolve('tree-sitter-wasms/package.json')), 'out');
  for (const language of languages) {
    if (parsers.has(language)) continue;
    const parser = new Parser();
    const file = `tree-sitter-${grammarFile[language]}.wasm`;
    const override = overrides && join(overrides, file);
    parser.setLanguage(await Grammar.load(override && existsSync(override) ? override : join(out, file)));
    parsers.set(language, parser);
  }
}

export function oracleOutline(text: string, language: Language): OracleOutline {
  const parser = parsers.get(language);
  if (!parser) throw new Error(`oracle for ${language} not loaded`);
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter gave no tree for a ${language} file`);
  try {
    const out: OracleSymbol[] = [];
    walkers[language](tree.rootNode, new Scope('top', []), out);
    if (language === 'c' || language === 'cpp') dropMacroBodies(out, directiveContinuationLines(text));
    const errorLines = new Set<number>();
    if (tree.rootNode.hasError) collectErrorLines(tree.rootNode, errorLines);
    const lines = [...errorLines].sort((a, b) => a - b);
    return { symbols: out, parseErrors: tree.rootNode.hasError, errorLines: lines };
  } finally {
    tree.delete();
  }
}

function collectErrorLines(n: Node, lines: Set<number>): void {
  if (n.isError || n.isMissing) {
    for (let l = n.startPosition.row + 1; l <= n.endPosition.row + 1; l++) lines.add(l);
    return;
  }
  // hasError is true on every ancestor of an ERROR or MISSING node: prune the clean subtrees.
  for (const c of n.children) if (c && c.hasError) collectErrorLines(c, lines);
}

/**
 * Whether the oracle's answer for a range may rest on tree-sitter's error recovery, so that the
 * oracle, not the resolver, may be wrong there. It may when
 * - the range ends on or after the first ERROR/MISSING line: recovery may end a namespace or a class
 *   early or never, or end a function early and read the rest of its body as top-level code, so the
 *   nesting of everything that follows is suspect (narrower rules, such as "up to the next top-level
 *   symbol", let through nlohmann's `NLOHMANN_JSON_NAMESPACE_BEGIN template <...> struct X` where a
 *   whole class is read at top level with no error inside any symbol);
 * - an oracle symbol the range overlaps (at any depth: the answer and its containers) has an error
 *   inside its span, which may have cut its span short or renamed it.
 * Only the oracle's tree is consulted, never the resolver's answer.
 */
export function dependsOnParseError(outline: OracleOutline, start: number, end: number): boolean {
  const { symbols, errorLines } = outline;
  if (errorLines.length === 0) return false;
  if (end >= errorLines[0]!) return true;
  const anyIn = (a: number, b: number) => errorLines.some((l) => a <= l && l <= b);
  const overlapsTainted = (list: readonly OracleSymbol[]): boolean =>
    list.some((s) => s.startLine <= end && s.endLine >= start && (anyIn(s.startLine, s.endLine) || overlapsTainted(s.children)));
  return overlapsTainted(symbols);
}

/** The contract's answer for one range, computed independently of the resolver's own code. */
export function oracleEnclosing(symbols: readonly OracleSymbol[], start: number, end: number): OracleSymbol[] {
  const out: OracleSymbol[] = [];
  for (const s of symbols) {
    if (s.endLine < start || s.startLine > end) continue;
    const inner = oracleEnclosing(s.children, start, end);
    let touchesOwnLines = inner.length === 0;
    for (let line = Math.max(start, s.startLine); !touchesOwnLines && line <= Math.min(end, s.endLine); line++) {
      if (!s.children.some((c) => c.startLine <= line && line <= c.endLine)) touchesOwnLines = true;
    }
    if (touchesOwnLines) out.push(s);
    out.push(...inner);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

type ScopeKind = 'top' | 'type' | 'impl';
class Scope {
  constructor(readonly kind: ScopeKind, readonly path: readonly string[]) {}
  inside(name: string, kind: ScopeKind = 'type'): Scope {
    return new Scope(kind, [...this.path, ...name.split('.').filter(Boolean)]);
  }
  qualify(name: string): string {
    return [...this.path, name].join('.');
  }
}

const isComment = (n: Node) => n.type.includes('comment');

/**
 * ADAPT (all grammars): a symbol ends on the line of its last token. Some grammars end a node at
 * column 0 of the next line (trailing newline), and Python/Ruby blocks swallow comments that follow
 * the last statement; neither is part of the declaration.
 */
function lastLine(n: Node): number {
  let cur = n;
  for (;;) {
    const kids = cur.children.filter((c): c is Node => c !== null);
    let last: Node | undefined;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (!isComment(k) && k.endIndex > k.startIndex) {
        last = k;
        break;
      }
    }
    if (!last) break;
    cur = last;
  }
  const e = cur.endPosition;
  return e.column === 0 && e.row > cur.startPosition.row ? e.row : e.row + 1;
}

const firstLine = (n: Node) => n.startPosition.row + 1;
const named = (n: Node): Node[] => n.namedChildren.filter((c): c is Node => c !== null);
const field = (n: Node, f: string): Node | undefined => n.childForFieldName(f) ?? undefined;
const firstOfType = (n: Node, ...types: string[]) => named(n).find((c) => types.includes(c.type));
const hasToken = (n: Node, token: string) => n.children.some((c) => c !== null && !c.isNamed && c.type === token);
const stripQuotes = (s: string) => s.replace(/^(['"`])(.*)\1$/s, '$2');
/** ADAPT: generic arguments are not part of a qualified name (`impl Foo`, `Array` for `extension Array<T>`). */
function stripGenerics(s: string): string {
  let out = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '<') depth++;
    else if (ch === '>' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function make(scope: Scope, name: string, kind: string, node: Node, startLine?: number, endNode: Node = node): OracleSymbol {
  const head = firstLine(node);
  // A backticked identifier (Swift, Kotlin: `` func `is`() ``) is named without its backticks.
  return { name: scope.qualify(name.replace(/`([^`]+)`/g, '$1')), kind, startLine: Math.min(startLine ?? head, head), endLine: lastLine(endNode), headLine: head, children: [] };
}

type Walker = (node: Node, scope: Scope, out: OracleSymbol[]) => void;

// ---------------------------------------------------------------------------------------------
// TypeScript / TSX / JavaScript / JSX

const functionValues = new Set(['arrow_function', 'function', 'function_expression', 'generator_function']);

const walkJs: Walker = (node, scope, out) => {
  for (const child of named(node)) jsStatement(child, child, scope, out);
};

function jsStatement(child: Node, outer: Node, scope: Scope, out: OracleSymbol[]): void {
  const start = firstLine(outer);
  switch (child.type) {
    case 'export_statement': {
      const decl = field(child, 'declaration');
      if (decl) return jsStatement(decl, child, scope, out);
      const value = field(child, 'value') ?? firstOfType(child, 'function', 'function_expression', 'class', 'generator_function');
      if (value && hasToken(child, 'default') && (functionValues.has(value.type) || value.type === 'class') && !field(value, 'name')) {
        const s = make(scope, 'default', value.type === 'class' ? 'class' : 'function', child, start);
        if (value.type === 'class') jsClassBody(field(value, 'body'), scope.inside('default'), s.children);
        out.push(s);
      }
      return;
    }
    case 'ambient_declaration':
      for (const inner of named(child)) jsStatement(inner, child, scope, out);
      return;
    case 'expression_statement': {
      // Older grammars wrap `namespace X {}` in an expression statement.
      const inner = named(child)[0];
      if (inner && (inner.type === 'internal_module' || inner.type === 'module')) jsStatement(inner, child, scope, out);
      return;
    }
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'function_signature': {
      const name = field(child, 'name');
      if (name) out.push(make(scope, name.text, 'function', child, start, outer));
      return;
    }
    case 'class_declaration':
    case 'abstract_class_declaration': {
      const name = field(child, 'name');
      if (!name) return;
      const s = make(scope, name.text, 'class', child, start, outer);
      jsClassBody(field(child, 'body'), scope.inside(name.text), s.children);
      out.push(s);
      return;
    }
    case 'interface_declaration':
    case 'type_alias_declaration':
    case 'enum_declaration': {
      const name = field(child, 'name');
      const kind = child.type === 'interface_declaration' ? 'interface' : child.type === 'enum_declaration' ? 'enum' : 'type';
      if (name) out.push(make(scope, name.text, kind, child, start, outer));
      return;
    }
    case 'internal_module':
    case 'module': {
      const name = field(child, 'name');
      if (!name) return;
      const text = stripQuotes(name.text);
      const s = make(scope, text, 'module', child, start, outer);
      const body = field(child, 'body');
      if (body) walkJs(body, scope.inside(text), s.children);
      out.push(s);
      return;
    }
    case 'lexical_declaration':
    case 'variable_declaration': {
      const declarators = named(child).filter((d) => d.type === 'variable_declarator');
      for (const [i, d] of declarators.entries()) {
        const name = field(d, 'name');
        // Destructuring patterns declare no single name: not a symbol.
        if (!name || name.type !== 'identifier') continue;
        const value = field(d, 'value');
        const kind = value && functionValues.has(value.type) ? 'function' : value?.type === 'class' ? 'class' : 'variable';
        // One declarator: the statement is the declaration (`export const x = ...;`).
        const only = declarators.length === 1;
        const s = make(scope, name.text, kind, only ? child : d, only || i === 0 ? start : undefined, only ? outer : d);
        if (value?.type === 'class') jsClassBody(field(value, 'body'), scope.inside(name.text), s.children);
        out.push(s);
      }
      return;
    }
    default:
      return;
  }
}

function jsMemberName(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  return n.type === 'string' ? stripQuotes(n.text) : n.text;
}

function jsClassBody(body: Node | undefined, scope: Scope, out: OracleSymbol[]): void {
  if (!body) return;
  let pending: number | undefined;
  for (const m of named(body)) {
    if (isComment(m)) continue;
    // ADAPT: tree-sitter-typescript puts a method's decorators before it as siblings in the class
    // body; the contract starts the method at its first decorator.
    if (m.type === 'decorator') {
      pending ??= firstLine(m);
      continue;
    }
    const start = pending;
    pending = undefined;
    switch (m.type) {
      case 'method_definition':
      case 'method_signature':
      case 'abstract_method_signature': {
        const name = jsMemberName(field(m, 'name'));
        if (name) out.push(make(scope, name, 'method', m, start));
        break;
      }
      case 'public_field_definition':
      case 'field_definition': {
        const name = jsMemberName(field(m, 'name') ?? field(m, 'property'));
        const value = field(m, 'value');
        if (name) out.push(make(scope, name, value && functionValues.has(value.type) ? 'method' : 'property', m, start));
        break;
      }
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Python

const pyTransparent = new Set(['block', 'if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement']);

const walkPython: Walker = (node, scope, out) => {
  for (const child of named(node)) pyStatement(child, child, scope, out);
};

function pyStatement(child: Node, outer: Node, scope: Scope, out: OracleSymbol[]): void {
  switch (child.type) {
    case 'decorated_definition': {
      // The decorators are inside decorated_definition: its span is the contract's span.
      const def = field(child, 'definition');
      if (def) pyStatement(def, child, scope, out);
      return;
    }
    case 'function_definition': {
      const name = field(child, 'name');
      if (name) out.push(make(scope, name.text, scope.kind === 'type' ? 'method' : 'function', child, firstLine(outer), outer));
      return;
    }
    case 'class_definition': {
      const name = field(child, 'name');
      if (!name) return;
      const s = make(scope, name.text, 'class', child, firstLine(outer), outer);
      const body = field(child, 'body');
      if (body) walkPython(body, scope.inside(name.text), s.children);
      out.push(s);
      return;
    }
    case 'expression_statement': {
      for (const a of named(child)) {
        if (a.type !== 'assignment') continue;
        for (const name of pyTargets(a)) out.push(make(scope, name, 'variable', child));
      }
      return;
    }
    default:
      // ADAPT: definitions under a module- or class-level `if`/`try`/`with` (TYPE_CHECKING,
      // optional imports, platform branches) are module/class level; loops are not descended into.
      if (pyTransparent.has(child.type)) {
        for (const inner of named(child)) pyStatement(inner, inner, scope, out);
      }
      return;
  }
}

/** Plain names assigned by `a = ...`, `a: T = ...`, `a = b = ...`, `a, b = ...`. */
function pyTargets(a: Node): string[] {
  const left = field(a, 'left');
  const names: string[] = [];
  if (left?.type === 'identifier') names.push(left.text);
  else if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern')) {
    for (const p of named(left)) if (p.type === 'identifier') names.push(p.text);
  }
  const right = field(a, 'right');
  if (right?.type === 'assignment') names.push(...pyTargets(right));
  return names;
}

// ---------------------------------------------------------------------------------------------
// Go

function goReceiverType(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'type_identifier') return n.text;
  if (n.type === 'pointer_type' || n.type === 'parenthesized_type') return goReceiverType(named(n)[0]);
  if (n.type === 'generic_type') return goReceiverType(field(n, 'type') ?? named(n)[0]);
  return stripGenerics(n.text.replace(/^\*/, ''));
}

const walkGo: Walker = (node, scope, out) => {
  for (const child of named(node)) {
    switch (child.type) {
      case 'function_declaration': {
        const name = field(child, 'name');
        if (name) out.push(make(scope, name.text, 'function', child));
        break;
      }
      case 'method_declaration': {
        const name = field(child, 'name');
        const receiver = field(child, 'receiver');
        const param = receiver && firstOfType(receiver, 'parameter_declaration');
        const type = goReceiverType(param && field(param, 'type'));
        if (name && type) out.push(make(scope, `${type}.${name.text}`, 'method', child));
        break;
      }
      case 'type_declaration': {
        const specs = named(child).filter((s) => s.type === 'type_spec' || s.type === 'type_alias');
        for (const spec of specs) {
          const name = field(spec, 'name');
          const type = field(spec, 'type');
          const kind = type?.type === 'struct_type' ? 'struct' : type?.type === 'interface_type' ? 'interface' : 'type';
          // A single spec: the `type` keyword line belongs to it; in a `type (...)` group each spec is its own.
          if (name) out.push(make(scope, name.text, kind, specs.length === 1 ? child : spec));
        }
        break;
      }
      case 'var_declaration':
      case 'const_declaration': {
        const specs = named(child).flatMap((s) => (s.type === 'var_spec_list' ? named(s) : [s])).filter((s) => s.type === 'var_spec' || s.type === 'const_spec');
        for (const spec of specs) {
          for (const name of spec.childrenForFieldName('name')) {
            // The field also lists the commas of `var a, b = f()`.
            if (name?.isNamed) out.push(make(scope, name.text, child.type === 'var_declaration' ? 'variable' : 'constant', specs.length === 1 ? child : spec));
          }
        }
        break;
      }
      default:
        break;
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Rust

const rustKinds: Record<string, string> = {
  struct_item: 'struct', enum_item: 'enum', union_item: 'union', const_item: 'constant', static_item: 'variable',
  type_item: 'type', associated_type: 'type', macro_definition: 'macro',
};

const walkRust: Walker = (node, scope, out) => {
  let pending: number | undefined;
  for (const child of named(node)) {
    if (isComment(child)) continue;
    // ADAPT: `#[attr]` lines are attribute_item siblings before the item; the contract starts the
    // item at its first attribute. Inner attributes (`#![...]`) belong to the enclosing item.
    if (child.type === 'attribute_item') {
      pending ??= firstLine(child);
      continue;
    }
    const start = pending;
    pending = undefined;
    const name = field(child, 'name');
    switch (child.type) {
      case 'function_item':
      case 'function_signature_item':
        if (name) out.push(make(scope, name.text, scope.kind === 'top' ? 'function' : 'method', child, start));
        break;
      case 'trait_item':
      case 'mod_item': {
        if (!name) break;
        const s = make(scope, name.text, child.type === 'trait_item' ? 'trait' : 'module', child, start);
        const body = field(child, 'body');
        if (body) walkRust(body, scope.inside(name.text, child.type === 'trait_item' ? 'impl' : 'top'), s.children);
        out.push(s);
        break;
      }
      case 'impl_item': {
        const type = field(child, 'type');
        const trait = field(child, 'trait');
        if (!type) break;
        const implName = `impl ${trait ? `${stripGenerics(trait.text)} for ` : ''}${stripGenerics(type.text)}`;
        const s = make(scope, implName, 'impl', child, start);
        const body = field(child, 'body');
        // The impl's name contains spaces, never dots: qualify its members with it verbatim.
        if (body) walkRust(body, new Scope('impl', [...scope.path, implName]), s.children);
        out.push(s);
        break;
      }
      case 'foreign_mod_item': {
        const body = field(child, 'body') ?? firstOfType(child, 'declaration_list');
        if (body) walkRust(body, scope, out);
        break;
      }
      default: {
        const kind = rustKinds[child.type];
        if (kind && name) out.push(make(scope, name.text, kind, child, start));
        break;
      }
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Swift

const swiftTypeKeywords = ['class', 'struct', 'enum', 'extension', 'actor'];

function swiftNames(n: Node): string[] {
  return named(n)
    .filter((c) => c.type === 'pattern')
    .map((p) => firstOfType(p, 'simple_identifier')?.text ?? p.text)
    .filter((s) => /^[\p{L}_`]/u.test(s));
}

const walkSwift: Walker = (node, scope, out) => {
  for (const child of named(node)) {
    const member = scope.kind !== 'top';
    switch (child.type) {
      case 'class_declaration': {
        const keyword = child.children.find((c) => c !== null && !c.isNamed && swiftTypeKeywords.includes(c.type))?.type ?? 'class';
        const nameNode = field(child, 'name') ?? firstOfType(child, 'type_identifier', 'user_type');
        if (!nameNode) break;
        const name = stripGenerics(nameNode.text);
        const s = make(scope, name, keyword, child);
        const body = field(child, 'body') ?? firstOfType(child, 'class_body', 'enum_class_body');
        if (body) walkSwift(body, scope.inside(name), s.children);
        out.push(s);
        break;
      }
      case 'protocol_declaration': {
        const nameNode = field(child, 'name') ?? firstOfType(child, 'type_identifier');
        if (!nameNode) break;
        const s = make(scope, nameNode.text, 'protocol', child);
        const body = field(child, 'body') ?? firstOfType(child, 'protocol_body');
        if (body) walkSwift(body, scope.inside(nameNode.text), s.children);
        out.push(s);
        break;
      }
      case 'function_declaration':
      case 'protocol_function_declaration': {
        const nameNode = field(child, 'name') ?? firstOfType(child, 'simple_identifier');
        if (nameNode) out.push(make(scope, nameNode.text, member ? 'method' : 'function', child));
        break;
      }
      case 'init_declaration':
        out.push(make(scope, 'init', 'method', child));
        break;
      case 'deinit_declaration':
        out.push(make(scope, 'deinit', 'method', child));
        break;
      case 'subscript_declaration':
        out.push(make(scope, 'subscript', 'method', child));
        break;
      case 'property_declaration':
      case 'protocol_property_declaration':
        for (const name of swiftNames(child)) out.push(make(scope, name, member ? 'property' : 'variable', child));
        break;
      case 'typealias_declaration': {
        const nameNode = field(child, 'name') ?? firstOfType(child, 'type_identifier');
        if (nameNode) out.push(make(scope, nameNode.text, 'type', child));
        break;
      }
      default:
        break;
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Java

const javaTypes: Record<string, string> = {
  class_declaration: 'class', interface_declaration: 'interface', enum_declaration: 'enum', record_declaration: 'record',
  annotation_type_declaration: 'annotation',
};

const walkJava: Walker = (node, scope, out) => {
  for (const child of named(node)) {
    const typeKind = javaTypes[child.type];
    if (typeKind) {
      const name = field(child, 'name');
      if (!name) continue;
      const s = make(scope, name.text, typeKind, child);
      const body = field(child, 'body');
      if (body) walkJava(body, scope.inside(name.text), s.children);
      out.push(s);
      continue;
    }
    switch (child.type) {
      case 'enum_body_declarations':
        walkJava(child, scope, out);
        break;
      case 'method_declaration':
      case 'annotation_type_element_declaration':
      case 'constructor_declaration':
      case 'compact_constructor_declaration': {
        const name = field(child, 'name') ?? firstOfType(child, 'identifier');
        if (name) out.push(make(scope, name.text, 'method', child));
        break;
      }
      case 'field_declaration':
      case 'constant_declaration': {
        // One symbol per field declaration (`int a, b;` is one edit target), named by its first declarator.
        const d = field(child, 'declarator');
        const name = d && field(d, 'name');
        if (name) out.push(make(scope, name.text, 'field', child));
        break;
      }
      default:
        break;
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Kotlin

function kotlinName(n: Node): string | undefined {
  return firstOfType(n, 'type_identifier', 'simple_identifier')?.text;
}

/**
 * ADAPT: `class A(b: B) : B by b { ... }` is read by this grammar as delegation to the call
 * `b { ... }` with a trailing lambda; Kotlin reads the braces as the class body.
 */
function kotlinDelegationBody(n: Node): Node | undefined {
  const delegations = named(n).filter((c) => c.type === 'delegation_specifier');
  const explicit = delegations.at(-1) && firstOfType(delegations.at(-1)!, 'explicit_delegation');
  const call = explicit && named(explicit).at(-1);
  if (call?.type !== 'call_expression') return undefined;
  const suffix = named(call).at(-1);
  const lambda = suffix?.type === 'call_suffix' ? firstOfType(suffix, 'annotated_lambda') : undefined;
  const literal = lambda && firstOfType(lambda, 'lambda_literal');
  return literal && (firstOfType(literal, 'statements') ?? literal);
}

/** ADAPT: a top-level `@Ann(args)` line before a declaration is read as an expression `@Ann (args)`. */
const isDetachedAnnotation = (n: Node) => n.type === 'prefix_expression' && named(n)[0]?.type === 'annotation';

const walkKotlin: Walker = (node, scope, out) => {
  let pending: number | undefined;
  let lastProperties: OracleSymbol[] = [];
  for (const child of named(node)) {
    if (isComment(child)) continue;
    const member = scope.kind !== 'top';
    // ADAPT: a getter or setter on the line after `val x: T` is a sibling of the property
    // declaration in this grammar; the contract's property spans its accessors.
    if (child.type === 'getter' || child.type === 'setter') {
      for (const p of lastProperties) p.endLine = Math.max(p.endLine, lastLine(child));
      continue;
    }
    lastProperties = [];
    if (isDetachedAnnotation(child)) {
      pending ??= firstLine(child);
      continue;
    }
    const start = pending;
    pending = undefined;
    switch (child.type) {
      case 'class_declaration':
      case 'object_declaration':
      case 'companion_object': {
        const name = kotlinName(child) ?? (child.type === 'companion_object' ? 'Companion' : undefined);
        if (!name) break;
        const kind = child.type === 'class_declaration' ? (hasToken(child, 'interface') ? 'interface' : 'class') : 'object';
        const s = make(scope, name, kind, child, start);
        const body = firstOfType(child, 'class_body', 'enum_class_body') ?? kotlinDelegationBody(child);
        if (body) walkKotlin(body, scope.inside(name), s.children);
        out.push(s);
        break;
      }
      case 'function_declaration': {
        const name = firstOfType(child, 'simple_identifier');
        if (name) out.push(make(scope, name.text, member ? 'method' : 'function', child, start));
        break;
      }
      case 'secondary_constructor':
        out.push(make(scope, 'constructor', 'method', child, start));
        break;
      case 'property_declaration': {
        const single = firstOfType(child, 'variable_declaration');
        const vars = single ? [single] : named(firstOfType(child, 'multi_variable_declaration') ?? child).filter((v) => v.type === 'variable_declaration');
        for (const v of vars) {
          const name = firstOfType(v, 'simple_identifier');
          if (name) lastProperties.push(make(scope, name.text, 'property', child, start));
        }
        out.push(...lastProperties);
        break;
      }
      case 'type_alias': {
        const name = firstOfType(child, 'type_identifier');
        if (name) out.push(make(scope, name.text, 'type', child, start));
        break;
      }
      default:
        break;
    }
  }
};

// ---------------------------------------------------------------------------------------------
// C#

const csharpTypes: Record<string, string> = {
  class_declaration: 'class', struct_declaration: 'struct', interface_declaration: 'interface', enum_declaration: 'enum',
  record_declaration: 'record', record_struct_declaration: 'record',
};
const csharpMembers: Record<string, string> = {
  method_declaration: 'method', constructor_declaration: 'method', property_declaration: 'property', event_declaration: 'event',
  delegate_declaration: 'delegate',
};

const walkCsharp: Walker = (node, scope, out) => {
  let inner = scope;
  for (const child of named(node)) {
    const typeKind = csharpTypes[child.type];
    if (child.type === 'namespace_declaration' || typeKind) {
      const name = field(child, 'name');
      if (!name) continue;
      const s = make(inner, name.text, typeKind ?? 'namespace', child);
      const body = field(child, 'body');
      if (body && child.type !== 'enum_declaration') walkCsharp(body, inner.inside(name.text), s.children);
      out.push(s);
      continue;
    }
    if (child.type === 'file_scoped_namespace_declaration') {
      // ADAPT: `namespace A.B;` has no span of its own: it qualifies what follows, it is not a symbol.
      const name = field(child, 'name');
      if (name) inner = scope.inside(name.text);
      walkCsharp(child, inner, out);
      continue;
    }
    const memberKind = csharpMembers[child.type];
    if (memberKind) {
      const name = field(child, 'name');
      if (name) out.push(make(inner, name.text, memberKind, child));
      continue;
    }
    if (child.type === 'field_declaration' || child.type === 'event_field_declaration') {
      const decl = firstOfType(child, 'variable_declaration');
      const first = decl && firstOfType(decl, 'variable_declarator');
      const name = first && (field(first, 'name') ?? firstOfType(first, 'identifier'));
      if (name) out.push(make(inner, name.text, child.type === 'field_declaration' ? 'field' : 'event', child));
    }
  }
};

// ---------------------------------------------------------------------------------------------
// C / C++

const cSpecifiers: Record<string, string> = { struct_specifier: 'struct', union_specifier: 'union', enum_specifier: 'enum', class_specifier: 'class' };
const cTransparent = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'declaration_list']);

/** The name a declarator declares, looking through pointers, references, arrays, parentheses. */
function cDeclaratorName(d: Node | undefined): Node | undefined {
  for (let cur = d; cur; ) {
    if (['identifier', 'field_identifier', 'type_identifier', 'qualified_identifier', 'destructor_name', 'operator_name', 'template_function'].includes(cur.type)) return cur;
    cur = field(cur, 'declarator') ?? named(cur).find((c) => c.type.endsWith('declarator') || c.type.endsWith('identifier'));
  }
  return undefined;
}

/**
 * Whether a declarator declares a function (a prototype) rather than a variable: the derivation
 * applied to the name last (innermost) decides. `int *f(void)` is a function returning a pointer;
 * `void (*f)(void)` is a variable holding a function pointer.
 */
const hasFunctionDeclarator = (d: Node | undefined): boolean => {
  let innermost: string | undefined;
  for (let cur = d; cur; ) {
    if (['function_declarator', 'pointer_declarator', 'array_declarator', 'reference_declarator'].includes(cur.type)) innermost = cur.type;
    cur = field(cur, 'declarator') ?? named(cur).find((c) => c.type.endsWith('declarator'));
  }
  return innermost === 'function_declarator';
};

/** `A<T>::B::f` → ['A', 'B', 'f']. */
const cQualifiedParts = (n: Node) => stripGenerics(n.text).split('::').map((p) => p.trim()).filter(Boolean);

function walkC(node: Node, scope: Scope, out: OracleSymbol[]): void {
  for (const child of named(node)) cItem(child, scope, out);
}

function cItem(child: Node, scope: Scope, out: OracleSymbol[], start?: number, outer: Node = child): void {
  if (cTransparent.has(child.type)) return walkC(child, scope, out);
  switch (child.type) {
    case 'template_declaration': {
      // The `template <...>` line is the declaration's first line.
      const inner = named(child).find((c) => c.type !== 'template_parameter_list');
      if (inner) cItem(inner, scope, out, start ?? firstLine(child), child);
      return;
    }
    case 'linkage_specification': {
      const body = field(child, 'body');
      if (body) cItem(body, scope, out);
      return;
    }
    case 'namespace_definition': {
      const name = field(child, 'name') ?? firstOfType(child, 'nested_namespace_specifier', 'namespace_identifier');
      const body = field(child, 'body');
      if (!name) {
        if (body) walkC(body, scope, out);
        return;
      }
      const text = cQualifiedParts(name).join('.');
      const s = make(scope, text, 'namespace', child, start, outer);
      if (body) walkC(body, scope.inside(text, 'top'), s.children);
      out.push(s);
      return;
    }
    case 'function_definition': {
      const nameNode = cDeclaratorName(field(child, 'declarator'));
      if (!nameNode) return;
      const parts = nameNode.type === 'qualified_identifier' ? cQualifiedParts(nameNode) : [stripGenerics(nameNode.text)];
      const kind = parts.length > 1 || scope.kind === 'type' ? 'method' : 'function';
      out.push(make(scope, parts.join('.'), kind, child, start, outer));
      return;
    }
    case 'type_definition': {
      // `typedef struct X {...} Y;` is one declaration: the typedef (named Y) is the symbol.
      const names = child.childrenForFieldName('declarator').map((d) => cDeclaratorName(d ?? undefined)).filter((n): n is Node => n !== undefined);
      for (const n of names) out.push(make(scope, n.text, 'type', child, start, outer));
      return;
    }
    case 'alias_declaration': {
      const name = field(child, 'name');
      if (name) out.push(make(scope, name.text, 'type', child, start, outer));
      return;
    }
    case 'declaration':
    case 'field_declaration': {
      const type = field(child, 'type');
      if (type && cSpecifiers[type.type] && field(type, 'body')) {
        cItem(type, scope, out, start ?? firstLine(child), outer === child ? child : outer);
        return;
      }
      // Only top-level variable definitions: not prototypes, not `extern`, not class members.
      if (child.type === 'field_declaration' || scope.kind === 'type') return;
      if (child.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'extern')) return;
      for (const d of child.childrenForFieldName('declarator')) {
        if (!d || hasFunctionDeclarator(d)) continue;
        const name = cDeclaratorName(d);
        if (name) out.push(make(scope, cQualifiedParts(name).join('.'), 'variable', child, start, outer));
      }
      return;
    }
    default: {
      const kind = cSpecifiers[child.type];
      const name = kind && field(child, 'name');
      const body = kind && field(child, 'body');
      if (!kind || !name || !body) return;
      const text = cQualifiedParts(name).join('.');
      const s = make(scope, text, kind, child, start, outer);
      if (kind !== 'enum') walkC(body, scope.inside(text, 'type'), s.children);
      out.push(s);
      return;
    }
  }
}

const walkCFile: Walker = (node, scope, out) => walkC(node, scope, out);

/**
 * Lines that continue a preprocessor directive (the line before ends with a backslash). The
 * preprocessor splices them before parsing; tree-sitter ends a `#define` at a comment followed by a
 * backslash and reads the rest of the macro body as declarations.
 */
function directiveContinuationLines(text: string): Set<number> {
  const out = new Set<number>();
  let continued = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (continued) out.add(i + 1);
    continued = (continued || /^\s*#/.test(line)) && line.endsWith('\\');
  });
  return out;
}

/** ADAPT: a declaration whose head is inside a macro body is no symbol (see directiveContinuationLines). */
function dropMacroBodies(symbols: OracleSymbol[], macroLines: Set<number>): void {
  if (macroLines.size === 0) return;
  for (let i = symbols.length - 1; i >= 0; i--) {
    if (macroLines.has(symbols[i]!.headLine)) symbols.splice(i, 1);
    else dropMacroBodies(symbols[i]!.children, macroLines);
  }
}

// ---------------------------------------------------------------------------------------------
// Ruby

const rubyTransparent = new Set([
  'body_statement', 'block_body', 'begin', 'rescue', 'ensure', 'if', 'unless', 'elsif', 'else', 'then', 'if_modifier', 'unless_modifier',
  'case', 'when',
  'singleton_class',
]);

/** `private def x`, `ruby2_keywords def x`, `memoize def x`: a def passed to a receiverless call. */
const rubyDefArguments = (call: Node): Node[] => {
  if (field(call, 'receiver')) return [];
  const args = field(call, 'arguments');
  return args ? named(args).filter((a) => a.type === 'method' || a.type === 'singleton_method') : [];
};

const walkRuby: Walker = (node, scope, out) => {
  let previous: OracleSymbol[] = [];
  for (const child of named(node)) {
    // ADAPT: a heredoc's body is a sibling after the statement that opens it (`X = <<~EOS`); the
    // contract's constant spans it.
    if (child.type === 'heredoc_body') {
      for (const p of previous) p.endLine = Math.max(p.endLine, lastLine(child));
      continue;
    }
    if (isComment(child)) continue; // `X = <<'EOS'  # :nodoc:` puts the comment before the body
    const before = out.length;
    rubyItem(child, scope, out);
    previous = out.slice(before);
  }
};

function rubyItem(child: Node, scope: Scope, out: OracleSymbol[]): void {
  switch (child.type) {
    case 'module':
    case 'class': {
      const name = field(child, 'name');
      if (!name) break;
      const text = name.text.replace(/^::/, '').split('::').join('.');
      const s = make(scope, text, child.type, child);
      walkRuby(child, scope.inside(text), s.children);
      out.push(s);
      break;
    }
    case 'method':
    case 'singleton_method': {
      // `def self.x` is named x: the contract qualifies by container, not by receiver.
      const name = field(child, 'name');
      if (name) out.push(make(scope, name.text, scope.kind === 'top' && child.type === 'method' ? 'function' : 'method', child));
      break;
    }
    case 'assignment': {
      const left = field(child, 'left');
      if (left?.type !== 'constant' && left?.type !== 'scope_resolution') break;
      // `A::B = ...` is the constant A.B, like `class A::B`.
      const name = left.text.replace(/^::/, '').split('::').join('.');
      const s = make(scope, name, 'constant', child);
      // `Point = Struct.new(:x) do ... end`: the block's defs are the constant's members.
      const right = field(child, 'right');
      const block = right?.type === 'call' ? field(right, 'block') : undefined;
      if (block) walkRuby(block, scope.inside(name), s.children);
      out.push(s);
      break;
    }
    case 'call': {
      for (const d of rubyDefArguments(child)) rubyItem(d, scope, out);
      // `included do`, `refine String do`, `class_eval do` at module/class level: their defs are the
      // module's or class's (a def's own body is never walked, so blocks in methods stay there).
      const block = field(child, 'block');
      if (block) walkRuby(block, scope, out);
      break;
    }
    default:
      if (rubyTransparent.has(child.type)) walkRuby(child, scope, out);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// PHP

const phpTypes: Record<string, string> = {
  class_declaration: 'class', interface_declaration: 'interface', trait_declaration: 'trait', enum_declaration: 'enum',
};

const walkPhp: Walker = (node, scope, out) => {
  for (const child of named(node)) {
    const typeKind = phpTypes[child.type];
    if (typeKind) {
      const name = field(child, 'name');
      if (!name) continue;
      const s = make(scope, name.text, typeKind, child);
      const body = field(child, 'body');
      if (body) walkPhp(body, scope.inside(name.text), s.children);
      out.push(s);
      continue;
    }
    switch (child.type) {
      case 'namespace_definition': {
        // Only a braced namespace is a symbol; `namespace X;` neither spans nor qualifies.
        const name = field(child, 'name');
        const body = field(child, 'body');
        if (!body) break;
        if (!name) {
          walkPhp(body, scope, out);
          break;
        }
        const text = name.text.split('\\').join('.');
        const s = make(scope, text, 'namespace', child);
        walkPhp(body, scope.inside(text), s.children);
        out.push(s);
        break;
      }
      case 'function_definition':
      case 'method_declaration': {
        const name = field(child, 'name');
        if (name) out.push(make(scope, name.text, child.type === 'function_definition' ? 'function' : 'method', child));
        break;
      }
      case 'const_declaration': {
        if (scope.kind === 'top') break;
        const el = firstOfType(child, 'const_element');
        const name = el && firstOfType(el, 'name');
        if (name) out.push(make(scope, name.text, 'constant', child));
        break;
      }
      case 'property_declaration': {
        // Named without `$`: `$this->name` is how the property is used.
        const el = firstOfType(child, 'property_element');
        const v = el && firstOfType(el, 'variable_name');
        if (v) out.push(make(scope, v.text.replace(/^\$/, ''), 'property', child));
        break;
      }
      default:
        break;
    }
  }
};

const walkers: Record<Language, Walker> = {
  typescript: walkJs, tsx: walkJs, javascript: walkJs, jsx: walkJs, python: walkPython, go: walkGo, rust: walkRust,
  swift: walkSwift, java: walkJava, kotlin: walkKotlin, csharp: walkCsharp, c: walkCFile, cpp: walkCFile, ruby: walkRuby, php: walkPhp,
};
