/**
 * A look inside a zip's central directory before handing it to exceljs: it tells an .xlsx from a
 * zip of something else (a .docx, an archive of photos) and refuses a zip bomb by its declared
 * sizes, without inflating a single byte. exceljs alone would either throw a cryptic message or
 * spend minutes and gigabytes on such files.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/** The four bytes every zip (and so every .xlsx) starts with. */
export function hasZipSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Whether the spreadsheet reader should take this file: a zip, an old .xls, or a spreadsheet's name. */
export function looksLikeXlsx(bytes: Uint8Array, name: string): boolean {
  return hasZipSignature(bytes) || isOleFile(bytes) || /\.xls[xm]?$/i.test(name);
}

/** Office 97–2003 files (.xls, .doc) start with the OLE compound-file signature. */
export function isOleFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** Where the end-of-central-directory record starts, or -1: it sits in the last 22 bytes plus up to 64 KiB of comment. */
function endOfDirectory(view: DataView): number {
  const stop = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= stop; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  return -1;
}

/** The entries listed in the central directory; null when it cannot be found (truncated or not a zip). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfDirectory(view);
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.push({ name, compressedSize, uncompressedSize });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Deflates every entry of a zip written with no compression. exceljs compresses through JSZip's
 * JavaScript deflate, which takes most of the time of a big export; writing stored and letting
 * Node's native zlib compress is about ten times faster for the same size of file.
 */
export function deflateStoredZip(stored: Uint8Array, level = 6): Uint8Array {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  let eocd = -1;
  for (let i = stored.length - 22; i >= Math.max(0, stored.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('deflateStoredZip: no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let written = 0;
  for (let n = 0; n < count; n++) {
    if (view.getUint32(offset, true) !== 0x02014b50) throw new Error('deflateStoredZip: damaged central directory');
    const method = view.getUint16(offset + 10, true);
    const crc = view.getUint32(offset + 16, true);
    const size = view.getUint32(offset + 20, true);
    const uncompressed = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localAt = view.getUint32(offset + 42, true);
    const name = Buffer.from(stored.subarray(offset + 46, offset + 46 + nameLength));
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    const raw = stored.subarray(dataAt, dataAt + size);
    const data = method === 0 ? deflateRawSync(raw, { level }) : Buffer.from(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(uncompressed, 22);
    local.writeUInt16LE(nameLength, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(uncompressed, 24);
    central.writeUInt16LE(nameLength, 28);
    central.writeUInt32LE(written, 42);
    if (method !== 0) {
      // Already compressed: keep its method.
      local.writeUInt16LE(method, 8);
      central.writeUInt16LE(method, 10);
    }
    locals.push(local, name, data);
    centrals.push(central, name);
    written += 30 + nameLength + data.length;
    offset += 46 + nameLength + extraLength + commentLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(written, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Why a zip cannot be trusted, with the entry (`part`) at fault when there is one: the parameters of its catalogue message. */
export type ZipProblem =
  | {
      readonly code: 'damaged-workbook';
      readonly params: { reason: 'directory' | 'encrypted' | 'method' | 'missing' | 'cut' | 'inflate' | 'bigger' | 'smaller' | 'checksum'; part?: string; declared?: number };
    }
  | { readonly code: 'file-too-large'; readonly params: { what: 'unpacked'; size: string; limit: string } };

export interface ZipLimits {
  /** The most bytes all entries together may unpack to. */
  readonly inflatedBytes: number;
  /** The most entries a workbook may hold. */
  readonly entries: number;
}

/**
 * Unpacks every entry of a zip with Node's zlib, trusting nothing the archive says about itself:
 * an entry may not unpack to more than its declared size (inflating stops there, so a bomb that
 * claims small sizes costs at most the declared total), must unpack to exactly that size, and its
 * CRC-32 must match. The declared sizes of all entries together are bounded first. Returns the
 * entries' contents in order, or the first problem in plain words.
 */
export function unpackZip(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> | ZipProblem {
  const damaged = (reason: Extract<ZipProblem, { code: 'damaged-workbook' }>['params']['reason'], part?: string, declared?: number): ZipProblem => ({
    code: 'damaged-workbook',
    params: { reason, ...(part === undefined ? {} : { part }), ...(declared === undefined ? {} : { declared }) },
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfDirectory(view);
  if (eocd < 0) return damaged('directory');
  const count = view.getUint16(eocd + 10, true);
  if (count > limits.entries) return damaged('directory');
  let offset = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder('utf-8');
  const listed: Array<{ name: string; method: number; flags: number; crc: number; compressed: number; size: number; local: number }> = [];
  let declared = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return damaged('directory');
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const crc = view.getUint32(offset + 16, true);
    let compressed = view.getUint32(offset + 20, true);
    let size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    if (offset + 46 + nameLength + extraLength > bytes.length) return damaged('directory');
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    // Zip64: the true sizes and offset are in an extra field when the 32-bit ones are all ones.
    for (let e = offset + 46 + nameLength; e + 4 <= offset + 46 + nameLength + extraLength;) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let at = e + 4;
        const big = (): number => {
          const value = at + 8 <= e + 4 + length ? Number(view.getBigUint64(at, true)) : Number.MAX_SAFE_INTEGER;
          at += 8;
          return value;
        };
        if (size === 0xffffffff) size = big();
        if (compressed === 0xffffffff) compressed = big();
        if (local === 0xffffffff) local = big();
      }
      e += 4 + length;
    }
    if ((flags & 1) !== 0) return damaged('encrypted', name);
    if (method !== 0 && method !== 8) return damaged('method', name);
    declared += size;
    listed.push({ name, method, flags, crc, compressed, size, local });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (declared > limits.inflatedBytes)
    return { code: 'file-too-large', params: { what: 'unpacked', size: String(Math.round(declared / 1048576)), limit: String(Math.round(limits.inflatedBytes / 1048576)) } };
  const entries = new Map<string, Uint8Array>();
  for (const entry of listed) {
    const { name, local } = entry;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return damaged('missing', name);
    const dataAt = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (dataAt + entry.compressed > bytes.length) return damaged('cut', name);
    const raw = bytes.subarray(dataAt, dataAt + entry.compressed);
    let data: Uint8Array;
    if (entry.method === 0) {
      data = raw;
    } else {
      try {
        // Inflating stops one byte past the declared size: a part never unpacks to more.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
      } catch (error) {
        const tooBig = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
        return tooBig ? damaged('bigger', name, entry.size) : damaged('inflate', name);
      }
    }
    if (data.length !== entry.size) return damaged(data.length > entry.size ? 'bigger' : 'smaller', name, entry.size);
    if (crc32(data) >>> 0 !== entry.crc) return damaged('checksum', name);
    entries.set(name, data);
  }
  return entries;
}

/** A zip of these entries, stored without compression: what exceljs reads after `unpackZip` has checked every byte. */
export function storedZip(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let written = 0;
  for (const [entryName, data] of entries) {
    const name = Buffer.from(entryName, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(written, 42);
    locals.push(local, name, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    centrals.push(central, name);
    written += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(written, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
