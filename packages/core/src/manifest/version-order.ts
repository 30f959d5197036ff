/**
 * dbt's order of version identifiers: numerically when both are numbers, else as text. Used for
 * `version:` selection and the versions a message lists.
 */
export function compareVersions(a: string | number, b: string | number): number {
  const x = Number(a);
  const y = Number(b);
  if (String(a).trim() !== '' && String(b).trim() !== '' && !Number.isNaN(x) && !Number.isNaN(y))
    return Math.sign(x - y);
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}
