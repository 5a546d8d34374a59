/**
 * Evidence uploads during self-scoring (test/api/evidence.test.ts): what is stored and how it is named, which
 * types are accepted by their bytes, the size limit and the per-unit quota, bad fields, and who may upload.
 */
import request from 'supertest';
import { FILES, LIMIT, QUOTA, docx, sha } from './files';
import { auth, base, cycleId, db, headOfficer, officerA, officerB, stored, unitA, unitB, upload } from './year';

/** The officer's first PDF, which the download and self-score tests (./reads.ts) read back. */
export let evidenceA: { id: string; sha256: string; size: number };

/** Registered by test/api/evidence.test.ts after the cycle has reached self-scoring (./year.ts). */
export function uploadTests(): void {
  test('the officer uploads a PDF for their unit: 201 {id, sha256, size}; bytes and hash are stored', async () => {
    const filename = 'Báo cáo tổng kết năm 2026 – Công an.pdf';
    const res = await stored(officerA, FILES.pdf, { filename });
    expect(res.body).toEqual({
      id: expect.any(String),
      sha256: sha(FILES.pdf),
      size: FILES.pdf.length,
      mimeType: 'application/pdf',
      filename,
    });
    evidenceA = res.body;
    const row = await db.prisma.evidenceFile.findUniqueOrThrow({ where: { id: evidenceA.id } });
    expect(row).toMatchObject({
      cycleId,
      unitId: unitA,
      criterionId: 'tasks.targets',
      filename,
      mimeType: 'application/pdf',
      size: FILES.pdf.length,
      sha256: sha(FILES.pdf),
    });
    expect(Buffer.from(row.content).equals(FILES.pdf)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { action: 'evidence.upload', entityId: evidenceA.id } })).toBe(1);

    // The same bytes again for the same criterion (a retried upload): the stored file, not a second row.
    const again = await upload(officerA, FILES.pdf, { filename: 'khác tên.pdf' });
    expect([again.status, again.body]).toEqual([200, evidenceA]);
    expect(await db.prisma.evidenceFile.count({ where: { cycleId, sha256: evidenceA.sha256 } })).toBe(1);
  });

  test('images, DOCX and XLSX are accepted and typed from their content', async () => {
    const cases: [Buffer, string, string][] = [
      [FILES.png, 'anh-hoi-nghi.png', 'image/png'],
      [FILES.jpeg, 'ảnh chụp.jpg', 'image/jpeg'],
      [docx, 'Báo cáo.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [FILES.xlsx, 'Bảng điểm.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ];
    for (const [file, filename, mime] of cases) {
      // The declared type is ignored: the bytes decide.
      const res = await stored(officerA, file, {
        filename,
        contentType: 'application/octet-stream',
        criterionId: 'tasks.quality',
      });
      expect(res.body).toMatchObject({ sha256: sha(file), size: file.length, mimeType: mime, filename });
    }
  });

  test('other types are 415 with the envelope, whatever they claim to be', async () => {
    for (const [file, filename] of [
      [FILES.exe, 'virus.pdf'],
      [FILES.text, 'ghi-chu.txt'],
      [FILES.plainZip, 'ho-so.docx'],
      [FILES.fakeDocx, 'gia.docx'],
    ] as const) {
      const res = await upload(officerA, file, { filename, contentType: 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body.error).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const json = await request(base)
      .post(`/api/cycles/${cycleId}/evidence`)
      .set('authorization', await auth(officerA))
      .send({ unitId: unitA, criterionId: 'tasks.targets' });
    expect(json.status).toBe(415);
    // Macro-enabled Office files are refused, whatever their name.
    for (const [file, filename] of [
      [FILES.docm, 'bao-cao.docm'],
      [FILES.xlsm, 'bang-diem.xlsx'],
      [FILES.activeX, 'mau.docx'],
    ] as const) {
      const res = await upload(officerA, file, {
        filename,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      expect([filename, res.status, res.body.error?.code]).toEqual([filename, 415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });

  test('the stored name takes the extension of the detected type and loses bidi characters; the download escapes it like the documents', async () => {
    const png = await stored(officerA, FILES.png, {
      filename: 'hoa-don\u202Egnp.exe',
      contentType: 'application/octet-stream',
      criterionId: 'tasks.targets',
    });
    expect(png.body).toMatchObject({ mimeType: 'image/png', filename: 'hoa-dongnp.png' });
    const pdf = await stored(officerA, Buffer.concat([FILES.pdf, Buffer.from('% khác\n')]), {
      filename: "Báo cáo (bản 2)'*.docx",
      criterionId: 'tasks.targets',
    });
    expect(pdf.body.filename).toBe("Báo cáo (bản 2)'*.pdf");
    const res = await request(base)
      .get(`/api/evidence/${pdf.body.id}`)
      .set('authorization', await auth(officerA));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao (ban 2)'*.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%28b%E1%BA%A3n%202%29%27%2A.pdf`,
    );
  });

  test('the size limit is UPLOAD_MAX_BYTES: exactly the limit is stored, one byte more is 413 with the envelope', async () => {
    const atLimit = Buffer.concat([FILES.pdf, Buffer.alloc(LIMIT - FILES.pdf.length, 0x20)]);
    expect(atLimit.length).toBe(LIMIT);
    await stored(officerA, atLimit);
    const over = await upload(officerA, Buffer.concat([atLimit, Buffer.from(' ')]));
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ status: 413, code: 'TOO_LARGE' });
    const big = await upload(officerA, Buffer.concat([FILES.pdf, Buffer.alloc(4 * LIMIT, 0x20)]));
    expect(big.status).toBe(413);
    expect(await db.prisma.evidenceFile.count({ where: { size: { gt: LIMIT } } })).toBe(0);
  });

  test('a unit stores at most EVIDENCE_QUOTA_BYTES per cycle: then 413 QUOTA_EXCEEDED, nothing stored', async () => {
    const file = (i: number) =>
      Buffer.concat([
        FILES.pdf,
        Buffer.from(`% ${i}\n`),
        Buffer.alloc(LIMIT - FILES.pdf.length - `% ${i}\n`.length, 0x20),
      ]);
    for (let i = 0; i < QUOTA / LIMIT; i++) await stored(officerB, file(i), { unitId: unitB });
    const over = await upload(officerB, FILES.pdf, { unitId: unitB });
    expect(over.status).toBe(413);
    expect(over.body.error).toMatchObject({ status: 413, code: 'QUOTA_EXCEEDED', issues: [{ path: ['file'] }] });
    expect(await db.prisma.evidenceFile.aggregate({ where: { cycleId, unitId: unitB }, _sum: { size: true } })).toEqual(
      {
        _sum: { size: QUOTA },
      },
    );
    // Another unit has its own quota.
    await stored(officerA, Buffer.concat([FILES.pdf, Buffer.from('% quota\n')]), { criterionId: 'tasks.quality' });
  });

  test('missing or bad fields are 400 with the path; a criterion not in the template 422', async () => {
    const noFile = await request(base)
      .post(`/api/cycles/${cycleId}/evidence`)
      .set('authorization', await auth(officerA))
      .field('unitId', unitA)
      .field('criterionId', 'tasks.targets');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.issues[0].path).toEqual(['file']);
    const noCriterion = await upload(officerA, FILES.pdf, { criterionId: null });
    expect(noCriterion.status).toBe(400);
    expect(noCriterion.body.error.issues[0].path).toEqual(['criterionId']);
    const unknown = await upload(officerA, FILES.pdf, { criterionId: 'khong.ton.tai' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0].path).toEqual(['criterionId']);
    const empty = await upload(officerA, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const wrongField = await request(base)
      .post(`/api/cycles/${cycleId}/evidence`)
      .set('authorization', await auth(officerA))
      .field('unitId', unitA)
      .field('criterionId', 'tasks.targets')
      .attach('tep', FILES.pdf, 'a.pdf');
    expect(wrongField.status).toBe(400);
  });

  test('only the officer of that unit, a member of the bloc, uploads', async () => {
    // For another unit of the bloc.
    const other = await upload(officerA, FILES.pdf, { unitId: unitB });
    expect(other.status).toBe(403);
    expect(other.body.error.issues[0].path).toEqual(['unitId']);
    // Even the head cannot upload for a member.
    expect((await upload(headOfficer, FILES.pdf, { unitId: unitA })).status).toBe(403);
    // An officer of another province's bloc, a council member, the admin: not unit officers of this bloc.
    expect((await upload('tn.ca', FILES.pdf, { unitId: unitA })).status).toBe(403);
    expect((await upload('ct.hd1', FILES.pdf, { unitId: unitA })).status).toBe(403);
    expect((await upload('admin', FILES.pdf, { unitId: unitA })).status).toBe(403);
    // No token.
    await request(base).post(`/api/cycles/${cycleId}/evidence`).attach('file', FILES.pdf, 'a.pdf').expect(401);
    // No such cycle.
    expect(
      (
        await request(base)
          .post('/api/cycles/cycle-NOPE-2026/evidence')
          .set('authorization', await auth(officerA))
          .field('unitId', unitA)
          .field('criterionId', 'tasks.targets')
          .attach('file', FILES.pdf, 'a.pdf')
      ).status,
    ).toBe(404);
  });
}
