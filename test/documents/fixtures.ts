/**
 * Sample data for a 7-unit internal-affairs bloc of Cần Thơ (Khối thi đua Nội chính), year 2025, assessed at a meeting
 * on 05/01/2026 chaired by the 2025 head (Sở Tư pháp). Thanh tra thành phố is absent, so 6/7 units (85,71%) are present.
 */
import type { BallotCountInput, DecisionInput, MinutesInput, ProposalInput } from '../../documents';

type ContestInput = NonNullable<MinutesInput['contests']>[number];

export const UNITS = [
  { unitId: 'bchqs', name: 'Bộ Chỉ huy Quân sự thành phố' },
  { unitId: 'ca', name: 'Công an thành phố' },
  { unitId: 'vks', name: 'Viện Kiểm sát nhân dân thành phố' },
  { unitId: 'ta', name: 'Tòa án nhân dân thành phố' },
  { unitId: 'thads', name: 'Thi hành án dân sự thành phố' },
  { unitId: 'tt', name: 'Thanh tra thành phố' },
  { unitId: 'stp', name: 'Sở Tư pháp' },
] as const;

const REPRESENTATIVES: Record<string, { name: string; position: string }> = {
  bchqs: { name: 'Trần Quốc Hưng', position: 'Phó Chỉ huy trưởng' },
  ca: { name: 'Lê Thị Ngọc Ánh', position: 'Phó Giám đốc' },
  vks: { name: 'Nguyễn Hữu Đức', position: 'Phó Viện trưởng' },
  ta: { name: 'Phạm Thị Thu Hằng', position: 'Phó Chánh án' },
  thads: { name: 'Huỳnh Văn Lực', position: 'Phó Thủ trưởng' },
  stp: { name: 'Võ Thành Nhân', position: 'Giám đốc' },
};

export function members(absent: readonly string[] = ['tt']): MinutesInput['members'] {
  return UNITS.map((u) =>
    absent.includes(u.unitId)
      ? { ...u, present: false, absenceReason: 'bận công tác đột xuất theo chỉ đạo của cấp trên', writtenOpinion: true }
      : { ...u, present: true, representative: REPRESENTATIVES[u.unitId]! },
  );
}

export const BLOC = 'Khối thi đua Nội chính';
export const FLAG = 'Cờ thi đua của Ủy ban nhân dân thành phố';
export const CERTIFICATE = 'Bằng khen của Chủ tịch Ủy ban nhân dân thành phố';

export function contests(): ContestInput[] {
  return [
    {
      contest: 'leader',
      awardName: FLAG,
      threshold: { ratio: 0.8, base: 'allMembers' },
      rounds: [
        {
          round: 1,
          ballotsIssued: 6,
          ballotsReceived: 6,
          validBallots: 6,
          invalidBallots: 0,
          votes: [
            { unitId: 'bchqs', votes: 6 },
            { unitId: 'ca', votes: 0 },
          ],
        },
      ],
      winners: ['bchqs'],
    },
    {
      contest: 'certificate',
      awardName: CERTIFICATE,
      seats: 2,
      threshold: { ratio: 0.5, base: 'allMembers', strict: true },
      rounds: [
        {
          round: 1,
          ballotsIssued: 6,
          ballotsReceived: 6,
          validBallots: 6,
          invalidBallots: 0,
          votes: [
            { unitId: 'ca', votes: 5 },
            { unitId: 'vks', votes: 4 },
            { unitId: 'ta', votes: 2 },
            { unitId: 'thads', votes: 1 },
          ],
        },
      ],
      winners: ['ca', 'vks'],
    },
    {
      contest: 'nextHead',
      threshold: { ratio: 0.5, base: 'present', strict: true },
      rounds: [
        {
          round: 1,
          ballotsIssued: 6,
          ballotsReceived: 6,
          validBallots: 6,
          invalidBallots: 0,
          votes: [
            { unitId: 'ca', votes: 5 },
            { unitId: 'vks', votes: 1 },
          ],
        },
      ],
      winners: ['ca'],
    },
    {
      contest: 'nextDeputy',
      threshold: { ratio: 0.5, base: 'validBallots', strict: true },
      rounds: [
        {
          round: 1,
          ballotsIssued: 6,
          ballotsReceived: 6,
          validBallots: 6,
          invalidBallots: 0,
          votes: [
            { unitId: 'vks', votes: 3 },
            { unitId: 'ta', votes: 3 },
          ],
          note: 'Không đơn vị nào đạt trên 50% số phiếu hợp lệ, Khối tiến hành bỏ phiếu vòng 2 giữa hai đơn vị có số phiếu bằng nhau',
        },
        {
          round: 2,
          ballotsIssued: 6,
          ballotsReceived: 6,
          validBallots: 5,
          invalidBallots: 1,
          votes: [
            { unitId: 'vks', votes: 4 },
            { unitId: 'ta', votes: 1 },
          ],
        },
      ],
      winners: ['vks'],
    },
  ];
}

