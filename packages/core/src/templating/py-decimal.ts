import { PyFloat, PyTypeError, tuple } from './py-values';

/**
 * Python's `decimal.Decimal`, because that is what dbt hands templates for every numeric value
 * that is not a plain int: agate's Number type casts floats and warehouse NUMERIC values to
 * Decimal. Its digits are exact (`Decimal('1.50')` prints `1.50`, not `1.5`), so a JavaScript
 * number cannot stand in for it. Arithmetic follows the default context (28 significant digits,
 * half-even rounding); mixing with a float fails as in Python.
 */
export class PyDecimal {
  private constructor(
    /** 1 when negative (Python's sign flag). */
    readonly sign: 0 | 1,
    /** The digits as an integer. */
    readonly coefficient: bigint,
    /** The power of ten the coefficient is scaled by. */
    readonly exponent: number,
  ) {}

  /** `Decimal(text)`: fails on anything Python's constructor rejects (no NaN/Infinity here). */
  static parse(text: string): PyDecimal {
    const m = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === ''))
      throw new Error(`decimal.InvalidOperation: could not convert ${JSON.stringify(text)}`);
    const frac = m[3] ?? '';
    return new PyDecimal(
      m[1] === '-' ? 1 : 0,
      BigInt((m[2] ?? '') + frac || '0'),
      Number(m[4] ?? 0) - frac.length,
    );
  }

  /** agate's cast: an int exactly, a float through its repr (`Decimal(repr(1.5))`). */
  static fromNumber(n: number | bigint, isFloat: boolean): PyDecimal {
    if (typeof n === 'bigint') return new PyDecimal(n < 0n ? 1 : 0, n < 0n ? -n : n, 0);
    if (!Number.isFinite(n)) throw new Error(`decimal: cannot represent ${n}`);
    if (!isFloat && Number.isInteger(n)) return PyDecimal.parse(BigInt(n).toString());
    return PyDecimal.parse(floatRepr(n));
  }

  /** Python's `str(Decimal)`: plain notation unless the exponent is positive or very small. */
  __str__(): string {
    const digits = this.coefficient.toString();
    const left = this.exponent + digits.length;
    const dot = this.exponent <= 0 && left > -6 ? left : 1;
    let int: string;
    let frac: string;
    if (dot <= 0) {
      int = '0';
      frac = '.' + '0'.repeat(-dot) + digits;
    } else if (dot >= digits.length) {
      int = digits + '0'.repeat(dot - digits.length);
      frac = '';
    } else {
      int = digits.slice(0, dot);
      frac = '.' + digits.slice(dot);
    }
    const exp = left === dot ? '' : `E${left - dot >= 0 ? '+' : '-'}${Math.abs(left - dot)}`;
    return (this.sign ? '-' : '') + int + frac + exp;
  }

  __repr__(): string {
    return `Decimal('${this.__str__()}')`;
  }

  toString(): string {
    return this.__str__();
  }

  valueOf(): number {
    return Number(this.__str__());
  }

  __bool__(): boolean {
    return this.coefficient !== 0n;
  }

  /** `int(d)`: truncated toward zero. */
  __int__(): number | bigint {
    const scaled =
      this.exponent >= 0
        ? this.coefficient * 10n ** BigInt(this.exponent)
        : this.coefficient / 10n ** BigInt(-this.exponent);
    const v = this.sign ? -scaled : scaled;
    return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  }

  __float__(): number {
    return this.valueOf();
  }

  /** Without trailing zeros: `Decimal('1.50').normalize()` is `Decimal('1.5')`. */
  normalize(): PyDecimal {
    if (this.coefficient === 0n) return new PyDecimal(this.sign, 0n, 0);
    let c = this.coefficient;
    let e = this.exponent;
    while (c % 10n === 0n) {
      c /= 10n;
      e++;
    }
    return new PyDecimal(this.sign, c, e);
  }

  /** `DecimalTuple(sign, digits, exponent)`, a named tuple. */
  as_tuple(): unknown {
    const digits = tuple([...this.coefficient.toString()].map(Number));
    return Object.assign(tuple([this.sign, digits, this.exponent]), {
      sign: this.sign,
      digits,
      exponent: this.exponent,
    });
  }

  __eq__(o: unknown): boolean {
    const d = operand(o);
    return d !== undefined && cmp(this, d) === 0;
  }

  __cmp__(o: unknown): number {
    const d = operand(o);
    if (d === undefined)
      throw new PyTypeError(`'<' not supported between instances of 'Decimal' and '${kind(o)}'`);
    return cmp(this, d);
  }

  __add__(o: unknown): PyDecimal {
    return add(this, need(o, '+'), false);
  }
  __radd__(o: unknown): PyDecimal {
    return add(need(o, '+'), this, false);
  }
  __sub__(o: unknown): PyDecimal {
    return add(this, need(o, '-'), true);
  }
  __rsub__(o: unknown): PyDecimal {
    return add(need(o, '-'), this, true);
  }
  __mul__(o: unknown): PyDecimal {
    return mul(this, need(o, '*'));
  }
  __rmul__(o: unknown): PyDecimal {
    return mul(need(o, '*'), this);
  }
  __truediv__(o: unknown): PyDecimal {
    return div(this, need(o, '/'));
  }
  __rtruediv__(o: unknown): PyDecimal {
    return div(need(o, '/'), this);
  }

  /** The sign, coefficient and exponent, for the arithmetic below. */
  static parts(d: PyDecimal): [0 | 1, bigint, number] {
    return [d.sign, d.coefficient, d.exponent];
  }

  /** A result of arithmetic, rounded to the context's precision. */
  static make(negative: boolean, coefficient: bigint, exponent: number): PyDecimal {
    return fix(negative ? 1 : 0, coefficient, exponent);
  }

  /** Exactly these parts, unrounded. */
  static raw(sign: 0 | 1, coefficient: bigint, exponent: number): PyDecimal {
    return new PyDecimal(sign, coefficient, exponent);
  }
}

