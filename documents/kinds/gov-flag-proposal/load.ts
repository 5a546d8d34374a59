/**
 * The province's Tờ trình from the selection (exists once the submission is recorded): its number and date are the
 * letter recorded with the submission (`15/TTr-UBND`), as the award decision's are the recorded decision's; it lists
 * the leaders that were submitted.
 */
import { DomainError } from '../../../domain/errors';
import { vnDateOf } from '../../../domain/vietnam-time';
import { conflict, peoplesCommittee } from '../../cycle-facts';
import { upperVn } from '../../format';
import {
  closedCount,
  COUNCIL_ABBR,
  councilPeople,
  names,
  scoreOf,
  yearOf,
  type Selection,
} from '../../government-flag/load';
import { parseLetterNumber, TYPE_ABBR } from '../../numbering';
import { legalBasesFor } from '../../legal-bases';
import type { GovFlagProposalInput } from './model';

export function buildGovFlagProposal(s: Selection): GovFlagProposalInput {
  const submit = s.audits.find((a) => a.action === 'governmentFlag.submit');
  if (!submit)
    throw new DomainError(
      'NOT_FOUND',
      'no submission to the Ministry of Home Affairs has been recorded yet: the proposal letter is the one recorded with it',
    );
  const sent = submit.after as unknown as { letterNumber: string; letterDate: string; unitIds: string[] };
  const { close, rows } = closedCount(s);
  const { council, chair } = councilPeople(s);
  const councilName = council.name.normalize('NFC').trim();
  const { level, place, tail } = names(s, councilName);
  const { number, issuerAbbr } = parseLetterNumber(sent.letterNumber);
  const year = yearOf(s);
  const entries = rows
    .filter((x) => sent.unitIds.includes(x.p.unitId))
    .sort((a, b) => (a.result.rank ?? 99) - (b.result.rank ?? 99) || a.p.unit.code.localeCompare(b.p.unit.code));
  if (entries.length === 0) throw conflict('the recorded submission names no candidate of the selection');
  return {
    header: { issuingBody: `ỦY BAN NHÂN DÂN\n${upperVn(tail)}`, issuerAbbr, number, place, date: sent.letterDate },
    proposer: peoplesCommittee(level, place),
    year,
    addressees: ['Thủ tướng Chính phủ', 'Bộ Nội vụ'],
    legalBases: legalBasesFor(sent.letterDate, { by: 'peoplesCommittee' }),
    councilName,
    ballotCount: { number: null, symbol: `${TYPE_ABBR.govFlagBallotCount}-${COUNCIL_ABBR}`, date: vnDateOf(close.at) },
    votedOn: vnDateOf(close.at),
    councilMembers: s.start.councilMembers,
    threshold: { ratio: s.start.threshold.ratio, strict: s.start.threshold.strict ?? false },
    quota: s.start.quota,
    quotaShare: s.start.quotaShare,
    leaders: s.start.candidates.length,
    entries: entries.map(({ p, result }) => ({
      nominee: p.unit.name,
      blocName: p.cycle.bloc.name,
      score: scoreOf(s, p.cycleId, p.unitId),
      achievement: p.achievement.trim() || `Dẫn đầu phong trào thi đua ${p.cycle.bloc.name} năm ${year}`,
      yes: result.yes ?? 0,
    })),
    signer: { onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', name: chair },
    recipients: ['Như trên', 'Ban Thi đua - Khen thưởng Trung ương', councilName, 'Sở Nội vụ', 'Lưu: VT, NV'],
  };
}
