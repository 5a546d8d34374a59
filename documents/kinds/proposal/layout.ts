/** What the bloc's proposal letter and its list say (Tờ trình đề nghị khen thưởng, with the list as an appendix). */
import {
  appendixHead,
  docRefText,
  endWith,
  headerBlock,
  italic,
  lowerFirst,
  para,
  signColumn,
  uniqueInOrder,
  withFirstRecipient,
} from '../../blocks';
import { formatCount, formatDateVn, formatRecipientLines, formatShare, joinVn, upperVn } from '../../format';
import type { Block, Layout, Section } from '../../layout';
import { BASE_LABEL } from '../../meeting/layout';
import { formatNumberSymbol, TYPE_ABBR } from '../../numbering';
import type { Proposal } from './model';

export function proposalLayout(p: Proposal): Layout {
  const awards = uniqueInOrder(p.entries.map((e) => e.award));
  const summary = p.summary ?? `Về việc đề nghị tặng ${joinVn(awards)} năm ${p.year}`;
  const symbol = `${TYPE_ABBR.proposal}-${p.header.issuerAbbr}`;
  const b: Block[] = [headerBlock(p.header, TYPE_ABBR.proposal, true), { t: 'title', typeName: 'TỜ TRÌNH', summary }];
  b.push({ t: 'addressees', items: p.addressees.map((a) => a.replace(/[.;]+$/u, '')) });

  const bases = [...p.legalBases];
  if (p.minutes) bases.push(`Căn cứ ${docRefText('Biên bản họp bình xét thi đua', p.minutes, p.blocName)}`);
  if (p.ballotCount) bases.push(`Căn cứ ${docRefText('Biên bản kiểm phiếu', p.ballotCount, p.blocName)}`);
  bases.forEach((x, i) => b.push(para([italic(endWith(x, i === bases.length - 1 ? '.' : ';'))])));
  for (const x of p.intro) b.push(para(x));

  const addressee = p.addressees[0]!;
  b.push(
    para(
      `${p.blocName} kính đề nghị ${addressee} xem xét, khen thưởng cho ${formatCount(p.entries.length)} tập thể ` +
        `có thành tích xuất sắc trong phong trào thi đua năm ${p.year}, cụ thể:`,
      { keepWithNext: true },
    ),
  );
  awards.forEach((a, i) => {
    const nominees = p.entries.filter((e) => e.award === a).map((e) => e.nominee);
    b.push(
      para(
        `- ${a}: ${formatCount(nominees.length)} tập thể (${nominees.join('; ')})${i === awards.length - 1 ? '.' : ';'}`,
      ),
    );
  });
  b.push(para([italic('(Có danh sách kèm theo)')]));
  b.push(
    para(p.closing ? endWith(p.closing, './.') : `${p.blocName} kính trình ${addressee} xem xét, quyết định./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(p.signer),
    recipients: formatRecipientLines(withFirstRecipient(p.recipients, 'Như trên')),
  });

  const appendixTitle = p.appendix.title ?? `Danh sách đề nghị tặng ${joinVn(awards)} năm ${p.year}`;
  const appendix: Block[] = [
    ...appendixHead(
      appendixTitle,
      `(Kèm theo Tờ trình số ${formatNumberSymbol(p.header.number, symbol)} ${formatDateVn(p.header.date)} của ${p.blocName})`,
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tên tập thể', weight: 55, align: 'left' },
        { title: 'Hình thức đề nghị', weight: 50, align: 'left' },
        { title: 'Tóm tắt thành tích', weight: 95, align: 'justify' },
        { title: 'Số phiếu đồng ý - tỷ lệ', weight: 38, align: 'center' },
        { title: 'Ghi chú', weight: 18, align: 'left' },
      ],
      rows: p.entries.map((e, i) => ({
        cells: [
          String(i + 1),
          e.nominee,
          e.award,
          e.achievement,
          `${e.votes}/${e.baseCount} (${formatShare(e.votes, e.baseCount)})\ntrên ${BASE_LABEL[e.base]}`,
          e.note ?? '',
        ],
      })),
    },
    para([italic(`Danh sách có ${formatCount(p.entries.length)} tập thể.`)], { indent: false, align: 'left' }),
  ];
  const sections: Section[] = [
    { orientation: 'portrait', restartNumbering: true, blocks: b },
    { orientation: p.appendix.orientation, restartNumbering: true, blocks: appendix },
  ];
  return {
    title: `Tờ trình ${lowerFirst(summary)}`,
    author: upperVn(p.header.issuingBody).replace(/\n/g, ' '),
    sections,
  };
}
