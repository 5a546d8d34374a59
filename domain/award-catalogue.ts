/**
 * The award catalogue by authority: which award each bloc contest proposes, at which level, who signs it and which
 * council considers it. Provincial configuration [PROV] in the rule-set (`awardCatalogue`); absent, the national
 * defaults below apply. The MONEY of a kind is national law (domain/money.ts, by the decree in force on the decision
 * date): the catalogue names the kind, the law gives the money.
 *
 * Levels of a bloc (domain-rules §0.2, §1, §2.1):
 * - province: a bloc organised by the province; the Chairman of the provincial People's Committee decides the
 *   provincial flag and his Bằng khen (L2022 Art. 26(1), 74 [NAT*]; ND 152/2025 Art. 33(3)).
 * - department: a department's (Sở, sector) own bloc; its director gives Giấy khen (L2022 Art. 75 [NAT*], restated
 *   in BN86 Art. 4(3)); the leader is proposed for Tập thể lao động xuất sắc, decided by the provincial Chairman
 *   (L2022 Art. 27 [NAT*]; domain §2.1).
 * - commune: the commune/ward Chairman gives Giấy khen (ND 129/2025/NĐ-CP Art. 59, from 01/07/2025).
 * - district: the district Chairman gave Giấy khen (L2022 Art. 80 as it stood) until districts were abolished on
 *   01/07/2025 (Law on Organisation of Local Government 2025; domain §0.2): a district bloc exists only for
 *   earlier dates.
 */
import { z } from 'zod';
import { toIsoDate, type DateInput, type IsoDate } from './dates';
import { AwardTypeSchema, type AwardType } from './eligibility';
import { DomainError } from './errors';
import type { RuleSet } from './ruleset';

export const BlocLevelSchema = z.enum(['province', 'department', 'commune', 'district']);
export type BlocLevel = z.infer<typeof BlocLevelSchema>;

/** Who signs the decision of an award kind. */
export const SigningAuthoritySchema = z.enum([
  'provinceChairman',
  'departmentDirector',
  'communeChairman',
  'districtChairman',
]);
export type SigningAuthority = z.infer<typeof SigningAuthoritySchema>;

/** The council that considers the proposals before the authority decides (L2022 Art. 90; BN86 Art. 8). */
export const DecidingCouncilSchema = z.enum([
  'provincialCouncil',
  'departmentCouncil',
  'communeCouncil',
  'districtCouncil',
]);
export type DecidingCouncil = z.infer<typeof DecidingCouncilSchema>;

/** The bloc contests that propose an award (the year-end meeting, workflows/cycle/phases/voting). */
export const AwardContestSchema = z.enum(['leader', 'certificate']);
export type AwardContest = z.infer<typeof AwardContestSchema>;

export const AwardCatalogueEntrySchema = z.object({
  awardType: AwardTypeSchema,
  /** The bloc level whose contest proposes it. */
  level: BlocLevelSchema,
  contest: AwardContestSchema,
  authority: SigningAuthoritySchema,
  council: DecidingCouncilSchema,
  /** Seats of the contest; absent: the rule-set's quotas (emulationFlag for 'leader', certificateOfMerit). */
  quota: z.number().int().min(0).max(50).optional(),
});
export type AwardCatalogueEntry = z.infer<typeof AwardCatalogueEntrySchema>;

