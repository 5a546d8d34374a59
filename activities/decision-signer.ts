/** The signer recorded with an award decision: the catalogue's authority for the cycle's bloc (domain/award-catalogue.ts). */
import type { Prisma } from '../db';
import { AUTHORITY_TITLES_VI, awardCatalogueOf, BlocLevelSchema } from '../domain/award-catalogue';
import { RuleSetSchema } from '../domain/ruleset';

/** A province bloc's decisions (and anything not in the catalogue): the provincial Chairman, as before. */
export const PROVINCE_SIGNER = 'Chủ tịch UBND';

export async function decisionSigner(
  prisma: Prisma.TransactionClient,
  cycleId: string,
  awardType: string,
): Promise<string> {
  const cycle = await prisma.cycle.findUnique({
    where: { id: cycleId },
    select: { ruleSetCode: true, ruleSetVersion: true, bloc: { select: { level: true, authorityName: true } } },
  });
  const level = BlocLevelSchema.safeParse(cycle?.bloc.level);
  if (!cycle || !level.success || level.data === 'province' || !cycle.bloc.authorityName) return PROVINCE_SIGNER;
  const row = await prisma.ruleSet.findUnique({
    where: { code_version: { code: cycle.ruleSetCode, version: cycle.ruleSetVersion } },
  });
  const ruleSet = RuleSetSchema.safeParse(row?.body);
  if (!ruleSet.success) return PROVINCE_SIGNER;
  const entry = awardCatalogueOf(ruleSet.data, level.data).find((e) => e.awardType === awardType);
  if (!entry || entry.authority === 'provinceChairman') return PROVINCE_SIGNER;
  return `${AUTHORITY_TITLES_VI[entry.authority].position} ${cycle.bloc.authorityName}`;
}
