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
 * A line replaced by itself plus or minus a trailing comma is not edited: appending an entry to a
 * JSON object or an argument list adds that comma to the entry before, and two sessions appending
 * different dependencies must not both be taken to edit the last one.
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
    const lines = h.lines.map((raw) => (typeof raw === 'string' ? raw : ' '));
    for (let i = 0; i < lines.length; ) {
      const c = lines[i]![0];
      if (c === '-' || c === '+') {
        // A change: removed lines, then the lines added in their place.
        const removed: string[] = [];
        const added: string[] = [];
        while (i < lines.length && lines[i]![0] === '-') removed.push(lines[i++]!.slice(1));
        while (i < lines.length && (lines[i]![0] === '+' || lines[i]![0] === '\\')) if (lines[i++]![0] === '+') added.push(lines[i - 1]!.slice(1));
        const at = Math.max(1, line);
        removed.forEach((r, k) => {
          if (!(k < added.length && commaOnly(r, added[k]!))) mark(at);
        });
        added.forEach((a, k) => {
          if (!(k < removed.length && commaOnly(removed[k]!, a))) mark(line + k);
        });
        line += added.length;
      } else {
        if (c !== '\\') line++; // "\ No newline at end of file" is no line
        i++;
      }
    }
    if (start < 0) {
      start = Math.max(1, h.newStart);
      end = Math.max(start, h.newStart + Math.max(0, h.newLines - 1));
    }
    out.push([start, end]);
  }
  return mergeRanges(out);
}

/** The two lines differ only by a trailing comma. */
function commaOnly(a: string, b: string): boolean {
  const x = a.trimEnd();
  const y = b.trimEnd();
  return x !== y && (x + ',' === y || y + ',' === x);
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

/**
 * The lines an Edit will change in the current file: those of its old_string, less the leading lines
 * it keeps (or only gives a trailing comma) and the trailing lines it keeps. An edit that only inserts
 * lines is located at the line the insertion will stand before. Appending `"yup"` after `"zod"` then
 * touches the line after `"zod"`, not `"zod"` itself, which a peer may have just added.
 */
export function rangeOfEdit(file: string, oldString: string, newString: unknown): [number, number] | undefined {
  const r = rangeOfText(file, oldString);
  if (!r || typeof newString !== 'string') return r;
  const before = oldString.split('\n');
  const after = newString.split('\n');
  let kept = 0;
  while (kept < before.length && kept < after.length && (before[kept] === after[kept] || commaOnly(before[kept]!, after[kept]!))) kept++;
  let keptAtEnd = 0;
  while (keptAtEnd < before.length - kept && keptAtEnd < after.length - kept && before[before.length - 1 - keptAtEnd] === after[after.length - 1 - keptAtEnd]) keptAtEnd++;
  const first = r[0] + kept;
  const last = Math.min(r[1], r[0] + before.length - 1 - keptAtEnd);
  if (first <= last) return [first, last];
  // Only an insertion: the line it will stand before (the file's last line at most).
  const at = Math.min(first, lineCount(file));
  return [at, at];
}