export const AwardCatalogueSchema = z
  .array(AwardCatalogueEntrySchema)
  .max(40)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const key = `${e.level}:${e.contest}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'contest'],
          message: `two awards for the ${e.contest} contest of a ${e.level} bloc`,
        });
      seen.add(key);
    });
  });

/** The national default catalogue (the citations are in the file comment). */
export const DEFAULT_AWARD_CATALOGUE: readonly AwardCatalogueEntry[] = Object.freeze([
  {
    awardType: 'emulation-flag',
    level: 'province',
    contest: 'leader',
    authority: 'provinceChairman',
    council: 'provincialCouncil',
  },
  {
    awardType: 'certificate-of-merit',
    level: 'province',
    contest: 'certificate',
    authority: 'provinceChairman',
    council: 'provincialCouncil',
  },
  {
    awardType: 'excellent-labour-collective',
    level: 'department',
    contest: 'leader',
    authority: 'provinceChairman',
    council: 'provincialCouncil',
  },
  {
    awardType: 'certificate-of-commendation',
    level: 'department',
    contest: 'certificate',
    authority: 'departmentDirector',
    council: 'departmentCouncil',
  },
  {
    awardType: 'excellent-labour-collective',
    level: 'commune',
    contest: 'leader',
    authority: 'provinceChairman',
    council: 'provincialCouncil',
  },
  {
    awardType: 'certificate-of-commendation',
    level: 'commune',
    contest: 'certificate',
    authority: 'communeChairman',
    council: 'communeCouncil',
  },
  {
    awardType: 'excellent-labour-collective',
    level: 'district',
    contest: 'leader',
    authority: 'provinceChairman',
    council: 'provincialCouncil',
  },
  {
    awardType: 'certificate-of-commendation',
    level: 'district',
    contest: 'certificate',
    authority: 'districtChairman',
    council: 'districtCouncil',
  },
] satisfies AwardCatalogueEntry[]);

/** The day districts ceased to exist (two-tier local government, Law on Organisation of Local Government 2025). */
export const DISTRICTS_ABOLISHED_ON: IsoDate = '2025-07-01';

/** A bloc may be of `level` on `onDate`: a district bloc only before 01/07/2025 (VALIDATION, a 4xx, otherwise). */
export function checkBlocLevelOn(level: BlocLevel, onDate: DateInput): void {
  const day = toIsoDate(onDate);
  if (level === 'district' && day >= DISTRICTS_ABOLISHED_ON)
    throw new DomainError(
      'VALIDATION',
      `districts were abolished on ${DISTRICTS_ABOLISHED_ON} (two-tier local government): a district bloc exists only for earlier dates, its awards moved to the commune chairman (ND 129/2025/NĐ-CP Art. 59)`,
      { path: ['level'], level, onDate: day },
    );
}

/** Printed titles of each signing authority (ND 30/2020 PL I: the authority line and the signer's position). */
export const AUTHORITY_TITLES_VI: Readonly<Record<SigningAuthority, { position: string; of: string }>> = Object.freeze({
  provinceChairman: { position: 'Chủ tịch', of: 'Ủy ban nhân dân' },
  departmentDirector: { position: 'Giám đốc', of: '' },
  communeChairman: { position: 'Chủ tịch', of: 'Ủy ban nhân dân' },
  districtChairman: { position: 'Chủ tịch', of: 'Ủy ban nhân dân' },
});

type CatalogueSource = Pick<RuleSet, 'quotas'> & { awardCatalogue?: readonly AwardCatalogueEntry[] | undefined };

/**
 * The award kinds a bloc of `level` proposes under `ruleSet`, one per contest, as configured (a quota only where the
 * entry sets its own); the rule-set's entries override the defaults contest by contest.
 */
export function catalogueEntriesOf(ruleSet: CatalogueSource, level: BlocLevel): AwardCatalogueEntry[] {
  const own = ruleSet.awardCatalogue?.filter((e) => e.level === level) ?? [];
  const defaults = DEFAULT_AWARD_CATALOGUE.filter((e) => e.level === level);
  return (['leader', 'certificate'] as const).flatMap((contest) => {
    const e = own.find((x) => x.contest === contest) ?? defaults.find((x) => x.contest === contest);
    return e ? [{ ...e }] : [];
  });
}

/**
 * The seats of a contest: its catalogue entry's own quota, else the rule-set's quota (emulationFlag for the leader
 * contest, certificateOfMerit for the certificate contest). The one place this is decided.
 */
export function contestQuota(
  entries: readonly Pick<AwardCatalogueEntry, 'contest' | 'quota'>[] | undefined,
  quotas: Pick<RuleSet['quotas'], 'emulationFlag' | 'certificateOfMerit'>,
  contest: AwardContest,
): number {
  return (
    entries?.find((e) => e.contest === contest)?.quota ??
    (contest === 'leader' ? quotas.emulationFlag : quotas.certificateOfMerit)
  );
}

/** `catalogueEntriesOf` with each contest's quota resolved (`contestQuota`). */
export function awardCatalogueOf(
  ruleSet: CatalogueSource,
  level: BlocLevel,
): (AwardCatalogueEntry & { quota: number })[] {
  const entries = catalogueEntriesOf(ruleSet, level);
  return entries.map((e) => ({ ...e, quota: contestQuota(entries, ruleSet.quotas, e.contest) }));
}

/** `awardCatalogueOf` for a bloc that exists on `onDate`: a district level from 01/07/2025 is refused (VALIDATION). */
export function awardCatalogueFor(
  ruleSet: CatalogueSource,
  level: BlocLevel,
  onDate: DateInput,
): (AwardCatalogueEntry & { quota: number })[] {
  checkBlocLevelOn(level, onDate);
  return awardCatalogueOf(ruleSet, level);
}

/** The award kind a contest proposes, from a resolved catalogue; absent (older inputs): the province's kinds. */
export function awardOfContest(
  catalogue: readonly Pick<AwardCatalogueEntry, 'contest' | 'awardType'>[] | undefined,
  contest: AwardContest,
): AwardType {
  const e = catalogue?.find((x) => x.contest === contest);
  return e?.awardType ?? (contest === 'leader' ? 'emulation-flag' : 'certificate-of-merit');
}

/** Who signs the decision giving `awardType` to a collective of a `level` bloc on `onDate` (VALIDATION if none). */
export function authorityOf(
  awardType: AwardType,
  level: BlocLevel,
  onDate: DateInput,
  ruleSet: CatalogueSource = { quotas: { emulationFlag: 1, certificateOfMerit: 3, governmentFlagShare: 0.2 } },
): { authority: SigningAuthority; council: DecidingCouncil } {
  // The Government flag is the Prime Minister's at every level (ND 152/2025 Art. 37(1)): not a bloc's catalogue.
  const e = awardCatalogueFor(ruleSet, level, onDate).find((x) => x.awardType === awardType);
  if (!e)
    throw new DomainError('VALIDATION', `${awardType} is not in the award catalogue of a ${level} bloc`, {
      awardType,
      level,
    });
  return { authority: e.authority, council: e.council };
}
