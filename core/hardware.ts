import { z } from 'zod';

/**
 * The hardware settings as they cross the RPC boundary and sit in the till's settings:
 * which printer, how it is reached; what discovery found; what the printer said.
 */
const SerialLine = z.object({
  path: z.string().min(1).max(200),
  baudRate: z.number().int().refine((b) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b)),
  dataBits: z.union([z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)]),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
});

export const PrinterConnectionSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535) }),
  SerialLine.extend({ kind: z.literal('serial') }),
  z.object({ kind: z.literal('usb'), path: z.string().regex(/^\/dev\/usb\/lp\d+$/) }),
]);

export const PrinterSettings = z.object({
  profileId: z.string().min(1).max(64),
  connection: PrinterConnectionSettings,
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

export const PrinterStatusView = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperOut: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const DeviceView = z.object({
  path: z.string(),
  device: z.string(),
  kind: z.enum(['serial', 'usb-printer']),
  label: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;
