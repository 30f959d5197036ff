import { constants } from 'node:os';

/** The signals that cancel a run: Ctrl-C, a service manager's stop, a closed terminal. */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type CancelSignal = (typeof CANCEL_SIGNALS)[number];

/**
 * Listens for the cancel signals while a run is in progress. The first one aborts `signal`
 * (its `reason` is the signal's name) and the run winds down: running queries are cancelled,
 * staging is dropped, run_results.json is written. A second one is not caught: Node's default
 * ends the process at once, for a user who will not wait for the wind-down.
 */
export interface CancelOnSignals {
  signal: AbortSignal;
  /** The signal that cancelled the run, if one did. */
  received(): CancelSignal | undefined;
  /** Stops listening; signals get Node's default handling again. */
  dispose(): void;
}

export function cancelOnSignals(): CancelOnSignals {
  const controller = new AbortController();
  let received: CancelSignal | undefined;
  const handlers = CANCEL_SIGNALS.map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort(name);
      // Every cancel signal returns to the default, so the second one of any kind is fatal.
      for (const [other, h] of handlers) process.removeListener(other, h);
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const [name, handler] of handlers) process.removeListener(name, handler);
    },
  };
}

/** The shell's convention for a process ended by a signal: 128 + its number (130, 143, 129). */
export function signalExitCode(signal: CancelSignal): number {
  return 128 + constants.signals[signal];
}
