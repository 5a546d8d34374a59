/** Texts both Government-flag documents print: the award, the council's threshold and the quota. */
import { formatCount, formatNumber, formatPercent } from '../format';
import type { GovFlagProposal } from '../kinds/gov-flag-proposal/model';

export const GOVERNMENT_FLAG_AWARD = 'Cờ thi đua của Chính phủ';

export const COUNCIL_BASE = 'tổng số thành viên Hội đồng';

/** `từ 80% trở lên số phiếu đồng ý, tính trên tổng số thành viên Hội đồng (5 thành viên)` (ND 152/2025 Art. 33(5)). */
export function govFlagThresholdText(t: GovFlagProposal['threshold'], members: number): string {
  const pct = formatPercent(t.ratio);
  return `${t.strict ? `trên ${pct}` : `từ ${pct} trở lên`} số phiếu đồng ý, tính trên ${COUNCIL_BASE} (${members} thành viên)`;
}

/** `tối đa 01 tập thể (20% của 05 đơn vị dẫn đầu các khối thi đua)` (ND 152/2025 Art. 7(1)). */
export function govFlagQuotaText(q: { quota: number; quotaShare: number; leaders: number }): string {
  return `tối đa ${formatCount(q.quota)} tập thể (không quá ${formatPercent(q.quotaShare)} của ${formatCount(q.leaders)} đơn vị dẫn đầu các khối thi đua)`;
}

export const scoreText = (score: number | null): string => (score === null ? '—' : formatNumber(score));
