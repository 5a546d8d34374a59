/**
 * Every text a workflow sends as a notification (Vietnamese), keyed by event: the server-side
 * counterpart of the UI's i18n (web/public/i18n/vi.js). A workflow names the event and passes the
 * facts; the wording lives here, once. Pure and deterministic (no I/O, no clock): the workflows
 * import it inside their sandbox, and a change of wording never changes a workflow's commands.
 *
 * Each entry returns `{ title, body }`, spread into the `notify` activity's input. Texts are the
 * recorded ones byte for byte (tests and stored notifications compare them).
 */
export interface Notice {
  title: string;
  body: string;
}

const ART_4_4 = 'Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP';
const ART_35_1_B = 'Điều 35 khoản 1 điểm b Nghị định 152/2025/NĐ-CP';

/** Titles of the units' tasks (the inbox) and of the contests of the year-end meeting. */
export const taskTitles = {
  pledge: 'Đăng ký và ký kết giao ước thi đua',
  midYear: 'Báo cáo sơ kết 6 tháng',
  selfScoring: 'Tự chấm điểm thi đua cuối năm',
  review: 'Thẩm định điểm tự chấm',
  reviewShort: 'Thẩm định điểm',
  voting: 'Hội nghị bình xét, bỏ phiếu kín',
  meeting: 'Hội nghị bình xét',
  handover: 'Bàn giao Trưởng khối',
} as const;

export const contestTitles = {
  leader: 'Suy tôn đơn vị dẫn đầu (Cờ thi đua)',
  certificate: 'Đề nghị Bằng khen',
  nextHead: 'Bầu Trưởng khối năm sau',
  nextDeputy: 'Bầu Phó Trưởng khối năm sau',
} as const;

export type HoldState = 'onHold' | 'cleared' | 'disqualified';

const holdTitle = (state: HoldState) =>
  state === 'onHold'
    ? 'Tạm dừng xét khen thưởng'
    : state === 'cleared'
      ? 'Tiếp tục xét khen thưởng'
      : 'Không đủ điều kiện khen thưởng';

