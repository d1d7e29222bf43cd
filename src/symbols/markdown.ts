// Markdown and MDX: a section is named by its heading path (`Install > From source`) and runs to
// the next heading of the same or a higher level. YAML front matter is its own symbol. Only headings
// at the top level count: a `#` line in a code block, an HTML comment, a list or a quote does not.
import { linesOf, node } from './structured.js';
import type { SymbolNode } from './types.js';

export const FRONT_MATTER = 'front matter';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
// HTML blocks that end at a closing tag or marker, whatever blank lines they hold (CommonMark 1-5).
const HTML_UNTIL: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
// HTML blocks that end at a blank line (CommonMark 6: block-level tags).
const HTML_BLOCK =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s/>]|$)/i;

// CommonMark 7: a line that is only one complete open or closing tag, ending at a blank line.
const HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;

interface Heading {
  level: number;
  text: string;
  start: number;
  /** The heading's last line: a setext heading's underline. */
  line: number;
}

const blank = (l: string) => /^[ \t]*$/.test(l);
const indentOf = (l: string) => l.length - l.trimStart().length;

/** The line numbers (1-based) of a front matter block at the top of the file, if any. */
export function frontMatter(lines: readonly string[]): [number, number] | undefined {
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return undefined;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)[ \t]*$/.test(lines[i]!)) return [1, i + 1];
  return undefined;
}

function headings(lines: readonly string[], from: number): Heading[] {
  const out: Heading[] = [];
  let fence: { char: string; len: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let htmlToBlank = false;
  let paragraph: number | undefined; // first line of a top-level paragraph still open
  let container = false; // inside a list item or a quote (lazy lines included)
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    if (fence) {
      const m = FENCE.exec(l);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len && blank(m[2]!)) fence = undefined;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(l)) htmlEnd = undefined;
      continue;
    }
    if (blank(l)) {
      paragraph = undefined;
      htmlToBlank = false;
      continue;
    }
    if (htmlToBlank) continue;
    const indent = indentOf(l);
    if (container && (indent >= 2 || (paragraph !== undefined && !LIST.test(l) && !BREAK.test(l) && !ATX.test(l) && !FENCE.test(l)))) {
      // A list item's own lines, or a lazy continuation of its paragraph.
      if (indent < 4 || paragraph !== undefined) paragraph = paragraph ?? i;
      continue;
    }
    if (container) {
      // The list or quote ends here; its paragraph cannot be underlined into a heading (`- a` then `---`).
      container = false;
      paragraph = undefined;
    }
    if (indent >= 4) continue; // indented code, or a paragraph's continuation line
    const fm = FENCE.exec(l);
    if (fm && !(fm[1]![0] === '`' && fm[2]!.includes('`'))) {
      fence = { char: fm[1]![0]!, len: fm[1]!.length };
      paragraph = undefined;
      continue;
    }
    const atx = ATX.exec(l);
    if (atx) {
      const text = atx[2]!.trim().replace(/(^|[ \t]+)#+$/, '').trim();
      out.push({ level: atx[1]!.length, text, start: i, line: i });
      paragraph = undefined;
      continue;
    }
    const setext = SETEXT.exec(l);
    if (setext && paragraph !== undefined) {
      const text = lines.slice(paragraph, i).map((x) => x.trim()).join(' ');
      out.push({ level: setext[1]![0] === '=' ? 1 : 2, text, start: paragraph, line: i });
      paragraph = undefined;
      continue;
    }
    if (BREAK.test(l)) {
      paragraph = undefined;
      continue;
    }
    const until = HTML_UNTIL.find(([open]) => open.test(l));
    if (until) {
      paragraph = undefined;
      if (!until[1].test(l.slice(l.indexOf('<') + 2))) htmlEnd = until[1];
      continue;
    }
    // Block-level tags may interrupt a paragraph; any other lone tag only starts a block of its own.
    if (HTML_BLOCK.test(l) || (paragraph === undefined && HTML_LONE_TAG.test(l))) {
      paragraph = undefined;
      htmlToBlank = true;
      continue;
    }
    if (LIST.test(l) || /^ {0,3}>/.test(l)) {
      container = true;
      // Lazy lines continue the item's paragraph only: not after `- # heading` or `- ` alone.
      const content = l.replace(/^ {0,3}(?:[-+*]|\d{1,9}[.)]|>)[ \t]*/, '');
      paragraph = content === '' || ATX.test(content) || FENCE.test(content) || BREAK.test(content) ? undefined : i;
      continue;
    }
    paragraph = paragraph ?? i;
  }
  return out;
}

export function outlineMarkdown(text: string): SymbolNode[] {
  const lines = linesOf(text);
  const roots: SymbolNode[] = [];
  const fm = frontMatter(lines);
  if (fm) roots.push(node(FRONT_MATTER, 'section', fm[0], fm[1]));
  const hs = headings(lines, fm ? fm[1] : 0);
  // A section ends before the next heading of its level or a higher one, on its last non-blank line.
  const lastContent = (before: number) => {
    let i = before - 1;
    while (i >= 0 && blank(lines[i]!)) i--;
    return i;
  };
  const stack: Array<{ level: number; node: SymbolNode; siblings: Map<string, number> }> = [];
  const topSiblings = new Map<string, number>();
  hs.forEach((h, n) => {
    let end = lines.length;
    for (let k = n + 1; k < hs.length; k++) {
      if (hs[k]!.level <= h.level) {
        end = hs[k]!.start;
        break;
      }
    }
    while (stack.length && stack.at(-1)!.level >= h.level) stack.pop();
    const parent = stack.at(-1);
    const siblings = parent ? parent.siblings : topSiblings;
    const title = h.text.replace(/\s+/g, ' ');
    const seen = (siblings.get(title) ?? 0) + 1;
    siblings.set(title, seen);
    // Two sections of one title under one parent (`Example`, twice) are told apart by their order.
    const own = seen > 1 ? `${title} (${seen})` : title;
    const name = parent ? `${parent.node.name} > ${own}` : own;
    const s = node(name, 'section', h.start + 1, Math.max(h.line, lastContent(end)) + 1);
    (parent ? parent.node.children : roots).push(s);
    stack.push({ level: h.level, node: s, siblings: new Map() });
  });
  return roots;
}
