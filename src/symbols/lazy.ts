// The resolver as hooks use it: only the edited file's language is loaded (a dynamic import of its
// outliner chunk). Every hook start-up pays to parse what it imports, and the thirteen outliners
// together are most of a hook bundle.
import { innermostOverlapping } from './core.js';
import type { Language, LineRange, SymbolNode, SymbolSpan } from './types.js';

async function outlineOf(text: string, language: Language): Promise<SymbolNode[]> {
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
    case 'jsx':
      return (await import('./typescript.js')).outlineTypeScript(text, language);
    case 'go':
      return (await import('./go.js')).outlineGo(text);
    case 'rust':
      return (await import('./rust.js')).outlineRust(text);
    case 'swift':
      return (await import('./swift.js')).outlineSwift(text);
    case 'java':
      return (await import('./java.js')).outlineJava(text);
    case 'kotlin':
      return (await import('./kotlin.js')).outlineKotlin(text);
    case 'csharp':
      return (await import('./csharp.js')).outlineCSharp(text);
    case 'c':
    case 'cpp':
      return (await import('./c.js')).outlineC(text, language);
    case 'php':
      return (await import('./php.js')).outlinePhp(text);
    case 'python':
      return (await import('./python.js')).outlinePython(text);
    case 'ruby':
      return (await import('./ruby.js')).outlineRuby(text);
  }
}

/** Same answer as enclosingSymbols() in index.ts, loading only the language needed. */
export async function enclosingSymbolsLazy(text: string, language: Language, ranges: readonly LineRange[]): Promise<SymbolSpan[][]> {
  const roots = await outlineOf(text, language);
  return ranges.map(([start, end]) => innermostOverlapping(roots, start, end));
}

export { languageOf } from './core.js';
