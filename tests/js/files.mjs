// fetchFile for node: reads the index files of an output/search folder from disk (the whole file, or the bytes
// [start, end) of it, as a range request would).

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export function folderFetcher(folder, log = null) {
  return async (path, range) => {
    const bytes = await readFile(join(folder, path));
    if (log) log.push(range ? `${path}#${range[0]}-${range[1]}` : path);
    const [start, end] = range ?? [0, bytes.byteLength];
    if (end > bytes.byteLength) throw new Error(`${path}: range ${start}-${end} past its ${bytes.byteLength} bytes`);
    return bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end);
  };
}

/**
 * A folderFetcher that knows which reads it has started and can wait for them: settled() resolves once every read
 * started has finished and a turn of the event loop (all pending promise callbacks run) started no other.
 */
export function trackingFetcher(folder) {
  const read = folderFetcher(folder);
  const started = [];
  const inflight = new Set();
  const fetch = (path, range) => {
    started.push(path);
    const reading = read(path, range);
    inflight.add(reading);
    reading.catch(() => {}).finally(() => inflight.delete(reading));
    return reading;
  };
  const settled = async () => {
    do {
      await new Promise(resolve => setImmediate(resolve));
      await Promise.allSettled([...inflight]);
    } while (inflight.size > 0);
  };
  return { fetch, started, settled };
}

/**
 * The chunks of one doc from its text file (FORMAT.md §4.4), each { blocks: [[anchor, text], …], tail }; entry is
 * the doc's entry in its docs/NNNN.json block. Checks that the chunks' lengths cover the file exactly.
 */
export function readChunks(folder, entry) {
  const path = `text/${String(entry.firstChunk).padStart(6, '0')}.bin`;
  const bytes = readFileSync(join(folder, path));
  const total = entry.chunks.reduce((a, b) => a + b, 0);
  if (total !== bytes.length) throw new Error(`${path}: ${bytes.length} bytes, but its doc's chunks add up to ${total}`);
  let at = 0;
  return entry.chunks.map(length => {
    const [tail, ...flat] = JSON.parse(inflateRawSync(bytes.subarray(at, (at += length))).toString('utf8'));
    const blocks = [];
    for (let i = 0; i < flat.length; i += 2) blocks.push([flat[i], flat[i + 1]]);
    return { blocks, tail };
  });
}
