// Text that another session (or a repository, or anything else writing the store) controls, on its
// way to a model or a terminal. A peer writes its own meta.json, summary.json, edit records and the
// messages it sends; a repository names its branches and files. None of it may steer the reader:
// short fields become one plain line, long text stays inside a frame it cannot close, everything is
// capped, and what reaches a terminal carries no control sequence.

/**
 * Characters that are not text: C0 controls, DEL, C1 controls (0x9b is a one-byte CSI for some
 * terminals), zero-width and bidirectional-override marks (they make text read differently from
 * what it is), the BOM and interlinear annotations, and lone surrogates. Tab and newline are
 * handled by each caller.
 */
const NOT_TEXT =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A sender's label: a short id, a name and a branch (48 characters each), and what sent it. */
export const MAX_LABEL_CHARS = 160;

/** Cut to at most `max` characters (not splitting a surrogate pair), marking the cut. */
export function cap(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  if (end > 0 && /[\ud800-\udbff]/.test(s[end - 1]!)) end--;
  return s.slice(0, end) + '…';
}

/** Cut to at most `max` bytes of UTF-8 (not inside a character), followed by `note` when cut. */
export function cutBytes(text: string, max: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  return Buffer.from(text, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD$/, '') + note;
}

/**
 * A short field (a label, a task, a branch, a file or symbol name) as one plain line: no control
 * or invisible characters, no line breaks, no '<' and no '>' but as ' > ' (nothing that opens or closes a tag),
 * no backticks (nothing that ends the code span it may be shown in), at most `max` characters.
 * Anything that is not a string (a forged record) becomes ''.
 */
export function peerLine(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  // ' > ' stays: it separates a heading path (`Install > From source`), and with every '<' gone it
  // can neither open nor close a tag.
  const kept = v.replace(NOT_TEXT, ' ').replace(/ > /g, '\u0001').replace(/[<>`]/g, '').replace(/\u0001/g, ' > ');
  const edge = /^[\s>]+|[\s>]+$/g; // a separator with nothing on one side is no separator
  return cap(kept.replace(/\s+/g, ' ').replace(edge, ''), max).replace(edge, '');
}

/**
 * Long peer text shown inside a `<peer-...>` frame: line breaks and tabs kept, other control
 * characters dropped, and any closing tag of a peer frame (this one or another, any case, any
 * spacing) neutralised, so the text cannot end its frame early and go on as if it were the
 * reader's own context.
 */
export function framedText(s: string): string {
  // An unterminated `</peer-summary` counts too: a reader may take it for the frame's end.
  return s.replace(/\r\n?/g, '\n').replace(NOT_TEXT, '').replace(/<\s*\/\s*(peer-[a-z-]*)([^>]*>)?/gi, (_, t: string, end?: string) => `<\\/${t}${end ? '>' : ''}`);
}

/** What a terminal may act on: C0 (but tab and newline, handled per caller), DEL, C1, and invisible or reordering marks. */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const escaped = (c: string) => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Peer text for a terminal: every control character written out as a visible escape (`\x1b`,
 * `\u202e`), so no cursor move, erase, clipboard write (OSC 52) or bell reaches the person's
 * terminal. `keepNewlines` for message bodies, where line breaks and tabs are the text's own.
 */
export function forTerminal(s: string, keepNewlines = false): string {
  const out = s.replace(TERMINAL_UNSAFE, escaped);
  return keepNewlines ? out : out.replace(/[\t\n]/g, escaped);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0 controls, not DEL, C1 or the invisible
 * marks; written as \u escapes they mean the same to a JSON reader and nothing to a terminal.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The largest time a Date can hold (ms since the epoch); records with times outside ±this are bad. */
export const MAX_TIME = 8.64e15;

/** A time for display; an impossible one (a forged record, a clock gone wild) never throws. */
export function isoTime(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME ? new Date(ms).toISOString() : 'unknown time';
}

/** A list of short peer fields (file or symbol names, decisions): each one plain line, at most `maxItems` kept. */
export function peerLines(items: readonly unknown[], maxItems: number, maxChars: number): string[] {
  return items.slice(0, maxItems).map((x) => peerLine(x, maxChars)).filter(Boolean);
}
