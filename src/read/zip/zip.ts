import { crc32, inflateRawSync } from 'node:zlib';
import { ReadError } from '../../model/diagnostics.js';

/**
 * A minimal, defensive zip reader for Office packages.
 *
 * Why not a library: fflate's `unzipSync` silently returns truncated data for a
 * lying or corrupt entry, and JSZip inflates whatever an entry holds. Office
 * packages need only the central directory, stored and deflated entries, and two
 * guarantees no library gives together: a hard cap on inflated bytes that ignores
 * declared sizes (node:zlib's `maxOutputLength`), and a CRC-32 check of every part.
 */

export type ZipLimits = {
  /** Most entries a package may list. */
  maxEntries: number;
  /** Most uncompressed bytes one part may declare, and the hard cap while inflating it. */
  maxPartBytes: number;
  /** Most uncompressed bytes all parts may declare together, and the cap on all inflated bytes. */
  maxTotalBytes: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxPartBytes: 20 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
};

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  private constructor(
    private readonly buf: Buffer,
    readonly entries: readonly ZipEntry[],
    private readonly limits: ZipLimits,
  ) {
    for (const e of entries) this.byName.set(normaliseName(e.name), e);
  }

  /** Reads the central directory and checks the declared sizes against the limits. */
  static open(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    const eocd = findEndOfCentralDirectory(buf);
    if (eocd < 0) throw new ReadError('ZIP_CORRUPT', 'The file looks like a zip package but its directory is missing: it is truncated or corrupt. Ask for the file again.');
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ReadError('ZIP_CORRUPT', 'The package uses the ZIP64 format, which Office returns never need: it is not a normal Word or Excel file.');
    if (count > limits.maxEntries) throw new ReadError('ZIP_LIMIT_EXCEEDED', `The package lists ${count} parts, more than the limit of ${limits.maxEntries} (--max-entries). It may be a zip bomb.`);
    if (cdOffset + cdSize > eocd || cdOffset + cdSize > buf.length) throw new ReadError('ZIP_CORRUPT', 'The package directory points outside the file: it is truncated or corrupt. Ask for the file again.');
    const entries: ZipEntry[] = [];
    let p = cdOffset;
    let declaredTotal = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new ReadError('ZIP_CORRUPT', 'The package directory is damaged: the file is truncated or corrupt. Ask for the file again.');
      const flags = buf.readUInt16LE(p + 8);
      const method = buf.readUInt16LE(p + 10);
      const crc = buf.readUInt32LE(p + 16);
      const compressedSize = buf.readUInt32LE(p + 20);
      const uncompressedSize = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const localHeaderOffset = buf.readUInt32LE(p + 42);
      if (p + 46 + nameLen > buf.length) throw new ReadError('ZIP_CORRUPT', 'The package directory is damaged: the file is truncated or corrupt. Ask for the file again.');
      const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
      if (uncompressedSize > limits.maxPartBytes)
        throw new ReadError('ZIP_LIMIT_EXCEEDED', `The part ${name} declares ${uncompressedSize} bytes uncompressed, more than the per-part limit of ${limits.maxPartBytes} (--max-part-size). It may be a zip bomb.`, name);
      declaredTotal += uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes)
        throw new ReadError('ZIP_LIMIT_EXCEEDED', `The package declares more than ${limits.maxTotalBytes} bytes uncompressed in all (--max-total-size). It may be a zip bomb.`);
      entries.push({ name, method, flags, crc, compressedSize, uncompressedSize, localHeaderOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipArchive(buf, entries, limits);
  }

  has(name: string): boolean {
    return this.byName.has(normaliseName(name));
  }

  /** Inflates one part with a hard output cap and checks its size and CRC-32. */
  read(name: string): Buffer {
    const e = this.byName.get(normaliseName(name));
    if (!e) throw new ReadError('MAIN_PART_MISSING', `The package has no part named ${name}.`, name);
    if (e.flags & 0x1) throw new ReadError('ENCRYPTED_FILE', `The part ${e.name} is encrypted: remove the password and save the file again.`, e.name);
    const buf = this.buf;
    const lh = e.localHeaderOffset;
    if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== SIG_LOCAL) throw new ReadError('ZIP_CORRUPT', `The part ${e.name} is damaged: the file is truncated or corrupt. Ask for the file again.`, e.name);
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    const end = start + e.compressedSize;
    if (end > buf.length) throw new ReadError('ZIP_CORRUPT', `The part ${e.name} runs past the end of the file: it is truncated. Ask for the file again.`, e.name);
    const raw = buf.subarray(start, end);
    // The cap ignores the declared size: a lying entry is stopped at the limit, never inflated whole.
    const cap = Math.min(this.limits.maxPartBytes, this.limits.maxTotalBytes - this.inflatedTotal);
    let out: Buffer;
    if (e.method === 0) {
      out = Buffer.from(raw);
    } else if (e.method === 8) {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(cap, 1) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ERR_BUFFER_TOO_LARGE' || (err instanceof RangeError))
          throw new ReadError('INFLATE_LIMIT_EXCEEDED', `The part ${e.name} inflates past the limit of ${cap} bytes although it declares ${e.uncompressedSize}: it is a zip bomb or corrupt. The file is refused.`, e.name);
        throw new ReadError('ZIP_CORRUPT', `The part ${e.name} cannot be decompressed (${code ?? 'bad data'}): the file is corrupt. Ask for the file again.`, e.name);
      }
    } else {
      throw new ReadError('ZIP_CORRUPT', `The part ${e.name} uses compression method ${e.method}, which Office never writes: the file is corrupt or not an Office document.`, e.name);
    }
    if (out.length > cap) throw new ReadError('INFLATE_LIMIT_EXCEEDED', `The part ${e.name} is larger than the limit of ${cap} bytes. The file is refused.`, e.name);
    this.inflatedTotal += out.length;
    if (out.length !== e.uncompressedSize || crc32(out) >>> 0 !== e.crc >>> 0)
      throw new ReadError('ZIP_CRC_MISMATCH', `The part ${e.name} does not match its recorded size or checksum: the file is corrupt. Ask for the file again.`, e.name);
    return out;
  }

  /** Reads a part as UTF-8 text (UTF-16 with a BOM also accepted, as some producers write). */
  readText(name: string): string {
    const b = this.read(name);
    if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.toString('utf16le', 2);
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.toString('utf8', 3);
    return b.toString('utf8');
  }
}

/** Part names are matched case-insensitively without a leading slash, as OPC requires. */
export function normaliseName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function findEndOfCentralDirectory(buf: Buffer): number {
  if (buf.length < 22) return -1;
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

