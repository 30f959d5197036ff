/**
 * Seeds and model bodies of the dbt suite, written for tsmodel (same shapes as dbt's
 * `basic/files.py` — ten people with a timestamp, then ten more — so the
 * same assertions hold), shared by the modules that build on them.
 */

const FIRST = [
  ['1', 'Ada', '1984-02-11T08:15:00'],
  ['2', 'Bram', '1979-07-30T22:01:45'],
  ['3', 'Cleo', '1990-11-05T13:37:12'],
  ['4', 'Dario', '1975-01-19T04:44:09'],
  ['5', 'Elin', '1988-06-02T17:20:31'],
  ['6', 'Farid', '1993-09-14T09:09:09'],
  ['7', 'Greta', '1969-12-24T23:59:58'],
  ['8', 'Hugo', '1986-03-08T06:30:00'],
  ['9', 'Ines', '1996-10-21T12:00:01'],
  ['10', 'Jonas', '1972-05-27T19:45:50'],
];
const MORE = [
  ['11', 'Kira', '2011-04-16T10:10:10'],
  ['12', 'Lior', '2001-08-03T15:25:35'],
  ['13', 'Mira', '2003-02-28T01:02:03'],
  ['14', 'Nils', '2006-12-12T12:12:12'],
  ['15', 'Olga', '2008-07-07T07:07:07'],
  ['16', 'Pavel', '2004-01-31T20:40:00'],
  ['17', 'Quinn', '2018-09-09T09:19:29'],
  ['18', 'Rosa', '2013-05-05T05:55:15'],
  ['19', 'Sven', '2010-10-10T22:33:44'],
  ['20', 'Tova', '2002-11-11T18:08:28'],
];

const csv = (header: string, rows: string[][]) =>
  `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;

/** 10 rows: id, name, some_date. */
export const SEED_BASE = csv('id,name,some_date', FIRST);
/** SEED_BASE plus 10 rows (ids 11–20). */
export const SEED_ADDED = csv('id,name,some_date', [...FIRST, ...MORE]);
/** A source `raw.seed` on the case's schema whose identifier is `var('seed_name', 'base')`. */
export const SOURCE_RAW_YML = `version: 2
sources:
  - name: raw
    schema: "{{ target.schema }}"
    tables:
      - name: seed
        identifier: "{{ var('seed_name', 'base') }}"
`;

export const fromSource = (config: string) =>
  `{{ config(${config}) }}\nselect * from {{ source('raw', 'seed') }}\n`;

/** Rows once, then only rows with a greater id than the model has (dbt's incremental.sql). */
export const INCREMENTAL_BY_ID = `{{ config(materialized="incremental") }}
select * from {{ source('raw', 'seed') }}
{% if is_incremental() %}
where id > (select max(id) from {{ this }})
{% endif %}
`;

/** A not_null test on column `id` of `model`. */
export const notNullYml = (model: string, kind = 'models') => `version: 2
${kind}:
  - name: ${model}
    columns:
      - name: id
        data_tests:
          - not_null
`;
