/**
 * The province award session on the real system (issue 13, wiring): its decisions are numbered from the provincial
 * Chairman's register by the issue act (a retried act keeps its numbers; a number cannot be typed), and its documents
 * download as PDF and DOCX with the read scope of GET …/sessions/{n}; the province's year overview and its workbook
 * show each bloc's sitting, appraisal, outcome and decision numbers, with totals equal to the decisions'.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { HEADER_ROW, SHEET_SESSION, SHEET_SESSION_DECISIONS } from '../../api/routes/province-year/workbook';
import type { ProvinceSessionView } from '../../contracts/province-session';
import { vnDateOf } from '../../domain/vietnam-time';
import { MIME_TYPES } from '../../documents';
import { docxParagraphs, pdfToText, squash } from '../documents/helpers';
import { unzip } from '../support/zip';
import { decideSession, startSession, type SessionRun } from '../support/session-system';
import { systemForThisFile } from '../support/system';
import { expectError, expectStatus } from '../support/writes';

jest.setTimeout(240_000);
const sys = systemForThisFile();
const YEAR = 2026;

let run: SessionRun;
let decided: ProvinceSessionView;
const today = vnDateOf(Date.now());

const download = async (path: string, as?: string) => {
  const res = await fetch(`${sys.base}${path}`, {
    headers: as ? { authorization: `Bearer ${await sys.login(as)}` } : {},
  });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};
const decisionPath = (kind: string, format: 'pdf' | 'docx') => `${run.path}/documents/decisions/${kind}.${format}`;

beforeAll(async () => {
  run = await startSession(sys, YEAR);
  decided = await decideSession(sys, run);
}, 200_000);

describe('the issue act numbers the decisions from the register', () => {
  test('every proposal passed: one decision per award kind is due', () => {
    expect(decided.proposals.map((p) => p.outcome)).toEqual(['awarded', 'awarded', 'awarded', 'awarded']);
  });

  test('a typed number is refused (400); a non-standing-body caller 403; a date without a decree 409 and no number; before issue the document is 409', async () => {
    const typed = { decisionDate: today, numbers: [{ awardType: 'emulation-flag', decisionNumber: '99/QĐ-UBND' }] };
    expectError(await sys.call('POST', `${run.path}/decisions`, { as: 'ct.tk', body: typed }), 400, undefined, []);
    expectError(await sys.call('POST', `${run.path}/decisions`, { as: 'ct.hd1', body: { decisionDate: today } }), 403);
    // No decree in force on the date for the money: refused before any number is taken.
    expectError(
      await sys.call('POST', `${run.path}/decisions`, { as: 'ct.tk', body: { decisionDate: '2020-06-01' } }),
      409,
      'NO_RULESET',
    );
    expect((await download(decisionPath('emulation-flag', 'pdf'), 'admin')).status).toBe(409);
    expect(await sys.db.prisma.issuedDecision.count({ where: { cycleId: run.workflowId } })).toBe(0);
  });

  test('issued: the next numbers of the Chairman’s register; a retry keeps them, a second act is 409', async () => {
    const register = `provinceChairman:${run.provinceId}`;
    const before = await sys.db.prisma.registerCounter.findUnique({
      where: { register_year_docType: { register, year: Number(today.slice(0, 4)), docType: 'QĐ' } },
    });
    const first = (before?.lastNumber ?? 0) + 1;
    const key = randomUUID();
    const res = await sys.call('POST', `${run.path}/decisions`, { as: 'ct.tk', key, body: { decisionDate: today } });
    expectStatus(res, 200);
    const again = await sys.call('POST', `${run.path}/decisions`, { as: 'ct.tk', key, body: { decisionDate: today } });
    expectStatus(again, 200);
    expect(again.body).toEqual(res.body);
    expectError(
      await sys.call('POST', `${run.path}/decisions`, {
        as: 'ct.tk',
        key: randomUUID(),
        body: { decisionDate: today },
      }),
      409,
    );
    const rows = await sys.db.prisma.issuedDecision.findMany({
      where: { cycleId: run.workflowId },
      orderBy: { number: 'asc' },
    });
    expect(rows.map((r) => [r.awardType, r.register, r.number])).toEqual([
      ['emulation-flag', register, first],
      ['certificate-of-merit', register, first + 1],
    ]);
    const after = await sys.db.prisma.registerCounter.findUniqueOrThrow({
      where: { register_year_docType: { register, year: Number(today.slice(0, 4)), docType: 'QĐ' } },
    });
    expect(after.lastNumber).toBe(first + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    const view = (await sys.call<ProvinceSessionView>('GET', run.path, { as: 'admin' })).body;
    expect(view.phase).toBe('issued');
    expect(view.decisions.map((d) => [d.awardType, d.decisionNumber, d.awardees.length])).toEqual([
      ['emulation-flag', `${pad(first)}/QĐ-UBND`, 2],
      ['certificate-of-merit', `${pad(first + 1)}/QĐ-UBND`, 2],
    ]);
    expect(view.proposals.every((p) => p.decisionNumber?.endsWith('/QĐ-UBND'))).toBe(true);
  });
});

describe('the session’s documents', () => {
  test('the decision of each kind: PDF and DOCX list every awardee of every bloc under its register number', async () => {
    const view = (await sys.call<ProvinceSessionView>('GET', run.path, { as: 'admin' })).body;
    for (const d of view.decisions) {
      const pdf = await download(decisionPath(d.awardType, 'pdf'), 'ct.tk');
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe(MIME_TYPES.pdf);
      const text = squash(pdfToText(pdf.body));
      expect(text).toContain(`Số: ${d.decisionNumber}`);
      expect(text).toContain('QUYẾT ĐỊNH');
      for (const a of d.awardees) {
        expect(text).toContain(a.unitName);
        expect(text).toContain(a.blocName);
      }
      const docx = await download(decisionPath(d.awardType, 'docx'), 'admin');
      expect(docx.status).toBe(200);
      expect(docx.type).toBe(MIME_TYPES.docx);
      const paragraphs = squash(docxParagraphs(unzip(docx.body).get('word/document.xml')!.toString('utf8')).join('\n'));
      expect(paragraphs).toContain(d.decisionNumber!);
      for (const a of d.awardees) expect(paragraphs).toContain(a.unitName);
    }
    expect(squash(pdfToText((await download(decisionPath('emulation-flag', 'pdf'), 'admin')).body))).toContain(
      'Cờ thi đua của Ủy ban nhân dân thành phố',
    );
  });

  test('read scope: a bloc head reads the decisions listing its awardees; others 404; anonymous 401; bad kind 400', async () => {
    expect((await download(decisionPath('emulation-flag', 'pdf'), 'ct.ca')).status).toBe(200);
    expect((await download(decisionPath('certificate-of-merit', 'pdf'), 'ct.vksnd')).status).toBe(200);
    for (const as of ['ct.tand', 'tn.ca', 'tn.hd3', 'tn.tk'])
      expect((await download(decisionPath('emulation-flag', 'pdf'), as)).status).toBe(404);
    expect((await download(decisionPath('emulation-flag', 'pdf'))).status).toBe(401);
    expect((await download(decisionPath('excellent-labour-collective', 'pdf'), 'admin')).status).toBe(404);
    expectError(await sys.call('GET', decisionPath('no-such-award', 'pdf'), { as: 'admin' }), 400, undefined, [
      'awardType',
    ]);
  });
});

describe('the province’s year overview shows the session', () => {
  const overview = () => `/api/provinces/${run.provinceId}/years/${YEAR}`;

  test('per bloc: its sitting, appraisal, outcomes and decision numbers; totals equal the decisions’', async () => {
    const view = (await sys.call<ProvinceSessionView>('GET', run.path, { as: 'admin' })).body;
    const res = await sys.call('GET', overview(), { as: 'ct.tk' });
    expectStatus(res, 200);
    const numbers = view.decisions.map((d) => d.decisionNumber);
    for (const code of ['CT-NOICHINH', 'CT-KT']) {
      const bloc = res.body.blocs.find((b: { bloc: { code: string } }) => b.bloc.code === code);
      expect(bloc.session).toEqual({
        n: 1,
        phase: 'issued',
        appraisal: 'accepted',
        attempts: 1,
        outcomes: { awarded: 2 },
        decisionNumbers: numbers,
      });
    }
    const sent = res.body.blocs.filter((b: { session: unknown }) => b.session).length;
    expect(sent).toBe(2);
    const money = view.decisions.flatMap((d) => d.awardees).reduce((t, a) => t + a.amountVnd!, 0);
    expect(money).toBeGreaterThan(0);
    expect(res.body.sessions.totals).toMatchObject({ decisions: 2, awards: 4, amountVnd: money });
    expect(res.body.sessions.sittings[0].decisions.map((d: { decisionNumber: string }) => d.decisionNumber)).toEqual(
      numbers,
    );
    const issued = await sys.db.prisma.issuedDecision.count({ where: { cycleId: run.workflowId } });
    expect(res.body.sessions.totals.decisions).toBe(issued);
  });

  test('scoped like the session GET: a bloc head’s officer sees its own bloc’s session only', async () => {
    const res = await sys.call('GET', overview(), { as: 'ct.vksnd' });
    expectStatus(res, 200);
    const withSession = res.body.blocs.filter((b: { session: unknown }) => b.session);
    expect(withSession.map((b: { bloc: { code: string } }) => b.bloc.code)).toEqual(['CT-KT']);
    expect(res.body.sessions.totals.awards).toBe(2);
    const none = await sys.call('GET', overview(), { as: 'ct.tand' });
    expect(none.body.blocs.filter((b: { session: unknown }) => b.session)).toEqual([]);
    expect(none.body.sessions.totals.decisions).toBe(0);
  });

  test('the workbook: the session’s sheets, money cells equal the decisions’', async () => {
    const res = await download(`${overview()}/export.xlsx`, 'admin');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const view = (await sys.call<ProvinceSessionView>('GET', run.path, { as: 'admin' })).body;
    const blocs = wb.getWorksheet(SHEET_SESSION)!;
    const rows = blocs.getSheetValues().slice(HEADER_ROW + 1) as unknown[][];
    expect(rows.map((r) => [r[1], r[2], r[3], r[5]])).toEqual(
      ['Khối thi đua Kinh tế', 'Khối thi đua Nội chính thành phố Cần Thơ'].map((name) => [
        name,
        1,
        'Đạt',
        view.decisions.map((d) => d.decisionNumber).join(', '),
      ]),
    );
    const decisions = wb.getWorksheet(SHEET_SESSION_DECISIONS)!;
    const lines = decisions.getSheetValues().slice(HEADER_ROW + 1) as unknown[][];
    expect(lines.map((r) => r[3])).toEqual([...view.decisions.map((d) => d.decisionNumber), undefined]);
    const amounts = view.decisions.map((d) => d.awardees.reduce((t, a) => t + a.amountVnd!, 0));
    expect(lines.map((r) => r[6])).toEqual([...amounts, amounts[0]! + amounts[1]!]);
  });
});

describe('a bloc year whose awards the session decided', () => {
  test('its decision of that kind is not issued a second time from the register (409 naming the session’s)', async () => {
    const { prisma } = sys.db;
    const view = (await sys.call<ProvinceSessionView>('GET', run.path, { as: 'admin' })).body;
    const flag = view.decisions.find((d) => d.awardType === 'emulation-flag')!;
    const d = run.dossiers['CT-NOICHINH']!;
    const bloc = await prisma.bloc.findUniqueOrThrow({ where: { id: d.blocId } });
    // The cycle as it stands once it took the session's outcome over (its projection rows, as recordDecision writes).
    await prisma.cycle.create({
      data: {
        id: d.cycleId,
        blocId: bloc.id,
        year: YEAR,
        phase: 'closed',
        headUnitId: bloc.headUnitId!,
        deputyUnitId: bloc.deputyUnitId!,
        ruleSetCode: bloc.ruleSetCode,
        ruleSetVersion: 1,
        deadlines: {},
        startedAt: new Date(`${YEAR}-01-05T00:00:00.000Z`),
      },
    });
    const p = d.proposals.find((x) => x.awardType === 'emulation-flag')!;
    const awardee = flag.awardees.find((a) => a.proposalId === p.proposalId)!;
    await prisma.proposal.create({
      data: {
        id: p.proposalId,
        cycleId: d.cycleId,
        unitId: p.unitId,
        awardType: p.awardType,
        achievementPeriod: String(YEAR),
        status: 'approved',
        decision: {
          create: {
            decisionNumber: flag.decisionNumber!,
            decisionDate: new Date(`${flag.decisionDate}T00:00:00.000Z`),
            signer: 'Chủ tịch UBND',
            coefficient: 1,
            baseSalaryVnd: 1,
            amountVnd: awardee.amountVnd!,
          },
        },
      },
    });
    const counter = () =>
      prisma.registerCounter.findMany({ where: { register: `provinceChairman:${run.provinceId}` } });
    const before = await counter();
    const res = await sys.call('POST', `/api/cycles/${encodeURIComponent(d.cycleId)}/decisions/emulation-flag/issue`, {
      as: 'ct.tk',
      key: randomUUID(),
      body: { decisionDate: today },
    });
    expectError(res, 409, 'ALREADY_DONE');
    expect((res.body as { error: { message: string } }).error.message).toContain(flag.decisionNumber!);
    expect(await counter()).toEqual(before);
  });
});
