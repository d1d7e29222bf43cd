// The corpus files the hook-cost benchmarks edit: per language, the one closest to 300 lines.
import type { CodeLanguage as Language } from '../src/symbols/types.js';

export interface CorpusFile {
  language: Language;
  file: string;
  lines: number;
}

export function typicalFiles(files: CorpusFile[]): Map<Language, CorpusFile> {
  const typical = new Map<Language, CorpusFile>();
  for (const f of files) {
    const best = typical.get(f.language);
    if (!best || Math.abs(f.lines - 300) < Math.abs(best.lines - 300)) typical.set(f.language, f);
  }
  return typical;
}

export const extensionOf: Record<Language, string> = {
  typescript: 'ts', tsx: 'tsx', javascript: 'js', jsx: 'jsx', python: 'py', go: 'go', rust: 'rs', swift: 'swift',
  java: 'java', kotlin: 'kt', csharp: 'cs', c: 'c', cpp: 'cpp', ruby: 'rb', php: 'php',
};
