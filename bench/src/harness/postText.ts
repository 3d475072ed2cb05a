/**
 * Sends a text message over HTTP (operation `sendMessage`) with plain fetch (keep-alive), so the
 * client adds as little as possible to the measured time.
 * @throws Error when the server does not answer 201.
 */
export async function postText(
  baseUrl: string,
  token: string,
  conversationId: string,
  clientMessageId: string,
  text = 'hello there',
): Promise<void> {
  const response = await fetch(`${baseUrl}/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ client_message_id: clientMessageId, content: { type: 'text', text } }),
  });
  if (response.status !== 201) throw new Error(`send answered ${response.status}`);
  await response.arrayBuffer();
}

/** Posts `frame` to the raw `ws` baseline's `POST /relay`, which sends it to every socket. */
export async function postRelay(baseUrl: string, frame: string): Promise<void> {
  const response = await fetch(`${baseUrl}/relay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: frame,
  });
  await response.arrayBuffer();
}
