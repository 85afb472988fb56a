import { DisplayMessage } from '../../../core/display/message.js';

const RECONNECT_MS = 1000;

/**
 * The customer display's only input: its messages (core/display/message.ts), from the Electron
 * display window's preload, or in browser mode from the `/display-feed` socket, reconnecting
 * when the till restarts. A message that is not a valid display message is dropped: the screen
 * keeps what it showed. There is no way back to the till.
 */
export function listenToTill(onMessage: (message: DisplayMessage) => void, onConnected: (connected: boolean) => void): () => void {
  const accept = (raw: unknown): void => {
    const parsed = DisplayMessage.safeParse(raw);
    if (parsed.success) onMessage(parsed.data);
  };
  const bridge = window.omnitillDisplay;
  if (bridge) {
    bridge.onMessage(accept);
    onConnected(true);
    return () => undefined;
  }
  let socket: WebSocket | null = null;
  let retry: number | undefined;
  let stopped = false;
  const open = (): void => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/display-feed`);
    socket.onopen = () => onConnected(true);
    socket.onmessage = (event) => {
      try {
        accept(JSON.parse(String(event.data)));
      } catch {
        // not JSON: dropped like any other invalid message
      }
    };
    socket.onclose = () => {
      onConnected(false);
      if (!stopped) retry = window.setTimeout(open, RECONNECT_MS);
    };
  };
  open();
  return () => {
    stopped = true;
    window.clearTimeout(retry);
    // A socket still connecting closes once open (closing it now is logged as a failed connection).
    if (socket?.readyState === WebSocket.CONNECTING) socket.onopen = () => socket?.close();
    else socket?.close();
  };
}
