// What the person sees, drawn from the server's view (src/sync/mod-watch.ts): one status line under
// the prompt while other sessions are live, and a toast for each conflict or message the first time
// it shows up. Pure: views in, texts out; the module draws them.
import type { PersonView } from '../core/watch.js';

const MAX_STATUS = 160;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The status line, or undefined when the session is alone (nothing is drawn then). */
export function statusLine(p: PersonView): string | undefined {
  if (p.others === 0) return undefined;
  const parts = [`context-sync: ${plural(p.others, 'other session', 'other sessions')} here`];
  if (p.conflicts.length) {
    const first = p.conflicts[0]!;
    const where = first.symbols.length ? `${first.file} ${first.symbols.map((s) => `\`${s}\``).join(', ')}` : first.file;
    const more = p.conflicts.length > 1 ? ` (+${p.conflicts.length - 1} more)` : '';
    parts.push(`conflict: ${where} with ${first.peer}${more}`);
  }
  if (p.unread.length) parts.push(plural(p.unread.length, 'unread message', 'unread messages'));
  const line = parts.join(' · ');
  return line.length > MAX_STATUS ? `${line.slice(0, MAX_STATUS - 3)}...` : line;
}

/** Toasts for what is new since `seen` (conflict keys and message ids); adds them to `seen`. */
export function newToasts(p: PersonView, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const c of p.conflicts) {
    if (seen.has(`c:${c.key}`)) continue;
    seen.add(`c:${c.key}`);
    const where = c.symbols.length ? `${c.file}: ${c.symbols.map((s) => `\`${s}\``).join(', ')}` : c.file;
    out.push(`context-sync: conflict in ${where} with ${c.peer}`);
  }
  for (const m of p.arrived ?? p.unread) {
    if (seen.has(`m:${m.id}`)) continue;
    seen.add(`m:${m.id}`);
    out.push(`context-sync: ${m.direct ? 'message' : 'broadcast'} from ${m.from}`);
  }
  return out;
}
