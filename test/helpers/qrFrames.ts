import QRCode from 'qrcode';
import { prng } from '../../core/demo/generator.js';

/**
 * Camera frames with QR symbols in them, drawn by our own pixel code so a corpus is exactly
 * reproducible from its seed: a store-like background, the symbol on a phone screen (white
 * quiet zone, dark bezel), placed by a homography (position, rotation, perspective), then
 * the degradations a till's webcam meets: sensor noise, blur, low contrast, glare.
 */

export type EcLevel = 'L' | 'M' | 'Q' | 'H';
export const EC_LEVELS: readonly EcLevel[] = ['L', 'M', 'Q', 'H'];
export const MASKS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
export type Mask = (typeof MASKS)[number];

/** An 8-bit grayscale picture. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

export interface Symbol2D {
  readonly size: number;
  readonly version: number;
  dark(x: number, y: number): boolean;
}

/** A QR symbol with its error-correction level and mask forced, as the encoder would never choose them all. */
export function qrSymbol(text: string, ecLevel: EcLevel, mask: Mask): Symbol2D {
  const qr = QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: ecLevel, maskPattern: mask });
  const { size, data } = qr.modules;
  return { size, version: qr.version, dark: (x, y) => data[y * size + x] === 1 };
}

/** A store seen by a webcam: light falling off across the frame, shelves and boxes out of focus. */
export function background(width: number, height: number, random: () => number): Frame {
  const pixels = new Uint8Array(width * height);
  const base = 120 + random() * 60;
  const gx = (random() - 0.5) * 80;
  const gy = (random() - 0.5) * 60;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[y * width + x] = clamp(base + (gx * x) / width + (gy * y) / height);
  }
  for (let i = 0; i < 14; i++) {
    const w = 60 + random() * 300;
    const h = 40 + random() * 200;
    const x0 = random() * (width - w);
    const y0 = random() * (height - h);
    const shade = 60 + random() * 150;
    for (let y = Math.floor(y0); y < y0 + h; y++) {
      for (let x = Math.floor(x0); x < x0 + w; x++) pixels[y * width + x] = clamp(pixels[y * width + x]! * 0.3 + shade * 0.7);
    }
  }
  return { width, height, pixels };
}

const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

type Point = readonly [number, number];
type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

/** The projective map of the unit square onto the quad p0..p3 (Heckbert's closed form). */
function squareToQuad([p0, p1, p2, p3]: readonly [Point, Point, Point, Point]): Matrix3 {
  const [x0, y0] = p0;
  const [x1, y1] = p1;
  const [x2, y2] = p2;
  const [x3, y3] = p3;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) return [x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export interface Placement {
  /** Centre of the symbol in the frame, px. */
  readonly cx: number;
  readonly cy: number;
  /** Side of the screen area (symbol + quiet zone), px. */
  readonly side: number;
  readonly rotationDeg: number;
  /** 0: seen head-on; 0.3: the far edge 30 % shorter (the phone tilted away). */
  readonly tilt: number;
}

const QUIET = 4;
const BEZEL = 3;
const INK = 28;
const SCREEN = 228;
const BEZEL_SHADE = 40;

/** Draws the symbol into the frame, 3×3 samples a pixel so edges blend as a lens blends them. */
export function drawSymbol(frame: Frame, symbol: Symbol2D, placement: Placement): void {
  const modules = symbol.size + 2 * (QUIET + BEZEL);
  const half = (placement.side / 2) * (modules / (symbol.size + 2 * QUIET));
  const angle = (placement.rotationDeg * Math.PI) / 180;
  const corner = (u: number, v: number, shrink: number): Point => {
    const x = u * half * shrink;
    const y = v * half;
    return [placement.cx + x * Math.cos(angle) - y * Math.sin(angle), placement.cy + x * Math.sin(angle) + y * Math.cos(angle)];
  };
  const far = 1 - placement.tilt;
  const quad = [corner(-1, -1, far), corner(1, -1, far), corner(1, 1, 1), corner(-1, 1, 1)] as const;
  const inverse = invert(squareToQuad(quad));
  const xs = quad.map((p) => p[0]);
  const ys = quad.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(frame.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(frame.height - 1, Math.ceil(Math.max(...ys)));
  const shadeAt = (px: number, py: number): number | null => {
    const [a, b, c, d, e, f, g, h, i] = inverse;
    const w = g * px + h * py + i;
    const s = (a * px + b * py + c) / w;
    const t = (d * px + e * py + f) / w;
    if (s < 0 || s >= 1 || t < 0 || t >= 1) return null;
    const mx = Math.floor(s * modules) - QUIET - BEZEL;
    const my = Math.floor(t * modules) - QUIET - BEZEL;
    if (mx < -QUIET || my < -QUIET || mx >= symbol.size + QUIET || my >= symbol.size + QUIET) return BEZEL_SHADE;
    return mx >= 0 && my >= 0 && mx < symbol.size && my < symbol.size && symbol.dark(mx, my) ? INK : SCREEN;
  };
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const index = y * frame.width + x;
      const behind = frame.pixels[index]!;
      let sum = 0;
      for (let sy = 0; sy < 3; sy++) for (let sx = 0; sx < 3; sx++) sum += shadeAt(x + (sx + 0.5) / 3, y + (sy + 0.5) / 3) ?? behind;
      frame.pixels[index] = Math.round(sum / 9);
    }
  }
}

