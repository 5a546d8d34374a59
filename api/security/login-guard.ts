/**
 * Login throttling and a bound on the password hashing (api/auth.ts).
 *
 * Failures are counted per username and per client IP. Up to `freeFailures` failures in a row cost
 * nothing; after that each further failure locks further attempts of that username (or from that
 * IP) for a doubling time (1 s, 2 s, 4 s … up to `maxLockMs`). While locked, the login answers 429
 * with `Retry-After` and does no scrypt work at all — also for the right password, so guessing
 * cannot go on in the background. A success clears the username's count; a quiet period of
 * `forgetAfterMs` clears any count. The counters live in the process (one API process = one
 * budget; several processes behind a proxy multiply it, as the per-IP rate limit does).
 *
 * The scrypt work itself (32 MiB, ~50–100 ms per hash) runs at most `concurrency` at a time; up to
 * `queue` more wait for a slot, beyond that the login answers 503 with `Retry-After` at once instead
 * of exhausting memory and CPU.
 */
export interface LoginGuardOptions {
  /** Failures in a row before a username is locked (default 5). */
  freeFailuresPerUser: number;
  /** Failures in a row before an IP is locked (default 50: an office behind one NAT). */
  freeFailuresPerIp: number;
  /** First lock after the free failures (default 1 s), doubled by each further failure. */
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
  /** Concurrent scrypt derivations (default 4) and how many may wait (default 32). */
  concurrency: number;
  queue: number;
  now: () => number;
}

interface Counter {
  failures: number;
  lockedUntil: number;
  last: number;
}

export class LoginLockedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many failed logins');
  }
}

export class LoginBusyError extends Error {}

export class LoginGuard {
  private readonly users = new Map<string, Counter>();
  private readonly ips = new Map<string, Counter>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  readonly options: LoginGuardOptions;

  constructor(options: Partial<LoginGuardOptions> = {}) {
    this.options = {
      freeFailuresPerUser: 5,
      freeFailuresPerIp: 50,
      baseLockMs: 1000,
      maxLockMs: 15 * 60_000,
      forgetAfterMs: 15 * 60_000,
      concurrency: 4,
      queue: 32,
      now: Date.now,
      ...options,
    };
  }

  private counter(map: Map<string, Counter>, key: string): Counter | undefined {
    const c = map.get(key);
    if (c && this.options.now() - c.last > this.options.forgetAfterMs && this.options.now() >= c.lockedUntil) {
      map.delete(key);
      return undefined;
    }
    return c;
  }

  /** Throws LoginLockedError while the username or the IP is locked. */
  check(username: string, ip: string): void {
    const now = this.options.now();
    const until = Math.max(
      this.counter(this.users, username)?.lockedUntil ?? 0,
      this.counter(this.ips, ip)?.lockedUntil ?? 0,
    );
    if (until > now) throw new LoginLockedError(Math.max(1, Math.ceil((until - now) / 1000)));
  }

  private fail(map: Map<string, Counter>, key: string, free: number): void {
    const now = this.options.now();
    const c = this.counter(map, key) ?? { failures: 0, lockedUntil: 0, last: now };
    c.failures++;
    c.last = now;
    if (c.failures >= free)
      c.lockedUntil = now + Math.min(this.options.maxLockMs, this.options.baseLockMs * 2 ** (c.failures - free));
    map.set(key, c);
    // Bounded memory: the oldest counters go first (Map keeps insertion order).
    if (map.size > 100_000) map.delete(map.keys().next().value!);
  }

  failed(username: string, ip: string): void {
    this.fail(this.users, username, this.options.freeFailuresPerUser);
    this.fail(this.ips, ip, this.options.freeFailuresPerIp);
  }

  succeeded(username: string): void {
    this.users.delete(username);
  }

  /** Runs the password work with at most `concurrency` at a time; LoginBusyError when the queue is full. */
  async hashing<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.concurrency) {
      if (this.waiting.length >= this.options.queue) throw new LoginBusyError('too many logins at once');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next) next();
      else this.active--;
    }
  }

  /** In-flight derivations (for tests and metrics). */
  get running(): number {
    return this.active;
  }
}
