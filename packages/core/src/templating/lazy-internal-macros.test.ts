import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { internalMacroFiles } from '../compile/internal-macros';
import { createTemplateEnvironment } from './environment';
import { declaredMacroNames, toMacroSource } from './macro-registry';

/**
 * tsmodel's own macro files are registered by scanning their names and compiled on first
 * call: the scan must find exactly the macros the compiler exports, file by file.
 */
describe('lazily compiled internal macros', () => {
  const files = internalMacroFiles();

  it('exist', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [f.path, f] as const))(
    '%s: the scanned names are the compiled ones',
    (_p, file) => {
      const source = toMacroSource(file.text);
      const env = createTemplateEnvironment();
      let exported: Record<string, unknown> = {};
      new nunjucks.Template(source, env, file.path, true).getExported({}, null, (err, result) => {
        if (err) throw err;
        exported = result as Record<string, unknown>;
      });
      const compiled = Object.keys(exported).filter((n) => typeof exported[n] === 'function');
      expect(declaredMacroNames(source).sort()).toEqual(compiled.sort());
    },
  );
});
