/**
 * What the council session's two records say, from ONE input (model.ts SessionMinutesInput): the minutes (Mẫu 1.9:
 * time, place, attendance and quorum, the appraisal examined, the secret ballot and its result, the end) and the
 * ballot-count record (the committee, the ballots, "yes" per proposal against ALL members, the outcome). Shares and
 * outcomes come from the counts (domain/threshold.ts meetsThreshold), so the records cannot contradict them.
 */
import { meetsThreshold } from '../../../domain/threshold';
import { docRefText, endWith, headerBlock, para, personText, portraitLayout } from '../../blocks';
import { formatDateTimeVn, formatRecipientLines, formatShare } from '../../format';
import { COUNCIL_BASE, govFlagThresholdText } from '../../government-flag/layout';
import type { Block, Layout, TableBlock } from '../../layout';
import type { SessionMinutes } from './model';

/** The result table both records print: STT | Tập thể | Khối | Hình thức | Đồng ý | Tỷ lệ | Kết quả. */
export function sessionResults(m: SessionMinutes): { rows: { passed: boolean }[]; table: TableBlock } {
  const n = m.members.length;
  const rows = m.items.map((it) => ({
    it,
    passed: meetsThreshold(it.yes, n, { ratio: m.threshold.ratio, strict: m.threshold.strict, base: 'allMembers' }),
  }));
  return {
    rows,
    table: {
      t: 'table',
      columns: [
        { title: 'STT', weight: 10, align: 'center' },
        { title: 'Tên tập thể', weight: 44, align: 'left' },
        { title: 'Hình thức đề nghị', weight: 40, align: 'left' },
        { title: 'Số phiếu đồng ý', weight: 20, align: 'center' },
        { title: `Tỷ lệ (trên ${COUNCIL_BASE})`, weight: 24, align: 'center' },
        { title: 'Kết quả', weight: 20, align: 'center' },
      ],
      rows: rows.map(({ it, passed }, i) => ({
        cells: [
          String(i + 1),
          `${it.unitName} (${it.blocName})`,
          it.award,
          `${it.yes}/${n}`,
          formatShare(it.yes, n),
          passed ? 'Đạt' : 'Không đạt',
        ],
      })),
    },
  };
}

const ballotLine = (m: SessionMinutes): string =>
  `Số phiếu phát ra: ${m.ballots.issued}; số phiếu thu về: ${m.ballots.received}; số phiếu hợp lệ: ${m.ballots.valid}; số phiếu không hợp lệ: ${m.ballots.invalid}.`;

