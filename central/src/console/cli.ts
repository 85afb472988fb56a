import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../db.js';
import { newPassword } from './passwords.js';
import { Password, upsertAdmin } from './users.js';

/** A command-line mistake: said plainly, nothing changed. */
export class CommandError extends Error {}

/**
 * `create-admin --email E --name N`: the chain's first IT admin (who then creates everyone else
 * in the console). Run again for the same e-mail, it sets a new password and ends that
 * account's sessions — the way back in when the password is lost.
 */
export async function createAdminCommand(db: Db, input: { email?: string | undefined; name?: string | undefined; password?: string | undefined }): Promise<string> {
  const email = z.email().max(254).safeParse(input.email ?? '');
  if (!email.success) throw new CommandError('create-admin needs --email with a valid e-mail address');
  const name = (input.name ?? '').trim() || email.data;
  const given = input.password ?? '';
  if (given !== '' && !Password.safeParse(given).success) throw new CommandError('OMNITILL_ADMIN_PASSWORD must be 12 to 200 characters');
  const password = given || newPassword();
  const { created } = await upsertAdmin(db, email.data, name, password);
  const lines = [
    `${created ? 'Created' : 'Reset'} the console IT admin ${email.data}.`,
    given ? 'Password: the one in OMNITILL_ADMIN_PASSWORD.' : `Password: ${password}`,
    'Sign in at <central>/console/ and keep the password in a password manager.',
  ];
  return `${lines.join('\n')}\n`;
}

export const DEMO_ADMIN_EMAIL = 'admin@demo.omnitill';

/** The demo's IT admin, with a new password each start; answers the lines to print. */
export async function demoConsoleAdmin(db: Db, consoleUrl: string): Promise<string> {
  const password = newPassword();
  await upsertAdmin(db, DEMO_ADMIN_EMAIL, 'Demo IT admin', password);
  return `Demo console: ${consoleUrl}  sign in as ${DEMO_ADMIN_EMAIL} with password ${password} (this run only)\n`;
}

/** The built console pages: beside the bundle (dist/console), or central/dist/console when run from source. */
export function consoleDir(): string | null {
  for (const url of [new URL('./console/', import.meta.url), new URL('../dist/console/', import.meta.url), new URL('../../dist/console/', import.meta.url)]) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}
