/**
 * Evidence read back and closed (test/api/evidence.test.ts): who downloads a file, what a self-score may name,
 * the deadline and the next phase closing uploads, and the OpenAPI document of both endpoints.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { selfScoreEntries, runToVoting } from '../../support/scenario';
import { FILES, sha } from './files';
import { evidenceA } from './uploads';
import {
  auth,
  base,
  cast,
  cycleId,
  db,
  deputyOfficer,
  headOfficer,
  officerA,
  officerB,
  plan,
  port,
  unitA,
  unitB,
  upload,
} from './year';

/** Registered by test/api/evidence.test.ts after the upload tests (./uploads.ts). */
export function readTests(): void {
  test('download: the unit, the head and deputy, the province council and the admin; nobody else', async () => {
    for (const who of [officerA, headOfficer, deputyOfficer, 'ct.hd1', 'ct.hd5', 'ct.tk', 'admin']) {
      const res = await request(base)
        .get(`/api/evidence/${evidenceA.id}`)
        .set('authorization', await auth(who))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect([who, res.status]).toEqual([who, 200]);
      expect(Buffer.compare(res.body as Buffer, FILES.pdf)).toBe(0);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['etag']).toBe(`"${sha(FILES.pdf)}"`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Bao cao tong ket nam 2026 _ Cong an.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo tổng kết năm 2026 – Công an.pdf')}`,
      );
    }
    // Another unit of the bloc: 403; another province: 404, as for a file that does not exist (read scope).
    for (const [who, status, code] of [
      [officerB, 403, 'FORBIDDEN'],
      ['tn.ca', 404, 'NOT_FOUND'],
      ['tn.hd1', 404, 'NOT_FOUND'],
      ['tn.tk', 404, 'NOT_FOUND'],
    ] as const) {
      const res = await request(base)
        .get(`/api/evidence/${evidenceA.id}`)
        .set('authorization', await auth(who));
      expect([who, res.status]).toEqual([who, status]);
      expect(res.body.error.code).toBe(code);
    }
    expect(
      (
        await request(base)
          .get(`/api/evidence/${randomUUID()}`)
          .set('authorization', await auth('admin'))
      ).status,
    ).toBe(404);
    await request(base).get(`/api/evidence/${evidenceA.id}`).expect(401);
  });

  test('the self-score may name only evidence this unit uploaded in this cycle, for that criterion', async () => {
    const entries = (ids: Record<string, string[]>) =>
      selfScoreEntries(plan, 0.9).map((e) => (ids[e.criterionId] ? { ...e, evidence: ids[e.criterionId] } : e));
    const selfScore = async (username: string, unitId: string, ids: Record<string, string[]>) =>
      request(base)
        .post(`/api/cycles/${cycleId}/self-scores`)
        .set('authorization', await auth(username))
        .send({ unitId, entries: entries(ids), bonusClaimed: 0 });
    const index = selfScoreEntries(plan, 0.9).findIndex((e) => e.criterionId === 'tasks.targets');
    const indexQuality = selfScoreEntries(plan, 0.9).findIndex((e) => e.criterionId === 'tasks.quality');

    // Unit B names unit A's file.
    const foreign = await selfScore(officerB, unitB, { 'tasks.targets': [evidenceA.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.issues).toEqual([
      { path: ['entries', index, 'evidence', 0], message: expect.stringMatching(/not uploaded by this unit/) },
    ]);
    // A made-up id.
    const madeUp = await selfScore(officerA, unitA, { 'tasks.targets': ['Công văn 15/CV-CA', randomUUID()] });
    expect(madeUp.body.error.issues[0].path).toEqual(['entries', index, 'evidence', 1]);
    // Unit A's own file, but uploaded for another criterion.
    const misplaced = await selfScore(officerA, unitA, { 'tasks.quality': [evidenceA.id] });
    expect(misplaced.status).toBe(422);
    expect(misplaced.body.error.issues[0]).toEqual({
      path: ['entries', indexQuality, 'evidence', 0],
      message: expect.stringMatching(/uploaded for criterion tasks.targets/),
    });
    // Nothing reached the workflow.
    expect(await db.prisma.submission.count({ where: { cycleId, kind: 'selfScore' } })).toBe(0);

    // The right file for the right criterion, beside a paper reference: accepted and stored as given.
    const ok = await selfScore(officerA, unitA, { 'tasks.targets': [evidenceA.id, 'Quyết định 12/QĐ-UBND'] });
    expect(ok.status).toBe(200);
    const sub = await db.prisma.submission.findFirstOrThrow({ where: { cycleId, unitId: unitA, kind: 'selfScore' } });
    const storedEntry = (sub.payload as { entries: { criterionId: string; evidence: string[] }[] }).entries.find(
      (e) => e.criterionId === 'tasks.targets',
    )!;
    expect(storedEntry.evidence).toEqual([evidenceA.id, 'Quyết định 12/QĐ-UBND']);
  });

  test('the self-scoring deadline (as projected) closes uploads: 409 DEADLINE_PASSED', async () => {
    const row = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    const deadlines = row.deadlines as Record<string, string>;
    await db.prisma.cycle.update({
      where: { id: cycleId },
      data: { deadlines: { ...deadlines, selfScoring: new Date(Date.now() - 1000).toISOString() } },
    });
    try {
      const res = await upload(officerA, FILES.pdf);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('DEADLINE_PASSED');
    } finally {
      await db.prisma.cycle.update({ where: { id: cycleId }, data: { deadlines } });
    }
  });

  test('after self-scoring the year moves on and uploads are refused; the evidence stays readable', async () => {
    await runToVoting(port, cast, plan, { merit: Object.keys(cast.officerOf) });
    const late = await upload(officerA, FILES.pdf);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('WRONG_PHASE');
    await request(base)
      .get(`/api/evidence/${evidenceA.id}`)
      .set('authorization', await auth('ct.hd2'))
      .expect(200);
  });

  test('OpenAPI documents the multipart upload and the download', async () => {
    const doc = (await request(base).get('/api/openapi.json').expect(200)).body;
    const post = doc.paths['/api/cycles/{cycleId}/evidence'].post;
    const schema = post.requestBody.content['multipart/form-data'].schema;
    expect(schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(schema.required).toEqual(expect.arrayContaining(['file', 'unitId', 'criterionId']));
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '403', '409', '413', '415']));
    expect(doc.paths['/api/evidence/{id}'].get.responses['200'].content['application/pdf']).toBeDefined();
    expect(doc.paths['/api/cycles/{cycleId}/ballots'].post.responses['503']).toBeDefined();
  });
}
