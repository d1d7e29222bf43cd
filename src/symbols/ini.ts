// INI-style files (setup.cfg, tox.ini, .editorconfig, .gitconfig) and .env files: `[section]`
// headers and `key = value` / `key: value` / `export KEY=value` entries, named `section.key`. An
// indented line continues the entry above it (Python's configparser); a quoted .env value may span
// lines. Lines that are none of these belong to no entry: INI has no grammar to fail on.
import { linesOf, keySegment, node } from './structured.js';
import type { SymbolNode } from './types.js';

const SECTION = /^[ \t]*\[([^\]\n]*)\][ \t]*(?:[#;].*)?$/;
const ENTRY = /^[ \t]*(?:export[ \t]+)?([^=:\s#;[][^=:]*?)[ \t]*[=:]/;
const COMMENT = /^[ \t]*[#;]/;
const blank = (l: string) => /^[ \t]*$/.test(l);

/** Where a double- or single-quoted .env value opened on this line closes, or -1 if on this line. */
function quoteCloses(lines: readonly string[], i: number, valueAt: number): number {
  const l = lines[i]!;
  const q = l.slice(valueAt).trimStart()[0];
  if (q !== '"' && q !== "'") return -1;
  const open = l.indexOf(q, valueAt);
  const closesAt = (s: string, from: number) => {
    for (let j = from; j < s.length; j++) {
      if (q === '"' && s[j] === '\\') j++;
      else if (s[j] === q) return true;
    }
    return false;
  };
  if (closesAt(l, open + 1)) return -1;
  for (let k = i + 1; k < lines.length; k++) if (closesAt(lines[k]!, 0)) return k;
  return -1;
}

export function outlineIni(text: string): SymbolNode[] {
  const lines = linesOf(text);
  const roots: SymbolNode[] = [];
  let section: SymbolNode | undefined;
  let entry: SymbolNode | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (blank(l) || COMMENT.test(l)) continue;
    const s = SECTION.exec(l);
    if (s) {
      section = node(s[1]!.trim(), 'section', i + 1, i + 1);
      roots.push(section);
      entry = undefined;
      continue;
    }
    // configparser's continuation: an indented line after an entry is part of its value.
    if (entry && /^[ \t]/.test(l)) {
      entry.endLine = i + 1;
      if (section) section.endLine = i + 1;
      continue;
    }
    const e = ENTRY.exec(l);
    if (!e) {
      entry = undefined;
      continue;
    }
    const closes = quoteCloses(lines, i, e[0].length);
    const end = closes < 0 ? i + 1 : closes + 1;
    entry = node(keySegment(section?.name, e[1]!), 'key', i + 1, end);
    (section ? section.children : roots).push(entry);
    if (section) section.endLine = end;
    i = end - 1;
  }
  return roots;
}