/** Python's `repr(float)`: the shortest digits that round-trip, `1.0`, `1e-05`, `1.5e+16`. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mant, expText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  const sign = n < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const PRECISION = 28;

function kind(o: unknown): string {
  if (o instanceof PyFloat || (typeof o === 'number' && !Number.isInteger(o))) return 'float';
  if (typeof o === 'number' || typeof o === 'bigint') return 'int';
  return typeof o === 'object' && o !== null ? o.constructor.name : typeof o;
}

/** An int (or bool) operand as a Decimal; floats and the rest are not Decimal operands. */
function operand(o: unknown): PyDecimal | undefined {
  if (o instanceof PyDecimal) return o;
  if (typeof o === 'boolean') return PyDecimal.fromNumber(o ? 1 : 0, false);
  if (typeof o === 'bigint') return PyDecimal.fromNumber(o, false);
  if (typeof o === 'number' && Number.isInteger(o)) return PyDecimal.fromNumber(o, false);
  if (typeof o === 'number' || o instanceof PyFloat) return exactFloat(Number(o));
  return undefined;
}

function need(o: unknown, op: string): PyDecimal {
  const d = o instanceof PyFloat || typeof o === 'number' ? intOnly(o) : operand(o);
  if (d === undefined)
    throw new PyTypeError(
      `unsupported operand type(s) for ${op}: 'decimal.Decimal' and '${kind(o)}'`,
    );
  return d;
}

/** Arithmetic takes ints only: Python refuses `Decimal + float`. */
function intOnly(o: number | PyFloat): PyDecimal | undefined {
  return typeof o === 'number' && Number.isInteger(o) ? PyDecimal.fromNumber(o, false) : undefined;
}

/** A float's exact binary value, so comparisons agree with Python (`Decimal('0.1') != 0.1`). */
function exactFloat(x: number): PyDecimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mantissa |= 1n << 52n;
  let e2 = (biased === 0 ? 1 : biased) - 1075;
  while (mantissa !== 0n && (mantissa & 1n) === 0n && e2 < 0) {
    mantissa >>= 1n;
    e2++;
  }
  if (e2 >= 0) return PyDecimal.raw(negative ? 1 : 0, mantissa << BigInt(e2), 0);
  return PyDecimal.raw(negative ? 1 : 0, mantissa * 5n ** BigInt(-e2), e2);
}

const signed = (d: PyDecimal): [bigint, number] => {
  const [s, c, e] = PyDecimal.parts(d);
  return [s ? -c : c, e];
};

function align(a: PyDecimal, b: PyDecimal): [bigint, bigint, number] {
  const [ca, ea] = signed(a);
  const [cb, eb] = signed(b);
  const e = Math.min(ea, eb);
  return [ca * 10n ** BigInt(ea - e), cb * 10n ** BigInt(eb - e), e];
}

function cmp(a: PyDecimal, b: PyDecimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function add(a: PyDecimal, b: PyDecimal, subtract: boolean): PyDecimal {
  const [x, y, e] = align(a, b);
  const sum = subtract ? x - y : x + y;
  return PyDecimal.make(sum < 0n, sum < 0n ? -sum : sum, e);
}

function mul(a: PyDecimal, b: PyDecimal): PyDecimal {
  const [sa, ca, ea] = PyDecimal.parts(a);
  const [sb, cb, eb] = PyDecimal.parts(b);
  return PyDecimal.make(sa !== sb, ca * cb, ea + eb);
}

/** CPython's `_divide`: 28 digits plus a sticky digit, trailing zeros trimmed toward the ideal exponent. */
function div(a: PyDecimal, b: PyDecimal): PyDecimal {
  const [sa, ca, ea] = PyDecimal.parts(a);
  const [sb, cb, eb] = PyDecimal.parts(b);
  if (cb === 0n)
    throw new Error(
      ca === 0n ? 'decimal.InvalidOperation: 0 / 0' : 'decimal.DivisionByZero: division by zero',
    );
  const negative = sa !== sb;
  const ideal = ea - eb;
  if (ca === 0n) return PyDecimal.make(negative, 0n, ideal);
  const shift = cb.toString().length - ca.toString().length + PRECISION + 1;
  let exp = ideal - shift;
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    q = (ca * 10n ** BigInt(shift)) / cb;
    r = (ca * 10n ** BigInt(shift)) % cb;
  } else {
    q = ca / (cb * 10n ** BigInt(-shift));
    r = ca % (cb * 10n ** BigInt(-shift));
  }
  if (r !== 0n) {
    if (q % 5n === 0n) q += 1n;
  } else {
    while (exp < ideal && q % 10n === 0n) {
      q /= 10n;
      exp++;
    }
  }
  return PyDecimal.make(negative, q, exp);
}

/** Rounds to the context's 28 digits, half to even. */
function fix(sign: 0 | 1, coefficient: bigint, exponent: number): PyDecimal {
  const extra = coefficient.toString().length - PRECISION;
  if (extra <= 0) return PyDecimal.raw(sign, coefficient, exponent);
  const unit = 10n ** BigInt(extra);
  let q = coefficient / unit;
  const r = coefficient % unit;
  const half = unit / 2n;
  if (r > half || (r === half && q % 2n === 1n)) q += 1n;
  let e = exponent + extra;
  if (q.toString().length > PRECISION) {
    q /= 10n;
    e++;
  }
  return PyDecimal.raw(sign, q, e);
}
