/**
 * A department-level bloc over HTTP, for real (Express, Temporal dev server, worker, SQLite): the admin makes the
 * Cần Thơ bloc a department's own bloc (level, awarding body, signer); its year runs through the API; the leader
 * contest proposes "Tập thể lao động xuất sắc" (decided by the provincial Chairman) and the certificate contest
 * Giấy khen, whose decision is signed by the department's director with 0.6 × base salary, rounded up
 * (ND 152/2025 Art. 54(1)(e), 49(1)–(2)): 0.6 × 2,340,000 = 1,404,000 → 1,410,000 đ.
 */
import { formatVndPlain } from '../../documents/format';
import { DAY, planFor, runCouncilAndHandover, runToVoting, runVoting, waitFor } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { systemForThisFile } from '../support/system';
import { castOf } from '../support/workflow-port';
import { bodyText, pdfToText, squash } from '../documents/helpers';

jest.setTimeout(240_000);

const sys = systemForThisFile();

test('a department bloc: Giấy khen decided and signed by its director, the leader proposed for Tập thể lao động xuất sắc', async () => {
  const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const director = 'Trần Văn Giám';

  // Below the province the awarding body and its head are required (the Zod issue path names them).
  const missing = await sys.call('PATCH', `/api/admin/blocs/${bloc.id}`, {
    as: 'admin',
    body: { level: 'department' },
  });
  expect(missing.status).toBe(400);
  expect(JSON.stringify(missing.body)).toContain('authorityName');
  const patched = await sys.call('PATCH', `/api/admin/blocs/${bloc.id}`, {
    as: 'admin',
    body: { level: 'department', authorityName: 'Sở Tư pháp thành phố Cần Thơ', signerName: director },
  });
  expect(patched.status).toBe(200);

  const cast = await castOf(sys.db, 'CT-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const plan = planFor(2026, Date.now(), 30 * DAY);
  const started = await sys.call<{ cycleId: string }>('POST', `/api/blocs/${bloc.id}/cycles`, {
    as: head,
    body: { year: 2026, plan },
  });
  expect(started.status).toBe(201);
  const cycleId = started.body.cycleId;
  const port = httpPort(sys.base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units.map((u) => u.unitId);
  await runToVoting(port, cast, plan, { merit: units });
  await runVoting(port, cast, { merit: units });
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  await waitFor(
    'the closed projection',
    async () =>
      (await sys.call('GET', `/api/cycles/${encodeURIComponent(cycleId)}`, { as: 'admin' })).body.phase === 'closed',
  );

  const proposals = await sys.db.prisma.proposal.findMany({ where: { cycleId }, include: { decision: true } });
  const kinds = new Set(proposals.map((p) => p.awardType));
  expect(kinds).toEqual(new Set(['excellent-labour-collective', 'certificate-of-commendation']));
  const giayKhen = proposals.find((p) => p.awardType === 'certificate-of-commendation' && p.decision)!;
  expect(giayKhen.decision!.amountVnd).toBe(1_410_000);
  const labour = proposals.find((p) => p.awardType === 'excellent-labour-collective' && p.decision)!;
  expect(labour.decision!.amountVnd).toBe(3_510_000); // 1.5 × 2,340,000 (ND 152/2025 Art. 50(2)(a))

  const pdf = await fetch(
    `${sys.base}/api/cycles/${encodeURIComponent(cycleId)}/documents/decision.pdf?number=${encodeURIComponent(giayKhen.decision!.decisionNumber)}`,
    { headers: { authorization: `Bearer ${await sys.login('admin')}` } },
  );
  expect(pdf.status).toBe(200);
  const text = squash(bodyText(pdfToText(Buffer.from(await pdf.arrayBuffer()))));
  expect(text).toContain('SỞ TƯ PHÁP');
  expect(text).toContain('GIÁM ĐỐC');
  expect(text).toContain(director);
  expect(text).toContain('Giấy khen');
  expect(text).toContain(formatVndPlain(1_410_000));
  expect(text).not.toContain('CHỦ TỊCH');
});
