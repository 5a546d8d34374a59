/**
 * What each document says: turns validated data into the format-neutral layout (layout.ts).
 * All derived figures (quorum, percentages, results, totals) are computed here from the counts.
 */
import {
  formatCount,
  formatDateTimeVn,
  formatDateVn,
  formatDocumentNumber,
  formatNumber,
  formatNumberSymbol,
  formatPercent,
  formatPlaceDate,
  formatRecipientLines,
  formatShare,
  formatVnd,
  formatVndPlain,
  joinVn,
  nfc,
  upperVn,
  vndInWords,
} from './format';
import type { Block, Layout, ParaBlock, Run, Section, SignColumn, TableBlock } from './layout';
import {
  baseCount,
  decidingRound,
  meetsThreshold,
  TYPE_ABBR,
  type BallotCount,
  type Contest,
  type Decision,
  type DocRef,
  type GovFlagBallotCount,
  type GovFlagCandidate,
  type GovFlagProposal,
  type DocumentInput,
  type Header,
  type Member,
  type Minutes,
  type MinutesHeader,
  type PercentBase,
  type Person,
  type Proposal,
  type Round,
  type Signer,
  type Threshold,
} from './model';

// ---------------------------------------------------------------- small helpers

const para = (runs: Run[] | string, extra: Partial<ParaBlock> = {}): ParaBlock => ({
  t: 'para',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  ...extra,
});
const plain = (text: string): Run => ({ text });
const bold = (text: string): Run => ({ text, bold: true });
const italic = (text: string): Run => ({ text, italic: true });

/** Ends a sentence with exactly one of the given marks (legal bases end with ";" and the last with "."). */
function endWith(s: string, mark: string): string {
  return `${s.replace(/[\s;,.]+$/u, '')}${mark}`;
}

