import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

interface Manifest { name?: string; version?: string; engines?: { node?: string } }

function manifests(dir: string): Manifest[] {
  if (!existsSync(dir)) return [];
  const found: Manifest[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (entry.startsWith('@')) {
      found.push(...manifests(path));
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) found.push(JSON.parse(readFileSync(manifest, 'utf8')) as Manifest);
    found.push(...manifests(join(path, 'node_modules')));
  }
  return found;
}

describe('the Node version the README states', () => {
  const stated = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest).engines?.node ?? '';
  const lowest = semver.minVersion(stated)?.version ?? '';

  it('is what package.json, the README and the running Node agree on', () => {
    expect(stated).toBe('>=20.19');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('Node.js 20.19+');
    expect(semver.satisfies(process.version, stated)).toBe(true);
  });

  it('is accepted by every installed package, so npm install prints no EBADENGINE', () => {
    const refusing = manifests(join(root, 'node_modules'))
      .filter((m) => m.engines?.node && typeof m.engines.node === 'string' && !semver.satisfies(lowest, m.engines.node))
      .map((m) => `${m.name}@${m.version} wants node ${m.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
