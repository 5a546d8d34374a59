/**
 * Evidence upload and download, for real: Express on an ephemeral port, a Temporal dev server, a
 * worker with real activities and a migrated, seeded SQLite file. A Cần Thơ cycle is driven over
 * HTTP to self-scoring; uploads are tried by every kind of caller, size and type; the self-score
 * names uploaded ids; then the year moves on and uploads close.
 */
import { createHash, randomUUID } from 'node:crypto';
import { zip } from '../support/zip';
import request from 'supertest';
import { Document, Packer, Paragraph } from 'docx';
import { evidenceFileName, sniffEvidenceType } from '../../api/routes/evidence';
import type { Db } from '../../db';
import {
  DAY,
  planFor,
  runToVoting,
  selfScoreEntries,
  waitForPhase,
  type BlocCast,
  type CyclePort,
} from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';

jest.setTimeout(180_000);

const LIMIT = 64 * 1024;
/** Per unit and cycle (EVIDENCE_QUOTA_BYTES): four files at the upload limit. */
const QUOTA = 4 * LIMIT;
let system: RealSystem;
let db: Db;
let base: string;

beforeAll(async () => {
  system = await startRealSystem({ env: { UPLOAD_MAX_BYTES: String(LIMIT), EVIDENCE_QUOTA_BYTES: String(QUOTA) } });
  ({ db, base } = system);
});

afterAll(async () => {
  await system?.stop();
});

// ───────────────────────────────────────────────────────────────────────────── files

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const CT = '[Content_Types].xml';
const FILES = {
  pdf: Buffer.from(
    '%PDF-1.7\n%âãÏÓ\n1 0 obj << /Title (Báo cáo tổng kết) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'utf8',
  ),
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(64, 1),
    Buffer.from([0xff, 0xd9]),
  ]),
  xlsx: zip({ [CT]: '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' }),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)]),
  text: Buffer.from('Đây là một tệp văn bản, không phải minh chứng hợp lệ.\n', 'utf8'),
  plainZip: zip({ 'readme.txt': 'xin chào' }),
  fakeDocx: zip({ 'word/document.xml': '<w:document/>' }), // no [Content_Types].xml
  // Macro-enabled Office files (DOCM/XLSM, or a DOCX carrying a VBA project or ActiveX controls).
  docm: zip({
    [CT]: '<Types/>',
    'word/document.xml': '<w:document/>',
    'word/vbaProject.bin': 'Attribute VB_Name = "ThisDocument"',
  }),
  xlsm: zip({ [CT]: '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/vbaProject.bin': 'VBA' }),
  activeX: zip({ [CT]: '<Types/>', 'word/document.xml': '<w:document/>', 'word/activeX/activeX1.xml': '<ax:ocx/>' }),
};
let docx: Buffer;

