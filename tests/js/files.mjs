// fetchFile for node: reads the index files of an output/search folder from disk (the whole file, or the bytes
// [start, end) of it, as a range request would); and readers of the packs (FORMAT.md §4.0) for tests that look at the
// files themselves.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** How the fetchers below log a read: `path`, or for a range `path#start-end`. */
const readName = (path, range) => (range ? `${path}#${range[0]}-${range[1]}` : path);

/** A fetchFile over folder; log, when given, gets each read (see readName) once it is done. */
export function folderFetcher(folder, log = null) {
  return async (path, range) => {
    const bytes = await readFile(join(folder, path));
    if (log) log.push(readName(path, range));
    const [start, end] = range ?? [0, bytes.byteLength];
    if (end > bytes.byteLength) throw new Error(`${path}: range ${start}-${end} past its ${bytes.byteLength} bytes`);
    return bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + end);
  };
}

/**
 * A folderFetcher that knows which reads it has started (see readName) and can wait for them: settled() resolves
 * once every read started has finished and a turn of the event loop (all pending promise callbacks run) started no
 * other.
 */
export function trackingFetcher(folder) {
  const read = folderFetcher(folder);
  const started = [];
  const inflight = new Set();
  const fetch = (path, range) => {
    started.push(readName(path, range));
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

const packName = n => `${String(n).padStart(4, '0')}.bin`;

/** The files of a pack folder (dir: 'keys', 'postings', …), which must be numbered 0, 1, 2, … with no gap. */
export function packFiles(folder, dir) {
  const names = existsSync(join(folder, dir)) ? readdirSync(join(folder, dir)).sort() : [];
  names.forEach((name, p) => {
    if (name !== packName(p)) throw new Error(`${dir}/: ${name} where ${packName(p)} was expected`);
  });
  return names.map(name => readFileSync(join(folder, dir, name)));
}

/**
 * The records of a collection in the indexed packs dir/NNNN.bin, in collection order. Checks each pack: its magic,
 * an offset table that starts right after itself, never goes back and ends at the file's length, and perPack
 * records in every pack but the last, which holds 1 … perPack.
 */
export function indexedRecords(folder, dir, magic, perPack) {
  const packs = packFiles(folder, dir);
  return packs.flatMap((bytes, p) => {
    const where = `${dir}/${packName(p)}`;
    if (bytes.subarray(0, 4).toString('latin1') !== magic) throw new Error(`${where} does not start with ${magic}`);
    const n = bytes.readUInt32LE(4);
    const last = p === packs.length - 1;
    if (last ? n < 1 || n > perPack : n !== perPack) throw new Error(`${where} holds ${n} records; perPack is ${perPack}`);
    const offsets = Array.from({ length: n + 1 }, (_, i) => bytes.readUInt32LE(8 + 4 * i));
    if (offsets[0] !== 8 + 4 * (n + 1)) throw new Error(`${where}: record 0 starts at ${offsets[0]}, not right after the offsets`);
    if (offsets[n] !== bytes.length) throw new Error(`${where}: the offsets end at ${offsets[n]}, the file at ${bytes.length}`);
    offsets.slice(1).forEach((end, i) => {
      if (end < offsets[i]) throw new Error(`${where}: record ${i} ends at ${end}, before its start ${offsets[i]}`);
    });
    return offsets.slice(1).map((end, i) => bytes.subarray(offsets[i], end));
  });
}

/**
 * The records of a collection in the slotted packs dir/NNNN.bin, slots of size bytes, in collection order. Checks
 * each pack: its magic, perPack slots in every pack but the last, which holds 1 … perPack, a length of exactly
 * 8 + n · size, and in every slot a record length L (16-bit little-endian) of 1 … size − 2 followed by zero bytes
 * only; and that size is 2 + the longest record, no more.
 */
export function slottedRecords(folder, dir, magic, perPack, size) {
  const packs = packFiles(folder, dir);
  // An empty collection has no pack, and its slot size (2 + no record) says nothing.
  if (!Number.isInteger(size) || size < (packs.length > 0 ? 3 : 2)) throw new Error(`${dir}/: a slot size of ${size}; a slot holds 2 bytes of length and a record of 1 or more`);
  const records = packs.flatMap((bytes, p) => {
    const where = `${dir}/${packName(p)}`;
    if (bytes.length < 8) throw new Error(`${where} is ${bytes.length} bytes, shorter than its magic and count`);
    if (bytes.subarray(0, 4).toString('latin1') !== magic) throw new Error(`${where} does not start with ${magic}`);
    const n = bytes.readUInt32LE(4);
    const last = p === packs.length - 1;
    if (last ? n < 1 || n > perPack : n !== perPack) throw new Error(`${where} holds ${n} slots; perPack is ${perPack}`);
    if (bytes.length !== 8 + n * size) throw new Error(`${where} is ${bytes.length} bytes, not 8 + ${n} slots of ${size}`);
    return Array.from({ length: n }, (_, i) => {
      const slot = bytes.subarray(8 + i * size, 8 + (i + 1) * size);
      const length = slot.readUInt16LE(0);
      if (length < 1 || length > size - 2) throw new Error(`${where}: slot ${i} gives its record ${length} bytes; a slot of ${size} holds 1 to ${size - 2}`);
      const padding = slot.subarray(2 + length);
      const stray = padding.findIndex(b => b !== 0);
      if (stray >= 0) throw new Error(`${where}: slot ${i} has a byte ${padding[stray]} in its padding, at ${2 + length + stray} of the slot`);
      return slot.subarray(2, 2 + length);
    });
  });
  const longest = records.reduce((m, r) => Math.max(m, r.length), 0);
  if (records.length > 0 && size !== 2 + longest) throw new Error(`${dir}/: slots of ${size} bytes, but the longest record is ${longest} bytes (a slot is 2 bytes longer)`);
  return records;
}

/** Every doc's entry (FORMAT.md §4.2), in doc order, from the doc blocks of the slotted packs docs/NNNN.bin. */
export function readDocs(folder, manifest) {
  const blocks = slottedRecords(folder, 'docs', 'ASB4', manifest.blocksPerPack, manifest.blockBytes);
  return blocks.flatMap(block => JSON.parse(inflateRawSync(block).toString('utf8')));
}

/**
 * The chunks of one doc from its record of the text packs (FORMAT.md §4.4), each { blocks: [[anchor, text], …],
 * tail }; entry is the doc's entry in its doc block. Checks that the record lies within its pack.
 */
export function readChunks(folder, entry) {
  const [pack, offset] = entry.text;
  const path = `text/${packName(pack)}`;
  const bytes = readFileSync(join(folder, path));
  const end = offset + entry.chunks.reduce((a, b) => a + b, 0);
  if (end > bytes.length) throw new Error(`${path}: ${bytes.length} bytes, but a doc's text record ends at ${end}`);
  let at = offset;
  return entry.chunks.map(length => {
    const [tail, ...flat] = JSON.parse(inflateRawSync(bytes.subarray(at, (at += length))).toString('utf8'));
    const blocks = [];
    for (let i = 0; i < flat.length; i += 2) blocks.push([flat[i], flat[i + 1]]);
    return { blocks, tail };
  });
}
