import type { Conversation, ImkitClient, Message } from '@imkit/sdk';
import { contentText } from '../format/formatMessage.js';
import { GROUP_PREFIX } from '../groupReference.js';

/** Characters of a message from another conversation shown in its notice. */
const EXCERPT_LENGTH = 40;

/** The first {@link EXCERPT_LENGTH} characters of a message's text, on one line. */
function excerpt(message: Message): string {
  const chars = Array.from(contentText(message.content).replace(/\s+/g, ' ').trim());
  return chars.length > EXCERPT_LENGTH
    ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…`
    : chars.join('');
}

/**
 * The one-line notices `imkit chat` prints for messages that arrive in the user's other
 * conversations: `* new message from bob: are you coming?` (a direct one) or
 * `* new message in #Crew from bob: …` (a group). Each group's name is asked for once.
 */
export class ElsewhereNotices {
  readonly #groupNames = new Map<string, Promise<string | null>>();
  /** The notices still to print, chained so they come out in the order the messages came. */
  #printed: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ImkitClient,
    private readonly print: (line: string) => void,
  ) {}

  /** Prints the notice of `message`, which arrived in a conversation other than the chat's own. */
  announce(message: Message): void {
    const notice = this.#notice(message);
    this.#printed = this.#printed.then(async () => this.print(await notice));
  }

  /** Resolves once every announced notice is printed (before the chat ends). */
  flush(): Promise<void> {
    return this.#printed;
  }

  async #notice(message: Message): Promise<string> {
    const where = await this.#groupName(message.conversation_id);
    const from = message.sender.username;
    return where === null
      ? `* new message from ${from}: ${excerpt(message)}`
      : `* new message in ${GROUP_PREFIX}${where} from ${from}: ${excerpt(message)}`;
  }

  /** The group name of a conversation, or null for a direct one (or one that cannot be read). */
  #groupName(conversationId: string): Promise<string | null> {
    let name = this.#groupNames.get(conversationId);
    if (!name) {
      name = this.client
        .getConversation({ path: { conversation_id: conversationId } })
        .then((c: Conversation) => c.group?.name ?? null)
        .catch(() => null);
      this.#groupNames.set(conversationId, name);
    }
    return name;
  }
}
