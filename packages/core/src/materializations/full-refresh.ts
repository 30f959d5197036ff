/**
 * dbt's `should_full_refresh()`: a model's `full_refresh` config, when set, wins over the
 * `--full-refresh` flag. `false` protects a model (e.g. an expensive history table) from a
 * project-wide `--full-refresh`; `true` rebuilds it on every run.
 */
export function shouldFullRefresh(
  flagFullRefresh: boolean,
  configFullRefresh: boolean | null | undefined,
): boolean {
  return configFullRefresh ?? flagFullRefresh;
}
