/**
 * Whether rendered SQL has no statement at all: only whitespace, `-- line` and `/* block *\/`
 * comments (Jinja comments render to nothing). Such a model would build an empty view or fail
 * in the warehouse with a syntax error far from its cause. Stops at the first character of a
 * statement, so a real model costs a few character reads.
 */
export function isEmptySql(sql: string): boolean {
  let i = 0;
  while (i < sql.length) {
    const c = sql.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xfeff) {
      i++;
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      if (end < 0) return true;
      i = end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) return true;
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}
