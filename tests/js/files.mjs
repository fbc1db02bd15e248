// fetchFile for node: reads the index files of an output/search folder from disk.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export function folderFetcher(folder, log = null) {
  return async path => {
    const bytes = await readFile(join(folder, path));
    if (log) log.push(path);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
}
