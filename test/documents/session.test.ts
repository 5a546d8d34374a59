/**
 * The province session's papers from fixture inputs (documents/kinds/session/): the standing body's appraisal report,
 * the session's minutes and its ballot-count record (both from ONE SessionMinutesInput). Outcomes and shares come
 * from the counts against ALL council members; inconsistent counts are refused at their path.
 */
import { renderDocument } from '../../documents';
import { appraisalReportLayout } from '../../documents/kinds/session/appraisal-layout';
import { sessionResults } from '../../documents/kinds/session/minutes-layout';
import {
  AppraisalReportSchema,
  SessionMinutesSchema,
  type AppraisalReportInput,
  type SessionMinutesInput,
} from '../../documents/kinds/session/model';
import { legalBasesFor } from '../../domain/legal-bases';
import { docxDocumentXml, docxParagraphs, describeWithPoppler, pdfToText, squash, testPdfOptions } from './helpers';

const MERIT = 'Bằng khen của Chủ tịch Ủy ban nhân dân thành phố';
const FLAG = 'Cờ thi đua của Ủy ban nhân dân thành phố';

function appraisal(): AppraisalReportInput {
  return {
    header: {
      parentBody: 'UBND thành phố Cần Thơ',
      issuingBody: 'Sở Nội vụ',
      issuerAbbr: 'SNV',
      number: 14,
      place: 'Cần Thơ',
      date: '2026-02-10',
    },
    year: 2025,
    standingBody: 'Sở Nội vụ',
    councilName: 'Hội đồng Thi đua - Khen thưởng thành phố',
    addressees: ['Hội đồng Thi đua - Khen thưởng thành phố'],
    legalBases: legalBasesFor('2026-02-10', { by: 'emulation' }),
    dossiers: [
      {
        unitName: 'Bộ Chỉ huy Quân sự thành phố',
        blocName: 'Khối thi đua Nội chính',
        award: FLAG,
        proposalRef: 'Tờ trình số 01/TTr-KNC ngày 09 tháng 01 năm 2026',
        blocVotes: { yes: 6, of: 7 },
        finding: 'eligible',
      },
      {
        unitName: 'Công an thành phố',
        blocName: 'Khối thi đua Nội chính',
        award: MERIT,
        proposalRef: 'Tờ trình số 01/TTr-KNC ngày 09 tháng 01 năm 2026',
        blocVotes: { yes: 5, of: 7 },
        finding: 'eligible',
      },
      {
        unitName: 'Sở Y tế',
        blocName: 'Khối thi đua Văn hóa - Xã hội',
        award: MERIT,
        proposalRef: 'Tờ trình số 03/TTr-KVX ngày 12 tháng 01 năm 2026',
        blocVotes: { yes: 4, of: 8 },
        finding: 'supplement',
        reason: 'thiếu báo cáo thành tích có xác nhận của cấp trình',
      },
    ],
    signer: { prefix: 'KT.', prefixOf: 'Giám đốc', position: 'Phó Giám đốc', name: 'Lê Thị Hạnh' },
  };
}

function session(): SessionMinutesInput {
  const member = (name: string, position: string, present = true) => ({ name, position, present });
  return {
    header: {
      parentBody: 'UBND thành phố Cần Thơ',
      issuingBody: 'Hội đồng Thi đua - Khen thưởng',
      issuerAbbr: 'HĐTĐKT',
      number: 2,
    },
    year: 2025,
    councilName: 'Hội đồng Thi đua - Khen thưởng thành phố',
    startedAt: '2026-02-20T08:00:00+07:00',
    endedAt: '2026-02-20T10:30:00+07:00',
    venue: 'Phòng họp số 1, Ủy ban nhân dân thành phố',
    chair: { name: 'Trần Văn Lâu', position: 'Chủ tịch Hội đồng' },
    secretary: { name: 'Lê Thị Hạnh', position: 'Thư ký Hội đồng' },
    members: [
      member('Trần Văn Lâu', 'Chủ tịch Hội đồng'),
      member('Nguyễn Văn Hòa', 'Phó Chủ tịch Hội đồng'),
      member('Lê Thị Hạnh', 'Ủy viên thường trực'),
      member('Phạm Minh Tâm', 'Ủy viên'),
      { ...member('Võ Thanh Sơn', 'Ủy viên', false), absenceReason: 'đi công tác' },
    ],
    appraisal: { number: 14, symbol: 'BC-SNV', date: '2026-02-10', of: 'Sở Nội vụ' },
    threshold: { ratio: 0.5, strict: true },
    ballots: { issued: 4, received: 4, valid: 4, invalid: 0 },
    items: [
      { unitName: 'Bộ Chỉ huy Quân sự thành phố', blocName: 'Khối thi đua Nội chính', award: FLAG, yes: 4 },
      { unitName: 'Công an thành phố', blocName: 'Khối thi đua Nội chính', award: MERIT, yes: 3 },
      // 2 of 5 members: under half of ALL members, although half of those present.
      { unitName: 'Sở Y tế', blocName: 'Khối thi đua Văn hóa - Xã hội', award: MERIT, yes: 2 },
    ],
    counters: [
      { name: 'Lê Thị Hạnh', position: 'Ủy viên thường trực' },
      { name: 'Phạm Minh Tâm', position: 'Ủy viên' },
    ],
  };
}

