/**
 * Where JSON text first goes wrong, as line and column. Node 20's `JSON.parse` names a position for
 * some errors and none for others ("Unexpected token '}', ... is not valid JSON"), so a small
 * recursive-descent scanner finds it; it only locates, `JSON.parse` stays the parser.
 */

export interface TextPosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/** Thrown internally at the offending offset. */
class ScanStop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A string's body up to its closing quote; raw control characters are not allowed in JSON strings. */
// eslint-disable-next-line no-control-regex -- JSON forbids exactly these characters unescaped
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;
const LITERALS = ['true', 'false', 'null'];

class JsonScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  /** Offset of the first error, or undefined for valid JSON. */
  firstError(): number | undefined {
    try {
      this.value();
      this.skip();
      return this.at < this.text.length ? this.at : undefined;
    } catch (stop) {
      if (stop instanceof ScanStop) return stop.offset;
      throw stop;
    }
  }

  private skip(): void {
    this.sticky(WHITESPACE);
  }

  private sticky(regex: RegExp): void {
    regex.lastIndex = this.at;
    if (!regex.test(this.text)) throw new ScanStop(this.at);
    this.at = regex.lastIndex;
  }

  private expect(char: string): void {
    this.skip();
    if (this.text[this.at] !== char) throw new ScanStop(this.at);
    this.at++;
  }

  /** `"key":` of an object member, up to its value. */
  private memberKey(): void {
    this.expect('"');
    this.sticky(STRING_BODY);
    this.expect(':');
  }

  /**
   * One value, containers included. Iterative, with the closers still owed on a stack: a file of
   * 100 000 `[` is located like any other, where recursion would overflow the call stack. Each pass
   * of the outer loop consumes at least one character, each pass of the inner one a closer or a
   * comma, or throws: both end within the text's length.
   */
  private value(): void {
    const closers: string[] = [];
    for (;;) {
      this.skip();
      const char = this.text[this.at];
      if (char === '{' || char === '[') {
        this.at++;
        this.skip();
        const close = char === '{' ? '}' : ']';
        if (this.text[this.at] !== close) {
          closers.push(close);
          if (close === '}') this.memberKey();
          continue;
        }
        this.at++;
      } else if (char === '"') {
        this.at++;
        this.sticky(STRING_BODY);
      } else {
        const literal = LITERALS.find((word) => this.text.startsWith(word, this.at));
        if (literal) this.at += literal.length;
        else this.sticky(NUMBER);
      }
      // A value is complete: close what it completes, then expect the next item.
      for (;;) {
        const close = closers.at(-1);
        if (close === undefined) return;
        this.skip();
        if (this.text[this.at] !== close) break;
        this.at++;
        closers.pop();
      }
      this.expect(',');
      if (closers.at(-1) === '}') this.memberKey();
    }
  }
}

/** Line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Line and column of the first JSON syntax error in `text`, or undefined when the text is valid JSON. */
export function jsonErrorPosition(text: string): TextPosition | undefined {
  const offset = new JsonScanner(text).firstError();
  return offset === undefined ? undefined : positionOf(text, offset);
}
