// The oracle for structured files: what docs/symbols.md says the resolver must answer for JSON, YAML,
// TOML and Markdown, computed from real parsers used only here (devDependencies): jsonc-parser's
// tree, yaml's documents with their source ranges, toml-eslint-parser's AST and markdown-it's line
// maps. Used only by bench/structured-accuracy.ts.
//
// Shared with the resolver: only the spelling of names (keySegment, itemSegment, uniqueLabels in
// src/symbols/structured.ts), which is the contract's, not an analysis. Structure, spans and labels
// come from the parsers.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import MarkdownIt from 'markdown-it';
import { parseTOML } from 'toml-eslint-parser';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { itemSegment, keySegment, LABEL_KEYS, uniqueLabels } from '../src/symbols/structured.js';
import type { StructuredFormat } from '../src/symbols/types.js';
import type { OracleSymbol } from './symbols-oracle.js';

/** The oracle's outline, or null where the parser reports an error (the resolver must then throw). */
export type StructuredOutline = OracleSymbol[] | null;

function sym(name: string, kind: string, startLine: number, endLine: number, children: OracleSymbol[] = []): OracleSymbol {
  return { name, kind, startLine, endLine, headLine: startLine, children };
}

/** 1-based line of an offset. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The line of the last non-whitespace character before `end` (exclusive): a node's last line. */
function lastLine(text: string, end: number, line: (o: number) => number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return line(Math.max(0, i));
}

/** Contract: children that all share their parent's only line are not symbols. */
function prune(nodes: OracleSymbol[]): OracleSymbol[] {
  for (const n of nodes) n.children = n.startLine === n.endLine ? [] : prune(n.children);
  return nodes;
}

// ---------------------------------------------------------------- JSON (jsonc-parser)

function jsonOutline(text: string): StructuredOutline {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length || !root) return null;
  const line = lineIndex(text);
  const end = (n: JsonNode) => lastLine(text, n.offset + n.length, line);
  const scalarText = (n: JsonNode) => (n.type === 'string' ? String(n.value) : text.slice(n.offset, n.offset + n.length));
  const label = (n: JsonNode): string | undefined => {
    if (n.type !== 'object') return undefined;
    for (const k of LABEL_KEYS) {
      const p = n.children?.find((c) => c.children?.[0]?.value === k);
      if (p) {
        const v = p.children?.[1];
        return v && v.type !== 'object' && v.type !== 'array' ? scalarText(v) : undefined;
      }
    }
    return undefined;
  };
  const walk = (n: JsonNode, path: string | undefined): OracleSymbol[] => {
    if (n.type === 'object') {
      return (n.children ?? []).map((p) => {
        const name = keySegment(path, String(p.children![0]!.value));
        const v = p.children![1]!;
        return sym(name, 'key', line(p.offset), end(v), walk(v, name));
      });
    }
    if (n.type === 'array') {
      const items = n.children ?? [];
      const labels = uniqueLabels(items.map(label));
      return items.map((it, i) => {
        const name = itemSegment(path, i, labels[i]);
        return sym(name, 'item', line(it.offset), end(it), walk(it, name));
      });
    }
    return [];
  };
  return prune(walk(root, undefined));
}

// ---------------------------------------------------------------- YAML (yaml's documents, source ranges)

