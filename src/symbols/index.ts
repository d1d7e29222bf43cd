import { outlineC } from './c.js';
import { outlineCSharp } from './csharp.js';
import { outlineGo } from './go.js';
import { outlineIni } from './ini.js';
import { outlineJson } from './json.js';
import { outlineMarkdown } from './markdown.js';
import { outlineToml } from './toml.js';
import { outlineYaml } from './yaml.js';
import { outlineJava } from './java.js';
import { outlineKotlin } from './kotlin.js';
import { outlinePhp } from './php.js';
import { outlinePython } from './python.js';
import { outlineRuby } from './ruby.js';
import { outlineRust } from './rust.js';
import { outlineSwift } from './swift.js';
import type { Language, LineRange, SymbolNode, SymbolSpan } from './types.js';
import { outlineTypeScript } from './typescript.js';

export type { CodeLanguage, Language, LineRange, StructuredFormat, SymbolNode, SymbolSpan } from './types.js';
export { innermostOverlapping, languageOf } from './core.js';
export { UnparsableFile } from './structured.js';
import { innermostOverlapping } from './core.js';

/**
 * The tree of named symbols in a file, in source order. Pure: takes text, returns data. Throws
 * UnparsableFile for a structured file that does not parse (the edit is then tracked at file level).
 */
export function outline(text: string, language: Language): SymbolNode[] {
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
    case 'jsx':
      return outlineTypeScript(text, language);
    case 'go':
      return outlineGo(text);
    case 'rust':
      return outlineRust(text);
    case 'swift':
      return outlineSwift(text);
    case 'java':
      return outlineJava(text);
    case 'kotlin':
      return outlineKotlin(text);
    case 'csharp':
      return outlineCSharp(text);
    case 'c':
    case 'cpp':
      return outlineC(text, language);
    case 'php':
      return outlinePhp(text);
    case 'python':
      return outlinePython(text);
    case 'ruby':
      return outlineRuby(text);
    case 'json':
      return outlineJson(text);
    case 'yaml':
      return outlineYaml(text);
    case 'toml':
      return outlineToml(text);
    case 'markdown':
      return outlineMarkdown(text);
    case 'ini':
      return outlineIni(text);
  }
}

/** For each range, the innermost named symbols it overlaps (see docs/symbols.md). */
export function enclosingSymbols(text: string, language: Language, ranges: readonly LineRange[]): SymbolSpan[][] {
  const roots = outline(text, language);
  return ranges.map(([start, end]) => innermostOverlapping(roots, start, end));
}