/** Gaussian sensor noise of standard deviation `sigma` grey levels (Box–Muller). */
export function addNoise(frame: Frame, sigma: number, random: () => number): void {
  const { pixels } = frame;
  for (let i = 0; i < pixels.length; i++) {
    const n = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    pixels[i] = clamp(pixels[i]! + n * sigma);
  }
}

/** Out of focus: three box blurs of `radius` in each direction (close to a Gaussian). */
export function blur(frame: Frame, radius: number): void {
  const { width, height } = frame;
  let from = Float32Array.from(frame.pixels);
  let to = new Float32Array(from.length);
  const span = 2 * radius + 1;
  for (let pass = 0; pass < 3; pass++) {
    for (const horizontal of [true, false]) {
      const lines = horizontal ? height : width;
      const length = horizontal ? width : height;
      const at = (line: number, k: number) => (horizontal ? line * width + k : k * width + line);
      for (let line = 0; line < lines; line++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) sum += from[at(line, Math.min(length - 1, Math.max(0, k)))]!;
        for (let k = 0; k < length; k++) {
          to[at(line, k)] = sum / span;
          sum += from[at(line, Math.min(length - 1, k + radius + 1))]! - from[at(line, Math.max(0, k - radius))]!;
        }
      }
      [from, to] = [to, from];
    }
  }
  for (let i = 0; i < from.length; i++) frame.pixels[i] = clamp(from[i]!);
}

/** A dim, flat picture: every grey squeezed into [low, high]. */
export function lowContrast(frame: Frame, low: number, high: number): void {
  const { pixels } = frame;
  for (let i = 0; i < pixels.length; i++) pixels[i] = clamp(low + (pixels[i]! * (high - low)) / 255);
}

/** A ceiling light reflected in the phone's screen: brightness added around (cx, cy), fading out over `radius`. */
export function glare(frame: Frame, cx: number, cy: number, radius: number, strength: number): void {
  const { width, height, pixels } = frame;
  for (let y = Math.max(0, Math.floor(cy - radius)); y < Math.min(height, cy + radius); y++) {
    for (let x = Math.max(0, Math.floor(cx - radius)); x < Math.min(width, cx + radius); x++) {
      const r2 = ((x - cx) ** 2 + (y - cy) ** 2) / radius ** 2;
      if (r2 < 1) pixels[y * width + x] = clamp(pixels[y * width + x]! + strength * (1 - r2) ** 2);
    }
  }
}

export type Degradation = 'noise' | 'blur' | 'rotation' | 'perspective' | 'lowContrast' | 'glare';
export const DEGRADATIONS: readonly Degradation[] = ['noise', 'blur', 'rotation', 'perspective', 'lowContrast', 'glare'];

export interface FrameSpec {
  readonly text: string;
  readonly ecLevel: EcLevel;
  readonly mask: Mask;
  /** null: a clean frame (sharp, head-on, no noise). */
  readonly degradation: Degradation | null;
  readonly seed: number;
  readonly width?: number;
  readonly height?: number;
}

/** Screen side for a symbol: ~360 px at 1280×720 (a phone held at arm's length), never under 3.2 px a module. */
function screenSide(symbol: Symbol2D): number {
  return Math.max(360, (symbol.size + 2 * QUIET) * 3.2);
}

/** One frame of the corpus, the same bytes for the same spec. */
export function renderFrame(spec: FrameSpec): Frame {
  const width = spec.width ?? 1280;
  const height = spec.height ?? 720;
  const random = prng(spec.seed);
  const frame = background(width, height, random);
  const symbol = qrSymbol(spec.text, spec.ecLevel, spec.mask);
  const side = screenSide(symbol);
  const d = spec.degradation;
  const turned = d === 'rotation' || d === 'perspective';
  // The whole symbol stays in the picture, at any angle.
  const margin = side * (turned ? 0.72 : 0.55);
  const cx = margin + random() * (width - 2 * margin);
  const cy = margin + random() * Math.max(0, height - 2 * margin);
  const rotationDeg = d === 'rotation' ? 15 + random() * 30 : d === 'perspective' ? random() * 10 - 5 : 0;
  const tilt = d === 'perspective' ? 0.2 + random() * 0.12 : 0;
  drawSymbol(frame, symbol, { cx, cy, side, rotationDeg, tilt });
  if (d === null) return frame;
  if (d === 'blur') blur(frame, 1);
  if (d === 'lowContrast') lowContrast(frame, 95, 150);
  if (d === 'glare') glare(frame, cx + (random() - 0.5) * side * 0.4, cy + (random() - 0.5) * side * 0.4, side * 0.45, 120);
  addNoise(frame, d === 'noise' ? 16 : 3, random);
  return frame;
}
