// TOML (Cargo.toml, pyproject.toml): tables (`dependencies`, `tool.ruff`), their keys
// (`dependencies.serde`), `[[bin]]` entries by their `name` (`bin["cli"]`) or index, and the items of
// arrays that span lines (`project.dependencies[2]`).
import { itemSegment, keySegment, LABEL_KEYS, node, pruneOneLiners, TextCursor, uniqueLabels, UnparsableFile } from './structured.js';
import type { SymbolNode } from './types.js';

type Value =
  | { type: 'array'; start: number; end: number; items: Value[] }
  | { type: 'table'; start: number; end: number; members: Member[] }
  | { type: 'scalar'; start: number; end: number; text: string };

interface Member {
  key: string[];
  line: number;
  value: Value;
}

/** An element of an array of tables; its label is known once its keys are read. */
interface Element {
  group: string;
  index: number;
  label?: string;
}

type Part = { key: string } | { element: Element };

interface Table {
  parts: Part[];
  line: number;
  members: Member[];
}

class Reader extends TextCursor {
  /** Spaces and tabs only (a value or key must end its line). */
  spaces(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
  }

  /** Whitespace, line breaks and comments (between statements and inside arrays). */
  skip(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === '\n') {
        this.line++;
        this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') this.pos++;
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.src.length : nl;
      } else return;
    }
  }

  /** After a statement: only a comment may follow on its line. */
  endOfLine(): void {
    this.spaces();
    const c = this.src[this.pos];
    if (c === '#') {
      const nl = this.src.indexOf('\n', this.pos);
      this.pos = nl < 0 ? this.src.length : nl;
    } else if (c === '\r' && this.src[this.pos + 1] === '\n') this.pos++;
    else if (c !== '\n' && c !== undefined) this.fail('expected the end of the line');
  }

  countLines(from: number, to: number): void {
    for (let i = this.src.indexOf('\n', from); i >= 0 && i < to; i = this.src.indexOf('\n', i + 1)) this.line++;
  }

  /** A one-line string, unescaped for keys and labels. */
  quoted(): string {
    const s = this.src;
    const q = s.charCodeAt(this.pos);
    let escaped = false;
    let i = this.pos + 1;
    for (;;) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c) || c === 10) this.fail('unterminated string');
      if (c === q) break;
      if (c === 92 && q === 34) {
        escaped = true;
        i += 2;
        continue;
      }
      i++;
    }
    const raw = s.slice(this.pos + 1, i);
    this.pos = i + 1;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw.replace(/\\U([0-9a-fA-F]{8})/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))}"`) as string;
    } catch {
      return raw;
    }
  }

  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.spaces();
      const c = this.src[this.pos];
      if (c === '"' || c === "'") parts.push(this.quoted());
      else {
        const m = /[A-Za-z0-9_-]+/y;
        m.lastIndex = this.pos;
        const hit = m.exec(this.src);
        if (!hit) this.fail('expected a key');
        parts.push(hit[0]);
        this.pos += hit[0].length;
      }
      this.spaces();
      if (this.src[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  value(): Value {
    const s = this.src;
    const start = this.line;
    const c = s[this.pos];
    if (s.startsWith('"""', this.pos) || s.startsWith("'''", this.pos)) {
      const q = s.slice(this.pos, this.pos + 3);
      let i = this.pos + 3;
      for (;;) {
        const at = s.indexOf(q, i);
        if (at < 0) this.fail('unterminated multi-line string');
        if (q === '"""' && isEscaped(s, at)) {
          i = at + 1;
          continue;
        }
        let end = at + 3;
        while (s[end] === q[0] && end < at + 5) end++; // up to two quotes of the content may end it
        this.countLines(this.pos, end);
        this.pos = end;
        return { type: 'scalar', start, end: this.line, text: '' };
      }
    }
    if (c === '"' || c === "'") return { type: 'scalar', start, end: start, text: this.quoted() };
    if (c === '[') {
      const items = this.list(']', () => this.value());
      return { type: 'array', start, end: this.line, items };
    }
    if (c === '{') {
      const members = this.list('}', (): Member => {
        const line = this.line;
        const key = this.key();
        if (s[this.pos] !== '=') this.fail('expected "="');
        this.pos++;
        this.spaces();
        return { key, line, value: this.value() };
      });
      return { type: 'table', start, end: this.line, members };
    }
    // Numbers, booleans, dates (`1979-05-27 07:32:00Z` has a space).
    const m = /[A-Za-z0-9_+\-.:]+(?: [0-9][0-9:.+\-Z]*)?/y;
    m.lastIndex = this.pos;
    const hit = m.exec(s);
    if (!hit || !BARE_VALUE.test(hit[0])) this.fail(`not a value: ${JSON.stringify(hit?.[0] ?? c ?? 'end of file')}`);
    this.pos += hit[0].length;
    return { type: 'scalar', start, end: start, text: hit[0] };
  }
}

/** Booleans, numbers (decimal, hex, octal, binary, inf, nan) and dates: `proc-macro = tru` is a file mid-edit. */
const BARE_VALUE =
  /^(?:true|false|[+-]?(?:inf|nan)|[+-]?\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d[\d_]*)?|0x[\dA-Fa-f_]+|0o[0-7_]+|0b[01_]+|\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

function isEscaped(s: string, at: number): boolean {
  let n = 0;
  while (s[at - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

function labelOf(members: readonly Member[]): string | undefined {
  for (const k of LABEL_KEYS) {
    const m = members.find((x) => x.key.length === 1 && x.key[0] === k);
    if (m) return m.value.type === 'scalar' ? m.value.text : undefined;
  }
  return undefined;
}

function valueChildren(v: Value, path: string, defined: Defined): SymbolNode[] {
  if (v.type === 'table') return membersOf(v.members, path, defined);
  if (v.type !== 'array') return [];
  const labels = uniqueLabels(v.items.map((x) => (x.type === 'table' ? labelOf(x.members) : undefined)));
  return v.items.map((x, i) => {
    const name = itemSegment(path, i, labels[i]);
    return node(name, 'item', x.start, x.end, valueChildren(x, name, defined));
  });
}

/**
 * What a TOML file has defined so far: tables and keys (each defined once: a line lost mid-edit often
 * repeats one), and which of them are keys given a value (complete: `a = 1` then `a.b = 2` or `[a.b]`
 * is an error).
 */
interface Defined {
  names: Set<string>;
  values: Set<string>;
}

function membersOf(members: readonly Member[], path: string | undefined, defined: Defined): SymbolNode[] {
  return members.map((m) => {
    let name = path;
    for (const k of m.key) {
      if (name !== undefined && name !== path && defined.values.has(name)) throw new UnparsableFile('toml', m.line, `${name} is a value`);
      name = keySegment(name, k);
    }
    if (defined.names.has(name!)) throw new UnparsableFile('toml', m.line, `${name} defined twice`);
    defined.names.add(name!);
    defined.values.add(name!);
    return node(name!, 'key', m.line, m.value.end, valueChildren(m.value, name!, defined));
  });
}

export function outlineToml(text: string): SymbolNode[] {
  const r = new Reader(text, 'toml');
  const root: Member[] = [];
  const tables: Table[] = [];
  const current = new Map<string, Element>(); // array-of-tables path -> its latest element
  const counts = new Map<string, number>();
  let members = root;
  for (;;) {
    r.skip();
    if (r.pos >= text.length) break;
    const line = r.line;
    if (text[r.pos] === '[') {
      const isArray = text[r.pos + 1] === '[';
      r.pos += isArray ? 2 : 1;
      const segments = r.key();
      if (!text.startsWith(isArray ? ']]' : ']', r.pos)) r.fail('expected "]"');
      r.pos += isArray ? 2 : 1;
      r.endOfLine();
      const parts: Part[] = [];
      let id = '';
      segments.forEach((seg, k) => {
        parts.push({ key: seg });
        id += '\0' + seg;
        if (isArray && k === segments.length - 1) {
          const index = counts.get(id) ?? 0;
          counts.set(id, index + 1);
          const element: Element = { group: id, index };
          current.set(id, element);
          parts.push({ element });
          id += `#${index}`;
        } else {
          const element = current.get(id);
          if (element) {
            parts.push({ element });
            id += `#${element.index}`;
          }
        }
      });
      const table: Table = { parts, line, members: [] };
      tables.push(table);
      members = table.members;
      continue;
    }
    const key = r.key();
    if (text[r.pos] !== '=') r.fail('expected "="');
    r.pos++;
    r.spaces();
    members.push({ key, line, value: r.value() });
    r.endOfLine();
  }

  // Labels of array-of-tables elements: kept where unique among the elements of their array.
  const groups = new Map<string, Element[]>();
  for (const t of tables) {
    const last = t.parts.at(-1)!;
    if ('element' in last) {
      last.element.label = labelOf(t.members);
      const group = groups.get(last.element.group);
      if (group) group.push(last.element);
      else groups.set(last.element.group, [last.element]);
    }
  }
  const finalLabel = new Map<Element, string | undefined>();
  for (const els of groups.values()) {
    const labels = uniqueLabels(els.map((e) => e.label));
    els.forEach((e, i) => finalLabel.set(e, labels[i]));
  }
  const render = (parts: readonly Part[]) =>
    parts.reduce<string | undefined>((s, p) => ('key' in p ? keySegment(s, p.key) : itemSegment(s, p.element.index, finalLabel.get(p.element))), undefined)!;

  const defined: Defined = { names: new Set(), values: new Set() };
  const out = membersOf(root, undefined, defined);
  for (const t of tables) {
    const name = render(t.parts);
    if (defined.names.has(name)) throw new UnparsableFile('toml', t.line, `${name} defined twice`);
    for (let k = 1; k < t.parts.length; k++) {
      const prefix = render(t.parts.slice(0, k));
      if (defined.values.has(prefix)) throw new UnparsableFile('toml', t.line, `${prefix} is a value`);
    }
    defined.names.add(name);
    const children = membersOf(t.members, name, defined);
    const end = t.members.length ? t.members.at(-1)!.value.end : t.line;
    out.push(node(name, 'table', t.line, end, children));
  }
  return pruneOneLiners(out);
}
