/** What the bloc's proposal letter and its list say (Tờ trình đề nghị khen thưởng, with the list as an appendix). */
import {
  addresseesBlock,
  docRefText,
  headerBlock,
  legalBaseParas,
  letterEnd,
  letterLayout,
  para,
  uniqueInOrder,
} from '../../blocks';
import { formatCount, formatShare, joinVn } from '../../format';
import type { Block, Layout } from '../../layout';
import { BASE_LABEL } from '../../meeting/layout';
import { TYPE_ABBR } from '../../numbering';
import type { Proposal } from './model';

export function proposalLayout(p: Proposal): Layout {
  const awards = uniqueInOrder(p.entries.map((e) => e.award));
  const summary = p.summary ?? `Về việc đề nghị tặng ${joinVn(awards)} năm ${p.year}`;
  const symbol = `${TYPE_ABBR.proposal}-${p.header.issuerAbbr}`;
  const b: Block[] = [headerBlock(p.header, TYPE_ABBR.proposal, true), { t: 'title', typeName: 'TỜ TRÌNH', summary }];
  b.push(addresseesBlock(p.addressees));

  const bases = [...p.legalBases];
  if (p.minutes) bases.push(`Căn cứ ${docRefText('Biên bản họp bình xét thi đua', p.minutes, p.blocName)}`);
  if (p.ballotCount) bases.push(`Căn cứ ${docRefText('Biên bản kiểm phiếu', p.ballotCount, p.blocName)}`);
  b.push(...legalBaseParas(bases));
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
  b.push(...letterEnd(p, p.blocName, addressee));
  return letterLayout({
    summary,
    header: p.header,
    symbol,
    of: p.blocName,
    body: b,
    appendix: {
      orientation: p.appendix.orientation,
      title: p.appendix.title ?? `Danh sách đề nghị tặng ${joinVn(awards)} năm ${p.year}`,
    },
    table: {
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
    count: p.entries.length,
  });
}
