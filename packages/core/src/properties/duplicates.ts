import { formatLocation, TsmodelError, type SourceLocation } from '../diagnostics';
import type { ManifestNode } from '../manifest/types';
import { notUsedWarning } from './kept-entries';
import { patchKeyOf } from './patches';
import type { GenericTestSpec, NodePatch, ParsedProperties } from './types';

export interface LocatedSource {
  node: ManifestNode;
  location: SourceLocation;
}

/**
 * Keeps the first of every source table, patch and test declared twice and reports the second
 * with both locations, as dbt refuses to guess which one the user meant.
 */
export function reportDuplicates(
  sources: LocatedSource[],
  patches: NodePatch[],
  tests: GenericTestSpec[],
  problems: TsmodelError[],
): { sources: LocatedSource[]; patches: NodePatch[]; tests: GenericTestSpec[] } {
  return {
    sources: firstOfEach(
      sources,
      (s) => s.node.unique_id,
      (s) => s.location,
      problems,
      (s) => ({
        what: `source table '${s.node.source_name}.${s.node.name}'`,
        hint: 'list each table once per source (a source may span files only with different table names)',
      }),
    ),
    patches: firstOfEach(
      patches,
      patchKeyOf,
      (p) => p.location,
      problems,
      (p) => ({
        what: p.version
          ? `version ${String(p.version.v)} of model '${p.name}' (file ${p.version.definedIn})`
          : `${p.resource_type} '${p.name}'`,
        hint: `describe each ${p.resource_type} in one properties entry`,
      }),
    ),
    tests: firstOfEach(
      tests,
      (t) => t.unique_id,
      (t) => t.location,
      problems,
      (t) => ({
        what: `test '${t.name}'`,
        hint: 'give one of the two tests a distinct `name:`',
      }),
    ),
  };
}

/**
 * Combines the files of a project; duplicates across files are reported like those within one.
 * A key accepted but not used gets one warning for the whole project, where it is first written.
 */
export function mergeParsedProperties(files: ParsedProperties[]): ParsedProperties {
  const problems = files.flatMap((f) => f.problems);
  const notUsed = new Map<string, ParsedProperties['notUsed'][number]>();
  for (const f of files) for (const n of f.notUsed) if (!notUsed.has(n.key)) notUsed.set(n.key, n);
  const kept = firstOfEach(
    files.flatMap((f) => f.kept),
    (k) => k.entry.unique_id,
    (k) => k.location,
    problems,
    (k) => ({
      what: `${k.entry.resource_type.replace('_', ' ')} '${k.entry.name}'`,
      hint: `name each entry of ${k.section} once per package`,
    }),
  );
  const unique = reportDuplicates(
    files.flatMap((f) =>
      f.sources.map((node) => ({ node, location: f.sourceLocations.get(node.unique_id)! })),
    ),
    files.flatMap((f) => [...f.patches.values()]),
    files.flatMap((f) => f.tests),
    problems,
  );
  return {
    sources: unique.sources.map((s) => s.node),
    sourceLocations: new Map(unique.sources.map((s) => [s.node.unique_id, s.location])),
    patches: new Map(unique.patches.map((p) => [patchKeyOf(p), p])),
    tests: unique.tests,
    problems,
    warnings: [
      ...files.flatMap((f) => f.warnings),
      ...[...notUsed.values()].map((n) => notUsedWarning(n.key, n.meaning, n.location)),
    ],
    kept,
    notUsed: [...notUsed.values()],
    descriptions: files.flatMap((f) => f.descriptions),
  };
}

function firstOfEach<T>(
  items: T[],
  key: (item: T) => string,
  location: (item: T) => SourceLocation,
  problems: TsmodelError[],
  describe: (item: T) => { what: string; hint: string },
): T[] {
  const first = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const previous = first.get(k);
    if (previous === undefined) {
      first.set(k, item);
      continue;
    }
    const { what, hint } = describe(item);
    problems.push(
      new TsmodelError({
        code: 'duplicate-property',
        message: `${what} is declared twice: here and at ${formatLocation(location(previous))}`,
        location: location(item),
        hint,
      }),
    );
  }
  return [...first.values()];
}
