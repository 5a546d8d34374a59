/** What the province's proposal letter for the Government flag and its list say. */
import {
  appendixHead,
  docRefText,
  endWith,
  headerBlock,
  italic,
  lowerFirst,
  para,
  signColumn,
  withFirstRecipient,
} from '../../blocks';
import { formatCount, formatDateVn, formatRecipientLines, formatShare, upperVn } from '../../format';
import {
  COUNCIL_BASE,
  GOVERNMENT_FLAG_AWARD,
  govFlagQuotaText,
  govFlagThresholdText,
  scoreText,
} from '../../government-flag/layout';
import type { Block, Layout } from '../../layout';
import { formatNumberSymbol, TYPE_ABBR } from '../../numbering';
import type { GovFlagProposal } from './model';

export function govFlagProposalLayout(p: GovFlagProposal): Layout {
  const n = p.councilMembers;
  const summary = p.summary ?? `Về việc đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year}`;
  const symbol = `${TYPE_ABBR.govFlagProposal}-${p.header.issuerAbbr}`;
  const b: Block[] = [
    headerBlock(p.header, TYPE_ABBR.govFlagProposal, true),
    { t: 'title', typeName: 'TỜ TRÌNH', summary },
  ];
  b.push({ t: 'addressees', items: p.addressees.map((a) => a.replace(/[.;]+$/u, '')) });
  const bases = [...p.legalBases];
  if (p.ballotCount) bases.push(`Căn cứ ${docRefText('Biên bản kiểm phiếu', p.ballotCount, p.councilName)}`);
  bases.forEach((x, i) => b.push(para([italic(endWith(x, i === bases.length - 1 ? '.' : ';'))])));

  b.push(
    para(
      `Năm ${p.year}, ${formatCount(p.leaders)} tập thể dẫn đầu các khối thi đua được tặng Cờ thi đua của ${p.proposer}. ` +
        `Ngày ${formatDateVn(p.votedOn).replace(/^ngày /u, '')}, ${p.councilName} (${n} thành viên) đã bỏ phiếu kín; ` +
        `tập thể được đề nghị phải đạt ${govFlagThresholdText(p.threshold, n)} và trong tỷ lệ ${govFlagQuotaText(p)}.`,
    ),
  );
  const addressee = p.addressees[0]!;
  b.push(
    para(
      `${p.proposer} kính đề nghị ${addressee} xem xét, tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year} cho ${formatCount(p.entries.length)} tập thể ` +
        'đã hoàn thành xuất sắc, toàn diện nhiệm vụ, dẫn đầu phong trào thi đua, cụ thể:',
      { keepWithNext: true },
    ),
  );
  p.entries.forEach((e, i) =>
    b.push(
      para(
        `- ${e.nominee} (${e.blocName}): ${e.yes}/${n} phiếu đồng ý, đạt ${formatShare(e.yes, n)}${i === p.entries.length - 1 ? '.' : ';'}`,
      ),
    ),
  );
  b.push(para([italic('(Có danh sách kèm theo)')]));
  b.push(
    para(p.closing ? endWith(p.closing, './.') : `${p.proposer} kính trình ${addressee} xem xét, quyết định./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(p.signer),
    recipients: formatRecipientLines(withFirstRecipient(p.recipients, 'Như trên')),
  });

  const appendix: Block[] = [
    ...appendixHead(
      p.appendix.title ?? `Danh sách đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year}`,
      `(Kèm theo Tờ trình số ${formatNumberSymbol(p.header.number, symbol)} ${formatDateVn(p.header.date)} của ${p.proposer})`,
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tên tập thể', weight: 55, align: 'left' },
        { title: 'Khối thi đua', weight: 45, align: 'left' },
        { title: `Điểm thi đua năm ${p.year}`, weight: 25, align: 'center' },
        { title: 'Tóm tắt thành tích', weight: 85, align: 'justify' },
        { title: `Số phiếu đồng ý - tỷ lệ trên ${COUNCIL_BASE}`, weight: 40, align: 'center' },
      ],
      rows: p.entries.map((e, i) => ({
        cells: [
          String(i + 1),
          e.nominee,
          e.blocName,
          scoreText(e.score),
          e.achievement,
          `${e.yes}/${n} (${formatShare(e.yes, n)})`,
        ],
      })),
    },
    para([italic(`Danh sách có ${formatCount(p.entries.length)} tập thể.`)], { indent: false, align: 'left' }),
  ];
  return {
    title: `Tờ trình ${lowerFirst(summary)}`,
    author: upperVn(p.header.issuingBody).replace(/\n/g, ' '),
    sections: [
      { orientation: 'portrait', restartNumbering: true, blocks: b },
      { orientation: p.appendix.orientation, restartNumbering: true, blocks: appendix },
    ],
  };
}
