/**
 * The Government-flag dossier documents (ND 152/2025): the council's ballot-count record and the
 * province's proposal letter, validated, laid out with the shared ND30 blocks, and rendered to DOCX and PDF.
 */
import { parseDocument, renderDocument, DocumentValidationError } from '../../documents';
import { buildLayout } from '../../documents/registry';
import { parseLetterNumber } from '../../documents/numbering';
import type { GovFlagBallotCountInput, GovFlagProposalInput } from '../../documents';
import {
  bodyText,
  describeWithPoppler,
  docxDocumentXml,
  docxParagraphs,
  pdfToText,
  squash,
  testPdfOptions,
} from './helpers';

const options = testPdfOptions();

function govFlagBallotCountFixture(): GovFlagBallotCountInput {
  return {
    header: {
      parentBody: 'UBND THÀNH PHỐ CẦN THƠ',
      issuingBody: 'HỘI ĐỒNG THI ĐUA –\nKHEN THƯỞNG',
      issuerAbbr: 'HĐTĐKT',
      number: 3,
    },
    councilName: 'Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ',
    year: 2026,
    openedAt: '2027-03-02T08:00',
    closedAt: '2027-03-05T16:30',
    chair: { name: 'Trần Văn Chủ', position: 'Chủ tịch Hội đồng' },
    secretary: { name: 'Lê Thị Thư', position: 'Thư ký Hội đồng' },
    councilMembers: 5,
    threshold: { ratio: 0.8 },
    quota: 1,
    quotaShare: 0.2,
    leaders: 5,
    candidates: [
      {
        unitId: 'u1',
        name: 'Thanh tra thành phố',
        blocName: 'Khối thi đua Nội chính',
        score: 95.5,
        voted: 5,
        yes: 5,
        rank: 1,
        selected: true,
      },
      {
        unitId: 'u2',
        name: 'Công an thành phố',
        blocName: 'Khối thi đua Nội chính',
        score: 92,
        voted: 5,
        yes: 4,
        rank: 2,
        selected: false,
      },
      {
        unitId: 'u3',
        name: 'Sở Văn hóa – Xã hội số 1',
        blocName: 'Khối thi đua Văn hóa – Xã hội',
        score: 90,
        voted: 5,
        yes: 0,
        selected: false,
      },
      {
        unitId: 'u4',
        name: 'Viện Kiểm sát nhân dân thành phố',
        blocName: 'Khối thi đua Nội chính',
        voted: 0,
        yes: 0,
        state: 'disqualified',
        selected: false,
      },
    ],
    recipients: ['Ủy ban nhân dân thành phố Cần Thơ', 'Lưu: VT, Hồ sơ'],
  };
}

