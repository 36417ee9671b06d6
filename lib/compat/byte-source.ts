// Random access to an archive's bytes, wherever they live: a local file here, an S3 object in s3-source.ts. The
// scanner reads the zip's central directory and the entries it needs through this, never the whole archive.
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";

export type SourceErrorCode =
  "access-denied" | "not-found" | "changed" | "throttled" | "unavailable" | "timeout" | "failed";

/** A source that could not be read (S3 AccessDenied, NoSuchKey…), with a message a person can act on. */
export class ArchiveSourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ArchiveSourceError";
  }
}

export interface ByteSource {
  /** For messages: a path or s3://bucket/key. */
  readonly name: string;
  /** Total size in bytes, known before anything is read. */
  readonly size: number;
  /** Good block size for small reads (a local file: small; S3: each read is a request). */
  readonly blockSize: number;
  /** Blocks to fetch ahead once reads run sequentially (S3: hides request latency); 0 or absent: none. */
  readonly readahead?: number;
  /** Exactly `length` bytes from `position` (fewer only at the end of the source). */
  read(position: number, length: number, signal?: AbortSignal): Promise<Buffer>;
  /** Optional: fills `buffer` from `position`, answering the bytes read (lets a reader reuse its buffers). */
  readInto?(buffer: Buffer, position: number, signal?: AbortSignal): Promise<number>;
  /** The bytes [start, end) as a stream, for large ranges. */
  stream(start: number, end: number, signal?: AbortSignal): Readable;
  close(): Promise<void>;
}

class FileSource implements ByteSource {
  readonly blockSize = 256 * 1024;

  constructor(
    readonly name: string,
    readonly size: number,
    private readonly handle: FileHandle,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, this.size - position)));
    const filled = await this.readInto(buffer, position);
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  }

  async readInto(buffer: Buffer, position: number): Promise<number> {
    const length = Math.max(0, Math.min(buffer.length, this.size - position));
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  }

  stream(start: number, end: number, signal?: AbortSignal): Readable {
    if (end <= start) return Readable.from([]);
    return createReadStream(this.name, { start, end: end - 1, highWaterMark: 256 * 1024, signal });
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** A local file as a ByteSource (tests, the bench, nested archives extracted to a temp file). */
export async function openFileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    return new FileSource(path, size, handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Bytes already in memory as a ByteSource (small inputs only). */
export function bufferSource(bytes: Uint8Array, name = "buffer"): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    name,
    size: buffer.length,
    blockSize: 64 * 1024,
    read: async (position, length) => buffer.subarray(position, Math.min(buffer.length, position + length)),
    stream: (start, end) => Readable.from([buffer.subarray(start, end)]),
    close: async () => {},
  };
}
