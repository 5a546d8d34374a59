/**
 * The council's ballot-count record from the selection (exists once the vote is closed): every leader with its "yes"
 * on ALL members, the 80% threshold, the 20% quota, the selection as counted at the close. Its number is left blank
 * for the council's văn thư: the DocumentCounter series are the blocs' own (a row belongs to a bloc), and the council
 * is not one.
 */
import { vnDateTimeOf } from '../../../domain/vietnam-time';
import { upperVn } from '../../format';
import {
  closedCount,
  COUNCIL_ABBR,
  councilPeople,
  headerLines,
  names,
  scoreOf,
  yearOf,
  type Selection,
} from '../../government-flag/load';
import type { GovFlagBallotCountInput } from './model';

export function buildGovFlagBallotCount(s: Selection): GovFlagBallotCountInput {
  const { close, rows } = closedCount(s);
  const { council, chair, secretary } = councilPeople(s);
  const councilName = council.name.normalize('NFC').trim();
  const { level, place, shortCouncil } = names(s, councilName);
  const members = s.start.councilMembers;
  const openedAt = new Date(Math.min(...rows.map((x) => x.r.openedAt.getTime())));
  const closedAt = new Date(Math.max(close.at.getTime(), ...rows.map((x) => x.r.closedAt!.getTime())));
  return {
    header: {
      parentBody: `UBND ${upperVn(s.province.name)}`,
      issuingBody: headerLines(upperVn(shortCouncil)),
      issuerAbbr: COUNCIL_ABBR,
      number: null,
    },
    councilName,
    year: yearOf(s),
    openedAt: vnDateTimeOf(openedAt),
    closedAt: vnDateTimeOf(closedAt),
    chair: { name: chair, position: 'Chủ tịch Hội đồng' },
    secretary: { name: secretary, position: 'Thư ký Hội đồng' },
    councilMembers: members,
    threshold: { ratio: s.start.threshold.ratio, strict: s.start.threshold.strict ?? false },
    quota: s.start.quota,
    quotaShare: s.start.quotaShare,
    leaders: s.start.candidates.length,
    candidates: rows.map(({ p, r, result }) => ({
      unitId: p.unitId,
      name: p.unit.name,
      blocName: p.cycle.bloc.name,
      score: scoreOf(s, p.cycleId, p.unitId),
      voted: result.voted ?? r._count.voters,
      yes: result.yes ?? 0,
      state: result.reason === 'onHold' ? 'onHold' : result.reason === 'disqualified' ? 'disqualified' : 'counted',
      rank: result.rank ?? null,
      selected: result.selected ?? false,
    })),
    recipients: [
      `Ủy ban nhân dân ${level} ${place}`.replace(/\s+/gu, ' '),
      'Các thành viên Hội đồng',
      'Lưu: VT, Hồ sơ',
    ],
  };
}
