import { TsmodelError } from '../diagnostics';
import type { DocEntry } from '../manifest/types';
import { scanBlocks } from './block-scanner';
import { suggestion } from './dependency-resolver';
import type { DiscoveredFile } from './discover';

/**
 * Every `{% docs name %}` block of the project's .md files, keyed `doc.<package>.<name>` as
 * in dbt's manifest, and the lookup `{{ doc() }}` does. Built only from discovered docs files:
 * a project without .md files pays nothing.
 */
export class DocsCatalog {
  readonly entries = new Map<string, DocEntry>();
  readonly problems: TsmodelError[] = [];
  private readonly lines = new Map<string, number>();

  constructor(
    files: readonly DiscoveredFile[],
    displayPath: (abs: string) => string,
    private readonly rootProject: string,
  ) {
    for (const f of files) {
      if (f.kind !== 'docs') continue;
      const file = displayPath(f.absPath);
      const { blocks, problems } = scanBlocks(f.text, 'docs', file);
      this.problems.push(...problems);
      for (const block of blocks) {
        const id = `doc.${f.packageName}.${block.name}`;
        const first = this.entries.get(id);
        if (first) {
          this.problems.push(
            new TsmodelError({
              code: 'duplicate-doc',
              message: `docs block '${block.name}' is defined twice in package '${f.packageName}': here and in ${first.original_file_path}:${this.lines.get(id)}`,
              location: { file, line: block.line },
              hint: 'rename or delete one of them (doc names are unique within a package)',
            }),
          );
          continue;
        }
        this.lines.set(id, block.line);
        this.entries.set(id, {
          unique_id: id,
          name: block.name,
          resource_type: 'doc',
          package_name: f.packageName,
          path: [...f.folders, f.path.split('/').pop()!].join('/'),
          original_file_path: f.path,
          // dbt strips a block's contents: the lines around the tags are not part of the text.
          block_contents: block.body.trim(),
        });
      }
    }
  }

  /**
   * What `doc(name)` / `doc(package, name)` means in a description of `nodePackage`'s: with a
   * package, only there; otherwise the root project, then the node's package, then any (dbt's
   * search order). Unknown names are an error with the closest name.
   */
  resolve(args: readonly string[], nodePackage: string): DocEntry {
    if (args.length === 0 || args.length > 2)
      throw new TsmodelError({
        code: 'bad-doc',
        message: `doc() takes 1 or 2 arguments, got ${args.length}`,
        hint: "use doc('name') or doc('package', 'name')",
      });
    const [pkg, name] = args.length === 2 ? [args[0]!, args[1]!] : [undefined, args[0]!];
    const search = pkg ? [pkg] : [this.rootProject, nodePackage];
    for (const p of search) {
      const hit = this.entries.get(`doc.${p}.${name}`);
      if (hit) return hit;
    }
    if (!pkg) for (const entry of this.entries.values()) if (entry.name === name) return entry;
    const pool = [...this.entries.values()]
      .filter((e) => !pkg || e.package_name === pkg)
      .map((e) => e.name);
    throw new TsmodelError({
      code: 'unknown-doc',
      message: `unknown doc '${pkg ? `${pkg}.` : ''}${name}'`,
      hint:
        suggestion(name, pool, (s) => `did you mean doc('${pkg ? `${pkg}', '` : ''}${s}')?`) ??
        `define it in a .md file: {% docs ${name} %} … {% enddocs %}`,
    });
  }
}
