import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './paths.js';

let cached: string | null = null;

/** The app's version (package.json), read once: shown in till.info and told to central on every sync request. */
export function appVersion(): string {
  return (cached ??= (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version);
}
