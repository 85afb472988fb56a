import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEALED_TOKEN_FILE, sealedFileTokenStore } from '../../electron/backend/sync/tokenStore.js';
import { deviceTokenKey, TOKEN_KEY_FILE, type SafeStorage } from '../../electron/main/tokenKey.js';
import { tempDir } from '../helpers/tmp.js';

const keychain: SafeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
};

describe('device token at rest in the desktop app', () => {
  it('seals the token: never in plain text on disk, mode 0600, read back with the key only', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const store = sealedFileTokenStore(dir, key);
    expect(store.read()).toBeNull();
    store.write('dt_secret-device-token-123');
    const file = join(dir, SEALED_TOKEN_FILE);
    expect(readFileSync(file).toString('latin1')).not.toContain('secret-device-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.read()).toBe('dt_secret-device-token-123');
    expect(sealedFileTokenStore(dir, randomBytes(32)).read()).toBeNull();
    const tampered = readFileSync(file);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    writeFileSync(file, tampered);
    expect(store.read()).toBeNull();
    store.clear();
    expect(store.read()).toBeNull();
  });

  it('keeps one key per profile, wrapped by the keychain, and makes a new one when the wrap no longer opens', () => {
    const dir = tempDir();
    const key = deviceTokenKey(dir, keychain);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(deviceTokenKey(dir, keychain)).toBe(key);
    expect(readFileSync(join(dir, TOKEN_KEY_FILE)).toString('latin1')).not.toContain(key as string);
    const otherMachine: SafeStorage = { ...keychain, decryptString: () => { throw new Error('cannot decrypt'); } };
    const replaced = deviceTokenKey(dir, otherMachine);
    expect(replaced).toMatch(/^[0-9a-f]{64}$/);
    expect(replaced).not.toBe(key);
    expect(deviceTokenKey(dir, { ...keychain, isEncryptionAvailable: () => false })).toBeNull();
  });
});
