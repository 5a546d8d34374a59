/**
 * The year-end meeting as recorded, shared by the minutes and the ballot-count record: who was a member and present,
 * when it ran, every bloc contest's rounds (`loadMeeting`), and what both records print about it (`meetingDocs`):
 * the members with their representatives, the chair and secretary, the contests (contests.ts).
 *
 * ROLE NOTES (conventions for facts the system does not record): the chair is the representative of the head unit,
 * the secretary that of the deputy unit, the counting committee the deputy's representative (head) and the head's
 * representative (member), the venue the head unit's seat, a unit's representative its registered unit officer.
 * These conventions give way to the conference's record (contracts/meeting.ts, Cycle.meetings) when the head has
 * recorded it: its date and times, place, chair, secretary, agenda, the people present per unit and the guests.
 */
import type { PrismaClient } from '../../db';
import { DomainError } from '../../domain/errors';
import {
  BLOC_CONTESTS,
  conflict,
  phaseAtLeast,
  uniq,
  type BlocContest,
  type Ctx,
  type LoadedCycle,
} from '../cycle-facts';
import { MeetingsSchema, type MeetingRecord } from '../../contracts/meeting';
import { buildContests } from './contests';
import type { Contest, Member } from './model';

/** A unit's representative at the meeting is its registered unit officer (the person who acts for it in the system). */
const REPRESENTATIVE_POSITION = 'Cán bộ phụ trách công tác thi đua, khen thưởng';

/** The result JSON a closed VotingRound holds (domain/tally.ts TallyResult; only what is read here). */
export interface StoredTally {
  base: number;
  validBallots: number;
  invalidBallots: number;
  blankBallots?: number;
  counts: Record<string, number>;
  winners: string[];
  tiedForLastSeat?: string[];
  outcome: 'decided' | 'tie' | 'noWinner' | 'noQuorum';
}

function storedTally(json: unknown, where: string): StoredTally {
  const r = json as Partial<StoredTally> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    typeof r.validBallots !== 'number' ||
    typeof r.invalidBallots !== 'number' ||
    typeof r.base !== 'number' ||
    !r.counts ||
    !Array.isArray(r.winners) ||
    typeof r.outcome !== 'string'
  ) {
    throw conflict(`the result of ${where} is missing or unreadable`);
  }
  return r as StoredTally;
}

