/**
 * The files the evidence tests upload (test/api/evidence.test.ts and the modules beside this file): accepted
 * types, refused ones and macro-enabled Office files, the upload limit and the per-unit quota the real system is
 * started with; and the pure checks on them (content sniffing, stored names).
 */
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { evidenceFileName, sniffEvidenceType } from '../../../api/routes/evidence';
import { zip } from '../../support/zip';

export const LIMIT = 64 * 1024;
/** Per unit and cycle (EVIDENCE_QUOTA_BYTES): four files at the upload limit. */
export const QUOTA = 4 * LIMIT;

export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const CT = '[Content_Types].xml';
export const FILES = {
  pdf: Buffer.from(
    '%PDF-1.7\n%âãÏÓ\n1 0 obj << /Title (Báo cáo tổng kết) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'utf8',
  ),
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(64, 1),
    Buffer.from([0xff, 0xd9]),
  ]),
  xlsx: zip({ [CT]: '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' }),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)]),
  text: Buffer.from('Đây là một tệp văn bản, không phải minh chứng hợp lệ.\n', 'utf8'),
  plainZip: zip({ 'readme.txt': 'xin chào' }),
  fakeDocx: zip({ 'word/document.xml': '<w:document/>' }), // no [Content_Types].xml
  // Macro-enabled Office files (DOCM/XLSM, or a DOCX carrying a VBA project or ActiveX controls).
  docm: zip({
    [CT]: '<Types/>',
    'word/document.xml': '<w:document/>',
    'word/vbaProject.bin': 'Attribute VB_Name = "ThisDocument"',
  }),
  xlsm: zip({ [CT]: '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' }),
  activeX: zip({ [CT]: '<Types/>', 'word/document.xml': '<w:document/>', 'word/activeX/activeX1.xml': '<ax:ocx/>' }),
};
export let docx: Buffer;

/** Registered by test/api/evidence.test.ts: the sniffing and naming rules, no system needed. */
export function contentTests(): void {
  test('content sniffing: accepted types by their bytes, whatever the name says', async () => {
    docx = await Packer.toBuffer(
      new Document({
        sections: [{ children: [new Paragraph('Minh chứng: Báo cáo kết quả thực hiện nhiệm vụ năm 2026')] }],
      }),
    );
    expect(sniffEvidenceType(FILES.pdf)).toBe('application/pdf');
    expect(sniffEvidenceType(FILES.png)).toBe('image/png');
    expect(sniffEvidenceType(FILES.jpeg)).toBe('image/jpeg');
    expect(sniffEvidenceType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffEvidenceType(FILES.xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    for (const bad of [
      FILES.exe,
      FILES.text,
      FILES.plainZip,
      FILES.fakeDocx,
      Buffer.alloc(0),
      Buffer.from('PK\x03\x04broken'),
    ])
      expect(sniffEvidenceType(bad)).toBeNull();
    for (const macro of [FILES.docm, FILES.xlsm, FILES.activeX]) expect(sniffEvidenceType(macro)).toBeNull();
  });

  test('stored names: the extension of the detected type, no bidirectional or invisible format characters', () => {
    expect(evidenceFileName('Báo cáo tổng kết năm 2026 – Công an.pdf', 'application/pdf')).toBe(
      'Báo cáo tổng kết năm 2026 – Công an.pdf',
    );
    expect(evidenceFileName('ảnh chụp.jpg', 'image/jpeg')).toBe('ảnh chụp.jpg');
    // U+202E (right-to-left override) would show "hoa-don\u202Egnp.exe" as "hoa-donexe.png".
    expect(evidenceFileName('hoa-don\u202Egnp.exe', 'image/png')).toBe('hoa-dongnp.png');
    expect(evidenceFileName('bao\u200B-cao\u2066.docx', 'application/pdf')).toBe('bao-cao.pdf');
    expect(evidenceFileName('../../etc/passwd', 'application/pdf')).toBe('.._.._etc_passwd.pdf');
    expect(evidenceFileName('', 'image/png')).toBe('minh-chung.png');
    expect(evidenceFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf')).toHaveLength(255);
  });
}
