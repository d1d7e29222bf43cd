// Bring a session's digest up to date with its transcript: the reader and the digest wired
// together, slice by slice, so memory stays bounded however far behind the digest is.
import { addRecords } from './digest.js';
import { emptyDigest, type Digest } from './digest-types.js';
import { readNewRecords, type ReaderState, type ReadOptions } from './reader.js';

export interface TranscriptProgress {
  reader: ReaderState;
  digest: Digest;
}

export async function catchUp(path: string, progress: TranscriptProgress, options: ReadOptions = {}): Promise<TranscriptProgress> {
  let { reader, digest } = progress;
  for (;;) {
    const r = await readNewRecords(path, reader, options);
    // The file was rewritten: what the digest holds no longer describes it.
    if (r.restarted) digest = emptyDigest({ windowLimit: digest.windowLimit });
    if (r.records.length > 0) digest = addRecords(digest, r.records);
    reader = r.state;
    if (r.atEnd) return { reader, digest };
  }
}
