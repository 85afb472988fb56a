import type { Input, Method } from '../../core/rpc/contract.js';

/**
 * One valid input for every method of the till's RPC contract: the base the RPC fuzz test
 * (test/rpc/fuzz.test.ts) breaks field by field. A method added to the contract without an
 * entry here is a type error, so no method escapes the fuzzing.
 */
export const EXAMPLES: { readonly [M in Method]: Input<M> } = {
  'till.info': {},
  'till.events': { after: 0, boot: 'boot-1' },
  'sale.current': {},
  'sale.scan': { code: '4840000000000', typed: true },
  'sale.addProduct': { sku: 'SKU-0000001', grams: 500 },
  'sale.setQuantity': { lineId: 'LINE-1', quantity: 2 },
  'sale.voidLine': { lineId: 'LINE-1' },
  'sale.cancel': {},
  'sale.payCash': { tenderedMinor: 10_000 },
  'sale.lastCompleted': {},
  'catalog.search': { query: 'milk', limit: 5 },
  'customer.lookup': { query: '0722123456' },
  'customer.profile': { customerId: 'C-1' },
  'customer.revealPhone': { customerId: 'C-1' },
  'customer.attachToSale': { customerId: 'C-1' },
  'customer.cartToSale': { customerId: 'C-1', channel: 'web', skus: ['SKU-0000001'] },
  'customer.favouriteToSale': { customerId: 'C-1', sku: 'SKU-0000001' },
  'customer.create': { phone: '+40722000999', name: 'Ana Test', email: 'ana@example.com', consents: ['sms'] },
  'sync.status': {},
  'sync.now': {},
  'sync.pair': { centralUrl: 'https://central.example', pairingCode: 'ABCD-EFGH' },
  'sync.unpair': {},
  'hardware.devices': {},
  'hardware.profiles': {},
  'hardware.printer': {},
  'hardware.setPrinter': { profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: 9100 } },
  'hardware.printerStatus': {},
  'hardware.testPrint': {},
  'hardware.scanner': {},
  'hardware.setScanner': { scanner: { path: '/dev/ttyUSB0', baudRate: 9600, suffix: 'CR', interCharTimeoutMs: 50 } },
  'hardware.camera': {},
  'hardware.setCamera': { camera: null },
  'hardware.display': {},
  'hardware.setDisplay': { display: { path: '/dev/ttyUSB1', baudRate: 9600, commandSet: 'epson', codepage: 'cp866', welcome: ['Omnitill', 'Welcome'] } },
  'print.jobs': {},
  'print.reprint': { saleId: 'SALE-1' },
  'print.retry': { jobId: 'JOB-1' },
};
