/** What the council's ballot-count record on the Government flag says. */
import { endWith, headerBlock, lowerFirst, para, personText, portraitLayout } from '../../blocks';
import { formatCount, formatDateTimeVn, formatPercent, formatRecipientLines, formatShare, joinVn } from '../../format';
import {
  COUNCIL_BASE,
  GOVERNMENT_FLAG_AWARD,
  govFlagQuotaText,
  govFlagThresholdText,
  scoreText,
} from '../../government-flag/layout';
import type { Block, Layout } from '../../layout';
import { meetsThreshold } from '../../../domain/threshold';
import { TYPE_ABBR } from '../../numbering';
import type { GovFlagProposal } from '../gov-flag-proposal/model';
import type { GovFlagBallotCount, GovFlagCandidate } from './model';

function govFlagResult(c: GovFlagCandidate, members: number, t: GovFlagProposal['threshold']): string {
  if (c.state === 'onHold') return 'Không xét (đang tạm dừng xét khen thưởng)';
  if (c.state === 'disqualified') return 'Không xét (bị xử lý kỷ luật)';
  if (c.selected) return 'Đạt, được đề nghị';
  if (meetsThreshold(c.yes, members, { ...t, base: 'allMembers' }))
    return `Đạt, ngoài tỷ lệ ${c.rank !== null ? `(xếp thứ ${c.rank})` : ''}`.trim();
  return 'Không đạt';
}

export function govFlagBallotCountLayout(bc: GovFlagBallotCount): Layout {
  const n = bc.councilMembers;
  const subject = bc.subject ?? `Bỏ phiếu đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}`;
  const b: Block[] = [
    headerBlock(bc.header, TYPE_ABBR.govFlagBallotCount, false),
    { t: 'title', typeName: 'BIÊN BẢN KIỂM PHIẾU', summary: subject },
  ];
  b.push(
    para(
      `${bc.councilName} tổ chức bỏ phiếu kín đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}, ` +
        `từ ${formatDateTimeVn(bc.openedAt)} đến ${formatDateTimeVn(bc.closedAt)}; mỗi thành viên Hội đồng một phiếu cho mỗi tập thể.`,
    ),
  );
  b.push(para('Thành phần kiểm phiếu:', { keepWithNext: true }));
  b.push(para(`- Chủ trì: đồng chí ${endWith(personText(bc.chair), ';')}`));
  b.push(para(`- Thư ký (kiểm phiếu): đồng chí ${endWith(personText(bc.secretary), '.')}`));
  const voters = Math.max(0, ...bc.candidates.map((c) => c.voted));
  b.push(para(`Tổng số thành viên Hội đồng: ${n}; số thành viên đã bỏ phiếu: ${voters}.`));
  b.push(
    para(
      `Số đơn vị dẫn đầu các khối thi đua được xét: ${formatCount(bc.leaders)}; số tập thể được đề nghị: ${govFlagQuotaText(bc)} ` +
        `theo khoản 1 Điều 7 Nghị định số 152/2025/NĐ-CP.`,
    ),
  );
  b.push(
    para(
      `Điều kiện: tập thể đạt ${govFlagThresholdText(bc.threshold, n)} theo khoản 5 Điều 33 Nghị định số 152/2025/NĐ-CP; ` +
        'các tập thể đạt được xếp theo tỷ lệ phiếu đồng ý, sau đó theo điểm thi đua của năm tại Khối.',
    ),
  );
  b.push(para('Kết quả kiểm phiếu như sau:', { keepWithNext: true }));
  const order = (c: GovFlagCandidate): number => (c.state !== 'counted' ? 3 : c.rank !== null ? 0 : 1);
  const rows = [...bc.candidates].sort((x, y) => order(x) - order(y) || (x.rank ?? 0) - (y.rank ?? 0) || y.yes - x.yes);
  b.push({
    t: 'table',
    columns: [
      { title: 'STT', weight: 8, align: 'center' },
      { title: 'Tên tập thể', weight: 40, align: 'left' },
      { title: 'Khối thi đua', weight: 30, align: 'left' },
      { title: 'Điểm thi đua', weight: 14, align: 'center' },
      { title: 'Số phiếu đồng ý', weight: 15, align: 'center' },
      { title: `Tỷ lệ (%) trên ${COUNCIL_BASE} (${n})`, weight: 22, align: 'center' },
      { title: 'Kết quả', weight: 24, align: 'center' },
    ],
    rows: rows.map((c, i) => ({
      cells: [
        String(i + 1),
        c.name,
        c.blocName,
        scoreText(c.score),
        c.state === 'counted' ? `${c.yes}/${c.voted}` : '—',
        c.state === 'counted' ? formatShare(c.yes, n) : '—',
        govFlagResult(c, n, bc.threshold),
      ],
    })),
  });
  const selected = rows.filter((c) => c.selected);
  const describe = (c: GovFlagCandidate): string => `${c.name} (${c.yes}/${n} phiếu, đạt ${formatShare(c.yes, n)})`;
  b.push(
    para(
      selected.length > 0
        ? `Kết quả: ${formatCount(selected.length)} tập thể đạt tỷ lệ phiếu theo quy định và trong tỷ lệ được đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}: ${joinVn(selected.map(describe))}.`
        : `Kết quả: không có tập thể nào đạt tỷ lệ phiếu theo quy định; năm ${bc.year} không đề nghị tặng ${GOVERNMENT_FLAG_AWARD}.`,
    ),
  );
  const over = rows.filter(
    (c) => !c.selected && c.state === 'counted' && meetsThreshold(c.yes, n, { ...bc.threshold, base: 'allMembers' }),
  );
  if (over.length > 0)
    b.push(
      para(
        `${joinVn(over.map(describe))} đạt tỷ lệ phiếu nhưng ngoài tỷ lệ ${formatPercent(bc.quotaShare)} nên không được đề nghị.`,
      ),
    );
  b.push(para(`Kết quả kiểm phiếu được công bố vào lúc ${formatDateTimeVn(bc.closedAt)}./.`, { keepWithNext: true }));
  b.push({
    t: 'signoff',
    left: { titleLines: ['THƯ KÝ HỘI ĐỒNG'], name: bc.secretary.name },
    right: { titleLines: ['TM. HỘI ĐỒNG', 'CHỦ TỊCH'], name: bc.chair.name },
    ...(bc.recipients.length > 0 ? { recipients: formatRecipientLines(bc.recipients) } : {}),
  });
  return portraitLayout(`Biên bản kiểm phiếu ${lowerFirst(subject)}`, bc.header, b);
}
