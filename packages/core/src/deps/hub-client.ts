/**
 * The dbt package hub's JSON API (`<hub>/api/v1/index.json`, `<hub>/api/v1/<org>/<name>.json`),
 * at `DBT_PACKAGE_HUB_URL` when set (dbt's variable), else https://hub.getdbt.com/. Each
 * document is fetched once per run.
 */
import * as z from 'zod';
import { TsmodelError, type SourceLocation } from '../diagnostics';
import { didYouMean } from '../did-you-mean';

export const DEFAULT_HUB_URL = 'https://hub.getdbt.com/';
export const HUB_URL_ENV = 'DBT_PACKAGE_HUB_URL';

const hubVersion = z.object({
  name: z.string(),
  packages: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  downloads: z.object({ tarball: z.string() }),
});
const hubPackage = z.object({ name: z.string(), versions: z.record(z.string(), hubVersion) });

/** What the hub says about one version: its project name, dependencies and tarball URL. */
export type HubVersion = z.infer<typeof hubVersion>;

export class HubClient {
  private readonly documents = new Map<string, Promise<unknown>>();
  readonly baseUrl: string;

  constructor(env: Record<string, string | undefined>) {
    const url = env[HUB_URL_ENV] || DEFAULT_HUB_URL;
    this.baseUrl = url.endsWith('/') ? url : `${url}/`;
  }

  /**
   * Every version of `name` (`dbt-labs/dbt_utils`) the hub lists; a name not in the hub's
   * index is an error at `location` with the closest names it has.
   */
  async versions(name: string, location: SourceLocation): Promise<Record<string, HubVersion>> {
    const index = await this.get('index', z.array(z.string()));
    if (!index.includes(name)) {
      throw new TsmodelError({
        code: 'hub-package-not-found',
        message: `package ${name} is not on the hub (${this.baseUrl})`,
        location,
        hint: didYouMean(name, index) ?? 'check the name at https://hub.getdbt.com/',
      });
    }
    return (await this.get(name, hubPackage)).versions;
  }

  private async get<T>(name: string, schema: z.ZodType<T>): Promise<T> {
    const url = `${this.baseUrl}api/v1/${name}.json`;
    let document = this.documents.get(url);
    if (!document) this.documents.set(url, (document = fetchJson(url)));
    const parsed = schema.safeParse(await document);
    if (!parsed.success) {
      throw new TsmodelError({
        code: 'hub-bad-response',
        message: `the hub answered ${url} with an unexpected document: ${parsed.error.issues[0]?.message ?? ''}`,
        hint: `is ${HUB_URL_ENV} pointing at a dbt package hub?`,
      });
    }
    return parsed.data;
  }
}

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new TsmodelError({
      code: 'hub-unreachable',
      message: `cannot reach the package hub at ${url}: ${causeText(error)}`,
      hint: `check the network, or set ${HUB_URL_ENV} to a reachable hub`,
      cause: error,
    });
  }
  if (!response.ok) {
    throw new TsmodelError({
      code: 'hub-http-error',
      message: `the package hub answered ${url} with HTTP ${response.status}`,
      hint: `check the network, or set ${HUB_URL_ENV} to a reachable hub`,
    });
  }
  try {
    return await response.json();
  } catch (error) {
    throw new TsmodelError({
      code: 'hub-bad-response',
      message: `the package hub answered ${url} with something other than JSON`,
      hint: `is ${HUB_URL_ENV} pointing at a dbt package hub?`,
      cause: error,
    });
  }
}

/** The innermost message of a fetch failure (Node wraps ECONNREFUSED in "fetch failed"). */
export function causeText(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
