import { z } from 'zod';

/**
 * The till's camera for scanning QR codes from phones: which one and at what resolution.
 * Browsers hash device ids per page origin, so the camera's label is kept too: a till whose
 * browser-mode port changed finds its camera again by name.
 */
export const CAMERA_RESOLUTIONS = [
  { width: 640, height: 480 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

export const CameraSettings = z
  .object({
    /** null: whichever camera the system offers first. */
    deviceId: z.string().max(256).nullable(),
    label: z.string().max(256).nullable(),
    width: z.number().int().min(320).max(3840),
    height: z.number().int().min(240).max(2160),
  })
  .strict();
export type CameraSettings = z.infer<typeof CameraSettings>;

/** 1280×720: a phone screen held at arm's length fills enough of the frame, and a frame decodes in a few ms. */
export const DEFAULT_CAMERA: CameraSettings = { deviceId: null, label: null, width: 1280, height: 720 };
