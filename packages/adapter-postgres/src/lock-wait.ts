import type { AdapterNotice, ExecuteOptions } from '@tsmodel/core/adapter';
import { describeBackend, type BackendInfo } from './backend-info';

/** SQLSTATE of "canceling statement due to lock timeout". */
export const LOCK_NOT_AVAILABLE = '55P03';

export interface LockWaitReporting {
  /** The sessions `pid` waits for (`pg_blocking_pids`), asked from another session. */
  blockers(pid: number): Promise<BackendInfo[]>;
  notify(notice: AdapterNotice): void;
  /** How often a running statement is checked for a lock wait. */
  intervalMs: number;
  /** The session's lock_timeout in seconds (0: none), for the error message. */
  lockTimeout: number;
}

/**
 * Watches one running statement: while it waits on a lock, says who holds it (once per set of
 * blockers), and remembers them so a lock-timeout error can name them after the wait ended.
 */
export class LockWaitWatch {
  private timer?: NodeJS.Timeout;
  private checking = false;
  private lastSeen = '';
  /** Who blocked the statement last time it was seen waiting. */
  blockers: BackendInfo[] = [];

  constructor(
    private readonly reporting: LockWaitReporting,
    private readonly pid: number,
    private readonly options: ExecuteOptions,
  ) {}

  start(): this {
    this.timer = setInterval(() => void this.check(), this.reporting.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The message of a lock-timeout error, with what blocked the statement. */
  timeoutMessage(driverMessage: string): string {
    const limit = `lock_timeout (${this.reporting.lockTimeout}s) reached`;
    const who =
      this.blockers.length > 0
        ? `blocked by ${this.blockers.map(describeBackend).join('; ')}`
        : 'the blocking session was not seen';
    return `${driverMessage}: ${limit}, ${who} — end that session (select pg_terminate_backend(pid)) or raise lock_timeout in the profile`;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const blockers = await this.reporting.blockers(this.pid);
      if (blockers.length === 0) return;
      this.blockers = blockers;
      const seen = blockers.map((b) => b.pid).join(',');
      if (seen === this.lastSeen) return;
      this.lastSeen = seen;
      const what = `${this.options.label}${this.options.node ? ` of ${this.options.node}` : ''}`;
      this.reporting.notify({
        level: 'warn',
        code: 'lock-wait',
        message: `Waiting for a lock: ${what} is blocked by ${blockers.map(describeBackend).join('; ')}`,
      });
    } catch {
      // Reporting is best effort: the statement itself still ends by lock_timeout.
    } finally {
      this.checking = false;
    }
  }
}