const HEADER = { parentBody: 'UBND THÀNH PHỐ CẦN THƠ', issuingBody: 'KHỐI THI ĐUA NỘI CHÍNH', issuerAbbr: 'KNC' };

export function minutesFixture(): MinutesInput {
  return {
    header: { ...HEADER, number: 5 },
    blocName: BLOC,
    year: 2025,
    startedAt: '2026-01-05T08:00',
    endedAt: '2026-01-05T11:30',
    venue: 'Hội trường Sở Tư pháp thành phố Cần Thơ',
    chair: {
      name: 'Võ Thành Nhân',
      position: 'Giám đốc Sở Tư pháp',
      unit: 'Khối trưởng Khối thi đua Nội chính năm 2025',
    },
    secretary: { name: 'Đặng Thị Mỹ Duyên', position: 'Chuyên viên Văn phòng', unit: 'Sở Tư pháp' },
    members: members(),
    guests: [{ name: 'Lý Minh Quân', position: 'Phó Trưởng phòng Thi đua - Khen thưởng', unit: 'Sở Nội vụ thành phố' }],
    quorumRule: { ratio: 2 / 3, label: '2/3', source: 'Quy chế hoạt động của Khối' },
    scores: [
      { unitId: 'bchqs', selfScore: 985.5, agreedScore: 980, rank: 1 },
      { unitId: 'ca', selfScore: 975, agreedScore: 970.5, rank: 2 },
      { unitId: 'vks', selfScore: 960, agreedScore: 958, rank: 3 },
      { unitId: 'ta', selfScore: 950, agreedScore: 945, rank: 4 },
      { unitId: 'thads', selfScore: 940, agreedScore: 936, rank: 5 },
      { unitId: 'stp', selfScore: 938, agreedScore: 930, rank: 6 },
      { unitId: 'tt', selfScore: 920, agreedScore: 915.25, rank: 7 },
    ],
    maxScore: 1000,
    discussion: [
      'Các đơn vị thành viên đã báo cáo kết quả thực hiện nhiệm vụ chính trị và phong trào thi đua năm 2025; Khối trưởng tổng hợp, đối chiếu kết quả tự chấm điểm với Bảng chấm điểm thi đua của Khối và các minh chứng kèm theo. Các thành viên thống nhất điều chỉnh điểm của một số tiêu chí chưa đủ minh chứng.',
    ],
    ballotCountRecord: { number: 6, symbol: 'BB-KNC', date: '2026-01-05' },
    contests: contests(),
    recipients: ['Sở Nội vụ thành phố (Phòng Thi đua - Khen thưởng)', 'Các đơn vị thành viên Khối', 'Lưu: VT, Hồ sơ'],
  };
}

export function ballotCountFixture(): BallotCountInput {
  return {
    header: { ...HEADER, number: 6 },
    blocName: BLOC,
    year: 2025,
    startedAt: '2026-01-05T10:00',
    announcedAt: '2026-01-05T10:45',
    venue: 'Hội trường Sở Tư pháp thành phố Cần Thơ',
    committee: [
      { name: 'Nguyễn Hữu Đức', position: 'Phó Viện trưởng', unit: 'Viện Kiểm sát nhân dân thành phố', role: 'head' },
      { name: 'Phạm Thị Thu Hằng', position: 'Phó Chánh án', unit: 'Tòa án nhân dân thành phố', role: 'member' },
      { name: 'Huỳnh Văn Lực', position: 'Phó Thủ trưởng', unit: 'Thi hành án dân sự thành phố', role: 'member' },
    ],
    members: members(),
    contests: contests(),
  };
}

