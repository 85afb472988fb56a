import Database from 'better-sqlite3-multiple-ciphers';
import { dirname } from 'node:path';
import { applyKey, readKeyFile } from '../../electron/backend/dbCipher.js';
import type { TillDatabase } from '../../electron/backend/db.js';

/**
 * The till database opened directly, as a test inspects or tampers with it: unlocked with the
 * key file beside it (the database is encrypted at rest), no migrations, no pragmas.
 */
export function rawTillDatabase(file: string, options: { readonly?: boolean } = {}): TillDatabase {
  const db = new Database(file, { readonly: options.readonly === true, fileMustExist: options.readonly === true });
  const key = readKeyFile(dirname(file));
  if (key) applyKey(db, key);
  return db;
}
