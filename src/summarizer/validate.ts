// Every summary that crosses a boundary (a child's output, a cache file read back) is checked
// against the one schema. ajv is compiled once per process, on first use.
import { Ajv } from 'ajv';
import { sessionSummarySchema } from './schema.js';
import type { SessionSummary } from './types.js';

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator() {
  return (compiled ??= new Ajv({ allErrors: false, strict: false }).compile(sessionSummarySchema));
}

export function isSessionSummary(v: unknown): v is SessionSummary {
  return validator()(v) === true;
}

/** Why `v` is not a SessionSummary (first error), or undefined when it is one. */
export function summaryProblem(v: unknown): string | undefined {
  const validate = validator();
  if (validate(v)) return undefined;
  const e = validate.errors?.[0];
  return `${e?.instancePath || '/'} ${e?.message ?? 'invalid'}`;
}
