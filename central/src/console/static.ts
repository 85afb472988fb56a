import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The console's pages, built by Vite into `dist/console` and served by central itself under
 * /console/. Assets are named by content hash (cached for good); any other path under /console/
 * is the single page. Nothing is loaded from elsewhere, and no script runs inline.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

function headers(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY');
}

export function registerConsolePages(app: FastifyInstance, dir: string | null): void {
  const index = dir && existsSync(join(dir, 'index.html')) ? readFileSync(join(dir, 'index.html')) : null;
  const page = async (_request: unknown, reply: FastifyReply) => {
    if (!index) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run central:build` (node central/build.mjs).\n');
    }
    return headers(reply).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(index);
  };
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', page);
  app.get<{ Params: { file: string } }>('/console/assets/:file', async (request, reply) => {
    const { file } = request.params;
    const ext = /\.[a-z0-9]+$/.exec(file)?.[0] ?? '';
    if (!dir || !/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,120}$/.test(file) || !TYPES[ext] || !existsSync(join(dir, 'assets', file))) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
    }
    return headers(reply)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(TYPES[ext] as string)
      .send(readFileSync(join(dir, 'assets', file)));
  });
  // Deep links (/console/customers/…) load the same page; the app routes on the client.
  app.get('/console/*', async (request, reply) => {
    if (request.url.startsWith('/console/api/')) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } });
    return page(request, reply);
  });
}
