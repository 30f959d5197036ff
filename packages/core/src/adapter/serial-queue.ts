/**
 * Runs tasks one at a time in submission order. A driver connection executes one statement at
 * a time; overlapping calls from async code would otherwise interleave statements of different
 * steps (or of a transaction) on the same session.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // Keep the chain alive after a failure; the caller still sees the rejection.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