/** The bloc-year workflow (workflows/cycle.ts and its phases). */
export const cycleNotices = {
  launch: (year: number): Notice => ({
    title: 'Phát động phong trào thi đua',
    body: `Trưởng khối xây dựng và ban hành kế hoạch thi đua năm ${year}.`,
  }),
  taskOpened: (task: string, dueAt: string): Notice => ({
    title: `Nhiệm vụ mới: ${task}`,
    body: `Hạn chót: ${dueAt}.`,
  }),
  reminder: (task: string, deadline: string): Notice => ({
    title: `Nhắc hạn: ${task}`,
    body: `Hạn chót ${deadline}. Đơn vị chưa hoàn thành nhiệm vụ này.`,
  }),
  late: (task: string, unitNames: string[]): Notice => ({
    title: `Quá hạn: ${task}`,
    body: `Các đơn vị chưa hoàn thành đúng hạn: ${unitNames.join(', ')}.`,
  }),
  deadlineExtended: (phase: string, deadline: string, reason: string): Notice => ({
    title: 'Gia hạn thời hạn',
    body: `Hạn ${phase} được gia hạn đến ${deadline}. Lý do: ${reason}`,
  }),
  pledgeSubmitted: (unitName: string): Notice => ({
    title: 'Đơn vị đã đăng ký thi đua',
    body: `${unitName} đã ký giao ước, chờ Trưởng khối xem xét.`,
  }),
  pledgeReviewed: (accepted: boolean, reason: string | undefined): Notice => ({
    title: accepted ? 'Giao ước đã được chấp nhận' : 'Giao ước bị trả lại',
    body: reason ?? 'Trưởng khối đã chấp nhận bản đăng ký thi đua.',
  }),
  scoresPublished: (ranking: { rank: number; name: string; finalTotal: number }[]): Notice => ({
    title: 'Công bố kết quả chấm điểm',
    body: ranking.map((r) => `${r.rank}. ${r.name}: ${r.finalTotal}`).join('\n'),
  }),
  noQuorum: (): Notice => ({
    title: 'Không đủ số lượng tham dự',
    body: 'Hội nghị bình xét không đạt số lượng tối thiểu trước hạn: không suy tôn đơn vị dẫn đầu năm nay.',
  }),
  headAndDeputyDecide: (contest: keyof typeof contestTitles, rounds: number, candidateNames: string[]): Notice => ({
    title: `Trưởng khối và Phó Trưởng khối quyết định: ${contestTitles[contest]}`,
    body: `Sau ${rounds} vòng bỏ phiếu chưa có kết quả. Ứng viên: ${candidateNames.join(', ')}.`,
  }),
  /** To the held unit (and, before the parties-only rule, the acting head too): the reason. */
  hold: (state: HoldState, reason: string): Notice => ({ title: holdTitle(state), body: reason }),
  /** To the acting head: that the unit is held or cleared, not why. */
  holdToHead: (state: HoldState, unitName: string): Notice => ({
    title: holdTitle(state),
    body: `${unitName}: ${holdTitle(state).toLowerCase()} (${ART_4_4}). Lý do được gửi đến đơn vị và Hội đồng Thi đua – Khen thưởng.`,
  }),
  handoverLate: (): Notice => ({
    title: 'Quá hạn bàn giao Trưởng khối',
    body: 'Trưởng khối chưa ghi nhận bàn giao; chu kỳ năm sau chờ bàn giao.',
  }),
  handoverDone: (nextYear: number, headName: string | undefined, deputyName: string | undefined): Notice => ({
    title: `Bàn giao Trưởng khối năm ${nextYear}`,
    body: `Trưởng khối: ${headName}; Phó Trưởng khối: ${deputyName}.`,
  }),
  // Corrections of a running year (workflows/cycle/corrections/).
  cycleCancelled: (year: number, reason: string): Notice => ({
    title: `Hủy chu kỳ thi đua năm ${year}`,
    body: `Chu kỳ thi đua năm ${year} của khối đã bị hủy; các nhiệm vụ còn mở được đóng. Lý do: ${reason}`,
  }),
  leadershipChanged: (
    year: number,
    headName: string | undefined,
    deputyName: string | undefined,
    why: string,
  ): Notice => ({
    title: `Trưởng khối, Phó Trưởng khối năm ${year}`,
    body: `Trưởng khối: ${headName}; Phó Trưởng khối: ${deputyName}. ${why}`,
  }),
  memberJoined: (unitName: string, reason: string): Notice => ({
    title: 'Đơn vị mới tham gia khối',
    body: `${unitName} tham gia khối thi đua từ năm nay. Lý do: ${reason}`,
  }),
  phaseReopened: (task: string, deadline: string, reason: string): Notice => ({
    title: `Mở lại: ${task}`,
    body: `Nhiệm vụ "${task}" được mở lại đến ${deadline}. Lý do: ${reason}`,
  }),
  /** To every member unit: the invitation with the agenda (wall-clock `when` in Vietnam time, `YYYY-MM-DD HH:mm`). */
  meetingScheduled: (meeting: string, when: string, place: string, host: string, agenda: string[]): Notice => ({
    title: `Triệu tập ${meeting}`,
    body: `Thời gian: ${when}. Địa điểm: ${place}. Đơn vị chủ trì: ${host}.\nChương trình:\n${agenda.map((a) => `- ${a}`).join('\n')}`,
  }),
  meetingAnnulled: (meeting: string, reason: string): Notice => ({
    title: `Hủy kết quả ${meeting}`,
    body: `Lý do: ${reason}. Hội nghị sẽ được triệu tập lại.`,
  }),
};

/** The two conferences, as named in the notices. */
export const meetingNames = {
  midYear: 'hội nghị sơ kết 6 tháng',
  yearEnd: 'hội nghị tổng kết, bình xét thi đua',
} as const;

/** The council's review of the bloc's proposals (workflows/council.ts). */
export const councilNotices = {
  opened: (proposals: number, year: number, deadline: string): Notice => ({
    title: 'Hồ sơ đề nghị khen thưởng chờ Hội đồng xét',
    body: `${proposals} đề nghị của khối năm ${year}. Hạn: ${deadline}.`,
  }),
  reminder: (deadline: string): Notice => ({ title: 'Nhắc hạn xét hồ sơ khen thưởng', body: `Hạn: ${deadline}.` }),
  late: (): Notice => ({
    title: 'Quá hạn xét hồ sơ khen thưởng',
    body: 'Hội đồng chưa quyết định xong các đề nghị; hồ sơ vẫn được giữ nguyên để xét tiếp.',
  }),
  voteClosed: (awardType: string, attempt: number, yes: number, base: number, passes: boolean): Notice => ({
    title: 'Kết quả biểu quyết của Hội đồng',
    body: `Đề nghị ${awardType} (lần ${attempt}): ${yes}/${base} phiếu đồng ý — ${passes ? 'đạt' : 'không đạt'}.`,
  }),
  decided: (status: string, reason: string | undefined, decisionNumber?: string, decisionDate?: string): Notice => ({
    title: `Hội đồng Thi đua - Khen thưởng: ${status}`,
    body: reason ?? `Quyết định số ${decisionNumber} ngày ${decisionDate}.`,
  }),
};

