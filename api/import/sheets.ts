/**
 * The onboarding import's sheets: one per kind of record, each row checked by a schema DERIVED from the admin API's
 * own request schemas (api/routes/admin/schemas.ts: the same codes, names, usernames, dates and council
 * positions; rotation is the rule-set's, not the bloc's), so a row is valid exactly when the equivalent admin call would be. Columns are named in
 * Vietnamese in the templates; a header may also be the column's key. A Zod issue's path names the column.
 */
import { z } from 'zod';
import { STATED, trimmedText } from '../../contracts/common';
import { AwardTypeSchema, AWARD_LABELS_VI } from '../../domain/eligibility';
import {
  AddMemberSchema,
  Code,
  CouncilPositionSchema,
  CreateBlocFields,
  CreatePersonSchema,
  CreateUnitSchema,
} from '../routes/admin/schemas';

export type CellKind = 'text' | 'number' | 'date';
export interface Column {
  key: string;
  /** The header in the templates (Vietnamese). */
  header: string;
  kind: CellKind;
  /** Vietnamese spellings accepted for an enumerated value (lower case) → the value. */
  aliases?: Record<string, string>;
  example: string | number;
}
export interface SheetDef {
  key: SheetKey;
  /** The worksheet's name in the XLSX template. */
  title: string;
  columns: Column[];
  schema: z.ZodType<Record<string, unknown>>;
  /** A second example row for the template. */
  example2?: Record<string, string | number>;
}

export const SHEET_KEYS = ['units', 'blocs', 'members', 'people', 'council', 'history'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

const col = (
  key: string,
  header: string,
  example: string | number,
  kind: CellKind = 'text',
  aliases?: Column['aliases'],
) => ({
  key,
  header,
  kind,
  example,
  ...(aliases ? { aliases } : {}),
});
const IsoDate = z.iso.date();

export const UnitRowSchema = CreateUnitSchema.omit({ provinceId: true });
// The bloc's level is set through the admin API, not the import (catalog13): the row keeps its columns.
export const BlocRowSchema = CreateBlocFields.omit({
  provinceId: true,
  level: true,
  authorityName: true,
  signerName: true,
}).extend({
  headUnitCode: Code.optional(),
  deputyUnitCode: Code.optional(),
});
export const MemberRowSchema = AddMemberSchema.omit({ unitId: true }).extend({ blocCode: Code, unitCode: Code });
export const PersonRowSchema = CreatePersonSchema.pick({ username: true, fullName: true, email: true })
  .extend({ unitCode: Code.optional(), role: z.enum(['unitOfficer']).optional() })
  .superRefine((r, ctx) => {
    if (r.role === 'unitOfficer' && !r.unitCode)
      ctx.addIssue({ code: 'custom', path: ['unitCode'], message: 'required for a unit officer', params: STATED });
  });
export const CouncilRowSchema = CreatePersonSchema.pick({ username: true }).extend({
  position: z.enum([...CouncilPositionSchema.options, 'secretary']),
});
export const HistoryRowSchema = z
  .strictObject({
    year: z.number().int().min(1990).max(2100),
    blocCode: Code,
    unitCode: Code,
    role: z.enum(['head', 'deputy', 'member']).default('member'),
    rank: z.number().int().min(1).max(500).optional(),
    score: z.number().min(0).max(10_000).optional(),
    awardType: AwardTypeSchema.optional(),
    decisionNumber: trimmedText(1, 100).optional(),
    decisionDate: IsoDate.optional(),
    signer: trimmedText(2, 300).optional(),
    amountVnd: z.number().int().min(0).max(1e12).optional(),
  })
  .superRefine((r, ctx) => {
    const need = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message, params: STATED });
    if (r.rank !== undefined && r.score === undefined) need('score', 'required with a rank');
    if (r.awardType && !r.decisionNumber) need('decisionNumber', 'required with an award');
    if (r.awardType && !r.decisionDate) need('decisionDate', 'required with an award');
  });

const yes = (value: string, ...spellings: string[]) => Object.fromEntries(spellings.map((s) => [s, value]));
const POSITION = {
  ...yes('chair', 'chủ tịch'),
  ...yes('viceChair', 'phó chủ tịch'),
  ...yes('member', 'ủy viên', 'uỷ viên', 'thành viên'),
  ...yes('secretary', 'thư ký', 'thường trực'),
};
const ROLE = {
  ...yes('head', 'trưởng khối'),
  ...yes('deputy', 'phó trưởng khối', 'khối phó'),
  ...yes('member', 'thành viên'),
};
const AWARD = Object.fromEntries(Object.entries(AWARD_LABELS_VI).map(([k, v]) => [v.toLowerCase(), k]));

