import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlineRuby } from '../../src/symbols/ruby.js';
import { outlineQueries, template } from './symbols-support.js';

const { edited, span, allNames } = outlineQueries(outlineRuby);

test('modules, classes and methods are qualified by their containers; :: becomes a dot', () => {
  const text = template(`
module Billing
  class Invoice < Base
    def total
      lines.sum
    end
  end

  class Reports::Monthly
    def run; end
  end
end

def helper
end
`);
  assert.deepEqual(edited(text, 4), ['Billing.Invoice.total']);
  assert.deepEqual(span(text, 'Billing.Invoice.total'), [3, 5, 'method']);
  assert.deepEqual(span(text, 'Billing.Invoice'), [2, 6, 'class']);
  assert.deepEqual(span(text, 'Billing'), [1, 11, 'module']);
  assert.deepEqual(edited(text, 9), ['Billing.Reports.Monthly.run']);
  assert.deepEqual(span(text, 'helper'), [13, 14, 'function']);
  assert.deepEqual(edited(text, 7), ['Billing']);
});

test('def self.x and the defs of class << self are named after the class', () => {
  const text = template(`
class Factory
  def self.build(attrs)
    new(attrs)
  end

  class << self
    def create
      build({})
    end
  end
end
`);
  assert.deepEqual(edited(text, 3), ['Factory.build']);
  assert.deepEqual(edited(text, 8), ['Factory.create']);
  assert.deepEqual(span(text, 'Factory.create'), [7, 9, 'method']);
  // The `class << self` line itself is the class's.
  assert.deepEqual(edited(text, 6), ['Factory']);
  assert.deepEqual(span(text, 'Factory'), [1, 11, 'class']);
});

test('endless defs and operator methods', () => {
  const text = template(`
class Vec
  def x = @x
  def scaled(k) = Vec.new(
    @x * k
  )
  def ==(other)
    other.x == x
  end
  def []=(k, v)
    @h[k] = v
  end
  def <=>(o) = x <=> o.x
  def name=(v)
    @name = v
  end
  def -@; Vec.new(-x); end
end
`);
  assert.deepEqual(span(text, 'Vec.x'), [2, 2, 'method']);
  assert.deepEqual(span(text, 'Vec.scaled'), [3, 5, 'method']);
  assert.deepEqual(span(text, 'Vec.=='), [6, 8, 'method']);
  assert.deepEqual(span(text, 'Vec.[]='), [9, 11, 'method']);
  assert.deepEqual(span(text, 'Vec.<=>'), [12, 12, 'method']);
  assert.deepEqual(span(text, 'Vec.name='), [13, 15, 'method']);
  assert.deepEqual(span(text, 'Vec.-@'), [16, 16, 'method']);
  assert.deepEqual(span(text, 'Vec'), [1, 17, 'class']);
});

test('modifier if/unless/while/until take no end; statement forms do', () => {
  const text = template(`
class Guard
  def check(x)
    return unless x
    raise ArgumentError if x < 0
    x += 1 while x < 10
    begin
      x -= 1
    end until x.zero?
    if x > 5
      log(x)
    end
    y = if x then 1 else 2 end
    z = (x if x)
    [1, 2].each { |i| next if i; puts i }
  end

  def after; end
end
`);
  assert.deepEqual(span(text, 'Guard.check'), [2, 15, 'method']);
  assert.deepEqual(span(text, 'Guard.after'), [17, 17, 'method']);
  assert.deepEqual(span(text, 'Guard'), [1, 18, 'class']);
});

test('do...end blocks, begin/rescue/ensure, case/when and while...do', () => {
  const text = template(`
module Jobs
  def self.run(items)
    items.each do |item|
      case item
      when String then process(item)
      else skip
      end
    end
    begin
      work
    rescue StandardError => e
      warn e
    ensure
      cleanup
    end
    while (line = gets) do
      puts line
    end
    loop do break end
    for i in 1..3 do puts i end
  end

  def self.next_one; end
end
`);
  assert.deepEqual(span(text, 'Jobs.run'), [2, 21, 'method']);
  assert.deepEqual(edited(text, 23), ['Jobs.next_one']);
});