function yamlOutline(text: string): StructuredOutline {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: counter, keepSourceTokens: true, uniqueKeys: false });
  if (!Array.isArray(docs)) return []; // an empty stream
  if (docs.some((d) => d.errors.length)) return null;
  const line = (o: number) => counter.linePos(o).line;
  // ADAPT: a block collection's range takes in comments after its last entry; its span ends with that entry.
  const end = (n: YamlNode): number => {
    if (isMap(n) && !n.flow && n.items.length) {
      const p = n.items.at(-1)!;
      const v = p.value as YamlNode | null;
      return v?.range ? Math.max(end(p.key as YamlNode), end(v)) : end(p.key as YamlNode);
    }
    if (isSeq(n) && !n.flow && n.items.length) {
      const it = n.items.at(-1) as YamlNode | null;
      if (it?.range) return end(it);
    }
    return lastLine(text, n.range![1], line);
  };
  /** A one-line plain or quoted scalar's text (labels and document names). */
  const oneLine = (n: unknown): string | undefined => {
    if (!isScalar(n) || !n.range || line(n.range[0]) !== end(n)) return undefined;
    if (n.type === 'PLAIN') return text.slice(n.range[0], n.range[1]).trim();
    if (n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') return String(n.value);
    return undefined;
  };
  const get = (map: unknown, key: string): unknown => {
    if (!isMap(map)) return undefined;
    const p = map.items.find((it) => isScalar(it.key) && String(it.key.value) === key);
    return p?.value;
  };
  const walk = (n: unknown, path: string | undefined): OracleSymbol[] => {
    // ADAPT: flow collections are values, not containers (the contract reads block structure).
    if (isMap(n) && !n.flow) {
      return n.items.map((p) => {
        const key = p.key as YamlNode;
        const k = isScalar(key) ? (key.type === 'PLAIN' ? text.slice(key.range![0], key.range![1]).trim() : String(key.value)) : String(key);
        const name = keySegment(path, k);
        const v = p.value as YamlNode | null;
        const last = v?.range ? Math.max(line(key.range![0]), end(v)) : end(key);
        return sym(name, 'key', line(key.range![0]), last, walk(v, name));
      });
    }
    if (isSeq(n) && !n.flow) {
      const labels = uniqueLabels(n.items.map((it) => {
        for (const k of LABEL_KEYS) if (isMap(it) && !it.flow && get(it, k) !== undefined) return oneLine(get(it, k));
        return undefined;
      }));
      return n.items.map((it, i) => {
        const name = itemSegment(path, i, labels[i]);
        const node = it as YamlNode;
        // The item starts at its `-`: the last `-` before the item's node on or before its line.
        const start = dashLine(text, node, line);
        return sym(name, 'item', start, node?.range ? end(node) : start, walk(it, name));
      });
    }
    return [];
  };
  const content = docs.filter((d) => d.contents !== null);
  if (content.length === 1) return prune(walk(content[0]!.contents, undefined));
  const names = uniqueLabels(content.map((d) => {
    const kind = oneLine(get(d.contents, 'kind'));
    const name = oneLine(get(get(d.contents, 'metadata'), 'name'));
    return kind !== undefined && name !== undefined ? `${kind}/${name}` : undefined;
  }));
  return prune(
    content.map((d, i) => {
      const name = names[i] ?? `document[${i}]`;
      const c = d.contents as YamlNode;
      const first = d.directives.docStart ? line(d.range[0]) : line(c.range![0]);
      const children = walk(c, undefined).map((s) => requalify(s, name));
      return sym(name, 'section', first, end(c), children);
    }),
  );
}

function requalify(s: OracleSymbol, prefix: string): OracleSymbol {
  return { ...s, name: s.name.startsWith('[') ? prefix + s.name : `${prefix}.${s.name}`, children: s.children.map((c) => requalify(c, prefix)) };
}

/** The line of a sequence item's `-` indicator: scanning back from the item's value to its dash. */
function dashLine(text: string, node: YamlNode | null, line: (o: number) => number): number {
  const srcStart = (node as { srcToken?: { offset?: number } } | null)?.srcToken?.offset ?? node?.range?.[0];
  if (srcStart === undefined) return 1;
  let i = srcStart - 1;
  // Back over properties, spaces and the `-`s of a compact nested list; stop at the item's own dash.
  while (i >= 0 && text[i] !== '-') i--;
  return line(Math.max(0, i));
}

// ---------------------------------------------------------------- TOML (toml-eslint-parser)

interface TomlNode {
  type: string;
  kind?: string;
  loc: { start: { line: number }; end: { line: number } };
  key?: { keys: Array<{ type: string; name?: string; value?: string }> };
  resolvedKey?: Array<string | number>;
  value?: TomlNode;
  body?: TomlNode[];
  elements?: TomlNode[];
}

