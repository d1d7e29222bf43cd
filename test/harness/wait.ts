// Waiting in tests: poll a condition until a deadline, never sleep a fixed time and hope. A wait
// that times out names what it waited for; the deadline is generous because it only matters when
// the condition never comes (a loaded machine makes things slower, not different).

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `every` ms until it holds; fails naming `what` once `ms` have passed. */
export async function until(what: string, check: () => boolean | Promise<boolean>, { ms = 15_000, every = 25 } = {}): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await pause(every);
  }
}

/**
 * Something must NOT happen: polls `check` for `ms` and fails as soon as it stops holding. Stronger
 * than one look after a fixed sleep (a violation in between is caught), and it says what it guards.
 */
export async function holdsFor(what: string, check: () => boolean | Promise<boolean>, ms: number, every = 25): Promise<void> {
  const end = Date.now() + ms;
  do {
    if (!(await check())) throw new Error(`no longer true: ${what}`);
    await pause(every);
  } while (Date.now() < end);
}
