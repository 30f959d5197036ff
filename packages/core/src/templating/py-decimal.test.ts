import { describe, expect, it } from 'vitest';
import { PyDecimal, floatRepr } from './py-decimal';
import { add, compare, div, mul, sub } from './py-operators';
import { pyEq, pyRepr, pyStr, truthy } from './py-values';

// Expected values are what CPython's decimal module and repr(float) print.
const d = (s: string) => PyDecimal.parse(s);

describe('PyDecimal', () => {
  it('prints as Python does', () => {
    expect(pyStr(d('1.50'))).toBe('1.50');
    expect(pyRepr(d('1.50'))).toBe("Decimal('1.50')");
    expect(pyStr(d('1E+2'))).toBe('1E+2');
    expect(pyStr(d('0.0000001'))).toBe('1E-7');
    expect(pyStr(d('-0.00001'))).toBe('-0.00001');
    expect(pyStr(PyDecimal.fromNumber(1e-5, true))).toBe('0.00001');
    expect(pyStr(PyDecimal.fromNumber(1, true))).toBe('1.0');
    expect(pyStr(PyDecimal.fromNumber(1e16, true))).toBe('1E+16');
    expect(pyStr(PyDecimal.fromNumber(7, false))).toBe('7');
  });

  it('computes in the default context', () => {
    expect(pyStr(div(d('1.50'), 2))).toBe('0.75');
    expect(pyStr(div(d('1'), d('3')))).toBe('0.3333333333333333333333333333');
    expect(pyStr(div(d('10'), d('4')))).toBe('2.5');
    expect(pyStr(div(d('6'), d('2')))).toBe('3');
    expect(pyStr(add(mul(d('1.5'), 2), 1))).toBe('4.0');
    expect(pyStr(add(1, d('2.5')))).toBe('3.5');
    expect(pyStr(sub(d('1.50'), d('0.5')))).toBe('1.00');
    expect(() => add(d('1'), 1.5)).toThrow(
      "unsupported operand type(s) for +: 'decimal.Decimal' and 'float'",
    );
    expect(() => div(d('1'), 0)).toThrow(/DivisionByZero/);
  });

  it('compares exactly with ints and floats', () => {
    expect(pyEq(d('1.50'), 1.5)).toBe(true);
    expect(pyEq(1.5, d('1.50'))).toBe(true);
    expect(pyEq(d('0.1'), 0.1)).toBe(false);
    expect(pyEq(2, d('2.0'))).toBe(true);
    expect(compare('>', d('2.5'), 2)).toBe(true);
    expect(compare('<', 2, d('2.5'))).toBe(true);
    expect(truthy(d('0.00'))).toBe(false);
  });

  it('has normalize, as_tuple and int()', () => {
    expect(pyStr(d('1.50').normalize())).toBe('1.5');
    expect(pyRepr(d('1.50').normalize().as_tuple())).toBe('(0, (1, 5), -1)');
    expect(d('-2.7').__int__()).toBe(-2);
  });

  it('repr(float)', () => {
    expect([1e-5, 1.5e16, 123456.789, 0.0001, 1, -0].map(floatRepr)).toEqual([
      '1e-05',
      '1.5e+16',
      '123456.789',
      '0.0001',
      '1.0',
      '-0.0',
    ]);
  });
});