describe('the appraisal report', () => {
  it('finds each dossier, proposes the eligible ones award kind by award kind, asks for what is missing', async () => {
    const l = appraisalReportLayout(AppraisalReportSchema.parse(appraisal()));
    expect(l.sections).toHaveLength(1);
    const text = docxParagraphs(docxDocumentXml(await renderDocument('appraisalReport', 'docx', appraisal()))).join(
      '\n',
    );
    for (const s of [
      'Số: 14/BC-SNV',
      'BÁO CÁO',
      'Sở Nội vụ đã tiếp nhận 03 hồ sơ đề nghị khen thưởng của 02 khối thi đua',
      '6/7 (85,71%)',
      'Bổ sung hồ sơ: thiếu báo cáo thành tích có xác nhận của cấp trình',
      `Sở Nội vụ đề nghị Hội đồng Thi đua - Khen thưởng thành phố xem xét, trình tặng ${FLAG} cho 01 tập thể: Bộ Chỉ huy Quân sự thành phố.`,
      `trình tặng ${MERIT} cho 01 tập thể: Công an thành phố.`,
      'Đề nghị các khối thi đua bổ sung hồ sơ của 01 tập thể (Sở Y tế)',
      'Căn cứ Nghị định số 152/2025/NĐ-CP',
      'KT. GIÁM ĐỐC',
    ])
      expect([s, text.includes(s)]).toEqual([s, true]);
  });

  it('refuses a finding without its reason, more bloc votes than the base, a decree not in force', () => {
    const bad = appraisal();
    bad.dossiers[2]!.reason = undefined;
    bad.dossiers[0]!.blocVotes = { yes: 8, of: 7 };
    bad.legalBases = legalBasesFor('2025-03-01', { by: 'emulation' });
    expect(
      AppraisalReportSchema.safeParse(bad)
        .error!.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['dossiers.0.blocVotes.yes', 'dossiers.2.reason', 'legalBases.1']);
  });
});

describe('the session minutes and ballot-count record (one input)', () => {
  it('the outcome is counted against ALL members: 2/5 fails a "more than half" rule', () => {
    const { rows, table } = sessionResults(SessionMinutesSchema.parse(session()));
    expect(rows.map((r) => r.passed)).toEqual([true, true, false]);
    expect(table.rows.map((r) => r.cells.slice(3))).toEqual([
      ['4/5', '80%', 'Đạt'],
      ['3/5', '60%', 'Đạt'],
      ['2/5', '40%', 'Không đạt'],
    ]);
  });

  it('both records print the same counts; the minutes the attendance, the appraisal and the end', async () => {
    const minutes = docxParagraphs(docxDocumentXml(await renderDocument('sessionMinutes', 'docx', session()))).join(
      '\n',
    );
    const count = docxParagraphs(docxDocumentXml(await renderDocument('sessionBallotCount', 'docx', session()))).join(
      '\n',
    );
    for (const s of [
      'Số: 02/BB-HĐTĐKT',
      'Thành phần tham dự: 4/5 thành viên Hội đồng Thi đua - Khen thưởng thành phố có mặt (80%).',
      'Vắng: đồng chí Võ Thanh Sơn, Ủy viên (lý do: đi công tác).',
      'Báo cáo số 14/BC-SNV ngày 10 tháng 02 năm 2026',
      '3. Kết luận: 2/3 tập thể đạt',
      'THƯ KÝ',
      'CHỦ TỌA',
    ])
      expect([s, minutes.includes(s)]).toEqual([s, true]);
    for (const s of [
      'BIÊN BẢN KIỂM PHIẾU',
      '1. Đồng chí Lê Thị Hạnh, Ủy viên thường trực - Trưởng ban;',
      'Kết quả: 2/3 tập thể đạt.',
      'TRƯỞNG BAN',
    ])
      expect([s, count.includes(s)]).toEqual([s, true]);
    const ballots = 'Số phiếu phát ra: 4; số phiếu thu về: 4; số phiếu hợp lệ: 4; số phiếu không hợp lệ: 0.';
    expect([minutes.includes(ballots), count.includes(ballots)]).toEqual([true, true]);
  });

  it('refuses counts that do not add up, at their paths', () => {
    const bad = session();
    bad.ballots = { issued: 5, received: 4, valid: 3, invalid: 0 };
    bad.items[0]!.yes = 4;
    bad.endedAt = '2026-02-20T07:00:00+07:00';
    expect(
      SessionMinutesSchema.safeParse(bad)
        .error!.issues.map((i) => i.path.join('.'))
        .sort(),
    ).toEqual(['ballots.issued', 'ballots.valid', 'endedAt', 'items.0.yes']);
  });
});

describeWithPoppler('the session papers as PDF', () => {
  it('render, with the unit names whole in the text layer', async () => {
    const options = testPdfOptions();
    for (const [kind, data] of [
      ['appraisalReport', appraisal()],
      ['sessionMinutes', session()],
      ['sessionBallotCount', session()],
    ] as const) {
      const text = squash(pdfToText(await renderDocument(kind, 'pdf', data as never, options)));
      expect([kind, text.includes('Bộ Chỉ huy Quân sự thành phố')]).toEqual([kind, true]);
    }
  });
});