test('defs inside blocks at class level (Rails concerns) belong to the class', () => {
  const text = template(`
module Trackable
  extend ActiveSupport::Concern

  included do
    def track!
      save
    end
  end

  class_methods do
    def tracked
      all
    end
  end
end
`);
  assert.deepEqual(edited(text, 6), ['Trackable.track!']);
  assert.deepEqual(edited(text, 12), ['Trackable.tracked']);
  assert.deepEqual(edited(text, 4), ['Trackable']);
});

test('constants span their statement: multi-line literals, heredocs, continuations', () => {
  const text = template(`
module Config
  VERSION = "1.2"
  DEFAULTS = {
    timeout: 5,
    retries: 3,
  }.freeze
  QUERY = <<~SQL.strip
    SELECT * FROM t WHERE x = 'end'
    -- end
  SQL
  TOTAL = 1 +
    2
  CHAIN = Foo
    .bar
    .baz
  LIMIT ||= 3
  local = 1
  NAMES = %w[alpha beta]
end
`);
  assert.deepEqual(span(text, 'Config.VERSION'), [2, 2, 'constant']);
  assert.deepEqual(span(text, 'Config.DEFAULTS'), [3, 6, 'constant']);
  assert.deepEqual(span(text, 'Config.QUERY'), [7, 10, 'constant']);
  assert.deepEqual(span(text, 'Config.TOTAL'), [11, 12, 'constant']);
  assert.deepEqual(span(text, 'Config.CHAIN'), [13, 15, 'constant']);
  assert.deepEqual(edited(text, 9), ['Config.QUERY']);
  assert.deepEqual(edited(text, 16), ['Config.LIMIT']);
  assert.deepEqual(edited(text, 17), ['Config']);
  assert.deepEqual(span(text, 'Config.NAMES'), [18, 18, 'constant']);
  assert.deepEqual(span(text, 'Config'), [1, 19, 'module']);
});

test('a constant whose value has a block holds its defs', () => {
  const text = template(`
Point = Struct.new(:x, :y) do
  def dist
    Math.sqrt(x * x + y * y)
  end
end
ORIGIN = Point.new(0, 0)
`);
  assert.deepEqual(edited(text, 3), ['Point.dist']);
  assert.deepEqual(span(text, 'Point'), [1, 5, 'constant']);
  assert.deepEqual(span(text, 'ORIGIN'), [6, 6, 'constant']);
});

test('a constant path assignment is a constant; its block holds its defs', () => {
  const text = template(`
RDoc::Markup::Heading =
  Struct.new :level, :text do
    def to_label
      text
    end
  end
`);
  assert.deepEqual(span(text, 'RDoc.Markup.Heading'), [1, 6, 'constant']);
  assert.deepEqual(edited(text, 4), ['RDoc.Markup.Heading.to_label']);
});

test('singleton defs with :: and instance-variable receivers', () => {
  const text = template(`
class Session
  def Session::callback(dbman)
    dbman
  end
  def self::log_open = @log
  def @conf.inspect
    "conf"
  end
  def Functions::variables=(x) ; @@variables=x ; end
end
`);
  assert.deepEqual(edited(text, 3), ['Session.callback']);
  assert.deepEqual(span(text, 'Session.log_open'), [5, 5, 'method']);
  assert.deepEqual(edited(text, 7), ['Session.inspect']);
  assert.deepEqual(edited(text, 9), ['Session.variables=']);
  assert.deepEqual(span('def Delegator.delegating_block(mid)\n  mid\nend\n', 'delegating_block'), [1, 3, 'method']);
});

test('a def whose end is not typed yet does not swallow the methods below it', () => {
  const text = template(`
class Editing
  def typing_now
    x = 1
    if x

  def untouched
    2
  end

  def other
    3
  end
end
`);
  assert.deepEqual(span(text, 'Editing.typing_now'), [2, 4, 'method']);
  assert.deepEqual(edited(text, 7), ['Editing.untouched']);
  assert.deepEqual(edited(text, 11), ['Editing.other']);
  assert.deepEqual(span(text, 'Editing'), [1, 13, 'class']);
});

