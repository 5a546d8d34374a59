/** What an evidence file is: its type judged from the bytes, and the name it is stored under. */
import { unzipSync } from 'fflate';

/** Accepted types, decided from the bytes (magic numbers / the OOXML part names), never from the client's claim. */
export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const startsWith = (buf: Buffer, bytes: number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Names of the entries of a ZIP archive, from its central directory (null if not a readable ZIP); nothing is inflated. */
export function zipEntryNames(buf: Buffer): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(buf, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** The MIME type of an accepted evidence file, judged from its content; null when not accepted. */
export function sniffEvidenceType(buf: Buffer): (typeof EVIDENCE_TYPES)[keyof typeof EVIDENCE_TYPES] | null {
  if (startsWith(buf, ascii('%PDF-'))) return EVIDENCE_TYPES.pdf;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EVIDENCE_TYPES.png;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpeg;
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return EVIDENCE_TYPES.gif;
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return EVIDENCE_TYPES.webp;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (!names?.includes('[Content_Types].xml')) return null;
    // Macro-enabled (DOCM/XLSM, or a DOCX/XLSX carrying a VBA project or ActiveX controls): refused.
    if (names.some((n) => MACRO_PARTS.test(n))) return null;
    if (names.includes('word/document.xml')) return EVIDENCE_TYPES.docx;
    if (names.includes('xl/workbook.xml')) return EVIDENCE_TYPES.xlsx;
  }
  return null;
}

/** OOXML parts that carry executable content: VBA projects (any name ending vbaProject.bin / vbaData.xml) and ActiveX controls. */
const MACRO_PARTS = /(^|\/)vba[^/]*\.(bin|xml)$|(^|\/)activeX\//i;

/** The file extension of each accepted type, and the client's spellings of it that are kept. */
const EXTENSIONS: Record<string, string[]> = {
  [EVIDENCE_TYPES.pdf]: ['pdf'],
  [EVIDENCE_TYPES.png]: ['png'],
  [EVIDENCE_TYPES.jpeg]: ['jpg', 'jpeg'],
  [EVIDENCE_TYPES.gif]: ['gif'],
  [EVIDENCE_TYPES.webp]: ['webp'],
  [EVIDENCE_TYPES.docx]: ['docx'],
  [EVIDENCE_TYPES.xlsx]: ['xlsx'],
};

/**
 * The stored name of an upload: NFC, without path separators, control characters or the invisible
 * bidirectional/format characters (U+202E would show "fdp.exe" as "exe.pdf"), at most 255
 * characters, and with the extension of the type detected from the bytes (the client's own extension
 * is kept only when it names that type).
 */
export function evidenceFileName(original: string, mimeType: string): string {
  const clean = [...(original || '').normalize('NFC')]
    .filter((ch) => !/[\p{Cf}\p{Cc}\u2028\u2029]/u.test(ch))
    .map((ch) => (ch === '/' || ch === '\\' ? '_' : ch))
    .join('')
    .trim();
  const exts = EXTENSIONS[mimeType] ?? ['bin'];
  // An extension is a short alphanumeric tail after the last dot (not "../x" nor a dot-file's name).
  const tail = /(?<=[^.])\.([A-Za-z0-9]{1,8})$/.exec(clean);
  const given = tail ? tail[1]! : '';
  const stem = (tail ? clean.slice(0, tail.index) : clean).replace(/[.\s]+$/, '') || 'minh-chung';
  const ext = exts.includes(given.toLowerCase()) ? given : exts[0]!;
  return `${[...stem].slice(0, 254 - ext.length).join('')}.${ext}`;
}
