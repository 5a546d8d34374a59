/** What the minutes of the year-end meeting say (Biên bản họp bình xét thi đua, PL III Mẫu 1.9). */
import { bold, endWith, headerBlock, para, personText, portraitLayout } from '../../blocks';
import {
  formatDateTimeVn,
  formatDateVn,
  formatNumber,
  formatPercent,
  formatRecipientLines,
  formatShare,
  joinVn,
  upperVn,
} from '../../format';
import type { Block, Layout } from '../../layout';
import { contestBlocks, letter, memberName, winnerVotes } from '../../meeting/layout';
import { quorumMet as isQuorate } from '../../../domain/threshold';
import { docRefText } from '../../blocks';
import { TYPE_ABBR } from '../../numbering';
import type { Minutes } from './model';

export function minutesLayout(m: Minutes): Layout {
  const total = m.members.length;
  const presentMembers = m.members.filter((x) => x.present);
  const absent = m.members.filter((x) => !x.present);
  const present = presentMembers.length;
  const quorumMet = isQuorate(present, total, {
    ratio: m.quorumRule.ratio,
    base: 'allMembers',
    strict: m.quorumRule.strict,
  });
  const ruleLabel = m.quorumRule.label ?? formatPercent(m.quorumRule.ratio);
  const subject = m.subject ?? `Họp bình xét thi đua năm ${m.year} ${m.blocName}`;

  const b: Block[] = [
    headerBlock(m.header, TYPE_ABBR.minutes, false),
    { t: 'title', typeName: 'BIÊN BẢN', summary: subject },
  ];
  b.push(para(`Thời gian bắt đầu: ${formatDateTimeVn(m.startedAt)}.`));
  b.push(para(`Địa điểm: ${endWith(m.venue, '.')}`));
  b.push(para('Thành phần tham dự:', { keepWithNext: true }));
  b.push(para(`- Chủ trì (chủ tọa): đồng chí ${endWith(personText(m.chair), '.')}`));
  b.push(para(`- Thư ký (người ghi biên bản): đồng chí ${endWith(personText(m.secretary), '.')}`));
  b.push(para(`- Đại diện các đơn vị thành viên có mặt (${present}/${total} đơn vị):`, { keepWithNext: true }));
  presentMembers.forEach((x, i) => {
    const people = x.representative ? [x.representative, ...x.others] : [];
    const rep = people.length > 0 ? `: ${people.map((p) => `đồng chí ${p.name}, ${p.position}`).join('; ')}` : '';
    b.push(para(`+ ${x.name}${rep}${i === presentMembers.length - 1 ? '.' : ';'}`));
  });
  if (absent.length > 0) {
    b.push(para(`- Đơn vị vắng mặt (${absent.length}/${total} đơn vị):`, { keepWithNext: true }));
    absent.forEach((x, i) => {
      const why = x.absenceReason ? ` (lý do: ${x.absenceReason.replace(/[.;]+$/u, '')})` : '';
      const opinion = x.writtenOpinion ? ', có ý kiến bằng văn bản gửi Khối' : '';
      b.push(para(`+ ${x.name}${why}${opinion}${i === absent.length - 1 ? '.' : ';'}`));
    });
  }
  if (m.guests.length > 0) {
    b.push(para('- Khách mời:', { keepWithNext: true }));
    m.guests.forEach((g, i) => b.push(para(`+ Đồng chí ${personText(g)}${i === m.guests.length - 1 ? '.' : ';'}`)));
  }
  const rule = `${m.quorumRule.strict ? 'trên' : 'từ'} ${ruleLabel}${m.quorumRule.strict ? '' : ' trở lên'}`;
  const source = m.quorumRule.source ? ` theo ${m.quorumRule.source.replace(/[.;]+$/u, '')}` : '';
  b.push(
    para(
      `Số đơn vị thành viên có mặt: ${present}/${total} (${formatShare(present, total)}), ` +
        (quorumMet
          ? `đạt tỷ lệ ${rule} tổng số đơn vị thành viên${source}; cuộc họp đủ điều kiện tiến hành.`
          : `không đạt tỷ lệ ${rule} tổng số đơn vị thành viên${source}; cuộc họp không đủ điều kiện bình xét.`),
    ),
  );

  b.push(para([bold('Nội dung cuộc họp (theo diễn biến cuộc họp):')], { indent: true, keepWithNext: true }));
  b.push(para([bold('1. Chương trình cuộc họp')], { keepWithNext: true }));
  const agenda =
    m.agenda.length > 0
      ? m.agenda
      : [
          `Báo cáo kết quả thực hiện phong trào thi đua năm ${m.year} của các đơn vị thành viên`,
          'Thẩm định kết quả tự chấm điểm của các đơn vị theo Bảng chấm điểm thi đua của Khối',
          'Thảo luận, bình xét, bỏ phiếu suy tôn đơn vị dẫn đầu và đề nghị khen thưởng',
          ...(m.contests.some((c) => c.contest === 'nextHead' || c.contest === 'nextDeputy')
            ? [`Bầu đơn vị Khối trưởng, Khối phó năm ${m.year + 1}`]
            : []),
          'Thông qua biên bản cuộc họp',
        ];
  agenda.forEach((a, i) => b.push(para(`- ${endWith(a, i === agenda.length - 1 ? '.' : ';')}`)));
  for (const d of m.discussion) b.push(para(d));
  if (m.movements.length > 0) {
    b.push(para(`Các phong trào thi đua do các đơn vị thành viên phát động năm ${m.year}:`, { keepWithNext: true }));
    m.movements.forEach((mv, i) =>
      b.push(
        para(
          `+ ${mv.unit}: phong trào “${mv.name}”, chủ đề “${mv.theme}”, phát động ${formatDateVn(mv.launchDate)}${i === m.movements.length - 1 ? '.' : ';'}`,
        ),
      ),
    );
  }

  let section = 2;
  if (m.scores.length > 0) {
    b.push(para([bold(`${section++}. Kết quả chấm điểm, xếp hạng thi đua năm ${m.year}`)], { keepWithNext: true }));
    const max = m.maxScore ? ` (thang điểm ${formatNumber(m.maxScore)})` : '';
    b.push(
      para(`Trên cơ sở thẩm định, Khối thống nhất kết quả chấm điểm${max} và xếp hạng các đơn vị như sau:`, {
        keepWithNext: true,
      }),
    );
    b.push({
      t: 'table',
      columns: [
        { title: 'STT', weight: 8, align: 'center' },
        { title: 'Tên đơn vị', weight: 52, align: 'left' },
        { title: 'Điểm tự chấm', weight: 18, align: 'center' },
        { title: 'Điểm Khối thống nhất', weight: 20, align: 'center' },
        { title: 'Xếp hạng', weight: 14, align: 'center' },
      ],
      rows: [...m.scores]
        .sort((x, y) => x.rank - y.rank)
        .map((s, i) => ({
          cells: [
            String(i + 1),
            memberName(m.members, s.unitId),
            formatNumber(s.selfScore),
            formatNumber(s.agreedScore),
            String(s.rank),
          ],
        })),
    });
  }

  if (m.contests.length > 0) {
    b.push(para([bold(`${section++}. Bình xét, bỏ phiếu`)], { keepWithNext: true }));
    const method =
      m.votingMethod === 'secretBallot'
        ? 'bỏ phiếu kín, mỗi đơn vị thành viên có mặt một phiếu'
        : 'biểu quyết công khai';
    const ref = m.ballotCountRecord
      ? `, kết quả chi tiết tại ${docRefText('Biên bản kiểm phiếu', m.ballotCountRecord)}`
      : '';
    b.push(para(`Hình thức: ${method}${ref}. Kết quả như sau:`, { keepWithNext: true }));
    b.push(...contestBlocks(m.contests, m.members, m.year, letter));

    // Conclusions (doc §9.2 item 6): proposed awards with score, rank and vote share; then next head and deputy.
    b.push(para([bold(`${section}. Kết luận`)], { keepWithNext: true }));
    const awardRows: string[][] = [];
    for (const c of m.contests) {
      if (c.contest !== 'leader' && c.contest !== 'certificate') continue;
      for (const w of c.winners) {
        const score = m.scores.find((s) => s.unitId === w);
        const { votes: v, base } = winnerVotes(c, m.members, w);
        awardRows.push([
          String(awardRows.length + 1),
          memberName(m.members, w),
          score ? formatNumber(score.agreedScore) : '—',
          score ? String(score.rank) : '—',
          c.awardName ?? '',
          `${v}/${base} (${formatShare(v, base)})`,
        ]);
      }
    }
    if (awardRows.length > 0) {
      b.push(para(`Khối thống nhất đề nghị khen thưởng năm ${m.year} như sau:`, { keepWithNext: true }));
      b.push({
        t: 'table',
        columns: [
          { title: 'STT', weight: 10, align: 'center' },
          { title: 'Tên đơn vị', weight: 34, align: 'left' },
          { title: 'Điểm', weight: 11, align: 'center' },
          { title: 'Xếp hạng', weight: 11, align: 'center' },
          { title: 'Hình thức đề nghị', weight: 34, align: 'left' },
          { title: 'Số phiếu / tỷ lệ', weight: 20, align: 'center' },
        ],
        rows: awardRows.map((cells) => ({ cells })),
      });
    } else {
      b.push(para(`Năm ${m.year}, Khối không có đơn vị đủ điều kiện đề nghị khen thưởng.`));
    }
    for (const kind of ['nextHead', 'nextDeputy'] as const) {
      const c = m.contests.find((x) => x.contest === kind);
      if (!c) continue;
      const role = kind === 'nextHead' ? 'Khối trưởng' : 'Khối phó';
      b.push(
        para(
          c.winners.length > 0
            ? `- ${role} năm ${m.year + 1}: ${joinVn(c.winners.map((w) => memberName(m.members, w)))}.`
            : `- ${role} năm ${m.year + 1}: chưa bầu được, Khối đề nghị cấp có thẩm quyền xem xét, chỉ định.`,
        ),
      );
    }
  }

  const end = formatDateTimeVn(m.endedAt);
  b.push(
    para(
      `Cuộc họp kết thúc vào lúc ${end}. ${endWith(m.approval ?? 'Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và nhất trí thông qua', '')}./.`,
      {
        keepWithNext: true,
      },
    ),
  );
  b.push({
    t: 'signoff',
    left: { titleLines: ['THƯ KÝ'], name: m.secretary.name },
    right: { titleLines: m.chairTitle ? m.chairTitle.map(upperVn) : ['CHỦ TỌA'], name: m.chair.name },
    ...(m.recipients.length > 0 ? { recipients: formatRecipientLines(m.recipients) } : {}),
  });
  return portraitLayout(`Biên bản ${subject}`, m.header, b);
}
