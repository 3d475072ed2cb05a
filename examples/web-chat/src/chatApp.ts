import type { Conversation, ImkitClient, Message, RealtimeClient, User } from '@imkit/sdk';
import { newClientMessageId } from '@imkit/sdk';
import { conversationTitle, renderConversations } from './conversationList.js';
import { byId, element } from './dom.js';

/** One message as a list item: sender and text (other content types by name). */
function messageItem(message: Message): HTMLElement {
  const item = element('li', '');
  item.dataset.messageId = message.id;
  const text = message.content.type === 'text' ? message.content.text : `[${message.content.type}]`;
  item.append(element('span', message.sender.nickname ?? message.sender.username, 'sender'));
  item.append(element('span', text, 'text'));
  return item;
}

/** A stable id of this browser for realtime resume, kept in localStorage. */
function deviceId(): string {
  const key = 'imkit-device-id';
  let id = localStorage.getItem(key);
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    localStorage.setItem(key, id);
  }
  return id;
}

/**
 * The logged-in page: the conversation list with unread counts, and the open conversation,
 * live over the realtime socket (messages, read state, typing). `realtime` is null in mock mode,
 * where nothing is live.
 */
export class ChatApp {
  #conversations: Conversation[] = [];
  #open: Conversation | null = null;
  readonly #typing = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #realtime: RealtimeClient | null;

  constructor(
    readonly client: ImkitClient,
    readonly me: User,
    live: boolean,
  ) {
    this.#realtime = live ? client.realtime({ deviceId: deviceId() }) : null;
  }

  /** Shows the page and starts listening. */
  async start(): Promise<void> {
    byId('me').textContent = `Logged in as ${this.me.username}`;
    byId('app').hidden = false;
    byId<HTMLFormElement>('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send();
    });
    byId<HTMLInputElement>('text').addEventListener('input', () => {
      if (this.#open) this.#realtime?.sendTyping(this.#open.id, 'started');
    });
    const realtime = this.#realtime;
    if (realtime) {
      realtime.on('message.created', (message) => void this.#received(message));
      realtime.on('message.read', () => void this.#refreshList());
      realtime.on('typing', ({ conversation_id, user, state }) => {
        if (user.id !== this.me.id) this.#showTyping(conversation_id, user.username, state);
      });
      await realtime.connect();
    }
    await this.#refreshList();
  }

  async #refreshList(): Promise<void> {
    this.#conversations = (await this.client.listConversations()).items;
    renderConversations(this.#conversations, this.#open?.id ?? null, (c) => void this.#openChat(c));
  }

  async #openChat(conversation: Conversation): Promise<void> {
    this.#open = conversation;
    byId('chat').hidden = false;
    byId('chat-title').textContent = conversationTitle(conversation);
    byId('typing').textContent = '';
    const page = await this.client.listMessages({
      path: { conversation_id: conversation.id },
      query: { limit: 50 },
    });
    byId('messages').replaceChildren(...page.items.map(messageItem));
    await this.#markRead(page.items.at(-1));
    await this.#refreshList();
    byId<HTMLInputElement>('text').focus();
  }

  async #markRead(message: Message | undefined): Promise<void> {
    if (!message || !this.#open || !this.#realtime) return;
    await this.client.markConversationRead({
      path: { conversation_id: this.#open.id },
      body: { message_id: message.id },
    });
  }

  async #received(message: Message): Promise<void> {
    if (message.conversation_id === this.#open?.id) {
      const list = byId('messages');
      if (!list.querySelector(`[data-message-id="${message.id}"]`))
        list.append(messageItem(message));
      this.#showTyping(message.conversation_id, message.sender.username, 'stopped');
      if (message.sender.id !== this.me.id) await this.#markRead(message);
    }
    await this.#refreshList();
  }

  async #send(): Promise<void> {
    const input = byId<HTMLInputElement>('text');
    const text = input.value.trim();
    if (!text || !this.#open) return;
    input.value = '';
    this.#realtime?.sendTyping(this.#open.id, 'stopped');
    const message = await this.client.sendMessage({
      path: { conversation_id: this.#open.id },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
    });
    await this.#received(message);
  }

  /** `alice is typing…` under the open conversation, hidden on `stopped` or after 6 s. */
  #showTyping(conversationId: string, username: string, state: 'started' | 'stopped'): void {
    clearTimeout(this.#typing.get(username));
    const line = byId('typing');
    const shown = conversationId === this.#open?.id;
    if (state === 'started' && shown) {
      line.textContent = `${username} is typing…`;
      this.#typing.set(
        username,
        setTimeout(() => (line.textContent = ''), 6000),
      );
    } else if (shown) {
      line.textContent = '';
    }
  }
}
