// The same boundaries asked of every language: where naive outliners fail (the comment above a
// declaration, a member's signature and closing line, the gap between members, the container's own
// closing line, the line after it, a range across two members), around a member whose body holds a
// string and a comment full of brackets and keywords. Language-specific cases live in the per-language
// files; this one makes sure none of the fifteen is left out of the basic ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../../src/symbols/index.js';
import { lineOf, namesAt, source } from './symbols-support.js';

interface Case {
  language: Language;
  text: string;
  /** The container and its two members as the resolver names them. */
  box: string;
  run: string;
  stop: string;
  /** Lines, by a unique piece of their text; boxClose and after may be '' (no such line). */
  lines: { commentAbove: string; runHead: string; runString: string; runComment: string; runClose: string; gap: string; stopHead: string; boxClose: string; after: string };
}

/** `}` lines are ambiguous by content: the fixture marks the ones the test names with a comment. */
const cases: Case[] = [
  {
    language: 'typescript',
    text: source(
      'import { x } from "./x";',
      '// note: Box holds things',
      'export class Box<T> {',
      '  @logged()',
      '  run(a: T): string {',
      '    const s = "} class Fake {" + `${a} }` + /[}{]/g.source;',
      '    /* runComment { */',
      '    return s;',
      '  } // runClose',
      '',
      '  stop(): void {}',
      '} // boxClose',
      'console.log(x);',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '@logged', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'stop()', boxClose: 'boxClose', after: 'console.log' },
  },
  {
    language: 'javascript',
    text: source(
      'const x = require("x");',
      '// note: Box holds things',
      'class Box {',
      '  run(a) {',
      "    const s = '} class Fake {' + `${a} }` + /[}{]/g.source;",
      '    // runComment {',
      '    return s;',
      '  } // runClose',
      '',
      '  stop() {}',
      '} // boxClose',
      'module.exports = Box;',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: 'run(a)', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'stop()', boxClose: 'boxClose', after: 'module.exports' },
  },
  {
    language: 'tsx',
    text: source(
      'import React from "react";',
      '// note: Box holds things',
      'export class Box extends React.Component<Props> {',
      '  run() {',
      '    return <div title="} class Fake {">{"}"} don\'t {this.props.a}</div>;',
      '    /* runComment { */',
      '  } // runClose',
      '',
      '  stop = () => <span>{"{"}</span>;',
      '} // boxClose',
      'export default Box;',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: 'run()', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'stop =', boxClose: 'boxClose', after: 'export default' },
  },
  {
    language: 'jsx',
    text: source(
      'import React from "react";',
      '// note: Box holds things',
      'export default class Box extends React.Component {',
      '  run() {',
      '    return <p className="} class Fake {">{`}`} it\'s {this.props.a}</p>;',
      '    // runComment {',
      '  } // runClose',
      '',
      '  stop() { return null; }',
      '} // boxClose',
      'Box.propTypes = {};',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: 'run()', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'stop()', boxClose: 'boxClose', after: 'propTypes' },
  },
  {
    language: 'python',
    text: source(
      'import os',
      '# note: Box holds things',
      'class Box:',
      '    @staticmethod',
      '    def run(a):',
      '        s = """} class Fake:',
      'def not_real(): pass"""',
      '        # runComment {',
      '        return s  # runClose',
      '',
      '    def stop(self):',
      '        return None',
      '',
      'print(Box)',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '@staticmethod', runString: 'not_real', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'def stop', boxClose: '', after: 'print(Box)' },
  },
  {
    language: 'go',
    text: source(
      'package box',
      '',
      '// note: Box holds things',
      'type Box[T any] struct {',
      '\titems []T',
      '} // boxClose',
      '',
      'func (b *Box[T]) Run() string {',
      '\ts := `} func Fake() {` + "}" + string(\'}\')',
      '\t// runComment {',
      '\treturn s',
      '} // runClose',
      '',
      'func (b *Box[T]) Stop() {}',
      'var after = 1',
    ),
    box: 'Box', run: 'Box.Run', stop: 'Box.Stop',
    lines: { commentAbove: 'note:', runHead: 'Run()', runString: 'func Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'Stop()', boxClose: 'boxClose', after: '' },
  },
  {
    language: 'rust',
    text: source(
      'use std::fmt;',
      '// note: Box holds things',
      'impl<T: fmt::Debug> Box<T> {',
      '    #[inline]',
      '    fn run(&self) -> String {',
      '        let s = r#"} fn fake() {"#.to_string() + "}";',
      '        /* runComment { /* nested } */ */',
      '        s',
      '    } // runClose',
      '',
      '    pub fn stop(&mut self) {}',
      '} // boxClose',
      '// after',
    ),
    box: 'impl Box', run: 'impl Box.run', stop: 'impl Box.stop',
    lines: { commentAbove: 'note:', runHead: '#[inline]', runString: 'fn fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'pub fn stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'swift',
    text: source(
      'import Foundation',
      '/// note: Box holds things',
      'extension Box where T: Equatable {',
      '    @discardableResult',
      '    func run() -> String {',
      '        let s = #"} func fake() {"# + "\\(items.count) }"',
      '        /* runComment { /* nested } */ */',
      '        return s',
      '    } // runClose',
      '',
      '#if os(iOS)',
      '    func stop() {}',
      '#endif',
      '} // boxClose',
      'print(1) // after',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '@discardableResult', runString: 'func fake', runComment: 'runComment', runClose: 'runClose', gap: '#if os', stopHead: 'func stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'java',
    text: source(
      'package box;',
      '/** note: Box holds things */',
      'public class Box<T> {',
      '    @Override',
      '    String run() {',
      '        String s = """',
      '            } class Fake {',
      '            """ + "}" + \'}\';',
      '        // runComment {',
      '        return s;',
      '    } // runClose',
      '',
      '    void stop() {}',
      '} // boxClose',
      '// after',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '@Override', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'void stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'kotlin',
    text: source(
      'package box',
      '/** note: Box holds things */',
      'class Box<T>(val items: List<T>) {',
      '    @JvmStatic',
      '    fun run(): String {',
      '        val s = """} fun fake() {""" + "${items.size} }"',
      '        /* runComment { /* nested } */ */',
      '        return s',
      '    } // runClose',
      '',
      '    fun stop() {}',
      '} // boxClose',
      '// after',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '@JvmStatic', runString: 'fun fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'fun stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'csharp',
    text: source(
      'using System;',
      '/// <summary>note: Box holds things</summary>',
      'public class Box<T> {',
      '    [Obsolete]',
      '    string Run() {',
      '        var s = @"} class Fake {" + $"{items.Count} }}" + """ } """;',
      '        // runComment {',
      '        return s;',
      '    } // runClose',
      '',
      '#region more',
      '    void Stop() {}',
      '#endregion',
      '} // boxClose',
      '// after',
    ),
    box: 'Box', run: 'Box.Run', stop: 'Box.Stop',
    lines: { commentAbove: 'note:', runHead: '[Obsolete]', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '#region', stopHead: 'void Stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'c',
    text: source(
      '#include <stdio.h>',
      '/* note: Box holds things */',
      'struct Box {',
      '  int items;',
      '}; // boxClose',
      '',
      'static const char *run(struct Box *b)',
      '{',
      '  const char *s = "} struct Fake {";',
      '  /* runComment { */',
      '#define RUN_MACRO {',
      '  return s;',
      '} // runClose',
      '',
      'void stop(void) {}',
      'int after;',
    ),
    box: 'Box', run: 'run', stop: 'stop',
    lines: { commentAbove: 'note:', runHead: 'static const char', runString: 'struct Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'void stop', boxClose: 'boxClose', after: '' },
  },
  {
    language: 'cpp',
    text: source(
      '#include <string>',
      '// note: Box holds things',
      'template <typename T>',
      'class Box {',
      ' public:',
      '  std::string run() const {',
      '    auto s = R"x(} class Fake {)x" + std::string("}");',
      '    // runComment {',
      '#if 0',
      '    }',
      '#endif',
      '    return s;',
      '  } // runClose',
      '',
      '  void stop() {}',
      '}; // boxClose',
      '// after',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: 'std::string run', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'void stop', boxClose: 'boxClose', after: '// after' },
  },
  {
    language: 'ruby',
    text: source(
      'require "set"',
      '# note: Box holds things',
      'class Box',
      '  def run',
      '    s = <<~TEXT + %q(end) + "#{items.size} end"',
      '      end class Fake',
      '    TEXT',
      '    # runComment def',
      '    s',
      '  end # runClose',
      '',
      '  def stop; end',
      'end # boxClose',
      'puts Box',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: 'def run', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'def stop', boxClose: 'boxClose', after: 'puts Box' },
  },
  {
    language: 'php',
    text: source(
      '<?php',
      '// note: Box holds things',
      'class Box {',
      '    #[Pure]',
      '    function run(): string {',
      '        $s = <<<EOT',
      '        } class Fake {',
      '        EOT . "{$this->a} }" . \'}\';',
      '        # runComment {',
      '        return $s;',
      '    } // runClose',
      '',
      '    public function stop() {}',
      '} // boxClose',
      'echo new Box();',
    ),
    box: 'Box', run: 'Box.run', stop: 'Box.stop',
    lines: { commentAbove: 'note:', runHead: '#[Pure]', runString: 'class Fake', runComment: 'runComment', runClose: 'runClose', gap: '', stopHead: 'public function stop', boxClose: 'boxClose', after: 'echo new' },
  },
];

/** The line of a needle; '' names the first blank line after the member `run` closes. */
function line(c: Case, needle: string): number {
  if (needle !== '') return lineOf(c.text, needle);
  const lines = c.text.split('\n');
  const from = lineOf(c.text, c.lines.runClose);
  return lines.findIndex((l, i) => i >= from && l.trim() === '') + 1;
}

// Go and C have no containers holding members: the type is a sibling of the functions.
const flat = (c: Case) => c.language === 'go' || c.language === 'c';

for (const c of cases) {
  test(`${c.language}: comment above, signature, strings and comments in the body, closing lines, gaps, two members`, () => {
    const at = (needle: string, to = needle) => namesAt(c.text, c.language, line(c, needle), line(c, to));
    assert.deepEqual(at(c.lines.commentAbove), [], 'the comment above the container');
    assert.deepEqual(at(c.lines.runHead), [c.run], 'the first line of the member');
    assert.deepEqual(at(c.lines.runString), [c.run], 'a string full of brackets and keywords');
    assert.deepEqual(at(c.lines.runComment), [c.run], 'a comment with a bracket or a keyword');
    assert.deepEqual(at(c.lines.runClose), [c.run], "the member's closing line");
    assert.deepEqual(at(c.lines.gap), flat(c) ? [] : [c.box], 'the gap after the member');
    assert.deepEqual(at(c.lines.stopHead), [c.stop], 'the next member');
    assert.deepEqual(at(c.lines.runClose, c.lines.stopHead), flat(c) ? [c.run, c.stop] : [c.box, c.run, c.stop], 'a range across both members');
    // Python has no closing line: a class ends with its last statement.
    if (c.lines.boxClose) assert.deepEqual(at(c.lines.boxClose), [c.box], "the container's closing line");
    if (c.lines.after) assert.deepEqual(at(c.lines.after), [], 'the line after the container');
  });
}
