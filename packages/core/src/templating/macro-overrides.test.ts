import { describe, expect, it } from 'vitest';
import { overrideMacros } from './macro-overrides';

describe('macro overrides', () => {
  it('replaces a macro and its dbt twin for a while, then puts both back', () => {
    const original = () => 'now()';
    const globals: Record<string, unknown> = {
      current_timestamp: original,
      dbt: { current_timestamp: original, other: original },
      answer: 42,
    };
    const restore = overrideMacros(globals, {
      current_timestamp: "'2024-01-01'",
      answer: 7,
      missing: 1,
    });
    expect((globals.current_timestamp as () => unknown)()).toBe("'2024-01-01'");
    expect((globals.dbt as Record<string, () => unknown>).current_timestamp!()).toBe(
      "'2024-01-01'",
    );
    expect((globals.dbt as Record<string, () => unknown>).other).toBe(original);
    expect(globals.answer).toBe(7);
    expect((globals.missing as () => unknown)()).toBe(1);
    restore();
    expect(globals).toEqual({
      current_timestamp: original,
      dbt: { current_timestamp: original, other: original },
      answer: 42,
    });
  });

  it('a package-qualified override reaches that package only (and the bare name for dbt.x)', () => {
    const a = () => 'a';
    const globals: Record<string, unknown> = { x: a, pkg: { x: a }, dbt: { y: a }, y: a };
    const restore = overrideMacros(globals, { 'pkg.x': 1, 'dbt.y': 2 });
    expect((globals.pkg as Record<string, () => unknown>).x!()).toBe(1);
    expect(globals.x).toBe(a);
    expect((globals.y as () => unknown)()).toBe(2);
    restore();
    expect(globals.y).toBe(a);
    expect(globals.pkg).toEqual({ x: a });
  });

  it('a getter (execute, this) comes back as the getter', () => {
    const globals: Record<string, unknown> = {};
    Object.defineProperty(globals, 'execute', {
      get: () => true,
      enumerable: true,
      configurable: true,
    });
    const restore = overrideMacros(globals, { execute: false });
    expect(globals.execute).toBe(false);
    restore();
    expect(Object.getOwnPropertyDescriptor(globals, 'execute')?.get).toBeDefined();
  });
});
