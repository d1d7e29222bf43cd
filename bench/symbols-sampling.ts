// Deterministic line ranges to ask the resolver about: boundaries first (where resolvers go wrong),
// then random single lines and small ranges.
import { createHash } from 'node:crypto';
import type { OracleSymbol } from './symbols-oracle.js';

export type RangeCategory =
  | 'signature'
  | 'attribute'
  | 'comment-above'
  | 'last-line'
  | 'after-end'
  | 'gap'
  | 'two-siblings'
  | 'random-line'
  | 'random-range';

export interface SampledRange {
  start: number;
  end: number;
  category: RangeCategory;
}

export const isBoundary = (c: RangeCategory) => c !== 'random-line' && c !== 'random-range';

/** mulberry32, seeded from a string: the same file always gets the same ranges. */
export function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const commentLine = /^\s*(\/\/|\/\*|\*|#(?![[!])|--|""")/;

/** Every boundary range the file offers, in a stable order. */
function boundaryCandidates(symbols: readonly OracleSymbol[], lines: readonly string[]): SampledRange[] {
  const out: SampledRange[] = [];
  const n = lines.length;
  const visit = (siblings: readonly OracleSymbol[]) => {
    siblings.forEach((s, i) => {
      out.push({ start: s.headLine, end: s.headLine, category: 'signature' });
      if (s.startLine < s.headLine) out.push({ start: s.startLine, end: s.startLine, category: 'attribute' });
      const above = s.startLine - 1;
      if (above >= 1 && commentLine.test(lines[above - 1] ?? '')) out.push({ start: above, end: above, category: 'comment-above' });
      if (s.endLine > s.headLine) out.push({ start: s.endLine, end: s.endLine, category: 'last-line' });
      if (s.endLine < n) out.push({ start: s.endLine + 1, end: s.endLine + 1, category: 'after-end' });
      const next = siblings[i + 1];
      if (next) {
        if (next.startLine - s.endLine > 1) {
          const gap = s.endLine + 1 + Math.floor((next.startLine - s.endLine - 1) / 2);
          out.push({ start: gap, end: gap, category: 'gap' });
        }
        if (next.startLine > s.endLine) out.push({ start: s.endLine, end: next.startLine, category: 'two-siblings' });
      }
      visit(s.children);
    });
  };
  visit(symbols);
  return out;
}

/** A shuffled copy (Fisher-Yates): interleaved benchmark rounds in an order noise cannot follow. */
export function shuffled<T>(xs: readonly T[], random: () => number): T[] {
  const order = [...xs];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * `boundaryTarget` boundary ranges drawn from the file's candidates (all of them if fewer), then random
 * ranges up to `total`. Ranges are clamped to the file.
 */
export function sampleRanges(seed: string, symbols: readonly OracleSymbol[], lines: readonly string[], total: number, boundaryTarget: number): SampledRange[] {
  const random = seededRandom(seed);
  const n = Math.max(1, lines.length);
  const candidates = boundaryCandidates(symbols, lines);
  const picked: SampledRange[] = [];
  // Partial Fisher-Yates: a uniform draw without replacement.
  for (let i = 0; i < candidates.length && picked.length < boundaryTarget; i++) {
    const j = i + Math.floor(random() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    picked.push(candidates[i]!);
  }
  while (picked.length < total) {
    const start = 1 + Math.floor(random() * n);
    if (random() < 0.6) picked.push({ start, end: start, category: 'random-line' });
    else picked.push({ start, end: Math.min(n, start + 1 + Math.floor(random() * 5)), category: 'random-range' });
  }
  return picked.map((r) => ({ ...r, start: Math.min(Math.max(1, r.start), n), end: Math.min(Math.max(1, r.end), n) }));
}
