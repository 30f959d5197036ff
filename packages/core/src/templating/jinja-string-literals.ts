/* eslint-disable @typescript-eslint/no-explicit-any -- nunjucks' lexer is untyped */
import nunjucks from 'nunjucks';

const { lexer } = nunjucks as any;

/** Python's single-character escapes; any other `\c` keeps its backslash. */
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

/** Hex escapes and their digit counts: `\xhh`, `\uhhhh`, `\Uhhhhhhhh`. */
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Decodes the body of a Jinja string literal as Jinja does (Python's `unicode-escape`):
 * `\n`, `\t`, `\\`, `\'`, octal `\101`, `\x41`, `\u00e9` are decoded, and an unknown escape
 * keeps its backslash — `'\d+'` is the four characters of a regular expression, never `d+`
 * (nunjucks drops the backslash, which silently changed regexes and SQL literals).
 */
export function decodeJinjaString(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const next = body[i + 1]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next >= '0' && next <= '7') {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(digits, 8));
      i += digits.length;
    } else if (next in HEX_ESCAPES) {
      const width = HEX_ESCAPES[next]!;
      const digits = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits))
        throw new Error(
          `truncated \\${next} escape in the string literal '${body}': write ${width} hex digits after \\${next}, or \\\\${next} for a backslash`,
        );
      out += String.fromCodePoint(parseInt(digits, 16));
      i += 1 + width;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Makes nunjucks' lexer read string literals as Jinja does (see `decodeJinjaString`). The
 * literal ends at the first unescaped delimiter, as before.
 */
export function installJinjaStringLiterals(): void {
  const Tokenizer = Object.getPrototypeOf(lexer.lex(''));
  Tokenizer._parseString = function (this: any, delimiter: string): string {
    this.forward();
    let raw = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      if (this.current() === '\\') {
        raw += '\\';
        this.forward();
        if (this.isFinished()) break;
      }
      raw += this.current();
      this.forward();
    }
    this.forward();
    return decodeJinjaString(raw.replace(/\r\n?/g, '\n'));
  };
}
