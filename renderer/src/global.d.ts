import type { Result } from '../../core/rpc/contract.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in browser mode. */
    omnitill?: { invoke(method: string, input: unknown): Promise<Result<unknown>> };
    /** The customer display window's preload (Electron): it only hears the display's messages. */
    omnitillDisplay?: { onMessage(listener: (message: unknown) => void): void };
  }
}

export {};
