// JSON, JSONC and JSON5-style files: the path of keys (`dependencies.react`), array items by index
// (`workspaces[1]`) or by their `name`/`id`/`key` (`configurations["Launch"]`). Comments, trailing
// commas, single quotes and unquoted keys are accepted, as editors and tsconfig.json do.
import { itemSegment, keySegment, LABEL_KEYS, node, pruneOneLiners, TextCursor, uniqueLabels } from './structured.js';
import type { SymbolNode } from './types.js';

type Value =
  | { type: 'object'; start: number; end: number; members: Array<{ key: string; line: number; value: Value }> }
  | { type: 'array'; start: number; end: number; items: Value[] }
  | { type: 'scalar'; start: number; end: number; text: string };

class Reader extends TextCursor {
  /** Whitespace and comments. */
  skip(): void {
    const s = this.src;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === 10) {
        this.line++;
        this.pos++;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 0xa0 || c === 0x2028 || c === 0x2029) this.pos++;
      else if (c === 47 && s.charCodeAt(this.pos + 1) === 47) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else if (c === 47 && s.charCodeAt(this.pos + 1) === 42) {
        const close = s.indexOf('*/', this.pos + 2);
        if (close < 0) this.fail('unterminated comment');
        this.countLines(this.pos, close + 2);
        this.pos = close + 2;
      } else return;
    }
  }

  countLines(from: number, to: number): void {
    for (let i = this.src.indexOf('\n', from); i >= 0 && i < to; i = this.src.indexOf('\n', i + 1)) this.line++;
  }

  string(): string {
    const s = this.src;
    const quote = s[this.pos]!;
    let i = this.pos + 1;
    let out = '';
    let from = i;
    for (;;) {
      const c = s[i];
      if (c === undefined) this.fail('unterminated string');
      if (c === quote) break;
      if (c === '\n') this.fail('line break in a string');
      if (c === '\\') {
        out += s.slice(from, i);
        const e = s[i + 1];
        if (e === undefined) this.fail('unterminated string');
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          if (e === '\n') this.line++; // JSON5 line continuation
          else if (e === '\r' && s[i + 2] === '\n') {
            this.line++;
            i++;
          }
          out += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\n': '', '\r': '' } as Record<string, string>)[e] ?? e;
          i += 2;
        }
        from = i;
        continue;
      }
      i++;
    }
    out += s.slice(from, i);
    this.pos = i + 1;
    return out;
  }

  /** A number, literal or JSON5 unquoted key: a run of word characters. */
  word(): string {
    const m = /[A-Za-z0-9_$+\-.]+/y;
    m.lastIndex = this.pos;
    const hit = m.exec(this.src);
    if (!hit) this.fail(`unexpected ${JSON.stringify(this.src[this.pos] ?? 'end of file')}`);
    this.pos += hit[0].length;
    return hit[0];
  }

  value(): Value {
    this.skip();
    const c = this.src[this.pos];
    const start = this.line;
    if (c === '{') {
      const members = this.list('}', () => {
        const line = this.line;
        const k = this.src[this.pos];
        const key = k === '"' || k === "'" ? this.string() : this.word();
        this.skip();
        if (this.src[this.pos] !== ':') this.fail('expected ":"');
        this.pos++;
        return { key, line, value: this.value() };
      });
      return { type: 'object', start, end: this.line, members };
    }
    if (c === '[') {
      const items = this.list(']', () => this.value());
      return { type: 'array', start, end: this.line, items };
    }
    if (c === '"' || c === "'") {
      const text = this.string();
      return { type: 'scalar', start, end: this.line, text };
    }
    if (c === undefined) this.fail('value expected');
    const w = this.word();
    return { type: 'scalar', start, end: this.line, text: w };
  }
}

/** The value of an item's `name`, `id` or `key` member, if it is a scalar. */
function labelOf(v: Value): string | undefined {
  if (v.type !== 'object') return undefined;
  for (const k of LABEL_KEYS) {
    const m = v.members.find((x) => x.key === k);
    if (m) return m.value.type === 'scalar' ? m.value.text : undefined;
  }
  return undefined;
}

function childrenOf(v: Value, path: string | undefined): SymbolNode[] {
  if (v.type === 'object') {
    return v.members.map((m) => {
      const name = keySegment(path, m.key);
      return node(name, 'key', m.line, m.value.end, childrenOf(m.value, name));
    });
  }
  if (v.type === 'array') {
    const labels = uniqueLabels(v.items.map(labelOf));
    return v.items.map((item, i) => {
      const name = itemSegment(path, i, labels[i]);
      return node(name, 'item', item.start, item.end, childrenOf(item, name));
    });
  }
  return [];
}

export function outlineJson(text: string): SymbolNode[] {
  const r = new Reader(text, 'json');
  const root = r.value();
  r.skip();
  if (r.pos < text.length) r.fail('content after the top-level value');
  return pruneOneLiners(childrenOf(root, undefined));
}
