import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Requests are logged by path only (phones travel in the lookup query
 * string) and credentials never reach the log.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    serializers: {
      req: (req: { method: string; url: string; id?: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