function splitLines(s: string): string[] {
  return s
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

function headerBlock(h: Header | MinutesHeader, typeAbbr: string, withDate: boolean): Block {
  return {
    t: 'header',
    ...(h.parentBody ? { parentBody: upperVn(h.parentBody) } : {}),
    issuingBody: splitLines(upperVn(h.issuingBody)),
    numberLine: formatDocumentNumber(h.number, typeAbbr, h.issuerAbbr),
    ...(withDate && 'date' in h ? { placeDate: formatPlaceDate(h.place, h.date) } : {}),
  };
}

/** The signer block lines (ND30 PL I II.7.b). */
export function signerLines(s: Signer): string[] {
  const lines: string[] = [];
  if (s.onBehalfOf) lines.push(`TM. ${upperVn(s.onBehalfOf)}`);
  if (s.prefix === 'Q.') {
    lines.push(`Q. ${upperVn(s.position)}`);
  } else {
    if (s.prefix) lines.push(`${s.prefix} ${upperVn(s.prefixOf ?? '')}`);
    lines.push(upperVn(s.position));
  }
  if (s.secondaryPosition) lines.push(upperVn(s.secondaryPosition));
  return lines;
}

const signColumn = (s: Signer): SignColumn => ({ titleLines: signerLines(s), name: s.name });

/** Puts `first` at the top of the recipients unless it is already there. */
function withFirstRecipient(recipients: readonly string[], first: string): string[] {
  const norm = (x: string): string =>
    x
      .toLocaleLowerCase('vi-VN')
      .replace(/[-;.\s]+/gu, ' ')
      .trim();
  return recipients.some((r) => norm(r) === norm(first)) ? [...recipients] : [first, ...recipients];
}

function personText(p: Person): string {
  return [p.name, p.position, p.unit].filter((x): x is string => !!x).join(', ');
}

function memberName(members: readonly Member[], unitId: string): string {
  return members.find((m) => m.unitId === unitId)?.name ?? unitId;
}

function docRefText(kind: string, ref: DocRef, of?: string): string {
  return `${kind} số ${formatNumberSymbol(ref.number, ref.symbol)} ${formatDateVn(ref.date)}${of ? ` của ${of}` : ''}`;
}

const BASE_LABEL: Record<PercentBase, string> = {
  allMembers: 'tổng số đơn vị thành viên',
  present: 'số đơn vị thành viên có mặt',
  validBallots: 'tổng số phiếu hợp lệ',
};

function thresholdText(t: Threshold, members: readonly Member[]): string {
  const pct = formatPercent(t.ratio);
  const cond = t.strict ? `trên ${pct}` : `từ ${pct} trở lên`;
  const count = t.base === 'allMembers' ? members.length : members.filter((m) => m.present).length;
  const base = t.base === 'validBallots' ? BASE_LABEL.validBallots : `${BASE_LABEL[t.base]} (${count} đơn vị)`;
  return `đạt ${cond} số phiếu đồng ý, tính trên ${base}`;
}

function contestTitle(c: Contest, year: number): string {
  if (c.title) return c.title;
  switch (c.contest) {
    case 'leader':
      return `Suy tôn đơn vị dẫn đầu phong trào thi đua, đề nghị tặng ${c.awardName ?? ''}`;
    case 'certificate':
      return `Đề nghị tặng ${c.awardName ?? ''}`;
    case 'nextHead':
      return `Bầu đơn vị Khối trưởng năm ${year + 1}`;
    case 'nextDeputy':
      return `Bầu đơn vị Khối phó năm ${year + 1}`;
  }
}

function roundCountsText(r: Round, rounds: number): string {
  const label = rounds > 1 ? `Vòng ${r.round}: s` : 'S';
  return (
    `${label}ố phiếu phát ra: ${r.ballotsIssued}; số phiếu thu vào: ${r.ballotsReceived}; ` +
    `số phiếu hợp lệ: ${r.validBallots}; số phiếu không hợp lệ: ${r.invalidBallots}.`
  );
}

/** Candidates table of one round: votes, share against the stated base, and whether the threshold is reached. */
function roundTable(c: Contest, r: Round, members: readonly Member[]): TableBlock {
  const base = baseCount(c.threshold.base, members, r);
  const rows = [...r.votes]
    .sort((a, b) => b.votes - a.votes)
    .map((v, i) => ({
      cells: [
        String(i + 1),
        memberName(members, v.unitId),
        String(v.votes),
        base > 0 ? formatShare(v.votes, base) : '—',
        meetsThreshold(v.votes, base, c.threshold) ? 'Đạt' : 'Không đạt',
      ],
    }));
  return {
    t: 'table',
    columns: [
      { title: 'STT', weight: 8, align: 'center' },
      { title: 'Tên đơn vị', weight: 52, align: 'left' },
      { title: 'Số phiếu đồng ý', weight: 16, align: 'center' },
      { title: `Tỷ lệ (%) trên ${BASE_LABEL[c.threshold.base]} (${base})`, weight: 26, align: 'center' },
      { title: 'Kết quả', weight: 16, align: 'center' },
    ],
    rows,
  };
}

/** Votes of a winner in the round that settled it, and the base of that round. */
function winnerVotes(c: Contest, members: readonly Member[], unitId: string): { votes: number; base: number } {
  const at = decidingRound(c, unitId) ?? c.rounds[c.rounds.length - 1]!;
  return {
    votes: at.votes.find((x) => x.unitId === unitId)?.votes ?? 0,
    base: baseCount(c.threshold.base, members, at),
  };
}

function winnersText(c: Contest, members: readonly Member[], year: number): string {
  const describe = (id: string): string => {
    const { votes: v, base } = winnerVotes(c, members, id);
    return `${memberName(members, id)} (${v}/${base} phiếu, đạt ${formatShare(v, base)})`;
  };
  const what: Record<Contest['contest'], string> = {
    leader: `được suy tôn là đơn vị dẫn đầu phong trào thi đua năm ${year}, đề nghị tặng ${c.awardName ?? ''}`,
    certificate: `được đề nghị tặng ${c.awardName ?? ''}`,
    nextHead: `được bầu làm Khối trưởng năm ${year + 1}`,
    nextDeputy: `được bầu làm Khối phó năm ${year + 1}`,
  };
  if (c.winners.length === 0) {
    return `Kết quả: không có đơn vị nào đạt tỷ lệ phiếu theo quy định${c.decisionNote ? `. ${endWith(c.decisionNote, '.')}` : '.'}`;
  }
  const names = joinVn(c.winners.map(describe));
  const by =
    c.decidedBy === 'headAndDeputy'
      ? ' (do Khối trưởng và Khối phó quyết định theo Quy chế, sau khi các vòng bỏ phiếu không có kết quả)'
      : c.decidedBy === 'council'
        ? ' (theo ý kiến của Hội đồng Thi đua - Khen thưởng)'
        : '';
  return `Kết quả: ${names} ${what[c.contest]}${by}.${c.decisionNote ? ` ${endWith(c.decisionNote, '.')}` : ''}`;
}

/** Voting results of all contests, shared by the minutes and the ballot-count record. */
function contestBlocks(
  contests: readonly Contest[],
  members: readonly Member[],
  year: number,
  numbering: (i: number) => string,
): Block[] {
  const out: Block[] = [];
  contests.forEach((c, i) => {
    out.push(para([bold(`${numbering(i)} ${contestTitle(c, year)}`)], { keepWithNext: true }));
    out.push(para(`Điều kiện: ${thresholdText(c.threshold, members)}.`, { keepWithNext: true }));
    for (const r of c.rounds) {
      out.push(para(roundCountsText(r, c.rounds.length), { keepWithNext: true }));
      out.push(roundTable(c, r, members));
      if (r.note) out.push(para(endWith(r.note, '.')));
    }
    out.push(para(winnersText(c, members, year)));
  });
  return out;
}

const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k'];
const letter = (i: number): string => `${LETTERS[i] ?? String(i + 1)})`;

function recipientsOrUndefined(items: readonly string[]): string[] | undefined {
  return items.length > 0 ? formatRecipientLines(items) : undefined;
}

// ---------------------------------------------------------------- minutes

export function minutesLayout(m: Minutes): Layout {
  const total = m.members.length;
  const presentMembers = m.members.filter((x) => x.present);
  const absent = m.members.filter((x) => !x.present);
  const present = presentMembers.length;
  const quorumMet = meetsThreshold(present, total, {
    ratio: m.quorumRule.ratio,
    base: 'allMembers',
    strict: m.quorumRule.strict,
  });
  const ruleLabel = m.quorumRule.label ?? formatPercent(m.quorumRule.ratio);
  const subject = m.subject ?? `Họp bình xét thi đua năm ${m.year} ${m.blocName}`;

  const b: Block[] = [
    headerBlock(m.header, TYPE_ABBR.minutes, false),
    { t: 'title', typeName: 'BIÊN BẢN', summary: subject },
  ];
  b.push(para(`Thời gian bắt đầu: ${formatDateTimeVn(m.startedAt)}.`));
  b.push(para(`Địa điểm: ${endWith(m.venue, '.')}`));
  b.push(para('Thành phần tham dự:', { keepWithNext: true }));
  b.push(para(`- Chủ trì (chủ tọa): đồng chí ${endWith(personText(m.chair), '.')}`));
  b.push(para(`- Thư ký (người ghi biên bản): đồng chí ${endWith(personText(m.secretary), '.')}`));
  b.push(para(`- Đại diện các đơn vị thành viên có mặt (${present}/${total} đơn vị):`, { keepWithNext: true }));
  presentMembers.forEach((x, i) => {
    const rep = x.representative ? `: đồng chí ${x.representative.name}, ${x.representative.position}` : '';
    b.push(para(`+ ${x.name}${rep}${i === presentMembers.length - 1 ? '.' : ';'}`));
  });
  if (absent.length > 0) {
    b.push(para(`- Đơn vị vắng mặt (${absent.length}/${total} đơn vị):`, { keepWithNext: true }));
    absent.forEach((x, i) => {
      const why = x.absenceReason ? ` (lý do: ${x.absenceReason.replace(/[.;]+$/u, '')})` : '';
      const opinion = x.writtenOpinion ? ', có ý kiến bằng văn bản gửi Khối' : '';
      b.push(para(`+ ${x.name}${why}${opinion}${i === absent.length - 1 ? '.' : ';'}`));
    });
  }
  if (m.guests.length > 0) {
    b.push(para('- Khách mời:', { keepWithNext: true }));
    m.guests.forEach((g, i) => b.push(para(`+ Đồng chí ${personText(g)}${i === m.guests.length - 1 ? '.' : ';'}`)));
  }
  const rule = `${m.quorumRule.strict ? 'trên' : 'từ'} ${ruleLabel}${m.quorumRule.strict ? '' : ' trở lên'}`;
  const source = m.quorumRule.source ? ` theo ${m.quorumRule.source.replace(/[.;]+$/u, '')}` : '';
  b.push(
    para(
      `Số đơn vị thành viên có mặt: ${present}/${total} (${formatShare(present, total)}), ` +
        (quorumMet
          ? `đạt tỷ lệ ${rule} tổng số đơn vị thành viên${source}; cuộc họp đủ điều kiện tiến hành.`
          : `không đạt tỷ lệ ${rule} tổng số đơn vị thành viên${source}; cuộc họp không đủ điều kiện bình xét.`),
    ),
  );

  b.push(para([bold('Nội dung cuộc họp (theo diễn biến cuộc họp):')], { indent: true, keepWithNext: true }));
  b.push(para([bold('1. Chương trình cuộc họp')], { keepWithNext: true }));
  const agenda =
    m.agenda.length > 0
      ? m.agenda
      : [
          `Báo cáo kết quả thực hiện phong trào thi đua năm ${m.year} của các đơn vị thành viên`,
          'Thẩm định kết quả tự chấm điểm của các đơn vị theo Bảng chấm điểm thi đua của Khối',
          'Thảo luận, bình xét, bỏ phiếu suy tôn đơn vị dẫn đầu và đề nghị khen thưởng',
          ...(m.contests.some((c) => c.contest === 'nextHead' || c.contest === 'nextDeputy')
            ? [`Bầu đơn vị Khối trưởng, Khối phó năm ${m.year + 1}`]
            : []),
          'Thông qua biên bản cuộc họp',
        ];
  agenda.forEach((a, i) => b.push(para(`- ${endWith(a, i === agenda.length - 1 ? '.' : ';')}`)));
  for (const d of m.discussion) b.push(para(d));

  let section = 2;
  if (m.scores.length > 0) {
    b.push(para([bold(`${section++}. Kết quả chấm điểm, xếp hạng thi đua năm ${m.year}`)], { keepWithNext: true }));
    const max = m.maxScore ? ` (thang điểm ${formatNumber(m.maxScore)})` : '';
    b.push(
      para(`Trên cơ sở thẩm định, Khối thống nhất kết quả chấm điểm${max} và xếp hạng các đơn vị như sau:`, {
        keepWithNext: true,
      }),
    );
    b.push({
      t: 'table',
      columns: [
        { title: 'STT', weight: 8, align: 'center' },
        { title: 'Tên đơn vị', weight: 52, align: 'left' },
        { title: 'Điểm tự chấm', weight: 18, align: 'center' },
        { title: 'Điểm Khối thống nhất', weight: 20, align: 'center' },
        { title: 'Xếp hạng', weight: 14, align: 'center' },
      ],
      rows: [...m.scores]
        .sort((x, y) => x.rank - y.rank)
        .map((s, i) => ({
          cells: [
            String(i + 1),
            memberName(m.members, s.unitId),
            formatNumber(s.selfScore),
            formatNumber(s.agreedScore),
            String(s.rank),
          ],
        })),
    });
  }

  if (m.contests.length > 0) {
    b.push(para([bold(`${section++}. Bình xét, bỏ phiếu`)], { keepWithNext: true }));
    const method =
      m.votingMethod === 'secretBallot'
        ? 'bỏ phiếu kín, mỗi đơn vị thành viên có mặt một phiếu'
        : 'biểu quyết công khai';
    const ref = m.ballotCountRecord
      ? `, kết quả chi tiết tại ${docRefText('Biên bản kiểm phiếu', m.ballotCountRecord)}`
      : '';
    b.push(para(`Hình thức: ${method}${ref}. Kết quả như sau:`, { keepWithNext: true }));
    b.push(...contestBlocks(m.contests, m.members, m.year, letter));

    // Conclusions (doc §9.2 item 6): proposed awards with score, rank and vote share; then next head and deputy.
    b.push(para([bold(`${section}. Kết luận`)], { keepWithNext: true }));
    const awardRows: string[][] = [];
    for (const c of m.contests) {
      if (c.contest !== 'leader' && c.contest !== 'certificate') continue;
      for (const w of c.winners) {
        const score = m.scores.find((s) => s.unitId === w);
        const { votes: v, base } = winnerVotes(c, m.members, w);
        awardRows.push([
          String(awardRows.length + 1),
          memberName(m.members, w),
          score ? formatNumber(score.agreedScore) : '—',
          score ? String(score.rank) : '—',
          c.awardName ?? '',
          `${v}/${base} (${formatShare(v, base)})`,
        ]);
      }
    }
    if (awardRows.length > 0) {
      b.push(para(`Khối thống nhất đề nghị khen thưởng năm ${m.year} như sau:`, { keepWithNext: true }));
      b.push({
        t: 'table',
        columns: [
          { title: 'STT', weight: 10, align: 'center' },
          { title: 'Tên đơn vị', weight: 34, align: 'left' },
          { title: 'Điểm', weight: 11, align: 'center' },
          { title: 'Xếp hạng', weight: 11, align: 'center' },
          { title: 'Hình thức đề nghị', weight: 34, align: 'left' },
          { title: 'Số phiếu / tỷ lệ', weight: 20, align: 'center' },
        ],
        rows: awardRows.map((cells) => ({ cells })),
      });
    } else {
      b.push(para(`Năm ${m.year}, Khối không có đơn vị đủ điều kiện đề nghị khen thưởng.`));
    }
    for (const kind of ['nextHead', 'nextDeputy'] as const) {
      const c = m.contests.find((x) => x.contest === kind);
      if (!c) continue;
      const role = kind === 'nextHead' ? 'Khối trưởng' : 'Khối phó';
      b.push(
        para(
          c.winners.length > 0
            ? `- ${role} năm ${m.year + 1}: ${joinVn(c.winners.map((w) => memberName(m.members, w)))}.`
            : `- ${role} năm ${m.year + 1}: chưa bầu được, Khối đề nghị cấp có thẩm quyền xem xét, chỉ định.`,
        ),
      );
    }
  }

  const end = formatDateTimeVn(m.endedAt);
  b.push(
    para(
      `Cuộc họp kết thúc vào lúc ${end}. ${endWith(m.approval ?? 'Biên bản đã được đọc lại cho các thành viên dự họp cùng nghe và nhất trí thông qua', '')}./.`,
      {
        keepWithNext: true,
      },
    ),
  );
  b.push({
    t: 'signoff',
    left: { titleLines: ['THƯ KÝ'], name: m.secretary.name },
    right: { titleLines: m.chairTitle ? m.chairTitle.map(upperVn) : ['CHỦ TỌA'], name: m.chair.name },
    ...(m.recipients.length > 0 ? { recipients: formatRecipientLines(m.recipients) } : {}),
  });
  return {
    title: `Biên bản ${subject}`,
    author: upperVn(m.header.issuingBody).replace(/\n/g, ' '),
    sections: [{ orientation: 'portrait', restartNumbering: true, blocks: b }],
  };
}

// ---------------------------------------------------------------- ballot-count record

export function ballotCountLayout(bc: BallotCount): Layout {
  const total = bc.members.length;
  const presentCount = bc.members.filter((x) => x.present).length;
  const absent = bc.members.filter((x) => !x.present);
  const subject = bc.subject ?? `Bình xét thi đua năm ${bc.year} ${bc.blocName}`;
  const b: Block[] = [
    headerBlock(bc.header, TYPE_ABBR.ballotCount, false),
    { t: 'title', typeName: 'BIÊN BẢN KIỂM PHIẾU', summary: subject },
  ];
  b.push(
    para(`Vào lúc ${formatDateTimeVn(bc.startedAt)}, tại ${bc.venue.replace(/[.;]+$/u, '')}, Ban kiểm phiếu gồm:`, {
      keepWithNext: true,
    }),
  );
  const ordered = [...bc.committee].sort((x, y) => (x.role === y.role ? 0 : x.role === 'head' ? -1 : 1));
  ordered.forEach((c, i) => {
    const role = c.role === 'head' ? 'Trưởng ban' : 'Thành viên';
    b.push(para(`${i + 1}. Đồng chí ${personText(c)} - ${role}${i === ordered.length - 1 ? '.' : ';'}`));
  });
  const method = bc.votingMethod === 'secretBallot' ? 'bỏ phiếu kín' : 'biểu quyết công khai';
  b.push(
    para(
      `Ban kiểm phiếu đã tiến hành kiểm phiếu ${subject.charAt(0).toLocaleLowerCase('vi-VN')}${subject.slice(1)}, hình thức ${method}.`,
    ),
  );
  const absentText = absent.length > 0 ? ` (${absent.map((a) => a.name).join(', ')})` : '';
  b.push(
    para(
      `Tổng số đơn vị thành viên: ${total}; số đơn vị có mặt: ${presentCount}; số đơn vị vắng mặt: ${absent.length}${absentText}.`,
    ),
  );
  b.push(para('Kết quả kiểm phiếu như sau:', { keepWithNext: true }));
  b.push(...contestBlocks(bc.contests, bc.members, bc.year, (i) => `${i + 1}.`));
  b.push(
    para(`Kết quả kiểm phiếu được công bố vào lúc ${formatDateTimeVn(bc.announcedAt)} trước cuộc họp./.`, {
      keepWithNext: true,
    }),
  );
  const signers = ordered.map<SignColumn>((c) => ({
    titleLines: [c.role === 'head' ? 'TRƯỞNG BAN' : 'THÀNH VIÊN'],
    name: c.name,
  }));
  const n = signers.length;
  const perRow = n <= 2 ? n : n === 4 ? 2 : 3;
  const recipients = recipientsOrUndefined(bc.recipients);
  b.push({ t: 'signGrid', signers, perRow, ...(recipients ? { recipients } : {}) });
  return {
    title: `Biên bản kiểm phiếu ${subject}`,
    author: upperVn(bc.header.issuingBody).replace(/\n/g, ' '),
    sections: [{ orientation: 'portrait', restartNumbering: true, blocks: b }],
  };
}

// ---------------------------------------------------------------- proposal letter and its list

function uniqueInOrder(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
}

/** The heading of a list attached to a letter (PL I III.1.b–c): "Phụ lục", its title, the italic reference line and a rule. */
function appendixHead(title: string, refLine: string): Block[] {
  return [
    { t: 'center', runs: [bold('Phụ lục')], size: 14 },
    { t: 'center', runs: [bold(upperVn(title))], size: 14, spaceBeforePt: 0 },
    { t: 'center', runs: [italic(refLine)], size: 14, rule: true, spaceAfterPt: 12 },
  ];
}

export function proposalLayout(p: Proposal): Layout {
  const awards = uniqueInOrder(p.entries.map((e) => e.award));
  const summary = p.summary ?? `Về việc đề nghị tặng ${joinVn(awards)} năm ${p.year}`;
  const symbol = `${TYPE_ABBR.proposal}-${p.header.issuerAbbr}`;
  const b: Block[] = [headerBlock(p.header, TYPE_ABBR.proposal, true), { t: 'title', typeName: 'TỜ TRÌNH', summary }];
  b.push({ t: 'addressees', items: p.addressees.map((a) => a.replace(/[.;]+$/u, '')) });

  const bases = [...p.legalBases];
  if (p.minutes) bases.push(`Căn cứ ${docRefText('Biên bản họp bình xét thi đua', p.minutes, p.blocName)}`);
  if (p.ballotCount) bases.push(`Căn cứ ${docRefText('Biên bản kiểm phiếu', p.ballotCount, p.blocName)}`);
  bases.forEach((x, i) => b.push(para([italic(endWith(x, i === bases.length - 1 ? '.' : ';'))])));
  for (const x of p.intro) b.push(para(x));

  const addressee = p.addressees[0]!;
  b.push(
    para(
      `${p.blocName} kính đề nghị ${addressee} xem xét, khen thưởng cho ${formatCount(p.entries.length)} tập thể ` +
        `có thành tích xuất sắc trong phong trào thi đua năm ${p.year}, cụ thể:`,
      { keepWithNext: true },
    ),
  );
  awards.forEach((a, i) => {
    const nominees = p.entries.filter((e) => e.award === a).map((e) => e.nominee);
    b.push(
      para(
        `- ${a}: ${formatCount(nominees.length)} tập thể (${nominees.join('; ')})${i === awards.length - 1 ? '.' : ';'}`,
      ),
    );
  });
  b.push(para([italic('(Có danh sách kèm theo)')]));
  b.push(
    para(p.closing ? endWith(p.closing, './.') : `${p.blocName} kính trình ${addressee} xem xét, quyết định./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(p.signer),
    recipients: formatRecipientLines(withFirstRecipient(p.recipients, 'Như trên')),
  });

  const appendixTitle = p.appendix.title ?? `Danh sách đề nghị tặng ${joinVn(awards)} năm ${p.year}`;
  const appendix: Block[] = [
    ...appendixHead(
      appendixTitle,
      `(Kèm theo Tờ trình số ${formatNumberSymbol(p.header.number, symbol)} ${formatDateVn(p.header.date)} của ${p.blocName})`,
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tên tập thể', weight: 55, align: 'left' },
        { title: 'Hình thức đề nghị', weight: 50, align: 'left' },
        { title: 'Tóm tắt thành tích', weight: 95, align: 'justify' },
        { title: 'Số phiếu đồng ý - tỷ lệ', weight: 38, align: 'center' },
        { title: 'Ghi chú', weight: 18, align: 'left' },
      ],
      rows: p.entries.map((e, i) => ({
        cells: [
          String(i + 1),
          e.nominee,
          e.award,
          e.achievement,
          `${e.votes}/${e.baseCount} (${formatShare(e.votes, e.baseCount)})\ntrên ${BASE_LABEL[e.base]}`,
          e.note ?? '',
        ],
      })),
    },
    para([italic(`Danh sách có ${formatCount(p.entries.length)} tập thể.`)], { indent: false, align: 'left' }),
  ];
  const sections: Section[] = [
    { orientation: 'portrait', restartNumbering: true, blocks: b },
    { orientation: p.appendix.orientation, restartNumbering: true, blocks: appendix },
  ];
  return {
    title: `Tờ trình ${lowerFirst(summary)}`,
    author: upperVn(p.header.issuingBody).replace(/\n/g, ' '),
    sections,
  };
}

// ---------------------------------------------------------------- award decision

export function decisionLayout(d: Decision): Layout {
  const awards = uniqueInOrder(d.awards.map((a) => a.award));
  const summary = d.summary ?? `Về việc tặng ${joinVn(awards)} năm ${d.year}`;
  const b: Block[] = [headerBlock(d.header, TYPE_ABBR.decision, true), { t: 'title', typeName: 'QUYẾT ĐỊNH', summary }];
  b.push({ t: 'center', runs: [bold(upperVn(d.authority))], size: 14, spaceBeforePt: 6, spaceAfterPt: 12 });
  d.legalBases.forEach((x) => b.push(para([italic(endWith(x, ';'))])));
  b.push(para([italic(endWith(d.proposedBy, '.'))]));
  b.push({ t: 'center', runs: [bold('QUYẾT ĐỊNH:')], size: 14, spaceBeforePt: 6, spaceAfterPt: 6 });

  const context = d.awardContext ?? `trong phong trào thi đua năm ${d.year}`;
  b.push(
    para(
      [
        bold('Điều 1.'),
        plain(
          ` Tặng thưởng cho ${formatCount(d.awards.length)} tập thể đã có thành tích xuất sắc ${context} (danh sách và mức tiền thưởng dưới đây):`,
        ),
      ],
      {
        keepWithNext: true,
      },
    ),
  );
  const total = d.awards.reduce((s, a) => s + a.amountVnd, 0);
  const withCoef = d.baseSalaryVnd !== undefined && d.awards.some((a) => a.coefficient !== undefined);
  b.push({
    t: 'table',
    columns: [
      { title: 'STT', weight: 12, align: 'center' },
      { title: 'Tập thể', weight: 36, align: 'left' },
      { title: 'Hình thức khen thưởng', weight: 46, align: 'left' },
      { title: 'Thành tích', weight: 42, align: 'left' },
      { title: 'Tiền thưởng (đồng)', weight: 26, align: 'right' },
    ],
    rows: [
      ...d.awards.map((a, i) => ({
        cells: [
          String(i + 1),
          a.recipient,
          a.coefficient !== undefined && withCoef
            ? `${a.award} (${formatNumber(a.coefficient, 1)} lần mức lương cơ sở)`
            : a.award,
          a.achievement,
          formatVndPlain(a.amountVnd),
        ],
      })),
      { cells: ['', 'Tổng cộng', '', '', formatVndPlain(total)], bold: true },
    ],
  });
  const salary = withCoef ? ` Mức tiền thưởng tính theo mức lương cơ sở ${formatVnd(d.baseSalaryVnd!)}/tháng.` : '';
  b.push(
    para([
      bold('Điều 2.'),
      plain(
        ` Tiền thưởng kèm theo các hình thức khen thưởng tại Điều 1 tổng cộng là ${formatVnd(total)} ` +
          `(Bằng chữ: ${vndInWords(total)}), được chi từ ${d.fundSource.replace(/[.;]+$/u, '')}.${salary}`,
      ),
    ]),
  );
  b.push(para([bold('Điều 3.'), plain(` ${endWith(d.effective, '.')}`)]));
  b.push(
    para(`${joinVn(d.executors)} và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(d.signer),
    recipients: formatRecipientLines(withFirstRecipient(d.recipients, 'Như Điều 3')),
  });
  return {
    title: `Quyết định ${lowerFirst(summary)}`,
    author: upperVn(d.header.issuingBody).replace(/\n/g, ' '),
    sections: [{ orientation: 'portrait', restartNumbering: true, blocks: b }],
  };
}

// ---------------------------------------------------------------- Government-flag dossier (province level)

export const GOVERNMENT_FLAG_AWARD = 'Cờ thi đua của Chính phủ';
const COUNCIL_BASE = 'tổng số thành viên Hội đồng';

/** `từ 80% trở lên số phiếu đồng ý, tính trên tổng số thành viên Hội đồng (5 thành viên)` (ND 152/2025 Art. 33(5)). */
function govFlagThresholdText(t: GovFlagProposal['threshold'], members: number): string {
  const pct = formatPercent(t.ratio);
  return `${t.strict ? `trên ${pct}` : `từ ${pct} trở lên`} số phiếu đồng ý, tính trên ${COUNCIL_BASE} (${members} thành viên)`;
}

/** `tối đa 01 tập thể (20% của 05 đơn vị dẫn đầu các khối thi đua)` (ND 152/2025 Art. 7(1)). */
function govFlagQuotaText(q: { quota: number; quotaShare: number; leaders: number }): string {
  return `tối đa ${formatCount(q.quota)} tập thể (không quá ${formatPercent(q.quotaShare)} của ${formatCount(q.leaders)} đơn vị dẫn đầu các khối thi đua)`;
}

const scoreText = (score: number | null): string => (score === null ? '—' : formatNumber(score));

function govFlagResult(c: GovFlagCandidate, members: number, t: GovFlagProposal['threshold']): string {
  if (c.state === 'onHold') return 'Không xét (đang tạm dừng xét khen thưởng)';
  if (c.state === 'disqualified') return 'Không xét (bị xử lý kỷ luật)';
  if (c.selected) return 'Đạt, được đề nghị';
  if (meetsThreshold(c.yes, members, { ...t, base: 'allMembers' }))
    return `Đạt, ngoài tỷ lệ ${c.rank !== null ? `(xếp thứ ${c.rank})` : ''}`.trim();
  return 'Không đạt';
}

export function govFlagBallotCountLayout(bc: GovFlagBallotCount): Layout {
  const n = bc.councilMembers;
  const subject = bc.subject ?? `Bỏ phiếu đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}`;
  const b: Block[] = [
    headerBlock(bc.header, TYPE_ABBR.govFlagBallotCount, false),
    { t: 'title', typeName: 'BIÊN BẢN KIỂM PHIẾU', summary: subject },
  ];
  b.push(
    para(
      `${bc.councilName} tổ chức bỏ phiếu kín đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}, ` +
        `từ ${formatDateTimeVn(bc.openedAt)} đến ${formatDateTimeVn(bc.closedAt)}; mỗi thành viên Hội đồng một phiếu cho mỗi tập thể.`,
    ),
  );
  b.push(para('Thành phần kiểm phiếu:', { keepWithNext: true }));
  b.push(para(`- Chủ trì: đồng chí ${endWith(personText(bc.chair), ';')}`));
  b.push(para(`- Thư ký (kiểm phiếu): đồng chí ${endWith(personText(bc.secretary), '.')}`));
  const voters = Math.max(0, ...bc.candidates.map((c) => c.voted));
  b.push(para(`Tổng số thành viên Hội đồng: ${n}; số thành viên đã bỏ phiếu: ${voters}.`));
  b.push(
    para(
      `Số đơn vị dẫn đầu các khối thi đua được xét: ${formatCount(bc.leaders)}; số tập thể được đề nghị: ${govFlagQuotaText(bc)} ` +
        `theo khoản 1 Điều 7 Nghị định số 152/2025/NĐ-CP.`,
    ),
  );
  b.push(
    para(
      `Điều kiện: tập thể đạt ${govFlagThresholdText(bc.threshold, n)} theo khoản 5 Điều 33 Nghị định số 152/2025/NĐ-CP; ` +
        'các tập thể đạt được xếp theo tỷ lệ phiếu đồng ý, sau đó theo điểm thi đua của năm tại Khối.',
    ),
  );
  b.push(para('Kết quả kiểm phiếu như sau:', { keepWithNext: true }));
  const order = (c: GovFlagCandidate): number => (c.state !== 'counted' ? 3 : c.rank !== null ? 0 : 1);
  const rows = [...bc.candidates].sort((x, y) => order(x) - order(y) || (x.rank ?? 0) - (y.rank ?? 0) || y.yes - x.yes);
  b.push({
    t: 'table',
    columns: [
      { title: 'STT', weight: 8, align: 'center' },
      { title: 'Tên tập thể', weight: 40, align: 'left' },
      { title: 'Khối thi đua', weight: 30, align: 'left' },
      { title: 'Điểm thi đua', weight: 14, align: 'center' },
      { title: 'Số phiếu đồng ý', weight: 15, align: 'center' },
      { title: `Tỷ lệ (%) trên ${COUNCIL_BASE} (${n})`, weight: 22, align: 'center' },
      { title: 'Kết quả', weight: 24, align: 'center' },
    ],
    rows: rows.map((c, i) => ({
      cells: [
        String(i + 1),
        c.name,
        c.blocName,
        scoreText(c.score),
        c.state === 'counted' ? `${c.yes}/${c.voted}` : '—',
        c.state === 'counted' ? formatShare(c.yes, n) : '—',
        govFlagResult(c, n, bc.threshold),
      ],
    })),
  });
  const selected = rows.filter((c) => c.selected);
  const describe = (c: GovFlagCandidate): string => `${c.name} (${c.yes}/${n} phiếu, đạt ${formatShare(c.yes, n)})`;
  b.push(
    para(
      selected.length > 0
        ? `Kết quả: ${formatCount(selected.length)} tập thể đạt tỷ lệ phiếu theo quy định và trong tỷ lệ được đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${bc.year}: ${joinVn(selected.map(describe))}.`
        : `Kết quả: không có tập thể nào đạt tỷ lệ phiếu theo quy định; năm ${bc.year} không đề nghị tặng ${GOVERNMENT_FLAG_AWARD}.`,
    ),
  );
  const over = rows.filter(
    (c) => !c.selected && c.state === 'counted' && meetsThreshold(c.yes, n, { ...bc.threshold, base: 'allMembers' }),
  );
  if (over.length > 0)
    b.push(
      para(
        `${joinVn(over.map(describe))} đạt tỷ lệ phiếu nhưng ngoài tỷ lệ ${formatPercent(bc.quotaShare)} nên không được đề nghị.`,
      ),
    );
  b.push(para(`Kết quả kiểm phiếu được công bố vào lúc ${formatDateTimeVn(bc.closedAt)}./.`, { keepWithNext: true }));
  b.push({
    t: 'signoff',
    left: { titleLines: ['THƯ KÝ HỘI ĐỒNG'], name: bc.secretary.name },
    right: { titleLines: ['TM. HỘI ĐỒNG', 'CHỦ TỊCH'], name: bc.chair.name },
    ...(bc.recipients.length > 0 ? { recipients: formatRecipientLines(bc.recipients) } : {}),
  });
  return {
    title: `Biên bản kiểm phiếu ${lowerFirst(subject)}`,
    author: upperVn(bc.header.issuingBody).replace(/\n/g, ' '),
    sections: [{ orientation: 'portrait', restartNumbering: true, blocks: b }],
  };
}

export function govFlagProposalLayout(p: GovFlagProposal): Layout {
  const n = p.councilMembers;
  const summary = p.summary ?? `Về việc đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year}`;
  const symbol = `${TYPE_ABBR.govFlagProposal}-${p.header.issuerAbbr}`;
  const b: Block[] = [
    headerBlock(p.header, TYPE_ABBR.govFlagProposal, true),
    { t: 'title', typeName: 'TỜ TRÌNH', summary },
  ];
  b.push({ t: 'addressees', items: p.addressees.map((a) => a.replace(/[.;]+$/u, '')) });
  const bases = [...p.legalBases];
  if (p.ballotCount) bases.push(`Căn cứ ${docRefText('Biên bản kiểm phiếu', p.ballotCount, p.councilName)}`);
  bases.forEach((x, i) => b.push(para([italic(endWith(x, i === bases.length - 1 ? '.' : ';'))])));

  b.push(
    para(
      `Năm ${p.year}, ${formatCount(p.leaders)} tập thể dẫn đầu các khối thi đua được tặng Cờ thi đua của ${p.proposer}. ` +
        `Ngày ${formatDateVn(p.votedOn).replace(/^ngày /u, '')}, ${p.councilName} (${n} thành viên) đã bỏ phiếu kín; ` +
        `tập thể được đề nghị phải đạt ${govFlagThresholdText(p.threshold, n)} và trong tỷ lệ ${govFlagQuotaText(p)}.`,
    ),
  );
  const addressee = p.addressees[0]!;
  b.push(
    para(
      `${p.proposer} kính đề nghị ${addressee} xem xét, tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year} cho ${formatCount(p.entries.length)} tập thể ` +
        'đã hoàn thành xuất sắc, toàn diện nhiệm vụ, dẫn đầu phong trào thi đua, cụ thể:',
      { keepWithNext: true },
    ),
  );
  p.entries.forEach((e, i) =>
    b.push(
      para(
        `- ${e.nominee} (${e.blocName}): ${e.yes}/${n} phiếu đồng ý, đạt ${formatShare(e.yes, n)}${i === p.entries.length - 1 ? '.' : ';'}`,
      ),
    ),
  );
  b.push(para([italic('(Có danh sách kèm theo)')]));
  b.push(
    para(p.closing ? endWith(p.closing, './.') : `${p.proposer} kính trình ${addressee} xem xét, quyết định./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(p.signer),
    recipients: formatRecipientLines(withFirstRecipient(p.recipients, 'Như trên')),
  });

  const appendix: Block[] = [
    ...appendixHead(
      p.appendix.title ?? `Danh sách đề nghị tặng ${GOVERNMENT_FLAG_AWARD} năm ${p.year}`,
      `(Kèm theo Tờ trình số ${formatNumberSymbol(p.header.number, symbol)} ${formatDateVn(p.header.date)} của ${p.proposer})`,
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tên tập thể', weight: 55, align: 'left' },
        { title: 'Khối thi đua', weight: 45, align: 'left' },
        { title: `Điểm thi đua năm ${p.year}`, weight: 25, align: 'center' },
        { title: 'Tóm tắt thành tích', weight: 85, align: 'justify' },
        { title: `Số phiếu đồng ý - tỷ lệ trên ${COUNCIL_BASE}`, weight: 40, align: 'center' },
      ],
      rows: p.entries.map((e, i) => ({
        cells: [
          String(i + 1),
          e.nominee,
          e.blocName,
          scoreText(e.score),
          e.achievement,
          `${e.yes}/${n} (${formatShare(e.yes, n)})`,
        ],
      })),
    },
    para([italic(`Danh sách có ${formatCount(p.entries.length)} tập thể.`)], { indent: false, align: 'left' }),
  ];
  return {
    title: `Tờ trình ${lowerFirst(summary)}`,
    author: upperVn(p.header.issuingBody).replace(/\n/g, ' '),
    sections: [
      { orientation: 'portrait', restartNumbering: true, blocks: b },
      { orientation: p.appendix.orientation, restartNumbering: true, blocks: appendix },
    ],
  };
}

// ---------------------------------------------------------------- dispatch

export function buildLayout(doc: DocumentInput): Layout {
  const layout = (() => {
    switch (doc.kind) {
      case 'minutes':
        return minutesLayout(doc.data);
      case 'ballotCount':
        return ballotCountLayout(doc.data);
      case 'proposal':
        return proposalLayout(doc.data);
      case 'decision':
        return decisionLayout(doc.data);
      case 'govFlagProposal':
        return govFlagProposalLayout(doc.data);
      case 'govFlagBallotCount':
        return govFlagBallotCountLayout(doc.data);
    }
  })();
  return normalizeLayout(layout);
}

/** NFC everywhere, whatever a builder concatenated. */
function normalizeLayout(l: Layout): Layout {
  return JSON.parse(JSON.stringify(l), (_k, v: unknown) => (typeof v === 'string' ? nfc(v) : v)) as Layout;
}
