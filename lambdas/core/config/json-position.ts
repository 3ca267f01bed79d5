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

  /** Items separated by commas up to `close`; the opening bracket is already consumed. */
  private list(close: string, item: () => void): void {
    this.skip();
    if (this.text[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      item();
      this.skip();
      if (this.text[this.at] === close) {
        this.at++;
        return;
      }
      this.expect(',');
    }
  }

  private member(): void {
    this.expect('"');
    this.sticky(STRING_BODY);
    this.expect(':');
    this.value();
  }

  private value(): void {
    this.skip();
    const char = this.text[this.at];
    if (char === '{' || char === '[' || char === '"') this.at++;
    if (char === '{') this.list('}', () => this.member());
    else if (char === '[') this.list(']', () => this.value());
    else if (char === '"') this.sticky(STRING_BODY);
    else {
      const literal = LITERALS.find((word) => this.text.startsWith(word, this.at));
      if (literal) this.at += literal.length;
      else this.sticky(NUMBER);
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
