import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * Writes a `.gz` of `head` followed by `times` copies of `block`, as concatenated gzip members (which gunzip
 * reads as one stream): the block is compressed once, so a 2 GiB expansion costs a few MB on disk.
 */
export function writeGzipBomb(path: string, head: string, block: string, times: number): string {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, gzipSync(head));
    const member = gzipSync(block, { level: 9 });
    for (let i = 0; i < times; i++) writeSync(fd, member);
  } finally {
    closeSync(fd);
  }
  return path;
}