export const SHEETS: Record<SheetKey, SheetDef> = {
  units: {
    key: 'units',
    title: 'Đơn vị',
    schema: UnitRowSchema,
    columns: [
      col('code', 'Mã đơn vị', 'HG-CA'),
      col('name', 'Tên đơn vị', 'Công an tỉnh Hậu Giang'),
      col('shortName', 'Tên viết tắt', 'Công an tỉnh'),
      col('womenRatio', 'Tỷ lệ nữ (0–1)', 0.35, 'number'),
    ],
    example2: { code: 'HG-VKSND', name: 'Viện kiểm sát nhân dân tỉnh Hậu Giang', shortName: 'VKSND tỉnh' },
  },
  blocs: {
    key: 'blocs',
    title: 'Khối thi đua',
    schema: BlocRowSchema,
    columns: [
      col('code', 'Mã khối', 'HG-NOICHINH'),
      col('name', 'Tên khối', 'Khối thi đua Nội chính tỉnh Hậu Giang'),
      col('ruleSetCode', 'Mã bộ quy tắc', 'CT-NOICHINH'),
      col('headUnitCode', 'Trưởng khối (mã đơn vị)', 'HG-CA'),
      col('deputyUnitCode', 'Phó Trưởng khối (mã đơn vị)', 'HG-VKSND'),
    ],
  },
  members: {
    key: 'members',
    title: 'Thành viên khối',
    schema: MemberRowSchema,
    columns: [
      col('blocCode', 'Mã khối', 'HG-NOICHINH'),
      col('unitCode', 'Mã đơn vị', 'HG-CA'),
      col('joinedOn', 'Ngày tham gia', '2020-01-01', 'date'),
      col('reason', 'Ghi chú', 'Thành lập khối'),
    ],
    example2: { blocCode: 'HG-NOICHINH', unitCode: 'HG-VKSND', joinedOn: '2020-01-01' },
  },
  people: {
    key: 'people',
    title: 'Cán bộ',
    schema: PersonRowSchema,
    columns: [
      col('username', 'Tên đăng nhập', 'hg.ca'),
      col('fullName', 'Họ và tên', 'Nguyễn Văn An'),
      col('email', 'Thư điện tử', 'an.nv@hg.gov.vn'),
      col('unitCode', 'Mã đơn vị', 'HG-CA'),
      col('role', 'Vai trò', 'unitOfficer', 'text', yes('unitOfficer', 'cán bộ đơn vị', 'cán bộ thi đua')),
    ],
    example2: { username: 'hg.hd1', fullName: 'Trần Thị Bình', email: 'binh.tt@hg.gov.vn' },
  },
  council: {
    key: 'council',
    title: 'Hội đồng',
    schema: CouncilRowSchema,
    columns: [col('username', 'Tên đăng nhập', 'hg.hd1'), col('position', 'Chức danh', 'chair', 'text', POSITION)],
  },
  history: {
    key: 'history',
    title: 'Kết quả các năm',
    schema: HistoryRowSchema,
    columns: [
      col('year', 'Năm', 2023, 'number'),
      col('blocCode', 'Mã khối', 'HG-NOICHINH'),
      col('unitCode', 'Mã đơn vị', 'HG-CA'),
      col('role', 'Vai trò trong khối', 'head', 'text', ROLE),
      col('rank', 'Xếp hạng', 1, 'number'),
      col('score', 'Tổng điểm', 96.5, 'number'),
      col('awardType', 'Khen thưởng', 'emulation-flag', 'text', AWARD),
      col('decisionNumber', 'Số quyết định', '123/QĐ-UBND'),
      col('decisionDate', 'Ngày quyết định', '2024-01-20', 'date'),
      col('signer', 'Người ký', 'Chủ tịch UBND tỉnh'),
      col('amountVnd', 'Tiền thưởng (đồng)', 14_400_000, 'number'),
    ],
    example2: { year: 2023, blocCode: 'HG-NOICHINH', unitCode: 'HG-VKSND', role: 'deputy', rank: 2, score: 94 },
  },
};

/** The columns a sheet's schema still has (a field removed from an admin schema drops its column). */
export const columnsOf = (sheet: SheetDef): Column[] => {
  const shape = (sheet.schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? sheet.columns.filter((c) => c.key in shape) : sheet.columns;
};
