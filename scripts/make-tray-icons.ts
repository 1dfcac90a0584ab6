// Writes the tray icons (resources/tray/<state>.png 16x16 and <state>@2x.png 32x32) as plain RGBA PNGs.
// Run: npx tsx scripts/make-tray-icons.ts. No image library: a PNG is a signature, IHDR, IDAT (zlib) and IEND.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
const states: Record<string, { fill: Rgb | null; ring: Rgb; dot?: Rgb }> = {
  idle: { fill: null, ring: [143, 163, 181] }, // hollow grey ring: nothing to do
  active: { fill: [79, 179, 255], ring: [79, 179, 255] }, // blue: incident open, clock running
  due_soon: { fill: [245, 176, 65], ring: [245, 176, 65] }, // amber: update due within 10 minutes
  overdue: { fill: [255, 107, 107], ring: [255, 107, 107], dot: [255, 255, 255] }, // red with a white centre
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function icon(size: number, s: (typeof states)[string]): Buffer {
  const c = (size - 1) / 2;
  const r = size * 0.44;
  const ringWidth = size / 8;
  return png(size, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    const alpha = Math.max(0, Math.min(1, r - d + 0.5)); // soft edge
    if (alpha === 0) return [0, 0, 0, 0];
    if (s.dot && d < size * 0.14) return [...s.dot, 255];
    const inRing = d > r - ringWidth;
    const col = inRing ? s.ring : s.fill;
    if (!col) return [0, 0, 0, 0];
    return [...col, Math.round(alpha * 255)];
  });
}

const out = join(process.cwd(), 'resources', 'tray');
mkdirSync(out, { recursive: true });
for (const [name, s] of Object.entries(states)) {
  writeFileSync(join(out, `${name}.png`), icon(16, s));
  writeFileSync(join(out, `${name}@2x.png`), icon(32, s));
}
process.stdout.write(`wrote ${Object.keys(states).length * 2} icons to ${out}\n`);
