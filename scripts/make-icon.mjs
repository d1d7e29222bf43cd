#!/usr/bin/env node
// Draws assets/icon.png (512x512): two overlapping session rings joined by a bar. Run once; the PNG is committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const N = 512;
const px = Buffer.alloc((N * 4 + 1) * N);
const bg = [24, 28, 38], a = [94, 168, 255], b = [255, 153, 102], join = [240, 240, 240];
for (let y = 0; y < N; y++) {
  px[y * (N * 4 + 1)] = 0;
  for (let x = 0; x < N; x++) {
    const ring = (cx, cy) => Math.abs(Math.hypot(x - cx, y - cy) - 120) < 22;
    let c = bg;
    if (ring(196, 256)) c = a;
    if (ring(316, 256)) c = b;
    if (Math.abs(y - 256) < 14 && x > 230 && x < 282) c = join;
    const o = y * (N * 4 + 1) + 1 + x * 4;
    px[o] = c[0]; px[o + 1] = c[1]; px[o + 2] = c[2]; px[o + 3] = 255;
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(px, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../assets/icon.png', import.meta.url), png);