/** The province award session (workflows/province-session.ts). */
export const provinceSessionNotices = {
  handedIn: (blocName: string, year: number): Notice => ({
    title: 'Hồ sơ đề nghị khen thưởng chờ thẩm định',
    body: `${blocName} đã nộp hồ sơ đề nghị khen thưởng năm ${year}.`,
  }),
  returned: (reason: string): Notice => ({
    title: 'Hồ sơ đề nghị khen thưởng bị trả lại để bổ sung',
    body: reason,
  }),
  voting: (proposals: number, year: number): Notice => ({
    title: 'Phiên họp Hội đồng Thi đua - Khen thưởng tỉnh: bỏ phiếu kín',
    body: `${proposals} đề nghị khen thưởng năm ${year} chờ biểu quyết.`,
  }),
};
export const provinceSessionReasons = {
  belowThreshold: (yes: number, base: number) => `Không đạt tỷ lệ phiếu đồng ý của Hội đồng (${yes}/${base}).`,
  overQuota: (n: number, year: number) => `Vượt chỉ tiêu khen thưởng của tỉnh (phiên họp ${n}, năm ${year}).`,
  notConsidered: (reason?: string) => `Hồ sơ chưa được bổ sung trước phiên họp Hội đồng${reason ? `: ${reason}` : ''}.`,
};

/** The Government emulation flag for a province and year (workflows/government-flag.ts). */
export const governmentFlagNotices = {
  opened: (year: number, candidates: number, quota: number, deadlineDate: string): Notice => ({
    title: `Bỏ phiếu kín đề nghị Cờ thi đua của Chính phủ năm ${year}`,
    body: `${candidates} đơn vị dẫn đầu khối; đề nghị tối đa ${quota}. Hạn trình Bộ Nội vụ: ${deadlineDate}.`,
  }),
  reminder: (deadlineDate: string): Notice => ({
    title: 'Nhắc hạn trình hồ sơ Cờ thi đua của Chính phủ',
    body: `Hạn trình Bộ Nội vụ: ${deadlineDate} (${ART_35_1_B}).`,
  }),
  lapsed: (year: number, deadlineDate: string): Notice => ({
    title: 'Quá hạn trình hồ sơ Cờ thi đua của Chính phủ',
    body: `Hồ sơ năm ${year} chưa trình Bộ Nội vụ trước ${deadlineDate}; đề nghị không còn được xét.`,
  }),
  voteClosed: (selectedNames: string[], deadlineDate: string): Notice => ({
    title: 'Kết quả bỏ phiếu đề nghị Cờ thi đua của Chính phủ',
    body:
      selectedNames.length > 0
        ? `Đề nghị: ${selectedNames.join(', ')}. Hạn trình Bộ Nội vụ: ${deadlineDate}.`
        : 'Không đơn vị nào đạt; năm nay tỉnh không đề nghị Cờ thi đua của Chính phủ.',
  }),
  submitted: (letterNumber: string, letterDate: string): Notice => ({
    title: 'Hồ sơ đề nghị Cờ thi đua của Chính phủ đã trình Bộ Nội vụ',
    body: `Tờ trình số ${letterNumber} ngày ${letterDate}.`,
  }),
  decided: (decisionNumber: string | undefined, decisionDate: string | undefined, amountVnd: number): Notice => ({
    title: 'Được tặng Cờ thi đua của Chính phủ',
    body: `Quyết định số ${decisionNumber} ngày ${decisionDate}; tiền thưởng ${amountVnd} đồng.`,
  }),
  returned: (legalGrounds: string | undefined): Notice => ({
    title: 'Bộ Nội vụ trả lại hồ sơ Cờ thi đua của Chính phủ',
    body: `Căn cứ pháp lý: ${legalGrounds}`,
  }),
  held: (reason: string): Notice => ({ title: 'Tạm dừng xét đề nghị Cờ thi đua của Chính phủ', body: reason }),
  holdResolved: (rejected: boolean, reason: string): Notice => ({
    title: rejected ? 'Không đề nghị Cờ thi đua của Chính phủ' : 'Tiếp tục xét đề nghị Cờ thi đua của Chính phủ',
    body: reason,
  }),
};

/** Reasons written on a Government-flag candidate (the proposal's `reason`, shown to the unit). */
export const governmentFlagReasons = {
  belowThreshold:
    'Không đạt từ 80% phiếu đồng ý trên tổng số thành viên Hội đồng (Điều 33 khoản 5 Nghị định 152/2025/NĐ-CP).',
  overQuota: 'Vượt số lượng đề nghị tối đa 20% đơn vị dẫn đầu (Điều 7 khoản 1 Nghị định 152/2025/NĐ-CP).',
  held: (reason: string) => `Tạm dừng xét (${ART_4_4}): ${reason}`,
  disqualified: (reason: string) => `Không đủ điều kiện (${ART_4_4}): ${reason}`,
  notSubmitted: `Hồ sơ đã trình Bộ Nội vụ khi đơn vị còn bị tạm dừng xét (${ART_4_4}).`,
  lapsed: (deadlineDate: string) => `Quá hạn trình Bộ Nội vụ ${deadlineDate} (${ART_35_1_B}).`,
};
