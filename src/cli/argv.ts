// Command-line words into a command, its arguments and its flags.
import { UserFacingError } from '../sync/messages.js';

const FLAGS = new Set(['--json', '--all-projects', '--stdin', '--mark-read', '--help']);

/** Flags anywhere, except in a message: after `send <target>` every word is text. */
export function parseArgv(argv: string[]): { cmd?: string; args: string[]; flags: Set<string> } {
  const flags = new Set<string>();
  const words: string[] = [];
  let literal = false;
  for (const a of argv) {
    const inText = words[0] === 'send' && words.length >= 2;
    if (!literal && !inText && a === '-h') flags.add('--help');
    else if (literal || inText || !a.startsWith('--')) words.push(a);
    else if (a === '--') literal = true;
    else if (FLAGS.has(a)) flags.add(a);
    else throw new UserFacingError(`unknown option ${a}`);
  }
  const [cmd, ...args] = words;
  return { cmd, args, flags };
}