test('heredocs: squiggly, dash, quoted, several on one line, bodies full of end and def', () => {
  const text = template(`
class Sql
  def queries
    a = <<~ONE + <<-TWO
      def fake
      end
    ONE
      class Nope
      TWO
    run(<<~'RAW', <<~"QUOTED")
      #{not interpolated} end
    RAW
      end end end
    QUOTED
    a
  end

  def after; end
end
`);
  assert.deepEqual(span(text, 'Sql.queries'), [2, 15, 'method']);
  assert.deepEqual(allNames(text), ['Sql', 'Sql.queries', 'Sql.after']);
  assert.deepEqual(edited(text, 17), ['Sql.after']);
});

test('percent literals, interpolation and regex literals hide keywords and delimiters', () => {
  const text = String.raw`
class Lit
  def strings
    a = %w[if end (nested [brackets] ok) end]
    b = %q{ def x; end { nested } }
    c = %(class Foo ( end ))
    d = "#{ {key: "end }"}[:key] } end #{x if y}"
    e = /end\/#{a}[#]/i
    f = %r{^/end}
    g = x / 2 / 3
    h = 'it''s end' + "say \"end\""
    i = :end, :"class #{1}", :/, end: 1, class: 2, if: 3
    j = ?" + ?# + ?e
    k = self.class.end + $' + $"
    l = x % 3
    m = %i(def)
  end

  def after; end
end
`.replace(/^\n/, '');
  assert.deepEqual(span(text, 'Lit.strings'), [2, 16, 'method']);
  assert.deepEqual(span(text, 'Lit.after'), [18, 18, 'method']);
  assert.deepEqual(span(text, 'Lit'), [1, 19, 'class']);
});

test('=begin/=end comments and __END__ hide what follows them', () => {
  const text = template(`
=begin
class Hidden
  def x
=end
def shown
  # class NotThis
end
__END__
def after_end
end
`);
  assert.deepEqual(allNames(text), ['shown']);
  assert.deepEqual(span(text, 'shown'), [5, 7, 'function']);
  assert.deepEqual(edited(text, 2), []);
});

test('comments before a def are not part of it; gaps in a class report the class', () => {
  const text = template(`
class Doc
  # Computes things.
  # def not_this
  def compute
    1
  end

  def other
    2
  end
end
`);
  assert.deepEqual(span(text, 'Doc.compute'), [4, 6, 'method']);
  assert.deepEqual(edited(text, 3), ['Doc']);
  assert.deepEqual(edited(text, 5, 9), ['Doc', 'Doc.compute', 'Doc.other']);
  assert.deepEqual(edited(text, 5, 6), ['Doc.compute']);
});

test('nothing inside a def is a symbol', () => {
  const text = template(`
def outer
  inner = Class.new do
    def hidden; end
  end
  CONST_LIKE = 1 rescue nil
end
`);
  assert.deepEqual(allNames(text), ['outer']);
  assert.deepEqual(span(text, 'outer'), [1, 6, 'function']);
});

test('a 5,000-line file outlines in one pass', () => {
  const chunk = template(`
class Service
  LIMIT = 10
  def handle(request)
    data = "#{request[:id]}: #{LIMIT}"
    request.items.each do |item|
      yield item if item
    end
    data
  end
end

`);
  const copies = Math.ceil(5000 / 11);
  const text = chunk.repeat(copies);
  assert.equal(outlineRuby(text).length, copies);
  assert.deepEqual(edited(text, 11 * 300 + 5), ['Service.handle']);
});

test('defs under elsif, and defs passed to a call (private def, ruby2_keywords def), are class members', () => {
  const text = template(`
class Wrapper
  if RUBY_VERSION < "2.7"
    def method_missing(name, *args)
    end
  elsif RUBY_VERSION >= "2.7.0"
    ruby2_keywords def method_missing(name, *args, &block)
      with do |c|
        c.send(name, *args, &block)
      end
    end
  else
    def respond_to?(x)
    end
  end
  private def helper
    1
  end
end
`);
  assert.deepEqual(edited(text, 8), ['Wrapper.method_missing']);
  assert.deepEqual(edited(text, 6), ['Wrapper.method_missing']);
  assert.deepEqual(edited(text, 12), ['Wrapper.respond_to?']);
  assert.deepEqual(span(text, 'Wrapper.helper'), [15, 17, 'method']);
  assert.deepEqual(edited(text, 5), ['Wrapper']);
});
