/** The admin API's request contracts (bodies and queries), one Zod schema each: validation and OpenAPI. */
import { z } from 'zod';
import {
  IdSchema,
  STATED,
  atLeastOneField,
  blankPadded,
  requiredWhen,
  trimmedMatch,
  trimmedText,
} from '../../../contracts/common';
import { RuleSetSchema } from '../../../domain/ruleset';
import { BlocLevelSchema } from '../../../domain/award-catalogue';

export const Code = trimmedMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$/, '2–50 letters, digits, ".", "_" or "-"');
const Name = trimmedText(2, 300);
const Reason = trimmedText(3, 2000);
const IsoDate = z.iso.date();
// Lower-cased before the match: the document admits upper case too.
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,99}$/, '3–100 lower-case letters, digits, ".", "_" or "-"')
  .meta({ pattern: blankPadded('[A-Za-z0-9][A-Za-z0-9._-]{2,99}') });
const Password = z.string().min(10, 'at least 10 characters').max(200);
export const CouncilPositionSchema = z.enum(['chair', 'viceChair', 'member']);

export const PageQuerySchema = z.object({
  take: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/** A province code names its workflows (govflag-<CODE>-<N>) and filters lists (`?province=`, ≤ 20 characters). */
const ProvinceCode = trimmedMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/, '2–20 letters, digits, "_" or "-"');
export const CreateProvinceSchema = z.strictObject({ code: ProvinceCode, name: Name });
export const UpdateProvinceSchema = z.strictObject({ name: Name });

/** Below the province a bloc names the body whose head signs its Giấy khen and that head (domain/award-catalogue.ts). */
const BELOW_PROVINCE = ['department', 'commune', 'district'] as const;
const authorityRequired = [
  {
    field: 'level',
    values: BELOW_PROVINCE,
    require: [
      { path: 'authorityName', message: 'a bloc below the province names its awarding body, e.g. "Sở Tư pháp"' },
      { path: 'signerName', message: 'a bloc below the province names the head who signs its awards' },
    ],
  },
];
/** The bloc's fields without the level rule (the import's bloc row derives from it: api/import/sheets.ts). */
export const CreateBlocFields = z.strictObject({
  code: Code,
  name: Name,
  provinceId: IdSchema,
  ruleSetCode: trimmedText(1, 100),
  /** province (default) | department | commune | district (years before 2025-07-01 only). */
  level: BlocLevelSchema.default('province'),
  authorityName: Name.optional(),
  signerName: Name.optional(),
});
export const CreateBlocSchema = requiredWhen(CreateBlocFields, authorityRequired);
export const UpdateBlocSchema = atLeastOneField(
  requiredWhen(
    z.strictObject({
      name: Name.optional(),
      ruleSetCode: trimmedText(1, 100).optional(),
      headUnitId: IdSchema.optional(),
      deputyUnitId: IdSchema.optional(),
      level: BlocLevelSchema.optional(),
      authorityName: Name.optional(),
      signerName: Name.optional(),
    }),
    authorityRequired,
  ),
);
export const AddMemberSchema = z.strictObject({ unitId: IdSchema, joinedOn: IsoDate, reason: Reason.optional() });
export const LeaveSchema = z.strictObject({ leftOn: IsoDate, reason: Reason });

export const CreateUnitSchema = z.strictObject({
  code: Code,
  name: Name,
  shortName: trimmedText(1, 100),
  provinceId: IdSchema,
  womenRatio: z.number().min(0).max(1).optional(),
});
export const UpdateUnitSchema = atLeastOneField(
  z.strictObject({
    code: Code.optional(),
    name: Name.optional(),
    shortName: trimmedText(1, 100).optional(),
    womenRatio: z.number().min(0).max(1).nullable().optional(),
  }),
);
export const DissolveUnitSchema = z.strictObject({
  dissolvedOn: IsoDate,
  successorId: IdSchema.optional(),
  reason: Reason,
});

export const RoleSpecSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin') }),
  z.strictObject({ role: z.literal('unitOfficer'), unitId: IdSchema }),
  z.strictObject({
    role: z.literal('councilMember'),
    councilId: IdSchema,
    position: CouncilPositionSchema.default('member'),
  }),
  z.strictObject({ role: z.literal('councilSecretary'), councilId: IdSchema }),
]);
export type RoleSpec = z.infer<typeof RoleSpecSchema>;
export const CreatePersonSchema = z.strictObject({
  username: Username,
  fullName: Name,
  email: z.email().max(200),
  password: Password,
  unitId: IdSchema.nullable().optional(),
  roles: z.array(RoleSpecSchema).max(10).default([]),
});
export const UpdatePersonSchema = atLeastOneField(
  z.strictObject({
    fullName: Name.optional(),
    email: z.email().max(200).optional(),
    unitId: IdSchema.nullable().optional(),
    password: Password.optional(),
    active: z.boolean().optional(),
  }),
);
export const DeactivateSchema = z.strictObject({ reason: Reason.optional() });

export const CreateCouncilSchema = z.strictObject({ provinceId: IdSchema, name: Name });
export const UpdateCouncilSchema = z.strictObject({ name: Name });
export const AddCouncilMemberSchema = z.strictObject({
  personId: IdSchema,
  position: CouncilPositionSchema.default('member'),
});

/** A provincial rule-set is the regulation of one province; a national one belongs to none (checked and stated as if/then/else). */
export const CreateRuleSetSchema = z
  .strictObject({ provinceId: IdSchema.nullable().optional(), ruleSet: RuleSetSchema })
  .superRefine((b, ctx) => {
    if (b.ruleSet.scope === 'provincial' && !b.provinceId)
      ctx.addIssue({
        code: 'custom',
        path: ['provinceId'],
        message: 'required when ruleSet.scope is provincial',
        params: STATED,
      });
    if (b.ruleSet.scope === 'national' && b.provinceId)
      ctx.addIssue({
        code: 'custom',
        path: ['provinceId'],
        message: 'must be null when ruleSet.scope is national',
        params: STATED,
      });
  })
  .meta({
    if: { properties: { ruleSet: { properties: { scope: { const: 'provincial' } } } } },
    then: { required: ['provinceId'], properties: { provinceId: { type: 'string' } } },
    else: { properties: { provinceId: { type: 'null' } } },
  });

export const P = {
  province: z.object({ provinceId: z.string() }),
  bloc: z.object({ blocId: z.string() }),
  member: z.object({ blocId: z.string(), unitId: z.string() }),
  unit: z.object({ unitId: z.string() }),
  person: z.object({ personId: z.string() }),
  role: z.object({ personId: z.string(), roleId: z.string() }),
  council: z.object({ councilId: z.string() }),
  seat: z.object({ councilId: z.string(), personId: z.string() }),
};

export const BlocQuery = PageQuerySchema.extend({ province: z.string().max(20).optional() });
export const UnitQuery = PageQuerySchema.extend({
  province: z.string().max(20).optional(),
  dissolved: z.enum(['true', 'false']).optional(),
});
export const PeopleQuery = PageQuerySchema.extend({
  unitId: z.string().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const RuleSetQuery = PageQuerySchema.extend({ code: z.string().max(100).optional() });
