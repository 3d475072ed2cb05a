/**
 * The WebSocket URL of the `connectRealtime` operation for an HTTP base URL:
 * `http://host:8080/api` -> `ws://host:8080/api/realtime` (`https` -> `wss`).
 */
export function realtimeUrl(baseUrl: string): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/realtime`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
