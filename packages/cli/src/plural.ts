/** `plural(1, 'node')` → `1 node`, `plural(3, 'node')` → `3 nodes`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
