import type { returnContract } from '../../../core/returns/contract.js';
import type { Handlers } from '../rpc.js';
import { commitReturn } from './commit.js';
import type { ReturnDeps } from './deps.js';
import { findSale } from './find.js';

export function returnHandlers(d: ReturnDeps): Pick<Handlers, keyof typeof returnContract> {
  return {
    'return.find': ({ query }) => findSale(d, query),
    'return.commit': (request) => commitReturn(d, request),
  };
}
