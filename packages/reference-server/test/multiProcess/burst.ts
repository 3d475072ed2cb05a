import { isImkitError, newClientMessageId } from '@imkit/sdk';
import type { ClusterUser } from './clusterClients.js';

/** Attempts of one send before the burst gives up on it (about 15 s of retrying). */
const MAX_ATTEMPTS = 40;

/** One sender of a burst: its conversation, and where each attempt of each message goes. */
export interface SendPlan {
  sender: ClusterUser;
  conversationId: string;
  /** The base URL (a process, or the balancer) of attempt `attempt` (0 first) of message `index`. */
  route(index: number, attempt: number): string;
}

/** A message the server acknowledged (a 2xx answer to `sendMessage`). */
export interface Acknowledged {
  id: string;
  conversationId: string;
  /** The sender's index in the burst's plans, and the message's index in its sequence. */
  sender: number;
  index: number;
}

/**
 * Concurrent senders, each sending its messages one after the other (the next only once the
 * previous was acknowledged), so each conversation has one order to compare deliveries with.
 * A send that got no answer from a server (network failure, the balancer's 502) is retried
 * with the same `client_message_id`, as clients do: the server stores it once and
 * acknowledges the retry with the stored message. Any answer of the server's other than 2xx
 * fails the burst.
 */
export class Burst {
  /** Every acknowledged message, in acknowledgement order. */
  readonly acknowledged: Acknowledged[] = [];
  /** Attempts that got no answer and were retried. */
  retries = 0;

  constructor(
    private readonly plans: SendPlan[],
    private readonly perSender: number,
  ) {}

  /**
   * Runs every sender to its last message.
   * @throws Error naming the sender, message and URL of a send the server refused or that
   *   got no answer in 40 attempts.
   */
  async run(): Promise<void> {
    await Promise.all(this.plans.map((plan, sender) => this.runSender(plan, sender)));
  }

  /** Sends one more message in every plan's conversation (after the burst), through `url`. */
  async sendOneEach(url: string, text: string): Promise<void> {
    await Promise.all(
      this.plans.map((plan, sender) =>
        this.send({ ...plan, route: () => url }, sender, this.perSender, text),
      ),
    );
  }

  private async runSender(plan: SendPlan, sender: number): Promise<void> {
    for (let index = 0; index < this.perSender; index += 1) {
      await this.send(plan, sender, index, `s${sender} m${index}`);
    }
  }

  private async send(plan: SendPlan, sender: number, index: number, text: string): Promise<void> {
    const body = {
      client_message_id: newClientMessageId(),
      content: { type: 'text' as const, text },
    };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const url = plan.route(index, attempt);
      try {
        const message = await plan.sender.via(url).sendMessage({
          path: { conversation_id: plan.conversationId },
          body,
        });
        this.acknowledged.push({
          id: message.id,
          conversationId: plan.conversationId,
          sender,
          index,
        });
        return;
      } catch (error) {
        if (!isImkitError(error, 'network.failed')) {
          throw new Error(`sender ${sender} message ${index} via ${url}: the server refused it`, {
            cause: error,
          });
        }
        this.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * (attempt + 1))));
      }
    }
    throw new Error(`sender ${sender} message ${index}: no answer in ${MAX_ATTEMPTS} attempts`);
  }
}
