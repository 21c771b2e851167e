import { TextDecoder } from 'node:util';

/** A GB18030 encoder for tests (Node has none), built from Node's own decoder: every two-byte code, decoded once. */
export function gb18030Encoder(): (text: string) => Buffer {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a character
      }
    }
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
      else {
        const code = table.get(ch);
        if (!code) throw new Error(`the test encoder has no two-byte code for ${ch}`);
        bytes.push(...code);
      }
    }
    return Buffer.from(bytes);
  };
}
