/**
 * What a collective's achievement report says (document-format.md §10.4: the long-standing form, ND 91/2017 Mẫu 01 →
 * ND 98/2023 Mẫu 02 → ND 152/2025 collective-merit form): header without a Số line, BÁO CÁO THÀNH TÍCH / đề nghị
 * tặng … / the collective's full name; I. features, II. achievements (the year's pledge, score and rank, per-criterion
 * scores, evidence), III. earlier awards; the endorsing level signs on the left, the head of the unit on the right.
 */
import { bold, para, plain, portraitLayout } from '../../blocks';
import { formatCount, formatNumber, formatPlaceDate, upperVn } from '../../format';
import type { Block, Layout, TableBlock } from '../../layout';
import type { AchievementReport } from './model';

/** The form's dotted line where the unit writes what the system does not know. */
const TO_FILL = '…………………………………………………………………………………………………………';

/** A long name over two header lines, broken at the word nearest its middle (PL I II.2.b: long names may wrap). */
function headerLines(name: string): string[] {
  const s = upperVn(name);
  if (s.length <= 32) return [s];
  const words = s.split(' ');
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const left = words.slice(0, i).join(' ').length;
    if (Math.abs(left - s.length / 2) < Math.abs(words.slice(0, best).join(' ').length - s.length / 2)) best = i;
  }
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
}

const heading = (text: string): Block => para([bold(text)], { keepWithNext: true, indent: false });
const subheading = (text: string): Block => para([bold(text)], { keepWithNext: true });
const orToFill = (paras: readonly string[]): Block[] => (paras.length > 0 ? paras : [TO_FILL]).map((p) => para(p));

function awardsTable(rows: AchievementReport['titles'], what: string): Block {
  if (rows.length === 0) return para(`Chưa có ${what.toLowerCase()} trong các năm trước đã ghi nhận trên hệ thống.`);
  const table: TableBlock = {
    t: 'table',
    columns: [
      { title: 'Năm', weight: 14, align: 'center' },
      { title: what, weight: 50, align: 'left' },
      { title: 'Số, ngày, tháng, năm của quyết định; cơ quan ban hành', weight: 66, align: 'left' },
    ],
    rows: rows.map((r) => ({ cells: [String(r.year), r.name, r.decision] })),
  };
  return table;
}

export function achievementReportLayout(r: AchievementReport): Layout {
  const b: Block[] = [
    {
      t: 'header',
      parentBody: upperVn(r.superiorBody),
      issuingBody: headerLines(r.unitName),
      placeDate: formatPlaceDate(r.place, r.date),
    },
    { t: 'title', typeName: 'BÁO CÁO THÀNH TÍCH', summary: `Đề nghị tặng ${r.award} năm ${r.year}` },
    { t: 'center', runs: [bold(r.unitName)], size: 14, spaceAfterPt: 12 },
    heading('I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH'),
    subheading('1. Đặc điểm, tình hình'),
    ...orToFill(r.situation),
    subheading('2. Chức năng, nhiệm vụ'),
    ...orToFill(r.functions),
    heading('II. THÀNH TÍCH ĐẠT ĐƯỢC'),
    subheading('1. Kết quả thực hiện nhiệm vụ, chỉ tiêu được giao'),
    para(r.achievement),
  ];
  if (r.pledgeTargets.length > 0) {
    b.push(para(`Các chỉ tiêu đơn vị đã đăng ký trong Bản giao ước thi đua năm ${r.year} của ${r.blocName}:`));
    r.pledgeTargets.forEach((t, i) =>
      b.push(para(`- ${t.replace(/[.;]+$/u, '')}${i === r.pledgeTargets.length - 1 ? '.' : ';'}`)),
    );
  }
  if (r.score) {
    const s = r.score;
    const max = s.maxTotal !== undefined ? `/${formatNumber(s.maxTotal)}` : '';
    const rank = s.rank !== null ? `, xếp hạng ${s.rank}/${s.rankedUnits} đơn vị` : '';
    b.push(
      para([
        plain(
          `Kết quả chấm điểm thi đua năm ${r.year}: đơn vị tự chấm ${formatNumber(s.selfTotal)}${max} điểm; ` +
            `${r.blocName} thống nhất ${formatNumber(s.finalTotal)}${max} điểm${rank}.`,
        ),
      ]),
    );
  }
  if (r.criteria.length > 0)
    b.push({
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tiêu chí', weight: 90, align: 'left' },
        { title: 'Điểm tối đa', weight: 24, align: 'right' },
        { title: 'Điểm đạt', weight: 24, align: 'right' },
      ],
      rows: r.criteria.map((c, i) => ({
        cells: [String(i + 1), c.name, formatNumber(c.maxPoints), c.score === null ? '' : formatNumber(c.score)],
      })),
    });
  b.push(
    para(
      r.evidence.length > 0
        ? `Tài liệu minh chứng đơn vị đã nộp (${formatCount(r.evidence.length)} tệp):`
        : 'Đơn vị chưa nộp tài liệu minh chứng trên hệ thống.',
      { keepWithNext: r.evidence.length > 0 },
    ),
  );
  if (r.evidence.length > 0)
    b.push({
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tiêu chí', weight: 70, align: 'left' },
        { title: 'Tài liệu', weight: 68, align: 'left' },
      ],
      rows: r.evidence.map((e, i) => ({ cells: [String(i + 1), e.criterion ?? '', e.filename] })),
    });
  b.push(
    subheading('2. Các giải pháp, biện pháp, sáng kiến, đổi mới trong quản lý, điều hành'),
    para(TO_FILL),
    subheading('3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước'),
    para(TO_FILL),
    subheading('4. Hoạt động của tổ chức đảng, đoàn thể'),
    para(TO_FILL),
    heading('III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG'),
    subheading('1. Danh hiệu thi đua'),
    awardsTable(r.titles, 'Danh hiệu thi đua'),
    subheading('2. Hình thức khen thưởng'),
    awardsTable(r.commendations, 'Hình thức khen thưởng'),
    {
      t: 'signoff',
      left: {
        titleLines: ['XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG', ...(r.endorser ? [upperVn(r.endorser)] : [])],
        name: '',
      },
      right: { titleLines: [upperVn(r.headPosition)], name: r.headName ?? '' },
    },
  );
  return portraitLayout(
    `Báo cáo thành tích đề nghị tặng ${r.award} năm ${r.year} - ${r.unitName}`,
    { issuingBody: r.unitName },
    b,
  );
}
