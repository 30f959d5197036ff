/**
 * A unit test's `overrides: {macros: …}` for the length of one render: each named macro (or
 * other context name) answers the given value instead. Renders are synchronous and every call
 * — from the model or from inside another macro — looks names up in the Environment's globals
 * when it runs, so replacing the globals and putting them back afterwards reaches every call.
 * As in dbt, `dbt.x` and a bare `x` are one macro: overriding either overrides both.
 *
 * Returns the function that restores the globals as they were.
 */
export function overrideMacros(
  globals: Record<string, unknown>,
  macros: Readonly<Record<string, unknown>>,
): () => void {
  const restores: Array<() => void> = [];
  const set = (owner: Record<string, unknown>, key: string, value: unknown) => {
    const had = Object.getOwnPropertyDescriptor(owner, key);
    Object.defineProperty(owner, key, {
      value,
      configurable: true,
      enumerable: true,
      writable: true,
    });
    restores.push(() => {
      if (had) Object.defineProperty(owner, key, had);
      else delete owner[key];
    });
  };
  // A macro is called, so it answers through a function; a plain context value stays a value.
  const replacement = (original: unknown, value: unknown) =>
    original === undefined || typeof original === 'function' ? () => value : value;
  const setInNamespace = (pkg: string, name: string, value: unknown): boolean => {
    const namespace = globals[pkg];
    if (typeof namespace !== 'object' || namespace === null) return false;
    const original = (namespace as Record<string, unknown>)[name];
    if (pkg === 'dbt' && original === undefined) return false;
    set(globals, pkg, { ...namespace, [name]: replacement(original, value) });
    return true;
  };
  for (const [qualified, value] of Object.entries(macros)) {
    const dot = qualified.indexOf('.');
    if (dot > 0) {
      const pkg = qualified.slice(0, dot);
      const name = qualified.slice(dot + 1);
      setInNamespace(pkg, name, value);
      if (pkg === 'dbt') set(globals, name, replacement(globals[name], value));
    } else {
      set(globals, qualified, replacement(globals[qualified], value));
      setInNamespace('dbt', qualified, value);
    }
  }
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}
