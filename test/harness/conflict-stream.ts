// Random streams of actions for ConflictWorld, shared by the randomized test and its benchmark.
import fc from 'fast-check';
import { ConflictWorld, type Action, type Tally } from './conflict-world.js';

/** Four sessions, each a main thread and two subagents, in three files of five functions. */
export const SHAPE = { sessions: 4, files: 3, fns: 5, subagents: 2 };

/** Session and file numbers are taken modulo what exists when the action runs: any stream is valid. */
export function actionsArb(maxLength: number): fc.Arbitrary<Action[]> {
  const session = fc.nat(7);
  const file = fc.nat(SHAPE.files - 1);
  const action: fc.Arbitrary<Action> = fc.oneof(
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('edit' as const), session, file, fn: fc.nat(SHAPE.fns - 1), agent: fc.nat(SHAPE.subagents) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('prompt' as const), session }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('tool' as const), session, agent: fc.nat(SHAPE.subagents) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('commit' as const), files: fc.uniqueArray(file, { minLength: 1, maxLength: SHAPE.files }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('revert' as const), file }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), session, file }) },
    { weight: 1, arbitrary: fc.constantFrom<Action>({ kind: 'start' }) },
    { weight: 1, arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('end' as const), session }),
      fc.record({ kind: fc.constant('kill' as const), session }),
      fc.record({ kind: fc.constant('clear' as const), session }),
    ) },
  );
  return fc.array(action, { minLength: Math.ceil(maxLength / 2), maxLength, size: 'max' });
}

/** Run one stream in a fresh world; returns what was due and told. */
export async function runStream(actions: readonly Action[]): Promise<Tally>;
export async function runStream(actions: readonly Action[], opts: { withCost: true }): Promise<{ tally: Tally; editCost: ConflictWorld['editCost'] }>;
export async function runStream(actions: readonly Action[], opts?: { withCost: true }): Promise<unknown> {
  const world = new ConflictWorld(SHAPE);
  try {
    for (const a of actions) {
      const n = world.sessionCount();
      const fixed = 'session' in a ? { ...a, session: a.session % n } : a;
      await world.apply(fixed as Action);
    }
    return opts?.withCost ? { tally: world.tally, editCost: world.editCost } : world.tally;
  } finally {
    world.close();
  }
}
