/**
 * Data of the snapshot modules, written for tsmodel in the shapes of dbt's simple_snapshot
 * fixtures: people with an id, names, an email and a change timestamp.
 */
import type { SuiteProject } from './suite-project';

const FIRST = ['Ada', 'Bram', 'Cleo', 'Dario', 'Elin', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas'];
const LAST = [
  'Lind',
  'Okafor',
  'Perez',
  'Quist',
  'Rahman',
  'Sato',
  'Toth',
  'Ulm',
  'Varga',
  'Weiss',
];

export interface Person {
  id: number;
  first_name: string;
  last_name: string;
  /** Null for id 20, so comparisons of a null checked column are exercised. */
  email: string | null;
  gender: string;
  ip_address: string;
  /** `YYYY-MM-DD HH:MM:SS`, distinct per id. */
  updated_at: string;
}

/** People 1…n, each with its own names and time. */
export function people(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => {
    const id = i + 1;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 3) % LAST.length]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    return {
      id,
      first_name: first,
      last_name: last,
      email: id === 20 ? null : `${first.toLowerCase()}.${last.toLowerCase()}${id}@example.org`,
      gender: id % 2 === 0 ? 'Male' : 'Female',
      ip_address: `10.${id}.${(id * 7) % 256}.${(id * 13) % 256}`,
      updated_at: `2016-${month}-${day} ${String(id % 24).padStart(2, '0')}:${String((id * 7) % 60).padStart(2, '0')}:00`,
    };
  });
}

/** The people as a seed CSV (dbt's simple_snapshot seed.csv; `updated_at` a timestamp). */
export function peopleCsv(rows: Person[]): string {
  const header = 'id,first_name,last_name,email,gender,ip_address,updated_at';
  const line = (p: Person) =>
    [p.id, p.first_name, p.last_name, p.email ?? '', p.gender, p.ip_address, p.updated_at].join(
      ',',
    );
  return `${header}\n${rows.map(line).join('\n')}\n`;
}

const PERSON_COLUMNS =
  'id integer, first_name varchar(50), last_name varchar(50), email varchar(50), gender varchar(50), ip_address varchar(20), updated_at timestamp';

/** `create table <name>` of the people columns, plus `extra` column definitions. */
export function createPeopleTable(p: SuiteProject, name: string, extra = ''): string {
  return `create table ${p.relation(name)} (${PERSON_COLUMNS}${extra ? `, ${extra}` : ''})`;
}

/**
 * `insert into <name>` of the people's columns, as literals. `keys` replaces the `id` column
 * (the multi-key case keys a person on `id1, id2`).
 */
export function insertPeople(
  p: SuiteProject,
  name: string,
  rows: Person[],
  keys: { columns: string; values: (person: Person) => string } = {
    columns: 'id',
    values: (person) => String(person.id),
  },
): string {
  const lit = (v: string | null) => (v === null ? 'null' : `'${v.replaceAll("'", "''")}'`);
  const values = rows.map(
    (r) =>
      `(${keys.values(r)}, ${lit(r.first_name)}, ${lit(r.last_name)}, ${lit(r.email)}, ${lit(r.gender)}, ${lit(r.ip_address)}, ${lit(r.updated_at)})`,
  );
  return `insert into ${p.relation(name)} (${keys.columns}, first_name, last_name, email, gender, ip_address, updated_at) values\n${values.join(',\n')}`;
}

/** dbt's scd id of a person row keyed on `id || '-' || first_name`, as its fixtures compute it. */
export const EXPRESSION_KEY_SCD_ID = `md5(id || '-' || first_name || '|' || cast(updated_at as varchar))`;