test('content sniffing: accepted types by their bytes, whatever the name says', async () => {
  docx = await Packer.toBuffer(
    new Document({
      sections: [{ children: [new Paragraph('Minh chứng: Báo cáo kết quả thực hiện nhiệm vụ năm 2026')] }],
    }),
  );
  expect(sniffEvidenceType(FILES.pdf)).toBe('application/pdf');
  expect(sniffEvidenceType(FILES.png)).toBe('image/png');
  expect(sniffEvidenceType(FILES.jpeg)).toBe('image/jpeg');
  expect(sniffEvidenceType(docx)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(sniffEvidenceType(FILES.xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  for (const bad of [
    FILES.exe,
    FILES.text,
    FILES.plainZip,
    FILES.fakeDocx,
    Buffer.alloc(0),
    Buffer.from('PK\x03\x04broken'),
  ])
    expect(sniffEvidenceType(bad)).toBeNull();
  for (const macro of [FILES.docm, FILES.xlsm, FILES.activeX]) expect(sniffEvidenceType(macro)).toBeNull();
});

test('stored names: the extension of the detected type, no bidirectional or invisible format characters', () => {
  expect(evidenceFileName('Báo cáo tổng kết năm 2026 – Công an.pdf', 'application/pdf')).toBe(
    'Báo cáo tổng kết năm 2026 – Công an.pdf',
  );
  expect(evidenceFileName('ảnh chụp.jpg', 'image/jpeg')).toBe('ảnh chụp.jpg');
  // U+202E (right-to-left override) would show "hoa-don\u202Egnp.exe" as "hoa-donexe.png".
  expect(evidenceFileName('hoa-don\u202Egnp.exe', 'image/png')).toBe('hoa-dongnp.png');
  expect(evidenceFileName('bao\u200B-cao\u2066.docx', 'application/pdf')).toBe('bao-cao.pdf');
  expect(evidenceFileName('../../etc/passwd', 'application/pdf')).toBe('.._.._etc_passwd.pdf');
  expect(evidenceFileName('', 'image/png')).toBe('minh-chung.png');
  expect(evidenceFileName(`${'x'.repeat(400)}.pdf`, 'application/pdf')).toHaveLength(255);
});

// ───────────────────────────────────────────────────────────────────────────── the year

const tokens = new Map<string, string>();
const login = async (username: string) => {
  if (!tokens.has(username))
    tokens.set(
      username,
      (await request(base).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200)).body
        .token as string,
    );
  return tokens.get(username)!;
};
const auth = async (username: string) => `Bearer ${await login(username)}`;

let cycleId: string;
let cast: BlocCast;
let port: CyclePort;
let unitA: string; // an ordinary member
let unitB: string; // another ordinary member
let officerA: string;
let officerB: string;
let headOfficer: string;
let deputyOfficer: string;
const plan = planFor(2026, Date.now(), 30 * DAY);

const upload = async (
  username: string,
  file: Buffer,
  opts: { filename?: string; contentType?: string; unitId?: string; criterionId?: string | null } = {},
) => {
  const req = request(base)
    .post(`/api/cycles/${cycleId}/evidence`)
    .set('authorization', await auth(username));
  if (opts.unitId !== undefined || username === officerA) req.field('unitId', opts.unitId ?? unitA);
  if (opts.criterionId !== null) req.field('criterionId', opts.criterionId ?? 'tasks.targets');
  return req.attach('file', file, {
    filename: opts.filename ?? 'minh-chung.pdf',
    contentType: opts.contentType ?? 'application/pdf',
  });
};
/** The upload, expected to be stored (201). */
const stored = async (...args: Parameters<typeof upload>) => {
  const res = await upload(...args);
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return res;
};

class StopAtSelfScore extends Error {}

test('before self-scoring, uploads are refused (409 WRONG_PHASE); the cycle is then driven to self-scoring', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  cast = await castOf(db, 'CT-NOICHINH');
  headOfficer = cast.officerOf[bloc.headUnitId!]!;
  deputyOfficer = cast.officerOf[bloc.deputyUnitId!]!;
  [unitA, unitB] = Object.keys(cast.officerOf).filter((id) => id !== bloc.headUnitId && id !== bloc.deputyUnitId) as [
    string,
    string,
  ];
  officerA = cast.officerOf[unitA]!;
  officerB = cast.officerOf[unitB]!;

  const started = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', await auth(headOfficer))
    .send({ year: 2026, plan })
    .expect(201);
  cycleId = started.body.cycleId;
  port = httpPort(base, cycleId, TEST_PASSWORD);
  await waitForPhase(port, 'pledge');
  const early = await upload(officerA, FILES.pdf);
  expect(early.status).toBe(409);
  expect(early.body.error).toMatchObject({ status: 409, code: 'WRONG_PHASE' });

  // The scripted year stops at the first self-score: this test submits those itself.
  const stopping: CyclePort = {
    ...port,
    act: (u, path, body, id) =>
      path === '/self-scores' ? Promise.reject(new StopAtSelfScore()) : port.act(u, path, body, id),
  };
  const units = Object.keys(cast.officerOf);
  await expect(runToVoting(stopping, cast, plan, { merit: units })).rejects.toBeInstanceOf(StopAtSelfScore);
  await waitFor(
    async () => (await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } })).phase === 'selfScoring',
  );
});

const waitFor = async (probe: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 100));
};

let evidenceA: { id: string; sha256: string; size: number };

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
  expect(await db.prisma.evidenceFile.aggregate({ where: { cycleId, unitId: unitB }, _sum: { size: true } })).toEqual({
    _sum: { size: QUOTA },
  });
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
