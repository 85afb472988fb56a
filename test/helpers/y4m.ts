import { closeSync, openSync, writeSync } from 'node:fs';
import type { Frame } from './qrFrames.js';

/**
 * Writes grey frames as a YUV4MPEG2 (4:2:0) file: what Chromium's fake camera plays
 * (`--use-file-for-fake-video-capture=<file>.y4m`), in a loop, at `fps`.
 */
export function writeY4m(path: string, frames: readonly Frame[], fps = 10): void {
  const first = frames[0];
  if (!first) throw new Error('a y4m file needs a frame');
  const { width, height } = first;
  if (width % 2 || height % 2) throw new Error('4:2:0 needs even sides');
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const frame of frames) {
      if (frame.width !== width || frame.height !== height) throw new Error('every frame of a y4m file has the same size');
      writeSync(fd, 'FRAME\n');
      writeSync(fd, frame.pixels);
      writeSync(fd, chroma);
      writeSync(fd, chroma);
    }
  } finally {
    closeSync(fd);
  }
}
