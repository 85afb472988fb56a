/**
 * The till database key as the desktop main process and the till backend both hold it: 256 bits
 * written as 64 lowercase hex digits, and the name of the key file browser mode keeps beside the
 * database (electron/backend/dbCipher.ts) and the desktop app takes over (electron/main/dbKey.ts).
 */
export const DB_KEY_FILE = 'till.key';

export function isDatabaseKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}
