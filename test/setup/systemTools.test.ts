import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { installCommand, installer, missingPackages } from '../../scripts/system-tools.mjs';

describe('system tools check before npm test', () => {
  it('names the Debian package of each missing tool', () => {
    const none = (): boolean => false;
    const noFiles = { exists: none, list: (): string[] => [] };
    expect(missingPackages(none, noFiles)).toEqual(['chromium', 'socat', 'postgresql', 'util-linux']);
    const only = (present: string[]) => (cmd: string): boolean => present.includes(cmd);
    expect(missingPackages(only(['chromium', 'socat', 'initdb', 'setpriv']), noFiles)).toEqual([]);
    expect(missingPackages(only(['chromium', 'initdb', 'setpriv']), noFiles)).toEqual(['socat']);
    const debianPostgres = {
      exists: (path: string): boolean => path === '/usr/lib/postgresql' || path === '/usr/lib/postgresql/15/bin/initdb',
      list: (): string[] => ['15'],
    };
    expect(missingPackages(only(['chromium', 'socat', 'setpriv']), debianPostgres)).toEqual([]);
    expect(missingPackages(only(['chromium', 'socat', 'setpriv']), noFiles)).toEqual(['postgresql']);
  });

  it('installs as root, through password-less sudo, or stops with the one command', () => {
    expect(installer({ uid: 0, canSudo: () => false })).toEqual([]);
    expect(installer({ uid: 1000, canSudo: () => true })).toEqual(['sudo', '-n']);
    expect(installer({ uid: 1000, canSudo: () => false })).toBeNull();
    expect(installCommand(['chromium', 'socat'])).toBe('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium socat');
  });
});
