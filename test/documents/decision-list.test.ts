/**
 * The award decision as a LIST (documents/kinds/decision/list.ts): one decision per award kind and authority,
 * built from a plain input; Điều 1 lists every awardee with its money and the total; the bases are those of the
 * decision date; a draft has a blank number; a long name wraps inside its cell and reads whole in the PDF text.
 */
import { renderDocument } from '../../documents';
import { decisionListDocument, type DecisionIssuer, type DecisionListInput } from '../../documents/kinds/decision/list';
import { decisionLayout } from '../../documents/kinds/decision/layout';
import { DecisionSchema } from '../../documents/kinds/decision/model';
import { DOCUMENT_SCHEMAS } from '../../documents/registry';
import { awardAmount } from '../../domain/money';
import { formatVndPlain } from '../../documents/format';
import { legalBasesFor } from '../../domain/legal-bases';
import type { TableBlock } from '../../documents/layout';
import { docxDocumentXml, docxParagraphs, describeWithPoppler, pdfToText, squash, testPdfOptions } from './helpers';

const LONG = 'Ban Chỉ huy Phòng thủ dân sự và Phòng chống thiên tai, tìm kiếm cứu nạn thành phố Cần Thơ';
const BLOC = 'Khối thi đua Nội chính';

const ISSUER: DecisionIssuer = {
  issuingBody: 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ',
  issuerAbbr: 'UBND',
  place: 'Cần Thơ',
  authorityLine: 'CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
  awardName: 'Bằng khen của Chủ tịch Ủy ban nhân dân thành phố',
  year: 2025,
  proposedBy: 'Xét đề nghị của Khối thi đua Nội chính tại Tờ trình số 01/TTr-KNC ngày 09 tháng 01 năm 2026',
  fundSource: 'Quỹ thi đua, khen thưởng của thành phố',
  executors: ['Chánh Văn phòng Ủy ban nhân dân thành phố', 'Giám đốc Sở Nội vụ'],
  signer: { position: 'Chủ tịch', name: 'Trần Văn Lâu' },
  recipients: ['Sở Nội vụ (Phòng Thi đua - Khen thưởng)', 'Lưu: VT, NV'],
};

function input(over: Partial<DecisionListInput> = {}): DecisionListInput {
  return {
    authority: 'provinceChairman',
    awardType: 'certificate-of-merit',
    decisionDate: '2026-03-20',
    awardees: [
      { unitName: 'Công an thành phố', blocName: BLOC, amount: 7_020_000 },
      { unitName: LONG, blocName: BLOC },
      { unitName: 'Viện Kiểm sát nhân dân thành phố', blocName: BLOC, amount: 7_020_000 },
    ],
    ...over,
  };
}

const tableOf = (d: ReturnType<typeof decisionListDocument>) =>
  decisionLayout(DecisionSchema.parse(d)).sections[0]!.blocks.find((b): b is TableBlock => b.t === 'table')!;

describe('decisionListDocument: the model from a plain input', () => {
  it('lists every awardee with its money; a missing amount is the award on the decision date; the total', () => {
    const d = DecisionSchema.parse(decisionListDocument(input(), ISSUER));
    const computed = awardAmount('certificate-of-merit', 'collective', '2026-03-20').amountVnd;
    expect(d.awards.map((a) => [a.recipient, a.amountVnd])).toEqual([
      ['Công an thành phố', 7_020_000],
      [LONG, computed],
      ['Viện Kiểm sát nhân dân thành phố', 7_020_000],
    ]);
    expect(d.summary).toBe('Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2025');
    const t = tableOf(d);
    expect(t.columns.map((c) => c.title)).toEqual(['STT', 'Tên tập thể', 'Số tiền (đồng)']);
    expect(t.rows.at(-1)!.cells).toEqual(['', 'Tổng cộng', formatVndPlain(14_040_000 + computed)]);
  });

  it('cites the bases of its decision date and its issuer (People’s Committee, department)', () => {
    expect(decisionListDocument(input({ decisionDate: '2025-03-20' }), ISSUER).legalBases).toEqual(
      legalBasesFor('2025-03-20', { by: 'peoplesCommittee' }),
    );
    expect(decisionListDocument(input(), ISSUER).legalBases).toEqual(
      legalBasesFor('2026-03-20', { by: 'peoplesCommittee' }),
    );
    const dept = decisionListDocument(input({ authority: 'departmentDirector' }), {
      ...ISSUER,
      departmentName: 'Sở Tư pháp',
    });
    expect(dept.legalBases.at(-1)).toBe('Căn cứ chức năng, nhiệm vụ, quyền hạn của Sở Tư pháp');
  });

  it('a draft has a blank number; an issued one the register’s', () => {
    expect(decisionListDocument(input(), ISSUER).header.number).toBeNull();
    expect(decisionListDocument(input({ number: 7 }), ISSUER).header.number).toBe(7);
  });

  it('awardees of several blocs (the province session) get a bloc column', () => {
    const d = decisionListDocument(
      input({ awardees: [...input().awardees, { unitName: 'Sở Y tế', blocName: 'Khối thi đua Văn hóa - Xã hội' }] }),
      ISSUER,
    );
    expect(tableOf(d).columns.map((c) => c.title)).toEqual(['STT', 'Tên tập thể', 'Khối thi đua', 'Số tiền (đồng)']);
    expect(d.awardContext).toBe('trong phong trào thi đua năm 2025 của các khối thi đua');
  });

  it('a list decision gives one award kind: another kind is an issue at its row', () => {
    const d = decisionListDocument(input(), ISSUER);
    d.awards[2]!.award = 'Cờ thi đua của Ủy ban nhân dân thành phố';
    const r = DOCUMENT_SCHEMAS.decision.safeParse(d);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['awards.2.award']);
  });
});

describe('the list decision as issued (DOCX)', () => {
  it('Điều 1 gives the award to the collectives named below; the draft shows "Số:      /QĐ-UBND"', async () => {
    const paras = docxParagraphs(
      docxDocumentXml(await renderDocument('decision', 'docx', decisionListDocument(input(), ISSUER))),
    );
    expect(paras.find((p) => p.startsWith('Điều 1.'))).toBe(
      `Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho 03 tập thể có tên sau, đã có thành tích xuất sắc trong phong trào thi đua năm 2025 của ${BLOC}:`,
    );
    expect(paras).toContain(LONG); // one cell, one paragraph
    expect(paras.find((p) => p.startsWith('Số:'))).toMatch(/^Số:\s+\/QĐ-UBND$/u);
    expect(paras.join('\n')).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
  });
});

describeWithPoppler('the list decision in the PDF text layer', () => {
  it('a long name wraps inside its cell and reads whole: only line breaks between its words', async () => {
    const pdf = await renderDocument('decision', 'pdf', decisionListDocument(input({ number: 5 }), ISSUER), {
      ...testPdfOptions(),
    });
    const text = pdfToText(pdf);
    const words = LONG.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
    const whole = new RegExp(words.join('\\s+'), 'u');
    expect(text).toMatch(whole);
    // It did wrap (the cell is narrower than the name) — and nothing of another cell came between its lines.
    expect(text.match(whole)![0]).toContain('\n');
    expect(squash(text)).toContain('Số: 05/QĐ-UBND');
    expect(squash(text)).toContain('Tổng cộng');
  });
});
