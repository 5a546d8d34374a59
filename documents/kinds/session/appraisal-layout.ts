/**
 * What the standing body's appraisal report says (báo cáo thẩm định; ND 30/2020 Mẫu 1.4 layout, type BC): the
 * dossiers received, the finding on each (right subject, conditions, dossier, procedure: ND 152/2025 Art. 33(11)),
 * and the proposal to the council, award kind by award kind.
 */
import {
  addresseesBlock,
  bold,
  endWith,
  headerBlock,
  legalBaseParas,
  para,
  plain,
  portraitLayout,
  signColumn,
  uniqueInOrder,
} from '../../blocks';
import { formatCount, formatRecipientLines, formatShare, joinVn } from '../../format';
import type { Block, Layout } from '../../layout';
import type { AppraisalReport } from './model';

const FINDING: Record<AppraisalReport['dossiers'][number]['finding'], string> = {
  eligible: 'Đủ điều kiện',
  supplement: 'Bổ sung hồ sơ',
  notEligible: 'Không đủ điều kiện',
};

export function appraisalReportLayout(r: AppraisalReport): Layout {
  const summary = `Kết quả thẩm định hồ sơ đề nghị khen thưởng năm ${r.year} của các khối thi đua`;
  const blocs = uniqueInOrder(r.dossiers.map((d) => d.blocName));
  const eligible = r.dossiers.filter((d) => d.finding === 'eligible');
  const b: Block[] = [
    headerBlock(r.header, 'BC', true),
    { t: 'title', typeName: 'BÁO CÁO', summary },
    addresseesBlock(r.addressees),
    ...legalBaseParas(r.legalBases),
    para([bold('I. HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG')], { keepWithNext: true, indent: false }),
    para(
      `${r.standingBody} đã tiếp nhận ${formatCount(r.dossiers.length)} hồ sơ đề nghị khen thưởng của ${formatCount(blocs.length)} khối thi đua (${joinVn(blocs)}).`,
    ),
    para([bold('II. KẾT QUẢ THẨM ĐỊNH')], { keepWithNext: true, indent: false }),
    para(
      'Trên cơ sở đối tượng, điều kiện, tiêu chuẩn, hồ sơ và thủ tục đề nghị khen thưởng theo quy định, kết quả thẩm định như sau:',
      { keepWithNext: true },
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 10, align: 'center' },
        { title: 'Tên tập thể', weight: 44, align: 'left' },
        { title: 'Hình thức đề nghị', weight: 40, align: 'left' },
        { title: 'Kết quả bình xét của Khối', weight: 30, align: 'center' },
        { title: 'Kết quả thẩm định', weight: 40, align: 'left' },
      ],
      rows: r.dossiers.map((d, i) => ({
        cells: [
          String(i + 1),
          `${d.unitName} (${d.blocName})`,
          d.award,
          `${d.blocVotes.yes}/${d.blocVotes.of} (${formatShare(d.blocVotes.yes, d.blocVotes.of)})`,
          d.reason ? `${FINDING[d.finding]}: ${d.reason}` : FINDING[d.finding],
        ],
      })),
    },
    para([bold('III. ĐỀ NGHỊ')], { keepWithNext: true, indent: false }),
  ];
  if (eligible.length === 0) b.push(para('Không có hồ sơ đủ điều kiện trình khen thưởng.'));
  for (const award of uniqueInOrder(eligible.map((d) => d.award))) {
    const of = eligible.filter((d) => d.award === award);
    b.push(
      para([
        plain(`${r.standingBody} đề nghị ${r.councilName} xem xét, trình tặng `),
        bold(award),
        plain(` cho ${formatCount(of.length)} tập thể: ${joinVn(of.map((d) => d.unitName))}.`),
      ]),
    );
  }
  const pending = r.dossiers.filter((d) => d.finding === 'supplement');
  if (pending.length > 0)
    b.push(
      para(
        `Đề nghị các khối thi đua bổ sung hồ sơ của ${formatCount(pending.length)} tập thể (${joinVn(pending.map((d) => d.unitName))}) trước khi trình Hội đồng.`,
      ),
    );
  b.push(para(endWith(`Kính trình ${r.councilName} xem xét, quyết định`, './.'), { keepWithNext: true }));
  b.push({
    t: 'signoff',
    right: signColumn(r.signer),
    recipients: formatRecipientLines(r.recipients.length ? r.recipients : ['Như trên', 'Lưu: VT, TĐKT']),
  });
  return portraitLayout(`Báo cáo ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`, r.header, b);
}
