// The conflict contract at full size: `node .build/bench/conflict-contract.js [--runs N] [--actions M] [--seed S]`
// (default 1000 streams of 200 actions). Prints recall and precision of the alerts against the
// reference model, repeats, mirrored-alert recall, and what an edit's hooks cost with a peer's open
// edit of the same function (the file is compared with HEAD) next to one without, in the same run.
import fc from 'fast-check';
import { actionsArb, runStream, SHAPE } from '../test/harness/conflict-stream.js';
import { addTally, emptyTally } from '../test/harness/conflict-world.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg('--runs', 1000);
const actions = arg('--actions', 200);
const seed = arg('--seed', Date.now() % 2 ** 31);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
};
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`);

console.log(`conflict contract: ${runs} streams of ${actions} actions, ${SHAPE.sessions} sessions x ${SHAPE.files} files x ${SHAPE.fns} functions, seed ${seed}`);
const streams = fc.sample(fc.array(actionsArb(actions), { minLength: 1, maxLength: 1 }).map((a) => a[0]!), { numRuns: runs, seed });
let total = emptyTally();
const atStake: number[] = [];
const plain: number[] = [];
const started = Date.now();
let failing = 0;
for (let i = 0; i < streams.length; i++) {
  const { tally, editCost } = await runStream(streams[i]!, { withCost: true });
  if (tally.violations.length) failing++;
  total = addTally(total, tally);
  atStake.push(...editCost.atStake);
  plain.push(...editCost.plain);
  if ((i + 1) % 100 === 0) console.log(`  ${i + 1} streams, ${Math.round((Date.now() - started) / 1000)} s`);
}
console.log(`alerts due: ${total.due}, told when due: ${total.dueTold} (recall ${pct(total.dueTold, total.due)})`);
console.log(`alerts given: ${total.told}, about a live conflict not told before: ${total.toldValid} (precision ${pct(total.toldValid, total.told)})`);
console.log(`told twice: ${total.duplicates}`);
console.log(`mirrored alerts due at the other side's next prompt or tool call: ${total.mirroredDue}, told: ${total.mirroredTold} (recall ${pct(total.mirroredTold, total.mirroredDue)})`);
console.log(`streams with a violation: ${failing} of ${streams.length}`);
for (const v of total.violations.slice(0, 10)) console.log(`  ${v}`);
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`edit hooks (PreToolUse + PostToolUse, in process), median: with a peer's open edit of the same function ${ms(median(atStake))} (${atStake.length} edits), without ${ms(median(plain))} (${plain.length}); difference ${ms(median(atStake) - median(plain))}, ratio ${(median(atStake) / median(plain)).toFixed(2)}x`);
process.exit(failing ? 1 : 0);
