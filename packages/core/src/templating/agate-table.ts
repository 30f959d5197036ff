import { AgateRow, MappedSequence } from './agate-sequence';
import { printTable } from './agate-print';
import { bind } from './py-args';
import { compare } from './py-operators';
import { PyTuple, isDict, pyEq, pyStr, truthy, tuple } from './py-values';

/** The agate data types a dbt result column can have (dbt-common's agate_helper type tester). */
export type AgateTypeName = 'Integer' | 'Number' | 'Date' | 'DateTime' | 'Boolean' | 'Text';

const TYPE_MODULES: Record<AgateTypeName, string> = {
  Integer: 'dbt_common.clients.agate_helper',
  Number: 'dbt_common.clients.agate_helper',
  Date: 'agate.data_types.date',
  DateTime: 'agate.data_types.date_time',
  Boolean: 'agate.data_types.boolean',
  Text: 'agate.data_types.text',
};

/** A column's type, as `table.column_types` lists it; `print_structure` prints its name. */
export class AgateType {
  constructor(readonly name: AgateTypeName) {}

  __repr__(): string {
    return `<${TYPE_MODULES[this.name]}.${this.name} object>`;
  }
}

/** agate's Column: `name`, `index`, `data_type`, `values()` and its sorted/distinct variants. */
export class AgateColumn extends MappedSequence {
  constructor(
    readonly index: number,
    readonly name: string,
    readonly data_type: AgateType,
    rows: MappedSequence<AgateRow>,
  ) {
    super(() => rows.values().map((r) => r.values()[index]));
  }

  values_distinct(): PyTuple<unknown> {
    const out: unknown[] = [];
    for (const v of this.values()) if (!out.some((x) => pyEq(x, v))) out.push(v);
    return tuple(out);
  }

  values_without_nulls(): PyTuple<unknown> {
    return tuple(this.values().filter((v) => v !== null));
  }

  values_sorted(): unknown[] {
    return sortNullsLast(this.values());
  }

  values_without_nulls_sorted(): unknown[] {
    return sortNullsLast(this.values_without_nulls());
  }

  protected override className(): string {
    return 'Column';
  }
}

function sortNullsLast(values: readonly unknown[]): unknown[] {
  return [...values].sort((a, b) => {
    if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
    return compare('<', a, b) ? -1 : compare('<', b, a) ? 1 : 0;
  });
}

/**
 * agate's Table as `run_query` and `load_result(...).table` return it: rows and columns
 * indexable by position and name, `len()` and iteration over rows, `column_names`,
 * `column_types`, `print_table()`. Values are already what dbt's type tester produced
 * (see query-outcome.ts); `print_table` writes to `print`, dbt's stdout.
 */
export class AgateTable implements Iterable<AgateRow> {
  readonly column_names: PyTuple<string>;
  readonly column_types: PyTuple<AgateType>;
  readonly rows: MappedSequence<AgateRow>;
  readonly columns: MappedSequence<AgateColumn>;
  /** This table never has row names (dbt builds none). */
  readonly row_names = null;

  constructor(
    columnNames: readonly string[],
    types: readonly AgateType[],
    rows: readonly (readonly unknown[])[],
    /** Where `print_table()` and `print_structure()` write their text. */
    readonly print: (text: string) => void,
  ) {
    if (columnNames.length !== types.length)
      throw new Error('column_names and column_types must be the same length.');
    this.column_names = deduplicate(columnNames);
    this.column_types = tuple(types);
    this.rows = new MappedSequence(
      rows.map((r, i) => {
        if (r.length > columnNames.length)
          throw new Error(
            `Row ${i} has ${r.length} values, but Table only has ${columnNames.length} columns.`,
          );
        const filled = [...r, ...Array<null>(columnNames.length - r.length).fill(null)];
        return new AgateRow(filled, this.column_names);
      }),
    );
    this.columns = new MappedSequence(
      this.column_names.map((n, i) => new AgateColumn(i, n, this.column_types[i]!, this.rows)),
      this.column_names,
    );
  }

  __len__(): number {
    return this.rows.__len__();
  }

  __getitem__(key: unknown): unknown {
    return this.rows.__getitem__(key);
  }

  [Symbol.iterator](): Iterator<AgateRow> {
    return this.rows[Symbol.iterator]();
  }

  print_table(...args: unknown[]): string {
    const [maxRows, maxColumns, output, maxWidth, , maxPrecision] = bind(
      args,
      ['max_rows', 'max_columns', 'output', 'max_column_width', 'locale', 'max_precision'],
      'print_table',
    );
    if (output !== undefined) throw new Error('print_table(output=…) is not supported');
    this.print(
      printTable(this, {
        maxRows: maxRows === undefined ? 20 : (maxRows as number | null),
        maxColumns: maxColumns === undefined ? 6 : (maxColumns as number | null),
        maxColumnWidth: maxWidth === undefined ? 20 : (maxWidth as number | null),
        maxPrecision: maxPrecision === undefined ? 3 : (maxPrecision as number | null),
      }),
    );
    return '';
  }

  print_structure(...args: unknown[]): string {
    const [output, maxRows] = bind(args, ['output', 'max_rows'], 'print_structure');
    if (output !== undefined) throw new Error('print_structure(output=…) is not supported');
    this.print(this.structure((maxRows as number | null | undefined) ?? null));
    return '';
  }

  /** agate's `rename`: new column names from a list, or a dict of old → new. */
  rename(...args: unknown[]): AgateTable {
    const [names, rowNames, slugColumns, slugRows] = bind(
      args,
      ['column_names', 'row_names', 'slug_columns', 'slug_rows'],
      'rename',
    );
    if ((rowNames !== undefined && rowNames !== null) || truthy(slugColumns) || truthy(slugRows))
      throw new Error('rename() supports column_names only (no row names or slugs)');
    const next =
      names === undefined || names === null
        ? this.column_names
        : isDict(names)
          ? this.column_names.map((n) => (Object.hasOwn(names, n) ? pyStr(names[n]) : n))
          : [...(names as Iterable<unknown>)].map(pyStr);
    return new AgateTable(
      next,
      this.column_types,
      this.rows.values().map((r) => r.values()),
      this.print,
    );
  }

  /** `str(table)` is agate's `print_structure` text. */
  __str__(): string {
    return this.structure(null);
  }

  __repr__(): string {
    return '<agate.table.Table object>';
  }

  private structure(maxRows: number | null): string {
    const t = new AgateTable(
      ['column', 'data_type'],
      [new AgateType('Text'), new AgateType('Text')],
      this.column_names.map((n, i) => [n, this.column_types[i]!.name]),
      this.print,
    );
    return printTable(t, { maxRows, maxColumns: 6, maxColumnWidth: null, maxPrecision: 3 });
  }
}

/** agate's column-name deduplication: blanks get letter names, repeats `_2`, `_3`. */
function deduplicate(names: readonly string[]): PyTuple<string> {
  const out: string[] = [];
  names.forEach((name, i) => {
    const base = name ? name : letterName(i);
    let final = base;
    for (let n = 2; out.includes(final); n++) final = `${base}_${n}`;
    out.push(final);
  });
  return tuple(out);
}

function letterName(i: number): string {
  return String.fromCharCode(97 + (i % 26)).repeat(Math.floor(i / 26) + 1);
}
