/**
 * Probes where tsmodel still renders differently from Jinja2, with why. Each is also a line of
 * the README's "where we differ" list; the parity suite fails when one starts to agree.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'global: range prints as range':
    'range() is a list: it prints [0, 1, 2], not range(0, 3) (iterating, length and `in` agree)',
  'filter: map result printed without list':
    'map/select/reject/selectattr/rejectattr return lists, not generators: printing one without `| list` shows its items',
  'print: dict with integer keys':
    "dict keys are strings in JavaScript: {1: 'a'} prints {'1': 'a'} (lookups d[1] and d['1'] both work)",
  'fromjson: integral float':
    'an integral float read from JSON or YAML (1.0) is the integer 1; float literals and arithmetic keep `.0`',
};
