/**
 * The demo / reference data the seed writes (prisma/seed.ts): the two provincial blocs, their member
 * units, councils and demo accounts. Data only; also read by tests that need the seeded bloc without
 * a database (test/support/stub-bloc.ts).
 */
export interface UnitSeed {
  code: string;
  name: string;
  shortName: string;
  womenRatio: number;
  officer: string;
}

export interface PersonSeed {
  username: string;
  fullName: string;
}

export interface ProvinceSeed {
  code: string;
  name: string;
  /** 'thành phố' or 'tỉnh', used in names. */
  level: string;
  place: string;
  bloc: {
    code: string;
    name: string;
    /** The rotation policy is the rule-set's (`rotation`), not the bloc's: one home (README, "Rotation"). */
    ruleSetCode: string;
    headUnitCode: string;
    deputyUnitCode: string;
    /** First day of the seeded memberships. */
    membershipStart: Date;
    membershipReason: string;
    /** Where the members and the head come from. */
    source?: string;
  };
  units: UnitSeed[];
  council: { members: PersonSeed[]; secretary: PersonSeed };
}

/** Membership start of the Cần Thơ bloc: the merged city exists since 1 July 2025. */
export const MEMBERSHIP_START = new Date('2025-07-01T00:00:00.000Z');

export const SEED_PROVINCES: readonly ProvinceSeed[] = [
  {
    code: 'CT',
    name: 'Thành phố Cần Thơ',
    level: 'thành phố',
    place: 'Cần Thơ',
    bloc: {
      code: 'CT-NOICHINH',
      name: 'Khối thi đua Nội chính thành phố Cần Thơ',
      ruleSetCode: 'can-tho',
      headUnitCode: 'CT-CA',
      deputyUnitCode: 'CT-VKSND',
      membershipStart: MEMBERSHIP_START,
      membershipReason: 'Thành lập khối theo tổ chức bộ máy từ 01/7/2025',
    },
    units: [
      {
        code: 'CT-BCHQS',
        name: 'Bộ Chỉ huy Quân sự thành phố',
        shortName: 'BCHQS TP',
        womenRatio: 0.11,
        officer: 'Đại úy Trần Văn Hùng',
      },
      {
        code: 'CT-CA',
        name: 'Công an thành phố',
        shortName: 'Công an TP',
        womenRatio: 0.17,
        officer: 'Thiếu tá Nguyễn Minh Tuấn',
      },
      {
        code: 'CT-VKSND',
        name: 'Viện Kiểm sát nhân dân thành phố',
        shortName: 'VKSND TP',
        womenRatio: 0.46,
        officer: 'Lê Thị Thu Hà',
      },
      {
        code: 'CT-TAND',
        name: 'Tòa án nhân dân thành phố',
        shortName: 'TAND TP',
        womenRatio: 0.49,
        officer: 'Phạm Quốc Bảo',
      },
      // Formerly Cục Thi hành án dân sự thành phố Cần Thơ (renamed in the 2025 reorganisation).
      {
        code: 'CT-THADS',
        name: 'Thi hành án dân sự thành phố',
        shortName: 'THADS TP',
        womenRatio: 0.41,
        officer: 'Võ Thị Ngọc Lan',
      },
      {
        code: 'CT-TTR',
        name: 'Thanh tra thành phố',
        shortName: 'Thanh tra TP',
        womenRatio: 0.36,
        officer: 'Huỳnh Văn Phúc',
      },
      { code: 'CT-STP', name: 'Sở Tư pháp', shortName: 'Sở Tư pháp', womenRatio: 0.72, officer: 'Nguyễn Thị Kim Oanh' },
    ],
    council: {
      members: [
        { username: 'ct.hd1', fullName: 'Trần Quốc Việt' },
        { username: 'ct.hd2', fullName: 'Lâm Thị Mỹ Dung' },
        { username: 'ct.hd3', fullName: 'Đặng Hoàng Nam' },
        { username: 'ct.hd4', fullName: 'Trương Thị Bích Ngọc' },
        { username: 'ct.hd5', fullName: 'Lý Thành Công' },
      ],
      secretary: { username: 'ct.tk', fullName: 'Châu Thị Thanh Tâm' },
    },
  },
  {
    code: 'TN',
    name: 'Tỉnh Tây Ninh',
    level: 'tỉnh',
    place: 'Tây Ninh',
    bloc: {
      code: 'TN-NOICHINH',
      name: 'Khối thi đua Nội chính tỉnh Tây Ninh',
      ruleSetCode: 'tay-ninh',
      // 2024: the Procuracy heads the bloc (domain-rules §5.5). The deputy is not in the source: the Court, the
      // other judicial member, is a demo choice.
      headUnitCode: 'TN-VKSND',
      deputyUnitCode: 'TN-TAND',
      membershipStart: new Date('2024-01-01T00:00:00.000Z'),
      membershipReason: 'Thành viên Khối thi đua Nội chính tỉnh năm 2024',
      source:
        'domain-rules §5.5: Tây Ninh internal-affairs bloc 2024 (meeting 11/3/2025, head = VKSND), https://baotayninh.vn/index.php/khoi-thi-dua-noi-chinh-tinh-binh-xet-thi-dua-nam-2024-a187313.html',
    },
    units: [
      {
        code: 'TN-BCHQS',
        name: 'Bộ Chỉ huy Quân sự tỉnh',
        shortName: 'BCHQS tỉnh',
        womenRatio: 0.09,
        officer: 'Thượng úy Nguyễn Văn Lộc',
      },
      {
        code: 'TN-CA',
        name: 'Công an tỉnh',
        shortName: 'Công an tỉnh',
        womenRatio: 0.15,
        officer: 'Thiếu tá Đỗ Thanh Sơn',
      },
      {
        code: 'TN-VKSND',
        name: 'Viện Kiểm sát nhân dân tỉnh',
        shortName: 'VKSND tỉnh',
        womenRatio: 0.44,
        officer: 'Phan Thị Hồng Nhung',
      },
      {
        code: 'TN-TAND',
        name: 'Tòa án nhân dân tỉnh',
        shortName: 'TAND tỉnh',
        womenRatio: 0.52,
        officer: 'Nguyễn Hữu Thắng',
      },
      {
        code: 'TN-BDBP',
        name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
        shortName: 'BĐBP tỉnh',
        womenRatio: 0.07,
        officer: 'Thiếu tá Trịnh Công Phương',
      },
      // Cục Thi hành án dân sự tỉnh in 2024, renamed Thi hành án dân sự tỉnh in the 2025 reorganisation
      // (domain-rules §1: "THADS tỉnh; formerly Cục THADS"); the seed carries today's name.
      {
        code: 'TN-THADS',
        name: 'Thi hành án dân sự tỉnh',
        shortName: 'THADS tỉnh',
        womenRatio: 0.38,
        officer: 'Bùi Văn Khánh',
      },
    ],
    council: {
      members: [
        { username: 'tn.hd1', fullName: 'Nguyễn Thành Trung' },
        { username: 'tn.hd2', fullName: 'Hà Thị Thanh Xuân' },
        { username: 'tn.hd3', fullName: 'Lê Văn Đức' },
        { username: 'tn.hd4', fullName: 'Vương Thị Ánh Tuyết' },
        { username: 'tn.hd5', fullName: 'Dương Minh Khoa' },
      ],
      secretary: { username: 'tn.tk', fullName: 'Kiều Thị Phương Thảo' },
    },
  },
];

export const COUNCIL_POSITIONS = ['chair', 'viceChair', 'member', 'member', 'member'] as const;

/** 'CT-VKSND' → 'ct.vksnd' */
export const officerUsername = (unitCode: string): string => unitCode.toLowerCase().replace(/-/g, '.');
export const emailOf = (username: string) => `${username}@thidua.example`;

/** Every demo account's username and name (admin first). */
export function demoPeople(): Array<PersonSeed & { unitCode?: string }> {
  const people: Array<PersonSeed & { unitCode?: string }> = [{ username: 'admin', fullName: 'Quản trị hệ thống' }];
  for (const p of SEED_PROVINCES) {
    for (const u of p.units) people.push({ username: officerUsername(u.code), fullName: u.officer, unitCode: u.code });
    people.push(...p.council.members, p.council.secretary);
  }
  return people;
}