export function proposalFixture(): ProposalInput {
  return {
    header: { ...HEADER, number: 3, place: 'Cần Thơ', date: '2026-01-09' },
    blocName: BLOC,
    year: 2025,
    addressees: ['Chủ tịch Ủy ban nhân dân thành phố Cần Thơ', 'Sở Nội vụ thành phố Cần Thơ'],
    legalBases: [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
      'Căn cứ Quy chế hoạt động của Khối thi đua Nội chính năm 2025',
    ],
    minutes: { number: 5, symbol: 'BB-KNC', date: '2026-01-05' },
    ballotCount: { number: 6, symbol: 'BB-KNC', date: '2026-01-05' },
    intro: [
      'Năm 2025, các đơn vị thành viên Khối thi đua Nội chính đã triển khai thực hiện tốt nhiệm vụ chính trị được giao, tích cực hưởng ứng các phong trào thi đua do Ủy ban nhân dân thành phố phát động. Tại cuộc họp bình xét ngày 05 tháng 01 năm 2026, có 6/7 đơn vị thành viên tham dự, Khối đã thống nhất kết quả chấm điểm, xếp hạng và bỏ phiếu kín suy tôn, đề nghị khen thưởng.',
    ],
    entries: [
      {
        nominee: 'Bộ Chỉ huy Quân sự thành phố',
        award: FLAG,
        achievement:
          'Dẫn đầu phong trào thi đua Khối thi đua Nội chính năm 2025; hoàn thành xuất sắc nhiệm vụ quốc phòng, quân sự địa phương; đạt 980/1.000 điểm, xếp thứ nhất.',
        votes: 6,
        baseCount: 7,
        base: 'allMembers',
      },
      {
        nominee: 'Công an thành phố',
        award: CERTIFICATE,
        achievement: 'Hoàn thành xuất sắc nhiệm vụ bảo đảm an ninh, trật tự; đạt 970,5/1.000 điểm, xếp thứ hai.',
        votes: 5,
        baseCount: 7,
        base: 'allMembers',
      },
      {
        nominee: 'Viện Kiểm sát nhân dân thành phố',
        award: CERTIFICATE,
        achievement:
          'Hoàn thành xuất sắc nhiệm vụ thực hành quyền công tố, kiểm sát hoạt động tư pháp; đạt 958/1.000 điểm, xếp thứ ba.',
        votes: 4,
        baseCount: 7,
        base: 'allMembers',
      },
    ],
    signer: {
      onBehalfOf: BLOC,
      position: 'Khối trưởng',
      secondaryPosition: 'Giám đốc Sở Tư pháp',
      name: 'Võ Thành Nhân',
    },
    recipients: ['Các đơn vị thành viên Khối', 'Lưu: VT, Hồ sơ'],
  };
}

export function decisionFixture(): DecisionInput {
  return {
    header: {
      issuingBody: 'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ',
      issuerAbbr: 'UBND',
      number: 125,
      place: 'Cần Thơ',
      date: '2026-03-20',
    },
    year: 2025,
    authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
    legalBases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương năm 2025',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
    ],
    proposedBy: 'Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày 02 tháng 3 năm 2026',
    awardContext: 'trong phong trào thi đua năm 2025 của Khối thi đua Nội chính',
    baseSalaryVnd: 2_340_000,
    awards: [
      {
        recipient: 'Bộ Chỉ huy Quân sự thành phố',
        award: FLAG,
        achievement: 'Đơn vị dẫn đầu phong trào thi đua Khối thi đua Nội chính năm 2025',
        amountVnd: 18_720_000,
        coefficient: 8,
      },
      {
        recipient: 'Công an thành phố',
        award: CERTIFICATE,
        achievement: 'Đã có thành tích xuất sắc trong phong trào thi đua năm 2025',
        amountVnd: 7_020_000,
        coefficient: 3,
      },
      {
        recipient: 'Viện Kiểm sát nhân dân thành phố',
        award: CERTIFICATE,
        achievement: 'Đã có thành tích xuất sắc trong phong trào thi đua năm 2025',
        amountVnd: 7_020_000,
        coefficient: 3,
      },
    ],
    executors: [
      'Chánh Văn phòng Ủy ban nhân dân thành phố',
      'Giám đốc Sở Nội vụ',
      'Giám đốc Sở Tài chính',
      'Thủ trưởng các cơ quan, đơn vị có liên quan',
    ],
    signer: { prefix: 'KT.', prefixOf: 'Chủ tịch', position: 'Phó Chủ tịch', name: 'Nguyễn Thực Hiện' },
    recipients: ['Sở Nội vụ (Phòng Thi đua - Khen thưởng)', 'Khối thi đua Nội chính', 'Lưu: VT, NV'],
  };
}
