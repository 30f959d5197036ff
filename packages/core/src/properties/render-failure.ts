import { TsmodelError, type SourceLocation } from '../diagnostics';

/**
 * A YAML value whose template failed, reported at the value's line: the template's own
 * position (line 1 of a one-line string) would say nothing about where it is written.
 */
export function renderFailure(
  err: unknown,
  location: SourceLocation,
  excerpt: string | undefined,
): TsmodelError {
  const cause = err instanceof TsmodelError ? err : undefined;
  return new TsmodelError({
    code: cause?.code ?? 'yaml-render',
    message: cause?.message ?? (err instanceof Error ? err.message : String(err)),
    hint: cause?.hint ?? 'fix the template in this value',
    location,
    excerpt,
  });
}
