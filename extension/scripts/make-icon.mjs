// Draws the extension icon (assets/icon.png, 512x512): a white "K" on an indigo rounded square.
// Plain Node (zlib) so it runs offline; Plasmo derives the smaller icon sizes from this file.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const SIZE = 512;
const SAMPLES = 4; // supersampling per axis, for anti-aliased edges

const TOP = [99, 102, 241]; // indigo-500
const BOTTOM = [67, 56, 202]; // indigo-700

function insideRoundedRect(x, y) {
  const r = 116;
  const m = 16;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && y >= m && x <= SIZE - m && y <= SIZE - m;
}

/** Distance from (px, py) to the segment a-b. */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const HALF_STROKE = 34;
const strokes = [
  [184, 136, 184, 376], // stem
  [200, 282, 334, 136], // upper arm
  [258, 234, 340, 376], // leg
];

function insideK(x, y) {
  return strokes.some(([ax, ay, bx, by]) => segmentDistance(x, y, ax, ay, bx, by) <= HALF_STROKE);
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  const t = y / (SIZE - 1);
  const bg = TOP.map((c, i) => Math.round(c + ((BOTTOM[i] ?? c) - c) * t));
  for (let x = 0; x < SIZE; x++) {
    let cover = 0;
    let white = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        if (insideRoundedRect(px, py)) {
          cover++;
          if (insideK(px, py)) white++;
        }
      }
    }
    const n = SAMPLES * SAMPLES;
    const alpha = cover / n;
    const w = cover ? white / cover : 0;
    const o = row + 1 + x * 4;
    raw[o] = Math.round(bg[0] + (255 - bg[0]) * w);
    raw[o + 1] = Math.round(bg[1] + (255 - bg[1]) * w);
    raw[o + 2] = Math.round(bg[2] + (255 - bg[2]) * w);
    raw[o + 3] = Math.round(alpha * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
const out = new URL("../assets/icon.png", import.meta.url);
writeFileSync(out, png);
console.log(`wrote ${out.pathname} (${png.length} bytes)`);
