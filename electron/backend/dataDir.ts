import { homedir } from 'node:os';
import { join } from 'node:path';

/** The OS app-data folder, the same one Electron's `userData` uses, so both modes share a till. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Omnitill');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Omnitill');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Omnitill');
}
