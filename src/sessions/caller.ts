// Which Claude Code session a process runs inside (a slash command's shell line, a Bash tool call):
// walk up the process tree to a process that has an entry in Claude Code's registry.
import { readFileSync } from 'node:fs';
import { sessionOfPid, type LiveSession } from './registry.js';
import { builtin } from '../store/builtins.js';

function parentOf(pid: number): number | undefined {
  let ppid: number;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // No /proc (macOS, BSD): ask ps. Only the CLI walks the tree, never a hook's hot path.
    const r = builtin('child_process')?.spawnSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
    ppid = r && r.status === 0 ? Number(r.stdout.trim()) : NaN;
  }
  return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
}

/**
 * Found by ancestry alone. CLAUDE_PID is not trusted here: anyone can set it, and a command that
 * believed it would send as that session and read (and mark read) its private mail. A process can
 * choose its environment, not its parents.
 */
export function enclosingSession(claudeDir: string): LiveSession | undefined {
  let pid: number | undefined = process.ppid;
  for (let depth = 0; pid && depth < 12; depth++) {
    const s = sessionOfPid(claudeDir, pid);
    if (s) return s;
    pid = parentOf(pid);
  }
  return undefined;
}
