/** One named declaration in a source file, as the symbol resolver reports it. */
export interface SymbolSpan {
  /** Qualified by its containers, joined with '.': `Outer.Inner.method`, `impl Foo.bar`. */
  name: string;
  /** function, method, class, struct, enum, interface, trait, impl, type, module, variable, property, ... */
  kind: string;
  /** 1-based, inclusive: the declaration's own lines (leading decorators/annotations/attributes included). */
  startLine: number;
  endLine: number;
}

/** A named symbol with the symbols declared directly inside it. */
export interface SymbolNode extends SymbolSpan {
  children: SymbolNode[];
}

export type Language =
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

/** 1-based inclusive line range of an edit. */
export type LineRange = readonly [start: number, end: number];
