/**
 * Every document cites the legal bases in force on ITS date (domain/legal-bases.ts legalBasesFor): a proposal
 * letter of March 2025 cites ND 98/2023, one of 2026 ND 152/2025, in the text a reader gets (DOCX and PDF); a
 * document whose bases name the decree not in force on its date is refused at `legalBases.<i>`.
 */
import { renderDocument, renderDocx } from '../../documents';
import { DOCUMENT_SCHEMAS } from '../../documents/registry';
import { legalBasesFor } from '../../domain/legal-bases';
import { BLOC, decisionFixture, proposalFixture } from './fixtures';
import { docxDocumentXml, docxParagraphs, describeWithPoppler, pdfToText, squash, testPdfOptions } from './helpers';

const ND98 = 'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023';
const ND152 = 'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025';

/** The proposal letter of the fixture, dated `date`, citing the bases legalBasesFor gives on that date. */
function letterOn(date: string) {
  const p = proposalFixture();
  return {
    ...p,
    header: { ...p.header, date },
    legalBases: legalBasesFor(date, { by: 'bloc', blocName: BLOC }),
  };
}

const docxText = async (data: ReturnType<typeof letterOn>) =>
  docxParagraphs(docxDocumentXml(await renderDocx({ kind: 'proposal', data: DOCUMENT_SCHEMAS.proposal.parse(data) })))
    .join('\n')
    .normalize('NFC');

describe('the proposal letter cites the decree in force on its date', () => {
  it.each([
    { date: '2025-03-11', cites: ND98, not: ND152 },
    { date: '2025-06-30', cites: ND98, not: ND152 },
    { date: '2025-07-01', cites: ND152, not: ND98 },
    { date: '2026-01-09', cites: ND152, not: ND98 },
  ])('a letter of $date cites $cites (DOCX)', async ({ date, cites, not }) => {
    const text = await docxText(letterOn(date));
    expect(text).toContain(`Căn cứ ${cites}`);
    expect(text).not.toContain(not.split(' ngày')[0]!);
    expect(text).toContain(`Căn cứ Quy chế hoạt động của ${BLOC};`);
  });

  it('a letter of March 2025 that cites ND 152/2025 is refused at the basis that names it', () => {
    const data = { ...letterOn('2025-03-11'), legalBases: legalBasesFor('2026-01-09', { by: 'bloc', blocName: BLOC }) };
    const r = DOCUMENT_SCHEMAS.proposal.safeParse(data);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['legalBases.1']);
  });

  it('a decision of 2026 citing ND 98/2023 is refused; the same on 20/3/2025 is valid', () => {
    const d = decisionFixture();
    const bases = legalBasesFor('2025-03-20', { by: 'peoplesCommittee' });
    expect(DOCUMENT_SCHEMAS.decision.safeParse({ ...d, legalBases: bases }).error?.issues[0]?.path).toEqual([
      'legalBases',
      2,
    ]);
    expect(
      DOCUMENT_SCHEMAS.decision.safeParse({ ...d, header: { ...d.header, date: '2025-03-20' }, legalBases: bases })
        .success,
    ).toBe(true);
  });
});

describeWithPoppler('the PDF text layer', () => {
  it('a 2025-03 letter reads ND 98/2023, a 2026 one ND 152/2025', async () => {
    const options = testPdfOptions();
    const march = squash(pdfToText(await renderDocument('proposal', 'pdf', letterOn('2025-03-11'), options)));
    const later = squash(pdfToText(await renderDocument('proposal', 'pdf', letterOn('2026-01-09'), options)));
    expect(march).toContain(ND98);
    expect(march).not.toContain('152/2025/NĐ-CP');
    expect(later).toContain(ND152);
    expect(later).not.toContain('98/2023/NĐ-CP');
  });
});
