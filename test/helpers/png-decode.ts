// A small PNG decoder over node:zlib for tests: 8-bit RGB/RGBA, non-interlaced (what resvg writes).
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row. */
  rgba: Uint8Array;
}

export function decodePng(png: Uint8Array): DecodedPng {
  const buf = Buffer.from(png);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const data: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colourType = body[9] as number;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) throw new Error(`colour type ${colourType} not supported`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (line[i - channels] as number) : 0;
      const b = prev[i] as number;
      const c = i >= channels ? (prev[i - channels] as number) : 0;
      const x = src[i] as number;
      let v: number;
      if (filter === 0) v = x;
      else if (filter === 1) v = x + a;
      else if (filter === 2) v = x + b;
      else if (filter === 3) v = x + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      line[i] = v & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const o = (y * width + px) * 4;
      out[o] = line[px * channels] as number;
      out[o + 1] = line[px * channels + 1] as number;
      out[o + 2] = line[px * channels + 2] as number;
      out[o + 3] = channels === 4 ? (line[px * channels + 3] as number) : 255;
    }
    prev.set(line);
  }
  return { width, height, rgba: out };
}

/** Darkness (0 white … 1 black) averaged over a grid of cells: a picture's coarse fingerprint. */
export function inkGrid(img: DecodedPng, columns: number, rows: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const [x0, x1] = [Math.floor((c * img.width) / columns), Math.floor(((c + 1) * img.width) / columns)];
      const [y0, y1] = [Math.floor((r * img.height) / rows), Math.floor(((r + 1) * img.height) / rows)];
      let sum = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const o = (y * img.width + x) * 4;
          const alpha = (img.rgba[o + 3] as number) / 255;
          const lum = (0.299 * (img.rgba[o] as number) + 0.587 * (img.rgba[o + 1] as number) + 0.114 * (img.rgba[o + 2] as number)) / 255;
          sum += alpha * (1 - lum);
        }
      out.push(Math.round((sum / ((x1 - x0) * (y1 - y0))) * 1000) / 1000);
    }
  return out;
}
