import type { ServerConfig } from '../config/ServerConfig.js';
import type { LimiterFactory } from './rateLimits/limiterFactory.js';
import { RateBudget } from './rateLimits/RateBudget.js';

/** The settings of {@link LoginThrottle}, documented in {@link ServerConfig}. */
export type LoginThrottleConfig = Pick<
  ServerConfig,
  'loginFailuresPer15Min' | 'loginFailuresPerAddressPerDay' | 'loginFailuresPerAccountPerHour'
>;

/** How long a successful login makes its address known to the account: 14 days (the memory store's timers cap at 24.8 days). */
const KNOWN_ADDRESS_SECONDS = 14 * 24 * 3600;

/**
 * Throttles failed logins (spec operation `login`; OWASP Authentication Cheat Sheet) so that
 * guessing is slow but a stranger cannot lock the owner out:
 * - per account and client address (`login_account_address`, 15 min): the hard limit;
 * - per address across accounts (`login_address`, 24 h): password spraying;
 * - per account across addresses (`login_account`, 1 h): a distributed attack; it refuses only
 *   addresses the account has not logged in from in the last 14 days.
 * Each attempt is reserved before the password is checked, so concurrency cannot exceed them.
 */
export class LoginThrottle {
  private readonly pair: RateBudget;
  private readonly address: RateBudget;
  private readonly account: RateBudget;
  private readonly known: RateBudget;

  constructor(config: LoginThrottleConfig, limiters: LimiterFactory) {
    const budget = (name: string, limit: number, windowSeconds: number) =>
      new RateBudget({ name, limit, windowSeconds }, limiters);
    this.pair = budget('login_account_address', config.loginFailuresPer15Min, 15 * 60);
    this.address = budget('login_address', config.loginFailuresPerAddressPerDay, 24 * 3600);
    this.account = budget('login_account', config.loginFailuresPerAccountPerHour, 3600);
    this.known = budget('login_known_address', 1, KNOWN_ADDRESS_SECONDS);
  }

  /**
   * Runs one login attempt: reserves it in every budget that applies, then runs `check` (the
   * password check). A failed check keeps the reservation; a successful one gives it back, clears
   * the account's failures from this address and remembers the address for the account.
   * @param account the account's key: `user:<id>`, or `login:<normalized login>` when unknown.
   * @param address the client address.
   * @returns what `check` returned.
   * @throws RateLimited (429) without running `check` when a budget is spent.
   */
  async attempt(account: string, address: string, check: () => Promise<boolean>): Promise<boolean> {
    const reserved = await this.reserve(account, address);
    const passed = await check();
    if (passed) await this.succeeded(`${account}|${address}`, reserved);
    return passed;
  }

  /** A success is no failure: give back its reservations, clear the pair, remember the address. */
  private async succeeded(pair: string, reserved: [RateBudget, string][]): Promise<void> {
    await Promise.all(reserved.map(([budget, key]) => budget.refund(key)));
    await this.pair.reset(pair);
    await this.known.reset(pair);
    await this.known.consume(pair);
  }

  /** Takes one attempt from each budget, giving all back when one refuses. */
  private async reserve(account: string, address: string): Promise<[RateBudget, string][]> {
    const wanted: [RateBudget, string][] = [
      [this.pair, `${account}|${address}`],
      [this.address, `ip:${address}`],
    ];
    if ((await this.known.used(`${account}|${address}`)) === 0)
      wanted.push([this.account, account]);
    const reserved: [RateBudget, string][] = [];
    try {
      for (const [budget, key] of wanted) {
        await budget.consume(key);
        reserved.push([budget, key]);
      }
    } catch (error) {
      await Promise.all(reserved.map(([budget, key]) => budget.refund(key)));
      throw error;
    }
    return reserved;
  }
}
