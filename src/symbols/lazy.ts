// The resolver as hooks use it: only the edited file's language is loaded (a dynamic import of its
// outliner chunk). Every hook start-up pays to parse what it imports, and the thirteen outliners
// together are most of a hook bundle.
import { innermostOverlapping } from './core.js';
import type { Language, LineRange, SymbolNode, SymbolSpan } from './types.js';

/** The outline, complete for every symbol that overlaps lines up to untilLine (see scan() in scanner.ts). */
async function outlineOf(text: string, language: Language, untilLine?: number): Promise<SymbolNode[]> {
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
    case 'jsx':
      return (await import('./typescript.js')).outlineTypeScript(text, language, untilLine);
    case 'go':
      return (await import('./go.js')).outlineGo(text, untilLine);
    case 'rust':
      return (await import('./rust.js')).outlineRust(text, untilLine);
    case 'swift':
      return (await import('./swift.js')).outlineSwift(text, untilLine);
    case 'java':
      return (await import('./java.js')).outlineJava(text, untilLine);
    case 'kotlin':
      return (await import('./kotlin.js')).outlineKotlin(text, untilLine);
    case 'csharp':
      return (await import('./csharp.js')).outlineCSharp(text, untilLine);
    case 'c':
    case 'cpp':
      return (await import('./c.js')).outlineC(text, language, untilLine);
    case 'php':
      return (await import('./php.js')).outlinePhp(text, untilLine);
    case 'python':
      return (await import('./python.js')).outlinePython(text);
    case 'ruby':
      return (await import('./ruby.js')).outlineRuby(text);
    // Structured files are read whole: one that does not parse after the edit is tracked at file level.
    case 'json':
      return (await import('./json.js')).outlineJson(text);
    case 'yaml':
      return (await import('./yaml.js')).outlineYaml(text);
    case 'toml':
      return (await import('./toml.js')).outlineToml(text);
    case 'markdown':
      return (await import('./markdown.js')).outlineMarkdown(text);
    case 'ini':
      return (await import('./ini.js')).outlineIni(text);
  }
}

/** Same answer as enclosingSymbols() in index.ts, loading only the language needed (it throws as it does). */
export async function enclosingSymbolsLazy(text: string, language: Language, ranges: readonly LineRange[]): Promise<SymbolSpan[][]> {
  // Only the declarations up to the last edited line matter: the rest of the file need not be scanned.
  const untilLine = ranges.reduce((last, [, end]) => Math.max(last, end), 0);
  const roots = await outlineOf(text, language, untilLine);
  return ranges.map(([start, end]) => innermostOverlapping(roots, start, end));
}

/** The whole outline of a file, loading only its language's outliner. */
export function outlineLazy(text: string, language: Language): Promise<SymbolNode[]> {
  return outlineOf(text, language);
}

export { languageOf } from './core.js';
