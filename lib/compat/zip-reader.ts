// yauzl over a ByteSource. yauzl reads the central directory in many small reads (two per entry) and each entry's
// local header the same way; over S3 every read would be a request, so small reads go through a few cached blocks
// (bounded memory: blockSize × MAX_BLOCKS) and large ones straight to the source.
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import { inflateRawSync } from "node:zlib";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { ByteSource } from "./byte-source";

const MAX_BLOCKS = 16;

export class CachedZipReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();
  /** Evicted blocks' buffers, refilled by sources that can read into a buffer: no garbage per block. */
  private readonly spare: Buffer[] = [];

  constructor(
    readonly source: ByteSource,
    private readonly signal?: AbortSignal,
  ) {
    super();
  }

  private block(index: number): Promise<Buffer> {
    let block = this.blocks.get(index);
    if (block) {
      this.blocks.delete(index);
      this.blocks.set(index, block);
    } else block = this.fetch(index);
    // Entries are read in file order: keep the next few blocks on their way before they are asked for.
    const ahead = Math.min(this.source.readahead ?? 0, MAX_BLOCKS / 4);
    for (let next = index + 1; next <= index + ahead; next++) {
      if (next * this.source.blockSize < this.source.size && !this.blocks.has(next)) this.fetch(next);
    }
    return block;
  }

  private fetch(index: number): Promise<Buffer> {
    const size = this.source.blockSize;
    const loading = this.load(index * size, size);
    loading.catch(() => this.blocks.delete(index));
    this.blocks.set(index, loading);
    while (this.blocks.size > MAX_BLOCKS) {
      const [oldest, evicted] = this.blocks.entries().next().value as [number, Promise<Buffer>];
      this.blocks.delete(oldest);
      evicted.then(
        (block) => {
          if (block.buffer.byteLength === size && this.spare.length < MAX_BLOCKS)
            this.spare.push(Buffer.from(block.buffer));
        },
        () => {},
      );
    }
    return loading;
  }

  private async load(position: number, size: number): Promise<Buffer> {
    const spare = this.source.readInto ? this.spare.pop() : undefined;
    if (!spare || !this.source.readInto) return this.source.read(position, size, this.signal);
    const filled = await this.source.readInto(spare, position, this.signal);
    return spare.subarray(0, filled);
  }

  /** Up to `length` bytes from `position` (fewer at the end of the source). */
  async readRange(position: number, length: number): Promise<Buffer> {
    const end = Math.min(this.source.size, position + length);
    if (end <= position) return Buffer.alloc(0);
    const size = this.source.blockSize;
    if (end - position > size * 2) return this.source.read(position, end - position, this.signal);
    const first = Math.floor(position / size);
    const last = Math.floor((end - 1) / size);
    // Always a copy: block buffers are reused once evicted, so no caller may keep a view into one.
    const out = Buffer.allocUnsafe(end - position);
    for (let index = first; index <= last; index++) {
      const block = await this.block(index);
      const from = index === first ? position - index * size : 0;
      const to = Math.min(block.length, index === last ? end - index * size : size);
      block.copy(out, index * size + from - position, from, to);
      if (to < (index === last ? end - index * size : size)) return out.subarray(0, index * size + to - position);
    }
    return out;
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    this.readRange(position, length).then(
      (bytes) => {
        bytes.copy(buffer, offset);
        callback(null, bytes.length);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (end - start <= this.source.blockSize * 2) {
      const read = () => this.readRange(start, end - start);
      return Readable.from(
        (async function* () {
          yield await read();
        })(),
      );
    }
    return this.source.stream(start, end, this.signal);
  }
}

export async function openZip(reader: CachedZipReader): Promise<ZipFile> {
  return yauzl.fromRandomAccessReaderPromise(reader, reader.source.size, {
    lazyEntries: true,
    autoClose: false,
    decodeStrings: true,
    validateEntrySizes: true,
    strictFileNames: false,
  });
}

export class EntryReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntryReadError";
  }
}

/**
 * An entry's bytes, for entries small enough to hold (the caller caps uncompressedSize first). Inflates in one call
 * with the output capped at the declared size, so a lying header cannot make it allocate more.
 */
export async function readEntryBytes(zip: ZipFile, reader: CachedZipReader, entry: Entry): Promise<Buffer> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new EntryReadError(`unsupported compression method ${entry.compressionMethod}`);
  }
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  const raw = await reader.readRange(fileDataStart, entry.compressedSize);
  if (raw.length < entry.compressedSize) throw new EntryReadError("entry data runs past the end of the archive");
  let data: Buffer;
  if (entry.compressionMethod === 0) data = raw;
  else if (entry.uncompressedSize === 0) data = Buffer.alloc(0);
  else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize });
    } catch (error) {
      const reason = (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "more data than declared" : "";
      throw new EntryReadError(`damaged compressed data${reason ? ` (${reason})` : ""}`);
    }
  }
  if (data.length !== entry.uncompressedSize) {
    throw new EntryReadError(`size mismatch: declared ${entry.uncompressedSize} bytes, found ${data.length}`);
  }
  return data;
}

/** Streams an entry, decompressed, into a file; fails past `maxBytes` (yauzl also holds it to the declared size). */
export async function extractEntryToFile(zip: ZipFile, entry: Entry, path: string, maxBytes: number): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  let written = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      if (written > maxBytes) callback(new EntryReadError(`more than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
  await pipeline(stream, cap, createWriteStream(path));
}
