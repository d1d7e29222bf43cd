// Which lines of the file after an edit were changed, from Claude Code's structuredPatch hunks.

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

export function isHunk(v: unknown): v is Hunk {
  if (!v || typeof v !== 'object') return false;
  const h = v as Record<string, unknown>;
  return typeof h.newStart === 'number' && typeof h.newLines === 'number' && Array.isArray(h.lines);
}

/**
 * Edited line ranges (1-based, inclusive) in the new file. A pure deletion is located at the line
 * that now stands where the removed lines were, so deleting a function body still names the function.
 */
export function editedRanges(hunks: readonly Hunk[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const h of hunks) {
    let line = h.newStart;
    let start = -1;
    let end = -1;
    const mark = (l: number) => {
      if (start < 0 || l < start) start = l;
      if (l > end) end = l;
    };
    for (const raw of h.lines) {
      const c = typeof raw === 'string' ? raw[0] : ' ';
      if (c === '+') {
        mark(line);
        line++;
      } else if (c === '-') {
        mark(Math.max(1, line));
      } else if (c === '\\') {
        /* "\ No newline at end of file" */
      } else line++;
    }
    if (start < 0) {
      start = Math.max(1, h.newStart);
      end = Math.max(start, h.newStart + Math.max(0, h.newLines - 1));
    }
    out.push([start, end]);
  }
  return mergeRanges(out);
}

export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export function lineCount(text: string): number {
  if (text.length === 0) return 1;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The lines an Edit's old_string occupies in the current file (before the edit), if found once. */
export function rangeOfText(file: string, needle: string): [number, number] | undefined {
  if (!needle) return undefined;
  const at = file.indexOf(needle);
  if (at < 0) return undefined;
  const start = lineCount(file.slice(0, at + 1));
  const end = start + (needle.match(/\n/g)?.length ?? 0) - (needle.endsWith('\n') ? 1 : 0);
  return [start, Math.max(start, end)];
}
