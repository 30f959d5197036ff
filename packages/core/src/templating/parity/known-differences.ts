/**
 * Probes where tsmodel still renders differently from Jinja2, with why. Each is also a line of
 * the README's "where we differ" list; the parity suite fails when one starts to agree.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {};
