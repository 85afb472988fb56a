import { contextBridge, ipcRenderer } from 'electron';

/**
 * The customer display window's only door: it hears the display's messages (core/display)
 * from main, and nothing else. It cannot call the backend: no invoke, no other channel.
 */
contextBridge.exposeInMainWorld('omnitillDisplay', {
  onMessage(listener: (message: unknown) => void): void {
    if (typeof listener !== 'function') return;
    ipcRenderer.on('omnitill:display', (_event, message: unknown) => listener(message));
  },
});
