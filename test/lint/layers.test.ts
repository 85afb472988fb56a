import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'omnitill/layers').map((m) => m.message);
}

describe('the layer rule', () => {
  it('keeps core pure', async () => {
    expect(await layerErrors('core/x.ts', `import { readFileSync } from 'node:fs';\nexport const a = readFileSync;`)).toHaveLength(1);
    expect(await layerErrors('core/x.ts', `import { openTillDatabase } from '../electron/backend/db.js';\nexport const a = openTillDatabase;`)).toHaveLength(1);
    expect(await layerErrors('core/x.ts', `import { z } from 'zod';\nimport { money } from './money.js';\nexport const a = [z, money];`)).toEqual([]);
    // A feature folder is core like the rest: it may use shared core, never the backend.
    expect(await layerErrors('core/sale/x.ts', `import { money } from '../money.js';\nexport const a = money;`)).toEqual([]);
    expect(await layerErrors('core/sale/x.ts', `import { createSaleService } from '../../electron/backend/sale/sale.js';\nexport const a = createSaleService;`)).toHaveLength(1);
  });

  it('keeps the renderer away from Node, Electron, native/ and the backend', async () => {
    for (const source of ['node:path', 'fs', 'electron', '../../native/printer/encode.js', '../../electron/backend/db.js']) {
      expect(await layerErrors('renderer/src/x.ts', `import * as m from '${source}';\nexport const a = m;`), source).toHaveLength(1);
    }
    expect(await layerErrors('renderer/src/x.ts', `import { contract } from '../../core/rpc/contract.js';\nexport const a = contract;`)).toEqual([]);
    expect(await layerErrors('renderer/src/sale/x.ts', `import { saleHandlers } from '../../../electron/backend/sale/handlers.js';\nexport const a = saleHandlers;`)).toHaveLength(1);
  });

  it('lets only Electron main and preload import electron', async () => {
    expect(await layerErrors('electron/backend/x.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await layerErrors('native/x.ts', `const e = require('electron');\nexport const a = e;`)).toHaveLength(1);
    expect(await layerErrors('electron/main/security.ts', `import { app } from 'electron';\nexport const a = app;`)).toHaveLength(1);
    expect(await layerErrors('electron/main/main.ts', `import { app } from 'electron';\nexport const a = app;`)).toEqual([]);
    expect(await layerErrors('electron/main/preload.ts', `import { contextBridge } from 'electron';\nexport const a = contextBridge;`)).toEqual([]);
  });

  it('keeps central off the till side', async () => {
    expect(await layerErrors('central/src/x.ts', `import { x } from '../../electron/backend/db.js';\nexport const a = x;`)).toHaveLength(1);
    expect(await layerErrors('central/src/x.ts', `import { x } from '../../native/printer/encode.js';\nexport const a = x;`)).toHaveLength(1);
  });

  it('passes on the whole tree', async () => {
    const results = await eslint.lintFiles(['core', 'electron', 'native', 'renderer/src', 'central/src']);
    const layerViolations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'omnitill/layers').map((m) => `${r.filePath}: ${m.message}`));
    expect(layerViolations).toEqual([]);
  });
});
