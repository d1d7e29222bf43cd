/** One named declaration in a source file, as the symbol resolver reports it. */
export interface SymbolSpan {
  /** Qualified by its containers, joined with '.': `Outer.Inner.method`, `impl Foo.bar`. */
  name: string;
  /**
   * function, method, class, struct, enum, interface, trait, impl, type, module, variable, property, ...
   * In structured files: key, item (of a list), table (TOML), section (Markdown, INI, a YAML document).
   */
  kind: string;
  /** 1-based, inclusive: the declaration's own lines (leading decorators/annotations/attributes included). */
  startLine: number;
  endLine: number;
}

/** A named symbol with the symbols declared directly inside it. */
export interface SymbolNode extends SymbolSpan {
  children: SymbolNode[];
}

/** A programming language: declarations are its symbols. */
export type CodeLanguage =
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'jsx'
  | 'python'
  | 'go'
  | 'rust'
  | 'swift'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'c'
  | 'cpp'
  | 'ruby'
  | 'php';

/** A structured file format: keys, list items, tables and sections are its symbols. */
export type StructuredFormat = 'json' | 'yaml' | 'toml' | 'markdown' | 'ini';

export type Language = CodeLanguage | StructuredFormat;

/** 1-based inclusive line range of an edit. */
export type LineRange = readonly [start: number, end: number];