function govFlagProposalFixture(): GovFlagProposalInput {
  return {
    header: {
      issuingBody: 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ',
      issuerAbbr: 'UBND',
      number: 15,
      place: 'Cần Thơ',
      date: '2027-03-20',
    },
    proposer: 'Ủy ban nhân dân thành phố Cần Thơ',
    year: 2026,
    addressees: ['Thủ tướng Chính phủ', 'Bộ Nội vụ'],
    legalBases: ['Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022'],
    councilName: 'Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ',
    ballotCount: { number: 3, symbol: 'BB-HĐTĐKT', date: '2027-03-05' },
    votedOn: '2027-03-05',
    councilMembers: 5,
    threshold: { ratio: 0.8 },
    quota: 1,
    quotaShare: 0.2,
    leaders: 5,
    entries: [
      {
        nominee: 'Thanh tra thành phố',
        blocName: 'Khối thi đua Nội chính',
        score: 95.5,
        achievement: 'Dẫn đầu Khối thi đua Nội chính năm 2026',
        yes: 5,
      },
    ],
    signer: { onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', name: 'Trần Văn Chủ' },
    recipients: ['Sở Nội vụ', 'Lưu: VT, NV'],
  };
}

describe('Government-flag dossier: model', () => {
  test('the ballot record refuses a selection below the threshold or over the quota, and more "yes" than ballots', () => {
    const below = govFlagBallotCountFixture();
    below.candidates[0]!.yes = 3;
    expect(() => parseDocument('govFlagBallotCount', below)).toThrow(DocumentValidationError);
    const over = govFlagBallotCountFixture();
    over.candidates[1]!.selected = true;
    expect(() => parseDocument('govFlagBallotCount', over)).toThrow(/more selected than the quota/);
    const held = govFlagBallotCountFixture();
    held.candidates[2]!.yes = 6;
    expect(() => parseDocument('govFlagBallotCount', held)).toThrow(/more "yes" than ballots returned/);
  });

  test('the letter proposes only collectives that reached 80% of ALL members, within the quota', () => {
    const p = govFlagProposalFixture();
    p.entries[0]!.yes = 3;
    expect(() => parseDocument('govFlagProposal', p)).toThrow(/must reach the threshold/);
    const two = govFlagProposalFixture();
    two.entries.push({ ...two.entries[0]!, nominee: 'Công an thành phố', yes: 4 });
    expect(() => parseDocument('govFlagProposal', two)).toThrow(/more collectives than the quota/);
  });

  test('letter numbers as recorded with the submission', () => {
    expect(parseLetterNumber('15/TTr-UBND')).toEqual({ number: 15, issuerAbbr: 'UBND' });
    expect(parseLetterNumber(' 7 / TTr-snv ')).toEqual({ number: 7, issuerAbbr: 'SNV' });
    expect(parseLetterNumber('12/UBND-VX')).toEqual({ number: 12, issuerAbbr: 'UBND' });
  });

  test('the layouts reuse the shared blocks: header, title, addressees, signoff, appendix', () => {
    const bc = buildLayout(parseDocument('govFlagBallotCount', govFlagBallotCountFixture()));
    expect(bc.sections.map((s) => s.orientation)).toEqual(['portrait']);
    expect(bc.sections[0]!.blocks.map((b) => b.t)).toEqual(
      expect.arrayContaining(['header', 'title', 'table', 'signoff']),
    );
    const header = bc.sections[0]!.blocks[0] as { numberLine: string; placeDate?: string };
    expect(header.numberLine).toBe('Số: 03/BB-HĐTĐKT');
    expect(header.placeDate).toBeUndefined();
    const p = buildLayout(parseDocument('govFlagProposal', govFlagProposalFixture()));
    expect(p.sections.map((s) => s.orientation)).toEqual(['portrait', 'landscape']);
    expect(p.sections[0]!.blocks.map((b) => b.t)).toEqual(
      expect.arrayContaining(['header', 'title', 'addressees', 'signoff']),
    );
    expect((p.sections[0]!.blocks[0] as { numberLine: string; placeDate: string }).placeDate).toBe(
      'Cần Thơ, ngày 20 tháng 3 năm 2027',
    );
  });
});

describe('Government-flag dossier: DOCX', () => {
  test('ballot-count record: header, threshold sentence, per-leader shares on all members, signers', async () => {
    const xml = docxDocumentXml(await renderDocument('govFlagBallotCount', 'docx', govFlagBallotCountFixture()));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const text = squash(docxParagraphs(xml).join('\n'));
    for (const s of [
      'UBND THÀNH PHỐ CẦN THƠ',
      'HỘI ĐỒNG THI ĐUA –',
      'Số: 03/BB-HĐTĐKT',
      'BIÊN BẢN KIỂM PHIẾU',
      'Bỏ phiếu đề nghị tặng Cờ thi đua của Chính phủ năm 2026',
      'từ 80% trở lên số phiếu đồng ý, tính trên tổng số thành viên Hội đồng (5 thành viên)',
      'Tổng số thành viên Hội đồng: 5',
      'tối đa 01 tập thể (không quá 20% của 05 đơn vị dẫn đầu các khối thi đua)',
      'Thanh tra thành phố (5/5 phiếu, đạt 100%)',
      'Công an thành phố (4/5 phiếu, đạt 80%) đạt tỷ lệ phiếu nhưng ngoài tỷ lệ 20%',
      '95,5',
      'Không xét (bị xử lý kỷ luật)',
      'THƯ KÝ HỘI ĐỒNG',
      'TM. HỘI ĐỒNG',
      'Lê Thị Thư',
      'Trần Văn Chủ',
      'Nơi nhận:',
    ]) {
      expect([s, text.includes(s)]).toEqual([s, true]);
    }
    expect(text).not.toContain('Cần Thơ, ngày');
  });

  test('proposal letter: TTr number and date, addressees, the cited ballot record, landscape list', async () => {
    const xml = docxDocumentXml(await renderDocument('govFlagProposal', 'docx', govFlagProposalFixture()));
    expect(xml).toMatch(/w:orient="landscape"/);
    const text = squash(docxParagraphs(xml).join('\n'));
    for (const s of [
      'ỦY BAN NHÂN DÂN',
      'Số: 15/TTr-UBND',
      'Cần Thơ, ngày 20 tháng 3 năm 2027',
      'TỜ TRÌNH',
      'Về việc đề nghị tặng Cờ thi đua của Chính phủ năm 2026',
      '- Thủ tướng Chính phủ;',
      'Căn cứ Biên bản kiểm phiếu số 03/BB-HĐTĐKT ngày 05 tháng 3 năm 2027 của Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ.',
      'Thanh tra thành phố (Khối thi đua Nội chính): 5/5 phiếu đồng ý, đạt 100%.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      '- Như trên;',
      'DANH SÁCH ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA CHÍNH PHỦ NĂM 2026',
      '(Kèm theo Tờ trình số 15/TTr-UBND ngày 20 tháng 3 năm 2027 của Ủy ban nhân dân thành phố Cần Thơ)',
      '5/5 (100%)',
    ]) {
      expect([s, text.includes(s)]).toEqual([s, true]);
    }
  });
});

describeWithPoppler('Government-flag dossier: PDF text', () => {
  test('both documents read back with their data (decimal comma in shares)', async () => {
    const bc = govFlagBallotCountFixture();
    // 4 of 6 members: 66,67% — below the threshold, written with a decimal comma.
    bc.councilMembers = 6;
    bc.candidates = bc.candidates.map((c) => ({
      ...c,
      voted: Math.min(c.voted + 1, 6),
      yes: c.unitId === 'u1' ? 5 : c.unitId === 'u2' ? 4 : c.yes,
    }));
    const text = squash(bodyText(pdfToText(await renderDocument('govFlagBallotCount', 'pdf', bc, options))));
    expect(text).toContain('BIÊN BẢN KIỂM PHIẾU');
    expect(text).toContain('Số: 03/BB-HĐTĐKT');
    expect(text).toContain('Thanh tra thành phố (5/6 phiếu, đạt 83,33%)');
    expect(text).toContain('66,67%');
    expect(text).toContain('từ 80% trở lên số phiếu đồng ý, tính trên tổng số thành viên Hội đồng (6 thành viên)');
    const letter = squash(
      bodyText(pdfToText(await renderDocument('govFlagProposal', 'pdf', govFlagProposalFixture(), options))),
    );
    for (const s of [
      'Số: 15/TTr-UBND',
      'TỜ TRÌNH',
      'Kính gửi:',
      'Thủ tướng Chính phủ',
      'Thanh tra thành phố',
      'Phụ lục',
      '(Kèm theo Tờ trình số 15/TTr-UBND',
    ])
      expect([s, letter.includes(s)]).toEqual([s, true]);
  });
});