function tomlOutline(text: string): StructuredOutline {
  let ast: { body: Array<{ body: TomlNode[] }> };
  try {
    ast = parseTOML(text) as unknown as typeof ast;
  } catch {
    return null;
  }
  const keyName = (k: { type: string; name?: string; value?: string }) => (k.type === 'TOMLBare' ? k.name! : k.value!);
  const scalar = (v: TomlNode | undefined): string | undefined => {
    if (!v || v.type !== 'TOMLValue') return undefined;
    const s = v as unknown as { kind: string; value: unknown; range: [number, number] };
    return s.kind === 'string' ? String(s.value) : text.slice(s.range[0], s.range[1]);
  };
  const labelOf = (kvs: readonly TomlNode[]): string | undefined => {
    for (const k of LABEL_KEYS) {
      const kv = kvs.find((x) => x.type === 'TOMLKeyValue' && x.key!.keys.length === 1 && keyName(x.key!.keys[0]!) === k);
      if (kv) return scalar(kv.value);
    }
    return undefined;
  };
  const valueChildren = (v: TomlNode, path: string): OracleSymbol[] => {
    if (v.type === 'TOMLInlineTable') return keyValues(v.body!, path);
    if (v.type !== 'TOMLArray') return [];
    const items = v.elements!;
    const labels = uniqueLabels(items.map((x) => (x.type === 'TOMLInlineTable' ? labelOf(x.body!) : undefined)));
    return items.map((x, i) => {
      const name = itemSegment(path, i, labels[i]);
      return sym(name, 'item', x.loc.start.line, x.loc.end.line, valueChildren(x, name));
    });
  };
  const keyValues = (kvs: readonly TomlNode[], path: string | undefined): OracleSymbol[] =>
    kvs.map((kv) => {
      const name = kv.key!.keys.reduce<string | undefined>((p, k) => keySegment(p, keyName(k)), path)!;
      return sym(name, 'key', kv.loc.start.line, kv.value!.loc.end.line, valueChildren(kv.value!, name));
    });

  const top = ast.body[0]!.body;
  const tables = top.filter((t) => t.type === 'TOMLTable');
  // Array-of-tables elements by their resolved path (the parser numbers them), grouped per array.
  const labelAt = new Map<string, string | undefined>();
  const groups = new Map<string, string[]>();
  for (const t of tables) {
    if (t.kind !== 'array') continue;
    const rk = t.resolvedKey!;
    const group = JSON.stringify(rk.slice(0, -1));
    groups.set(group, [...(groups.get(group) ?? []), JSON.stringify(rk)]);
    labelAt.set(JSON.stringify(rk), labelOf(t.body!));
  }
  const finalLabel = new Map<string, string | undefined>();
  for (const members of groups.values()) {
    const labels = uniqueLabels(members.map((m) => labelAt.get(m)));
    members.forEach((m, i) => finalLabel.set(m, labels[i]));
  }
  const out = keyValues(top.filter((t) => t.type === 'TOMLKeyValue'), undefined);
  for (const t of tables) {
    const rk = t.resolvedKey!;
    let name: string | undefined;
    rk.forEach((seg, i) => {
      name = typeof seg === 'number' ? itemSegment(name, seg, finalLabel.get(JSON.stringify(rk.slice(0, i + 1)))) : keySegment(name, seg);
    });
    const body = t.body!;
    const last = body.length ? body.at(-1)!.loc.end.line : t.loc.start.line;
    out.push(sym(name!, 'table', t.loc.start.line, last, keyValues(body, name)));
  }
  out.sort((a, b) => a.startLine - b.startLine);
  return prune(out);
}

// ---------------------------------------------------------------- Markdown (markdown-it line maps)

const md = new MarkdownIt({ html: true });

function markdownOutline(text: string): StructuredOutline {
  const lines = text.split('\n');
  const out: OracleSymbol[] = [];
  let body = text;
  // Front matter is not Markdown: markdown-it would read it as a thematic break and a heading.
  if (/^---[ \t\r]*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t\r]*$/.test(l));
    if (close > 0) {
      out.push(sym('front matter', 'section', 1, close + 1));
      body = lines.map((l, i) => (i <= close ? '' : l)).join('\n');
    }
  }
  const tokens = md.parse(body, {});
  const heads: Array<{ level: number; title: string; start: number; line: number }> = [];
  tokens.forEach((t, i) => {
    // Top-level headings only (not in a list item or a quote).
    if (t.type === 'heading_open' && t.level === 0 && t.map) {
      heads.push({ level: Number(t.tag.slice(1)), title: tokens[i + 1]!.content.replace(/\s+/g, ' ').trim(), start: t.map[0] + 1, line: t.map[1] });
    }
  });
  const blank = (n: number) => /^[ \t\r]*$/.test(lines[n - 1] ?? '');
  const stack: Array<{ level: number; s: OracleSymbol; seen: Map<string, number> }> = [];
  const topSeen = new Map<string, number>();
  heads.forEach((h, n) => {
    const next = heads.slice(n + 1).find((x) => x.level <= h.level);
    let last = next ? next.start - 1 : lines.length;
    while (last > h.line && blank(last)) last--;
    while (stack.length && stack.at(-1)!.level >= h.level) stack.pop();
    const parent = stack.at(-1);
    const seen = parent ? parent.seen : topSeen;
    const count = (seen.get(h.title) ?? 0) + 1;
    seen.set(h.title, count);
    const own = count > 1 ? `${h.title} (${count})` : h.title;
    const s = sym(parent ? `${parent.s.name} > ${own}` : own, 'section', h.start, Math.max(h.line, last));
    (parent ? parent.s.children : out).push(s);
    stack.push({ level: h.level, s, seen: new Map() });
  });
  return out;
}

export function structuredOutline(text: string, format: StructuredFormat): StructuredOutline {
  switch (format) {
    case 'json':
      return jsonOutline(text);
    case 'yaml':
      return yamlOutline(text);
    case 'toml':
      return tomlOutline(text);
    case 'markdown':
      return markdownOutline(text);
    case 'ini':
      throw new Error('no INI oracle: INI/.env are covered by unit tests only');
  }
}
