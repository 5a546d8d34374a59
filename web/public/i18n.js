// Vietnamese by default; English on request. Keys are short and stable.
const vi = {
  brand: 'Thi Đua — Khối thi đua', skip: 'Bỏ qua đến nội dung', logout: 'Đăng xuất', login: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu',
  home: 'Khối thi đua', inbox: 'Nhiệm vụ', notifications: 'Thông báo', working: 'Đang xử lý…', saved: 'Đã ghi nhận', year: 'Năm', phase: 'Giai đoạn',
  open: 'Mở', start: 'Bắt đầu chu kỳ', theme: 'Chủ đề', slogan: 'Khẩu hiệu', deadlines: 'Thời hạn', unit: 'Đơn vị', status: 'Trạng thái', due: 'Hạn', reminders: 'Lần nhắc',
  pledge: 'Giao ước', midYear: 'Sơ kết 6 tháng', selfScoring: 'Tự chấm điểm', review: 'Thẩm định', voting: 'Bình xét', council: 'Hội đồng', handover: 'Bàn giao', launch: 'Phát động', closed: 'Kết thúc',
  none: 'chưa', submitted: 'đã nộp', accepted: 'đã chấp nhận', returned: 'bị trả lại', late: 'quá hạn', onHold: 'tạm dừng xét', disqualified: 'không đủ điều kiện',
  publishPlan: 'Ban hành kế hoạch', targets: 'Chỉ tiêu (mỗi dòng một chỉ tiêu)', signedBy: 'Người ký', submitPledge: 'Ký giao ước', accept: 'Chấp nhận', returnIt: 'Trả lại', reason: 'Lý do',
  summary: 'Nội dung báo cáo', submitReport: 'Gửi báo cáo', compile: 'Tổng hợp báo cáo của khối', submitScores: 'Gửi bảng tự chấm', closeReview: 'Kết thúc thẩm định, công bố điểm',
  adjust: 'Điều chỉnh điểm', criterion: 'Tiêu chí', points: 'Điểm', attendance: 'Đơn vị có mặt', openMeeting: 'Khai mạc hội nghị bình xét', closeRound: 'Kết thúc vòng bỏ phiếu',
  ballot: 'Phiếu bầu (bỏ phiếu kín)', castBallot: 'Bỏ phiếu', round: 'Vòng', votedCount: 'Đã bỏ phiếu', decide: 'Trưởng khối và Phó Trưởng khối quyết định', recordHandover: 'Ghi nhận bàn giao Trưởng khối',
  proposals: 'Đề nghị khen thưởng', voteYes: 'Tán thành', voteNo: 'Không tán thành', approve: 'Phê duyệt', reject: 'Không khen thưởng', decisionNumber: 'Số quyết định', decisionDate: 'Ngày quyết định', resubmit: 'Trình lại', achievement: 'Thành tích',
  results: 'Kết quả', rank: 'Hạng', score: 'Điểm', awards: 'Khen thưởng', nextYear: 'Chu kỳ năm sau', extend: 'Gia hạn', newDeadline: 'Hạn mới', leader: 'Đơn vị dẫn đầu (Cờ thi đua)', certificate: 'Bằng khen', nextHead: 'Trưởng khối năm sau', nextDeputy: 'Phó Trưởng khối năm sau',
  head: 'Trưởng khối', deputy: 'Phó Trưởng khối', noTasks: 'Không có nhiệm vụ.', noNotifications: 'Không có thông báo.', tasksGroup: 'Nhiệm vụ chuyên môn', otherGroups: 'Các nhóm khác', documents: 'Văn bản',
  approved: 'đã phê duyệt', rejected: 'không khen thưởng', done: 'hoàn thành', cancelled: 'đã hủy', decided: 'đã quyết định', awaitingDecision: 'chờ quyết định', pending: 'chưa mở',
};
const en = {
  brand: 'Thi Đua — Emulation bloc', skip: 'Skip to content', logout: 'Log out', login: 'Log in', username: 'Username', password: 'Password',
  home: 'Blocs', inbox: 'Tasks', notifications: 'Notifications', working: 'Working…', saved: 'Recorded', year: 'Year', phase: 'Phase',
  open: 'Open', start: 'Start the cycle', theme: 'Theme', slogan: 'Slogan', deadlines: 'Deadlines', unit: 'Unit', status: 'Status', due: 'Due', reminders: 'Reminders',
  pledge: 'Pledge', midYear: 'Mid-year review', selfScoring: 'Self-scoring', review: 'Review', voting: 'Voting', council: 'Council', handover: 'Handover', launch: 'Launch', closed: 'Closed',
  none: 'not yet', submitted: 'submitted', accepted: 'accepted', returned: 'returned', late: 'late', onHold: 'on hold', disqualified: 'disqualified',
  publishPlan: 'Publish the plan', targets: 'Targets (one per line)', signedBy: 'Signed by', submitPledge: 'Sign the pledge', accept: 'Accept', returnIt: 'Return', reason: 'Reason',
  summary: 'Report', submitReport: 'Submit report', compile: 'Compile the bloc report', submitScores: 'Submit self-score', closeReview: 'Close the review, publish scores',
  adjust: 'Adjust a score', criterion: 'Criterion', points: 'Points', attendance: 'Units present', openMeeting: 'Open the assessment meeting', closeRound: 'Close the ballot round',
  ballot: 'Ballot (secret)', castBallot: 'Cast ballot', round: 'Round', votedCount: 'Voted', decide: 'Head and deputy decide', recordHandover: 'Record the head handover',
  proposals: 'Award proposals', voteYes: 'In favour', voteNo: 'Against', approve: 'Approve', reject: 'Reject', decisionNumber: 'Decision number', decisionDate: 'Decision date', resubmit: 'Resubmit', achievement: 'Achievement',
  results: 'Results', rank: 'Rank', score: 'Score', awards: 'Awards', nextYear: 'Next year’s cycle', extend: 'Extend', newDeadline: 'New deadline', leader: 'Leading unit (emulation flag)', certificate: 'Certificate of merit', nextHead: 'Next head', nextDeputy: 'Next deputy',
  head: 'Bloc head', deputy: 'Deputy', noTasks: 'No tasks.', noNotifications: 'No notifications.', tasksGroup: 'Professional tasks', otherGroups: 'Other groups', documents: 'Documents',
  approved: 'approved', rejected: 'rejected', done: 'done', cancelled: 'cancelled', decided: 'decided', awaitingDecision: 'awaiting decision', pending: 'not open',
};
const dictionaries = { vi, en };
let current = sessionStorage.getItem('lang') === 'en' ? 'en' : 'vi';
export const lang = () => current;
export const t = (key) => dictionaries[current][key] ?? dictionaries.vi[key] ?? key;
export function setLang(next) {
  current = next;
  sessionStorage.setItem('lang', next);
  document.documentElement.lang = next;
}
