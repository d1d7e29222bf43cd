// Reading a persisted digest (digest.json in a session's store folder) back: its structure is
// checked before use, by the validator compiled from schema/digest.schema.json at build time (the
// one mechanism for everything read from disk), and a bad one is rejected whole (the transcript is
// then read again).
import { validateDigest } from '../generated/validators.js';
import type { Digest } from './digest-types.js';

/** A digest read back from disk (after JSON.parse), or undefined when it is not a valid digest. */
export function digestFrom(value: unknown): Digest | undefined {
  return validateDigest(value) ? (value as Digest) : undefined;
}
