/**
 * A collective's achievement report (báo cáo thành tích, ND 152/2025 Art. 37(2)(b); document-format.md §10.4): the
 * form's header (no Số line), title and three parts, filled from the unit's year (pledge, score and rank, criteria,
 * evidence, earlier awards), the endorsing level and the head of the unit signing.
 */
import { renderDocument } from '../../documents';
import { achievementReportLayout } from '../../documents/kinds/achievement-report/layout';
import { AchievementReportSchema, type AchievementReportInput } from '../../documents/kinds/achievement-report/model';
import type { HeaderBlock } from '../../documents/layout';
import { docxDocumentXml, docxParagraphs, describeWithPoppler, pdfToText, squash, testPdfOptions } from './helpers';

function fixture(): AchievementReportInput {
  return {
    superiorBody: 'UBND thành phố Cần Thơ',
    unitName: 'Ban Chỉ huy Phòng thủ dân sự và Phòng chống thiên tai, tìm kiếm cứu nạn thành phố Cần Thơ',
    place: 'Cần Thơ',
    date: '2026-01-09',
    award: 'Bằng khen của Chủ tịch Ủy ban nhân dân thành phố',
    year: 2025,
    blocName: 'Khối thi đua Nội chính',
    achievement: 'Hoàn thành xuất sắc nhiệm vụ phòng thủ dân sự năm 2025; không để xảy ra thiệt hại về người.',
    pledgeTargets: ['Hoàn thành 100% chỉ tiêu được giao', 'Không có cán bộ vi phạm kỷ luật'],
    score: { selfTotal: 96, finalTotal: 95.5, maxTotal: 100, rank: 2, rankedUnits: 7 },
    criteria: [
      { name: 'Hoàn thành các chỉ tiêu, nhiệm vụ được giao', maxPoints: 60, score: 58.5 },
      { name: 'Chất lượng, hiệu quả công tác chuyên môn', maxPoints: 40, score: 37 },
    ],
    evidence: [{ criterion: 'Hoàn thành các chỉ tiêu, nhiệm vụ được giao', filename: 'bao-cao-tong-ket-2025.pdf' }],
    titles: [
      {
        year: 2024,
        name: 'Cờ thi đua của Ủy ban nhân dân thành phố',
        decision: 'Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2025 của Chủ tịch Ủy ban nhân dân thành phố',
      },
    ],
    headName: 'Nguyễn Văn Bình',
    endorser: 'TM. Khối thi đua Nội chính',
  };
}

describe('achievement report: model and layout', () => {
  it('the form: header without a Số line, title, the three parts, the two signers', () => {
    const l = achievementReportLayout(AchievementReportSchema.parse(fixture()));
    const blocks = l.sections[0]!.blocks;
    const header = blocks[0] as HeaderBlock;
    expect(header.numberLine).toBeUndefined();
    expect(header.placeDate).toBe('Cần Thơ, ngày 09 tháng 01 năm 2026');
    expect(header.issuingBody.length).toBe(2); // the long name over two lines
    expect(header.issuingBody.join(' ')).toBe(
      'BAN CHỈ HUY PHÒNG THỦ DÂN SỰ VÀ PHÒNG CHỐNG THIÊN TAI, TÌM KIẾM CỨU NẠN THÀNH PHỐ CẦN THƠ',
    );
    expect(blocks[1]).toEqual({
      t: 'title',
      typeName: 'BÁO CÁO THÀNH TÍCH',
      summary: 'Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2025',
    });
  });

  it('refuses a rank beyond the ranked units and a score over the maximum', () => {
    const bad = fixture();
    bad.score = { selfTotal: 96, finalTotal: 120, maxTotal: 100, rank: 9, rankedUnits: 7 };
    expect(
      AchievementReportSchema.safeParse(bad)
        .error!.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['score.finalTotal', 'score.rank']);
  });
});

describe('achievement report: DOCX', () => {
  it('says what the year holds: pledge, score and rank, criteria, evidence, earlier awards', async () => {
    const paras = docxParagraphs(docxDocumentXml(await renderDocument('achievementReport', 'docx', fixture())));
    const text = paras.join('\n');
    for (const s of [
      'BÁO CÁO THÀNH TÍCH',
      'I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH',
      'II. THÀNH TÍCH ĐẠT ĐƯỢC',
      'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG',
      '- Hoàn thành 100% chỉ tiêu được giao;',
      '- Không có cán bộ vi phạm kỷ luật.',
      'Kết quả chấm điểm thi đua năm 2025: đơn vị tự chấm 96/100 điểm; Khối thi đua Nội chính thống nhất 95,5/100 điểm, xếp hạng 2/7 đơn vị.',
      'bao-cao-tong-ket-2025.pdf',
      'Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2025 của Chủ tịch Ủy ban nhân dân thành phố',
      'XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG',
      'THỦ TRƯỞNG ĐƠN VỊ',
      'Nguyễn Văn Bình',
    ])
      expect([s, text.includes(s)]).toEqual([s, true]);
    expect(paras.find((p) => p.startsWith('Số:'))).toBeUndefined();
    // No earlier commendation on record: said so, not an empty table.
    expect(text).toContain('Chưa có hình thức khen thưởng trong các năm trước');
  });
});

describeWithPoppler('achievement report: PDF text', () => {
  it('reads back the unit, the award and the score', async () => {
    const text = squash(pdfToText(await renderDocument('achievementReport', 'pdf', fixture(), testPdfOptions())));
    expect(text).toContain('Ban Chỉ huy Phòng thủ dân sự và Phòng chống thiên tai, tìm kiếm cứu nạn thành phố Cần Thơ');
    expect(text).toContain('Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2025');
    expect(text).toContain('xếp hạng 2/7 đơn vị');
  });
});
