/** ZIP archives in tests, through fflate: build OOXML containers and plain archives, read DOCX/XLSX parts. */
import { strToU8, unzipSync, zipSync } from 'fflate';

/** A stored (uncompressed) ZIP of the given entries; text entries are written as UTF-8. */
export function zip(files: Record<string, string | Uint8Array>): Buffer {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data]),
  );
  return Buffer.from(zipSync(entries, { level: 0 }));
}

/** Every entry of a ZIP archive (stored or deflated), by name. */
export function unzip(buf: Uint8Array): Map<string, Buffer> {
  return new Map(Object.entries(unzipSync(buf)).map(([name, data]) => [name, Buffer.from(data)]));
}
