// What every entry point needs from the resolver without loading any outliner: the language of a
// file, and the innermost-overlap rule. Hooks load the one outliner they need (see lazy.ts).
import type { Language, SymbolNode, SymbolSpan } from './types.js';

const byExtension: Record<string, Language> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'jsx',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', swift: 'swift',
  java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', hxx: 'cpp',
  rb: 'ruby', php: 'php',
  json: 'json', jsonc: 'json', json5: 'json',
  yaml: 'yaml', yml: 'yaml', toml: 'toml',
  md: 'markdown', mdx: 'markdown', markdown: 'markdown',
  ini: 'ini', cfg: 'ini', env: 'ini',
};

/** INI-style files known by their whole name. */
const byName: Record<string, Language> = {
  '.editorconfig': 'ini', '.gitconfig': 'ini', '.gitmodules': 'ini', '.npmrc': 'ini', '.pypirc': 'ini',
};

/** The language of a file by its name, or undefined: such files are tracked at file level. */
export function languageOf(filePath: string): Language | undefined {
  const base = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  // Lockfiles are written whole by package managers: file level, as before (most are ignored by default).
  if (/(^|[.-])lock(\.(json|jsonc|ya?ml|toml))?$/i.test(base)) return undefined;
  const known = byName[base.toLowerCase()];
  if (known) return known;
  // .env, .env.local, .env.production: the environment is named after the dot.
  if (/^\.env(\.[^/]+)?$/i.test(base)) return 'ini';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  return byExtension[base.slice(dot + 1).toLowerCase()];
}

export function innermostOverlapping(nodes: readonly SymbolNode[], start: number, end: number): SymbolSpan[] {
  const out: SymbolSpan[] = [];
  for (const n of nodes) {
    if (n.endLine < start || n.startLine > end) continue;
    const inner = innermostOverlapping(n.children, start, end);
    // The range touches the container outside all its children (a signature line, a closing brace,
    // a gap between members): the container itself is edited.
    const coveredByChildren = inner.length > 0 && coversOnlyChildren(n, start, end);
    if (!coveredByChildren) out.push({ name: n.name, kind: n.kind, startLine: n.startLine, endLine: n.endLine });
    out.push(...inner);
  }
  return out;
}

/** Children are in source order, so one sweep finds any line of the range they leave uncovered. */
function coversOnlyChildren(n: SymbolNode, start: number, end: number): boolean {
  let next = Math.max(start, n.startLine); // first line not yet known to be covered
  const last = Math.min(end, n.endLine);
  for (const c of n.children) {
    if (c.startLine > next) break;
    if (c.endLine >= next) next = c.endLine + 1;
    if (next > last) return true;
  }
  return next > last;
}
