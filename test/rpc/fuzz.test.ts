import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import { contract, type Method } from '../../core/rpc/contract.js';
import { openTestTill, ok, type TestTill } from '../helpers/till.js';
import { EXAMPLES } from './examples.js';

/**
 * Every method of the till's RPC contract, called with its example broken one field at a time
 * (wrong types, NUL, lone surrogates, control characters, huge and deeply nested values, fields
 * missing or unknown) and as a whole (null, an array, a 5,000-deep object). The till must answer
 * each with a coded error (never INTERNAL, never a throw) and leave the open sale as it was.
 * Inputs travel as JSON, as over the WebSocket and IPC transports.
 */

/** Methods that reach outside the till (central, the printer, devices): only refused inputs are sent to them. */
const REFUSED_ONLY = new Set<Method>(['sync.pair', 'sync.now', 'hardware.setPrinter', 'hardware.setScanner', 'hardware.setCamera', 'hardware.setDisplay', 'hardware.testPrint', 'print.reprint', 'print.retry']);

const deep = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

const WRONG_VALUES: [string, unknown][] = [
  ['null', null],
  ['number', 12345],
  ['negative', -1],
  ['float', 1.5],
  ['huge number', 1e308],
  ['unsafe integer', 2 ** 60],
  // Valid integers past what a receipt or a quantity can hold (cash of 1,000,000,001 was INTERNAL once).
  ['large integer', 1_000_000_001],
  ['largest safe integer', Number.MAX_SAFE_INTEGER],
  ['boolean', false],
  ['object', { a: 1 }],
  ['array', [1, 'two', null]],
  ['empty string', ''],
  ['NUL', 'a\u0000b'],
  ['lone surrogate', 'a\uD800b'],
  ['control characters', 'a\u0001\u001b[2Jb'],
  ['huge string', 'x'.repeat(100_000)],
  ['nested 100 deep', deep(100)],
];

/** Each way to break an input: the whole of it, and every field of it a few levels down. */
function mutations(example: unknown): [string, unknown][] {
  const out: [string, unknown][] = [
    ['input is null', null],
    ['input is an array', [example]],
    ['input is a string', 'sale'],
    ['input is a number', 7],
    ['input 5,000 deep', deep(5000)],
    ['unknown field', { ...(example as object), unknownField: 1 }],
  ];
  const walk = (value: unknown, path: string[]) => {
    if (value === null || typeof value !== 'object' || path.length > 3) return;
    for (const key of Object.keys(value)) {
      const at = [...path, key];
      const edit = (change: (parent: Record<string, unknown>) => void) => {
        const copy = structuredClone(example) as Record<string, unknown>;
        let parent = copy;
        for (const step of at.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
        change(parent);
        return copy;
      };
      out.push([`${at.join('.')} missing`, edit((p) => delete p[key])]);
      for (const [label, wrong] of WRONG_VALUES) out.push([`${at.join('.')} is ${label}`, edit((p) => (p[key] = wrong))]);
      walk((value as Record<string, unknown>)[key], at);
    }
  };
  walk(example, []);
  return out;
}

describe('the till RPC under schema-breaking inputs', () => {
  let till: TestTill;

  beforeAll(async () => {
    till = openTestTill({ products: 200, customers: 20 });
    const sku = (till.db.prepare(`SELECT sku FROM products WHERE sold_by = 'unit' LIMIT 1`).get() as { sku: string }).sku;
    ok(await till.dispatch('sale.addProduct', { sku }));
  });
  afterAll(async () => {
    await till?.close();
  });

  it('every example is valid input for its method', () => {
    for (const [method, example] of Object.entries(EXAMPLES)) {
      const parsed = contract[method as Method].input.safeParse(example);
      expect(parsed.success, `${method}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('answers each broken input with a coded error, never INTERNAL, and leaves the open sale as it was', async () => {
    const failures: string[] = [];
    let refused = 0;
    for (const [method, example] of Object.entries(EXAMPLES) as [Method, unknown][]) {
      for (const [label, input] of mutations(example)) {
        // As a transport delivers it; a 5,000-deep value is too deep for JSON.stringify and goes as it is.
        const wire: unknown = label === 'input 5,000 deep' ? input : JSON.parse(JSON.stringify(input) ?? 'null');
        if (REFUSED_ONLY.has(method) && contract[method].input.safeParse(wire).success) continue;
        const before = JSON.stringify(ok(await till.dispatch('sale.current', {})));
        let result: Awaited<ReturnType<TestTill['dispatch']>>;
        try {
          result = await till.dispatch(method, wire);
        } catch (e) {
          failures.push(`${method} ${label}: threw ${(e as Error).message}`);
          continue;
        }
        if (result.ok) {
          // A mutation that happens to be valid (a quantity of 12345) may change the sale: that is its job.
          if (ok(await till.dispatch('sale.current', {})) === null) {
            const sku = (till.db.prepare(`SELECT sku FROM products WHERE sold_by = 'unit' LIMIT 1`).get() as { sku: string }).sku;
            ok(await till.dispatch('sale.addProduct', { sku }));
          }
          continue;
        }
        refused++;
        const { code, message } = result.error;
        if (!(ERROR_CODES as readonly string[]).includes(code) || code === 'INTERNAL') failures.push(`${method} ${label}: ${code} ${message}`);
        if (typeof message !== 'string' || message.length === 0) failures.push(`${method} ${label}: no message`);
        const after = JSON.stringify(ok(await till.dispatch('sale.current', {})));
        if (after !== before) failures.push(`${method} ${label}: refused, yet the open sale changed`);
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(500);
    // Still serving, with the sale there.
    expect(ok(await till.dispatch('sale.current', {}))).not.toBeNull();
  }, 240_000);
});
