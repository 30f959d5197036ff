import { isMap, isSeq, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type * as z from 'zod';
import { TsmodelError, type SourceLocation } from '../diagnostics';

/**
 * A parsed YAML file that still knows where every value came from, so schema problems are
 * reported as `project.yml:12:5 …` instead of dbt's "malformed YAML" with no file (dbt#2499).
 */
export class YamlFile {
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Parses `text`; syntax errors become one TsmodelError each, all returned at once.
   * `file` is the path shown to the user (relative to the project root when possible).
   */
  static parse(text: string, file: string): { yaml?: YamlFile; errors: TsmodelError[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const errors = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return new TsmodelError({
        code: 'yaml-syntax',
        message: `invalid YAML: ${e.message.split('\n')[0]}`,
        location: { file, line: pos?.line, column: pos?.col },
        excerpt: pos ? text.split(/\r?\n/)[pos.line - 1] : undefined,
        hint: 'check indentation and quoting on that line',
      });
    });
    if (errors.length > 0) return { errors };
    return { yaml: new YamlFile(file, text, doc, lines), errors: [] };
  }

  /** The document as plain JS values (an empty file gives `undefined`). */
  toJS(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  /**
   * Location of the value at `path` (map keys and sequence indexes). Walks as deep as the path
   * exists, so a missing key points at its parent mapping.
   */
  locate(path: ReadonlyArray<PropertyKey>, preferKey = false): SourceLocation {
    let node: unknown = this.doc.contents;
    let range: [number, number, number] | undefined | null = isNode(node) ? node.range : undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const key = isNode(p.key) ? (p.key as { value?: unknown }).value : p.key;
          return String(key) === String(seg);
        });
        if (!pair) break;
        const keyRange = isNode(pair.key) ? pair.key.range : undefined;
        node = pair.value;
        range = preferKey || !isNode(node) ? (keyRange ?? range) : node.range;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!isNode(item)) break;
        node = item;
        range = item.range;
      } else break;
    }
    if (!range) return { file: this.file };
    const { line, col } = this.lines.linePos(range[0]);
    return { file: this.file, line, column: col };
  }

  /** The source line at `location`, for excerpts. */
  lineText(line: number | undefined): string | undefined {
    return line === undefined ? undefined : this.text.split(/\r?\n/)[line - 1];
  }

  /**
   * Validates the document with a zod schema; every issue becomes an error located at the
   * offending key, e.g. `project.yml:7:3 models.+materialized: expected string`.
   */
  validate<T>(schema: z.ZodType<T>): { value?: T; errors: TsmodelError[] } {
    return this.validateValue(this.toJS() ?? {}, schema);
  }

  /**
   * Like {@link validate}, for a value derived from the document that keeps its shape (e.g.
   * with `env_var()` rendered), so problems in rendered values still point at their line.
   */
  validateValue<T>(value: unknown, schema: z.ZodType<T>): { value?: T; errors: TsmodelError[] } {
    const result = schema.safeParse(value);
    if (result.success) return { value: result.data, errors: [] };
    const errors = result.error.issues.map((issue) => {
      const path = issue.path as PropertyKey[];
      const unknownKeys =
        issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
      // Point at the first unknown key itself rather than at the mapping that holds it.
      const location = this.locate(
        unknownKeys.length ? [...path, unknownKeys[0]!] : path,
        unknownKeys.length > 0,
      );
      const keys =
        unknownKeys.length && !unknownKeys.every((k) => issue.message.includes(k))
          ? ` ${unknownKeys.join(', ')}`
          : '';
      return new TsmodelError({
        code: 'yaml-schema',
        message: `${path.length ? `${path.join('.')}: ` : ''}${issue.message}${keys}`,
        location,
        excerpt: this.lineText(location.line),
      });
    });
    return { errors };
  }
}
