import { contextBridge, ipcRenderer } from 'electron';
import { MAX_RPC_BYTES } from '../../core/rpc/limits.js';

/**
 * The renderer's only door to the backend: one function that carries a contract call. No
 * Node, no ipcRenderer, no other channel is exposed.
 */
contextBridge.exposeInMainWorld('omnitill', {
  invoke(method: string, input: unknown): Promise<unknown> {
    if (typeof method !== 'string' || JSON.stringify(input ?? null).length > MAX_RPC_BYTES) {
      return Promise.reject(new Error('invalid RPC call'));
    }
    return ipcRenderer.invoke('omnitill:rpc', method, input);
  },
});
