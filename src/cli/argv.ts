// Command-line words into a command, its arguments and its flags.
import { UserFacingError } from '../sync/messages.js';

const FLAGS = new Set(['--json', '--all-projects', '--stdin', '--mark-read', '--help', '--no-open', '--allow-actions', '--detach']);
/** Options that take a value: `--port 8080` or `--port=8080`. */
const VALUED = new Set(['--port', '--host']);

/** Flags anywhere, except in a message: after `send <target>` every word is text. */
export function parseArgv(argv: string[]): { cmd?: string; args: string[]; flags: Set<string>; options: Map<string, string> } {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const words: string[] = [];
  let literal = false;
  let valueFor: string | undefined;
  for (const a of argv) {
    const inText = words[0] === 'send' && words.length >= 2;
    if (valueFor) {
      options.set(valueFor, a);
      valueFor = undefined;
    } else if (!literal && !inText && VALUED.has(a.split('=')[0]!)) {
      const [name, ...rest] = a.split('=');
      if (rest.length) options.set(name!, rest.join('='));
      else valueFor = name;
    } else if (!literal && !inText && a === '-h') flags.add('--help');
    else if (literal || inText || !a.startsWith('--')) words.push(a);
    else if (a === '--') literal = true;
    else if (FLAGS.has(a)) flags.add(a);
    else throw new UserFacingError(`unknown option ${a}`);
  }
  if (valueFor) throw new UserFacingError(`${valueFor} needs a value`);
  const [cmd, ...args] = words;
  return { cmd, args, flags, options };
}
