// The command line shared by the data generators (bench/segment, bench/snowplow):
// `--<count> N --seed S --db path.duckdb [--append-fraction F]`, validated, then one line of output.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

/**
 * Runs `generate(db, { [count], seed, appendFraction })` when `moduleUrl` is the script node was
 * started with; `count` names the size flag (`rows`, `events`) and `table` the table reported.
 */
export async function runGeneratorCli({ moduleUrl, count, table, generate }) {
  if (moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      [count]: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      db: { type: 'string' },
      'append-fraction': { type: 'string' },
    },
  });
  const size = Number(values[count]);
  const seed = Number(values.seed);
  const appendFraction =
    values['append-fraction'] === undefined ? undefined : Number(values['append-fraction']);
  const problems = [
    !values.db && '--db <path.duckdb> is required',
    !(Number.isInteger(size) && size > 0) && `--${count} must be a positive integer, got ${values[count]}`,
    !Number.isInteger(seed) && `--seed must be an integer, got ${values.seed}`,
    appendFraction !== undefined &&
      !(appendFraction > 0) &&
      `--append-fraction must be > 0, got ${values['append-fraction']}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    console.error(`generate: ${problems.join('; ')}`);
    process.exit(2);
  }
  const started = Date.now();
  const total = await generate(values.db, { [count]: size, seed, appendFraction });
  const what = appendFraction === undefined ? `${size} ${count}` : `a ${appendFraction} batch`;
  console.log(`generate: ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${table} has ${total} rows`);
}
