/**
 * Issuing the year's award decisions from the authority's register (api/routes/decision-issue.ts), over the year
 * ./acts.ts drove (a flag and certificates approved): who may (the council secretary of this province, the admin),
 * what a draft shows (a blank number), the number from the province's register, idempotency, 409 once issued, the
 * audit row, and the issued decision as a list of every awardee with money and total.
 */
import { randomUUID } from 'node:crypto';
import { PEOPLE } from '../../support/every-act';
import { expectError, expectStatus } from '../../support/act-calls';
import { unzip } from '../../support/zip';
import { docxParagraphs } from '../../documents/helpers';
import { formatVndPlain } from '../../../documents/format';
import { year } from './acts';
import { everyone, sys } from './context';

/** Registered by test/api/authz.test.ts after the year (./acts.ts). */
export function decisionIssueTests(): void {
  const docx = async (url: string, as: string): Promise<string[]> => {
    const res = await fetch(`${sys.base}${url}`, { headers: { authorization: `Bearer ${await sys.login(as)}` } });
    expect(res.status).toBe(200);
    return docxParagraphs(
      unzip(Buffer.from(await res.arrayBuffer()))
        .get('word/document.xml')!
        .toString('utf8'),
    );
  };

  test('issuing a decision: the council secretary of this province or the admin, once, numbered from the province register', async () => {
    const id = encodeURIComponent(year.cycleId);
    const cycle = await sys.db.prisma.cycle.findUniqueOrThrow({ where: { id: year.cycleId } });
    const certificates = year.proposals.filter((p) => p.awardType === 'certificate-of-merit');
    const list = async () =>
      (await sys.call('GET', `/api/cycles/${id}/documents`, { as: PEOPLE.councilMember })).body as {
        decisionLists: { awardType: string; awardees: number; number: string | null; links: { docx: string } }[];
      };
    // Before: one draft per award kind, the higher award first, no number.
    const before = await list();
    expect(before.decisionLists.map((d) => [d.awardType, d.awardees, d.number])).toEqual([
      ['emulation-flag', 1, null],
      ['certificate-of-merit', certificates.length, null],
    ]);
    const draft = await docx(before.decisionLists[1]!.links.docx, PEOPLE.memberOfficer);
    expect(draft.find((p) => p.startsWith('Số:'))).toMatch(/^Số:\s+\/QĐ-UBND$/u);

    const url = `/api/cycles/${id}/decisions/certificate-of-merit/issue`;
    const body = { decisionDate: `${cycle.year + 1}-01-20` };
    expectError(await sys.call('POST', url, { body }), 401, 'UNAUTHENTICATED', 'issue anonymously');
    for (const person of everyone.filter((p) => p !== 'councilSecretary' && p !== 'admin')) {
      const other = person.startsWith('other');
      expectError(
        await sys.call('POST', url, { as: PEOPLE[person], body, key: randomUUID() }),
        other ? 404 : 403,
        other ? 'NOT_FOUND' : 'FORBIDDEN',
        `issue as ${person}`,
      );
    }
    // Invalid input: the Zod path; the Government flag is not a province decision; dated before the letter.
    const bad = await sys.call('POST', url, { as: PEOPLE.councilSecretary, body: { decisionDate: '20/01/2027' } });
    expect([bad.status, (bad.body as { error: { issues: { path: string[] }[] } }).error.issues[0]!.path]).toEqual([
      400,
      ['decisionDate'],
    ]);
    expectStatus(
      await sys.call('POST', `/api/cycles/${id}/decisions/government-flag/issue`, { as: PEOPLE.admin, body }),
      400,
      'the Government flag is not issued here',
    );
    expectError(
      await sys.call('POST', url, { as: PEOPLE.councilSecretary, body: { decisionDate: `${cycle.year}-01-01` } }),
      422,
      'VALIDATION',
      'a decision dated before the proposal letter',
    );
    expect(await sys.db.prisma.issuedDecision.count({ where: { cycleId: year.cycleId } })).toBe(0);

    // The secretary issues it: the first number of the province Chairman's register for that year.
    const key = randomUUID();
    const issued = await sys.call('POST', url, { as: PEOPLE.councilSecretary, body, key });
    expectStatus(issued, 200, 'issue as the council secretary');
    expect(issued.body).toMatchObject({ awardType: 'certificate-of-merit', number: '01/QĐ-UBND', ...body });
    // The same request again answers the same; another request is refused: a number is given once.
    const replay = await sys.call('POST', url, { as: PEOPLE.councilSecretary, body, key });
    expect([replay.status, replay.body]).toEqual([200, issued.body]);
    expectError(
      await sys.call('POST', url, { as: PEOPLE.admin, body, key: randomUUID() }),
      409,
      'ALREADY_DONE',
      'a second issue',
    );
    const audit = await sys.db.prisma.auditLog.findMany({
      where: { action: 'decision.issue', entityId: `${year.cycleId}:certificate-of-merit` },
    });
    expect(audit.map((a) => (a.after as { number: string }).number)).toEqual(['01/QĐ-UBND']);
    // The admin issues the flag's: the next number of the same register.
    const flag = await sys.call('POST', `/api/cycles/${id}/decisions/emulation-flag/issue`, {
      as: PEOPLE.admin,
      body,
      key: randomUUID(),
    });
    expect([flag.status, (flag.body as { number: string }).number]).toEqual([200, '02/QĐ-UBND']);

    // As issued: the number, the list of every awardee with its money, the total.
    const after = await list();
    expect(after.decisionLists.map((d) => d.number)).toEqual(['02/QĐ-UBND', '01/QĐ-UBND']);
    const paras = await docx(after.decisionLists[1]!.links.docx, PEOPLE.head);
    expect(paras).toContain('Số: 01/QĐ-UBND');
    expect(paras.find((p) => p.startsWith('Điều 1.'))).toMatch(
      /^Điều 1\. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố cho \d+ tập thể có tên sau/u,
    );
    const decided = await sys.db.prisma.awardDecision.findMany({
      where: { proposal: { cycleId: year.cycleId, awardType: 'certificate-of-merit' } },
      include: { proposal: { include: { unit: true } } },
    });
    for (const d of decided) expect(paras).toContain(d.proposal.unit.name);
    const total = decided.reduce((s, d) => s + d.amountVnd, 0);
    expect(paras[paras.indexOf('Tổng cộng') + 1]).toBe(formatVndPlain(total));
  });

  test("each proposed collective's achievement report, from its year: pledge, score and rank, evidence", async () => {
    const id = encodeURIComponent(year.cycleId);
    const list = (await sys.call('GET', `/api/cycles/${id}/documents`, { as: PEOPLE.memberOfficer })).body as {
      achievementReports: { unitId: string; awardType: string; links: { docx: string } }[];
    };
    const proposed = [...new Set(year.proposals.map((p) => p.unitId))].sort();
    expect(list.achievementReports.map((r) => r.unitId).sort()).toEqual(proposed);
    const flag = list.achievementReports.find((r) => r.awardType === 'emulation-flag')!;
    const text = (await docx(flag.links.docx, PEOPLE.councilMember)).join('\n');
    const unit = await sys.db.prisma.unit.findUniqueOrThrow({ where: { id: flag.unitId } });
    const summary = await sys.db.prisma.scoreSummary.findUniqueOrThrow({
      where: { cycleId_unitId: { cycleId: year.cycleId, unitId: flag.unitId } },
    });
    const pledge = await sys.db.prisma.submission.findUniqueOrThrow({
      where: { cycleId_unitId_kind: { cycleId: year.cycleId, unitId: flag.unitId, kind: 'pledge' } },
    });
    expect(text).toContain('BÁO CÁO THÀNH TÍCH');
    expect(text).toContain(unit.name);
    expect(text).toContain('Đề nghị tặng Cờ thi đua của Ủy ban nhân dân thành phố');
    expect(text).toContain(`xếp hạng ${summary.rank}/`);
    for (const t of (pledge.payload as { targets: string[] }).targets) expect(text).toContain(t.replace(/[.;]+$/u, ''));
    const files = await sys.db.prisma.evidenceFile.findMany({ where: { cycleId: year.cycleId, unitId: flag.unitId } });
    for (const f of files) expect(text).toContain(f.filename);
    // Which unit: required; a unit not proposed has none; outsiders are refused as for any document.
    const base = flag.links.docx.split('?')[0]!;
    expectError(await sys.call('GET', base, { as: PEOPLE.admin }), 400, 'VALIDATION', 'a report without its unit');
    expectError(
      await sys.call('GET', `${base}?unit=${year.leaver}`, { as: PEOPLE.admin }),
      404,
      'NOT_FOUND',
      'a unit that was not proposed',
    );
    expectError(
      await sys.call('GET', flag.links.docx, { as: PEOPLE.otherCouncilSecretary }),
      404,
      'NOT_FOUND',
      'another province',
    );
  });
}
