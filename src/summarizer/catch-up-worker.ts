// Entry point of the short-lived catch-up worker (bundled as dist/summary-worker.mjs): reads one
// request from stdin, answers on stdout, exits. Its memory goes back to the OS when it exits,
// which is the point: see transcript-work.ts. Diagnostics go to stderr, which the server logs.
import { answerWorkerRequest, workerRequestFrom } from './worker-protocol.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
let parsed: unknown;
try {
  parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
} catch {
  parsed = undefined;
}
const request = workerRequestFrom(parsed);
if (!request) {
  process.stderr.write('summary worker: not a request\n');
  process.exitCode = 2;
} else {
  try {
    const answer = await answerWorkerRequest(request, { now: Date.now, log: (t) => process.stderr.write(`${t}\n`) });
    process.stdout.write(JSON.stringify(answer));
  } catch (e) {
    process.stderr.write(`summary worker: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