export function sessionMinutesLayout(m: SessionMinutes): Layout {
  const subject = m.subject ?? `Phiên họp xét khen thưởng năm ${m.year}`;
  const present = m.members.filter((x) => x.present);
  const absent = m.members.filter((x) => !x.present);
  const { rows, table } = sessionResults(m);
  const passed = rows.filter((r) => r.passed).length;
  const b: Block[] = [
    headerBlock(m.header, 'BB', false),
    { t: 'title', typeName: 'BIÊN BẢN', summary: subject },
    para(`Thời gian bắt đầu: ${formatDateTimeVn(m.startedAt)}.`),
    para(`Địa điểm: ${endWith(m.venue, '.')}`),
    para(`Chủ trì (chủ tọa): đồng chí ${endWith(personText(m.chair), '.')}`),
    para(`Thư ký: đồng chí ${endWith(personText(m.secretary), '.')}`),
    para(
      `Thành phần tham dự: ${present.length}/${m.members.length} thành viên ${m.councilName} có mặt (${formatShare(present.length, m.members.length)}).`,
      { keepWithNext: true },
    ),
    ...present.map((x, i) =>
      para(`- Đồng chí ${personText(x)}${i === present.length - 1 && absent.length === 0 ? '.' : ';'}`),
    ),
    ...absent.map((x, i) =>
      para(
        `- Vắng: đồng chí ${personText(x)}${x.absenceReason ? ` (lý do: ${x.absenceReason.replace(/[.;]+$/u, '')})` : ''}${i === absent.length - 1 ? '.' : ';'}`,
      ),
    ),
    ...(m.guests.length > 0
      ? [para(`Khách mời: ${m.guests.map((g) => `đồng chí ${personText(g)}`).join('; ')}.`)]
      : []),
    para('Nội dung:', { keepWithNext: true }),
    para(
      m.appraisal
        ? `1. Hội đồng nghe ${m.appraisal.of} báo cáo kết quả thẩm định (${docRefText('Báo cáo', m.appraisal)}) hồ sơ đề nghị khen thưởng năm ${m.year} của các khối thi đua.`
        : `1. Hội đồng nghe báo cáo kết quả thẩm định hồ sơ đề nghị khen thưởng năm ${m.year} của các khối thi đua.`,
    ),
    para(
      `2. Hội đồng bỏ phiếu kín đối với ${m.items.length} hồ sơ; tập thể được đề nghị khi đạt ${govFlagThresholdText(m.threshold, m.members.length)}. ${ballotLine(m)} Kết quả kiểm phiếu (Biên bản kiểm phiếu kèm theo):`,
      { keepWithNext: true },
    ),
    table,
    para(
      `3. Kết luận: ${passed}/${m.items.length} tập thể đạt, được đề nghị Chủ tịch Ủy ban nhân dân xem xét, khen thưởng.`,
    ),
    para(
      `Phiên họp kết thúc vào ${formatDateTimeVn(m.endedAt)}; biên bản đã được đọc lại và các thành viên dự họp thống nhất thông qua./.`,
      { keepWithNext: true },
    ),
    {
      t: 'signoff',
      left: { titleLines: ['THƯ KÝ'], name: m.secretary.name },
      right: { titleLines: ['CHỦ TỌA'], name: m.chair.name },
      recipients: formatRecipientLines(m.recipients.length ? m.recipients : ['Lưu: VT, Hồ sơ']),
    },
  ];
  return portraitLayout(`Biên bản ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`, m.header, b);
}

export function sessionBallotCountLayout(m: SessionMinutes): Layout {
  const subject = `Bỏ phiếu xét khen thưởng năm ${m.year} của ${m.councilName}`;
  const counters = m.counters.length > 0 ? m.counters : [m.secretary];
  const { rows, table } = sessionResults(m);
  const b: Block[] = [
    headerBlock(m.header, 'BB', false),
    { t: 'title', typeName: 'BIÊN BẢN KIỂM PHIẾU', summary: subject },
    para(`Vào lúc ${formatDateTimeVn(m.startedAt)}, tại ${m.venue.replace(/[.;]+$/u, '')}, Ban kiểm phiếu gồm:`, {
      keepWithNext: true,
    }),
    ...counters.map((c, i) =>
      para(
        `${i + 1}. Đồng chí ${personText(c)} - ${i === 0 ? 'Trưởng ban' : 'Thành viên'}${i === counters.length - 1 ? '.' : ';'}`,
      ),
    ),
    para(
      `Tổng số thành viên Hội đồng: ${m.members.length}; có mặt: ${m.members.filter((x) => x.present).length}. ${ballotLine(m)}`,
    ),
    para(`Điều kiện: tập thể đạt ${govFlagThresholdText(m.threshold, m.members.length)}. Kết quả kiểm phiếu như sau:`, {
      keepWithNext: true,
    }),
    table,
    para(
      `Kết quả: ${rows.filter((r) => r.passed).length}/${m.items.length} tập thể đạt. Ban kiểm phiếu công bố kết quả trước Hội đồng./.`,
      { keepWithNext: true },
    ),
    {
      t: 'signGrid',
      signers: counters.map((c, i) => ({ titleLines: [i === 0 ? 'TRƯỞNG BAN' : 'THÀNH VIÊN'], name: c.name })),
      perRow: 3,
    },
  ];
  return portraitLayout(`Biên bản kiểm phiếu ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`, m.header, b);
}
