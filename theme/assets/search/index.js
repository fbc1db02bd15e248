// The static index (src/Archive/Search/FORMAT.md §4): manifest, docs, bucket shards and chunk packs, fetched on
// demand through an injected fetchFile(path) and kept in memory, so a later query fetches only what is new.

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** FNV-1a 32-bit over a key's UTF-16 code units, modulo the bucket count. */
export function bucketOf(key, buckets) {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME) >>> 0;
  }
  return h % buckets;
}

/** Reads unsigned LEB128 varints from a byte array. */
class VarintReader {
  constructor(bytes, position = 0) {
    this.bytes = bytes;
    this.position = position;
  }

  next() {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new Error('search index: a shard ends inside a number');
      const byte = this.bytes[this.position++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
}

/** A shard file: the byte range of each bucket's body, decoded into postings on first use. */
class Shard {
  constructor(buffer) {
    const bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x41 || bytes[1] !== 0x53 || bytes[2] !== 0x58 || bytes[3] !== 0x31) {
      throw new Error('search index: a shard does not start with ASX1');
    }
    const reader = new VarintReader(bytes, 4);
    const count = reader.next();
    this.bytes = bytes;
    this.starts = new Uint32Array(count + 1);
    const lengths = [];
    for (let i = 0; i < count; i++) lengths.push(reader.next());
    this.starts[0] = reader.position;
    for (let i = 0; i < count; i++) this.starts[i + 1] = this.starts[i] + lengths[i];
    if (this.starts[count] > bytes.length) throw new Error('search index: a shard is shorter than its bucket lengths');
    this.decoded = new Map();
  }

  postings(index) {
    let list = this.decoded.get(index);
    if (list) return list;
    if (index + 1 >= this.starts.length || this.starts[index] === this.starts[index + 1]) {
      list = new Uint32Array(0);
    } else {
      const reader = new VarintReader(this.bytes, this.starts[index]);
      list = new Uint32Array(reader.next());
      let chunk = 0;
      for (let i = 0; i < list.length; i++) {
        chunk += reader.next();
        list[i] = chunk;
      }
    }
    this.decoded.set(index, list);
    return list;
  }
}

function pad(number, width) {
  return String(number).padStart(width, '0');
}

function asText(data) {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

/** The static search index behind fetchFile(path), path relative to the search folder. */
export class SearchIndex {
  constructor(fetchFile) {
    this.fetchFile = fetchFile;
    this.files = new Map();
  }

  /** Fetches and parses a file once; a failed fetch is forgotten so that a retry can succeed. */
  load(path, parse) {
    let promise = this.files.get(path);
    if (!promise) {
      promise = Promise.resolve().then(() => this.fetchFile(path)).then(parse);
      promise.catch(() => this.files.delete(path));
      this.files.set(path, promise);
    }
    return promise;
  }

  manifest() {
    return this.load('manifest.json', data => {
      const manifest = JSON.parse(asText(data));
      if (manifest.format !== 'archive-search' || manifest.version !== 1 || manifest.normalization !== 1) {
        throw new Error(`search index: format ${manifest.format} ${manifest.version} is not archive-search 1`);
      }
      return manifest;
    });
  }

  async docs() {
    const manifest = await this.manifest();
    return this.load(manifest.docs, data => JSON.parse(asText(data)));
  }

  /** The sorted chunk numbers of a bucket. */
  async postings(bucket) {
    const manifest = await this.manifest();
    const shardNo = bucket % manifest.shards;
    const shard = await this.load(`shards/${pad(shardNo, 3)}.bin`, data => {
      if (typeof data === 'string') throw new Error('search index: a shard was read as text');
      return new Shard(data);
    });
    return shard.postings(Math.floor(bucket / manifest.shards));
  }

  /** The chunks with the given numbers, in the same order, fetching each pack they live in once. */
  async chunks(numbers) {
    const manifest = await this.manifest();
    const packs = await Promise.all(numbers.map(n => this.pack(manifest, this.packOf(manifest, n))));
    return numbers.map((n, i) => packs[i].chunks[n - packs[i].first]);
  }

  /** The number of the pack holding chunk n. */
  packOf(manifest, n) {
    return packOf(manifest.packStarts, n);
  }

  pack(manifest, p) {
    return this.load(`packs/${pad(p, 4)}.json`, data => ({ first: manifest.packStarts[p], chunks: JSON.parse(asText(data)) }));
  }
}

/** The pack holding chunk n: the last p with packStarts[p] ≤ n. */
function packOf(starts, n) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= n) lo = mid; else hi = mid - 1;
  }
  return lo;
}