/** The year-end meeting as recorded: who was a member and present, when it ran, and every bloc contest's rounds. */
export interface Meeting {
  startedAt: Date;
  endedAt: Date;
  firstCountAt: Date;
  memberIds: string[];
  presentIds: string[];
  actingHeadUnitId: string;
  deputyUnitId: string;
  /** Where it was held: the recorded place, else the head unit's seat. */
  venue: string;
  /** The conference as the head recorded it (absent: the conventions above). */
  record?: MeetingRecord;
  rounds: Map<BlocContest, { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[]>;
}

export async function loadMeeting(ctx: Ctx): Promise<Meeting> {
  const { cycle, prisma } = ctx;
  if (!phaseAtLeast(cycle.phase, 'council')) {
    throw new DomainError(
      'WRONG_PHASE',
      `the vote is not closed yet: the cycle is in phase "${cycle.phase}"; the meeting documents exist once the year-end vote is over`,
    );
  }
  const blocRounds = cycle.votingRounds.filter((r) => (BLOC_CONTESTS as readonly string[]).includes(r.contest));
  if (blocRounds.length === 0)
    throw conflict(
      'no ballot was held at the year-end meeting of this cycle (no quorum or no candidates): there are no meeting minutes to generate',
    );
  const open = blocRounds.find((r) => !r.closedAt || r.result === null);
  if (open)
    throw new DomainError(
      'WRONG_PHASE',
      `the vote is not closed yet: round ${open.round} of ${open.contest} has no result`,
    );

  const audits = await prisma.auditLog.findMany({
    where: { workflowId: cycle.id, action: 'meeting.open' },
    orderBy: { id: 'asc' },
  });
  const opened = audits.filter((a) => (a.after as { quorumMet?: unknown } | null)?.quorumMet === true).at(-1);
  const record = recordedConference(cycle.meetings);
  const firstOpened = new Date(Math.min(...blocRounds.map((r) => r.openedAt.getTime())));
  // The recorded conference gives the times (the votes were entered when the API was called, not at the hall).
  const startedAt = record ? new Date(record.startedAt!) : (opened?.at ?? firstOpened);
  const endedAt = record
    ? new Date(record.endedAt!)
    : new Date(Math.max(...blocRounds.map((r) => r.closedAt!.getTime())));
  const firstCountAt = record ? startedAt : new Date(Math.min(...blocRounds.map((r) => r.closedAt!.getTime())));

  // Members with a vote at the meeting: memberships in force when it opened (a unit that left later still counts).
  const at = startedAt.getTime();
  const memberIds = uniq(
    cycle.bloc.memberships
      .filter((m) => m.joinedOn.getTime() <= at && (!m.leftOn || m.leftOn.getTime() > at))
      .map((m) => m.unitId),
  );
  if (memberIds.length < 2) throw conflict('the bloc had fewer than two member units at the meeting');

  // Who was present: the head's record of the meeting (audit log), else everyone who voted in some round.
  const recorded = record
    ? record.attendance!.map((a) => a.unitId)
    : (opened?.after as { present?: unknown } | null)?.present;
  const presentIds = Array.isArray(recorded)
    ? memberIds.filter((id) => (recorded as unknown[]).includes(id))
    : memberIds.filter((id) => blocRounds.some((r) => r.voters.some((v) => v.voterKey === id)));
  for (const r of blocRounds) {
    if (r.present > presentIds.length) {
      throw conflict(
        `attendance cannot be reconstructed: round ${r.round} of ${r.contest} counts ${r.present} units present, the records name ${presentIds.length}`,
      );
    }
  }

  const rounds = new Map<BlocContest, { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[]>();
  for (const contest of BLOC_CONTESTS) {
    const rows = blocRounds.filter((r) => r.contest === contest).sort((a, b) => a.round - b.round);
    if (rows.length === 0) continue;
    rows.forEach((r, i) => {
      if (r.round !== i + 1)
        throw conflict(`the rounds of ${contest} are not numbered 1, 2, … (missing round ${i + 1})`);
    });
    rounds.set(
      contest,
      rows.map((row) => ({ row, tally: storedTally(row.result, `round ${row.round} of ${contest}`) })),
    );
  }
  const headIsMember = memberIds.includes(cycle.headUnitId);
  const actingHeadUnitId = headIsMember ? cycle.headUnitId : cycle.deputyUnitId;
  return {
    venue: record?.place ?? `Trụ sở ${ctx.unitName(actingHeadUnitId)} (đơn vị Khối trưởng)`,
    ...(record ? { record } : {}),
    startedAt,
    endedAt,
    firstCountAt,
    memberIds,
    presentIds,
    actingHeadUnitId,
    deputyUnitId: cycle.deputyUnitId,
    rounds,
  };
}

/** The year-end conference as recorded held (Cycle.meetings), if it is. */
function recordedConference(json: unknown): MeetingRecord | undefined {
  if (json === null || json === undefined) return undefined;
  const parsed = MeetingsSchema.safeParse(json);
  if (!parsed.success) throw conflict('the record of the meetings of this cycle is unreadable');
  const y = parsed.data.yearEnd;
  return y?.status === 'held' && y.startedAt && y.endedAt && y.attendance ? y : undefined;
}

/** The registered unit officer of each unit (first by username), as its representative. */
async function officers(prisma: PrismaClient, unitIds: string[]): Promise<Map<string, string>> {
  const people = await prisma.person.findMany({
    where: { unitId: { in: unitIds }, active: true, roles: { some: { role: 'unitOfficer' } } },
    select: { unitId: true, fullName: true },
    orderBy: { username: 'asc' },
  });
  const out = new Map<string, string>();
  for (const p of people) if (p.unitId && !out.has(p.unitId)) out.set(p.unitId, p.fullName.normalize('NFC').trim());
  return out;
}

export interface MeetingDocs {
  meeting: Meeting;
  members: Member[];
  contests: Contest[];
  reps: Map<string, string>;
  chair: { name: string; position: string; unit: string };
  secretary: { name: string; position: string; unit?: string };
  guests: { name: string; position: string; unit: string }[];
  agenda: string[];
}

export async function meetingDocs(ctx: Ctx): Promise<MeetingDocs> {
  const meeting = await loadMeeting(ctx);
  const reps = await officers(ctx.prisma, uniq([...meeting.memberIds, meeting.actingHeadUnitId, meeting.deputyUnitId]));
  const members: Member[] = meeting.memberIds.map((id) => {
    const present = meeting.presentIds.includes(id);
    if (!present) return { unitId: id, name: ctx.unitName(id), present: false, others: [], writtenOpinion: false };
    const people = meeting.record?.attendance?.find((a) => a.unitId === id)?.people;
    if (people && people.length > 0) {
      const [first, ...others] = people.map((p) => ({ name: p.name, position: p.title }));
      return {
        unitId: id,
        name: ctx.unitName(id),
        present: true,
        representative: first!,
        others,
        writtenOpinion: false,
      };
    }
    const name = reps.get(id);
    if (!name)
      throw conflict(
        `${ctx.unitName(id)} was present at the meeting but has no registered unit officer to name as its representative`,
      );
    return {
      unitId: id,
      name: ctx.unitName(id),
      present: true,
      representative: { name, position: REPRESENTATIVE_POSITION },
      others: [],
      writtenOpinion: false,
    };
  });
  const person = (unitId: string, role: string) => {
    const name = reps.get(unitId);
    if (!name) throw conflict(`${ctx.unitName(unitId)} (${role}) has no registered unit officer to sign the minutes`);
    return { name, position: `Đại diện đơn vị ${role}`, unit: ctx.unitName(unitId) };
  };
  const contests = await buildContests(ctx, meeting, members);
  const r = meeting.record;
  return {
    meeting,
    members,
    contests,
    reps,
    chair: r
      ? { name: r.chair.name, position: r.chair.title, unit: ctx.unitName(r.hostUnitId) }
      : person(meeting.actingHeadUnitId, 'Khối trưởng'),
    secretary: r?.secretary
      ? { name: r.secretary.name, position: r.secretary.title }
      : person(meeting.deputyUnitId, 'Khối phó'),
    guests: (r?.guests ?? []).map((g) => ({ name: g.name, position: g.title, unit: g.organisation })),
    agenda: r?.agenda ?? [],
  };
}

export function meetingRecipients(ctx: Ctx, councilName: string | null): string[] {
  return [
    ...(councilName ? [councilName] : [`Sở Nội vụ ${ctx.level} ${ctx.place}`.replace(/\s+/gu, ' ')]),
    'Các đơn vị thành viên Khối',
    'Lưu: VT, Hồ sơ',
  ];
}
