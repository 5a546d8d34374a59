/**
 * The cycle's official documents over HTTP, for real: Express on an ephemeral port, a Temporal dev
 * server, a worker with real activities and a migrated, seeded SQLite file. The Cần Thơ 7-unit bloc
 * runs its 2026 year through the API; each document is then downloaded in both formats and its
 * content checked against the rows the workflow wrote. Page 1 of the minutes is rasterised into
 * test-artifacts/documents/ for a look.
 */
import fs from 'node:fs';
import path from 'node:path';
import { contentDisposition } from '../../api/routes/documents';
import type { Db } from '../../db';
import { MIME_TYPES } from '../../documents';
import { formatShare, formatVndPlain } from '../../documents/format';
import {
  DAY,
  planFor,
  runCouncilAndHandover,
  runToVoting,
  runVoting,
  waitFor,
  type BlocCast,
} from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';
import {
  bodyText,
  docxParagraphs,
  inkMm,
  ocrPage,
  pdfToText,
  rasterPage,
  shareRecovered,
  squash,
  vietnameseWords,
} from '../documents/helpers';
import { unzip } from '../support/zip';

jest.setTimeout(240_000);

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'documents');

let system: RealSystem;
let db: Db;
let base: string;
let cast: BlocCast;
let cycleId: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  system = await startRealSystem();
  ({ db, base } = system);
  cast = await castOf(db, 'CT-NOICHINH');
});

afterAll(() => system?.stop());

async function token(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const t = ((await res.json()) as { token: string }).token;
  tokens.set(username, t);
  return t;
}

/** GET as a seeded user (or anonymously), the body as bytes. */
async function get(pathname: string, username?: string) {
  const res = await fetch(`${base}${pathname}`, {
    headers: username ? { authorization: `Bearer ${await token(username)}` } : {},
  });
  const body = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    body,
    json: () =>
      JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } } & Record<string, unknown>,
  };
}

/** The numbering act (POST, no body). */
async function numberDocuments(kind: string, username: string) {
  const res = await fetch(`${base}/api/cycles/${encodeURIComponent(cycleId)}/documents/${kind}/number`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(username)}` },
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const doc = (kind: string, format: string, query = '') =>
  `/api/cycles/${encodeURIComponent(cycleId)}/documents/${kind}.${format}${query}`;

async function projectionPhase(): Promise<string> {
  const res = await get(`/api/cycles/${encodeURIComponent(cycleId)}`, 'admin');
  return (res.json() as unknown as { phase: string }).phase;
}

test('Content-Disposition: an ASCII name and the exact UTF-8 name (RFC 6266 / 8187)', () => {
  expect(contentDisposition('Biên bản họp bình xét thi đua năm 2026 - Khối thi đua Nội chính.pdf')).toBe(
    'attachment; filename="Bien ban hop binh xet thi dua nam 2026 - Khoi thi dua Noi chinh.pdf"; ' +
      "filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20b%C3%ACnh%20x%C3%A9t%20thi%20%C4%91ua%20n%C4%83m%202026%20-%20Kh%E1%BB%91i%20thi%20%C4%91ua%20N%E1%BB%99i%20ch%C3%ADnh.pdf",
  );
  expect(contentDisposition('Đơn vị "A" (1)*.pdf')).toBe(
    `attachment; filename="Don vi _A_ (1)*.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20v%E1%BB%8B%20%22A%22%20%281%29%2A.pdf`,
  );
});

test('a real 2026 year over HTTP: every document in both formats, with the real data, for the right people only', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const head = cast.officerOf[bloc.headUnitId!]!;
  const plan = planFor(2026, Date.now(), 30 * DAY);
  const started = await fetch(`${base}/api/blocs/${bloc.id}/cycles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token(head)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ year: 2026, plan }),
  });
  expect(started.status).toBe(201);
  cycleId = ((await started.json()) as { cycleId: string }).cycleId;
  const port = httpPort(base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units.map((u) => u.unitId);
  const member = cast.officerOf[units.find((u) => u !== bloc.headUnitId && u !== bloc.deputyUnitId)!]!;

  await runToVoting(port, cast, plan, { merit: units });
  // During the vote: no minutes yet (409, nothing numbered), and the list says why.
  const early = await get(doc('minutes', 'pdf'), member);
  expect(early.status).toBe(409);
  expect(early.json().error).toMatchObject({
    code: 'WRONG_PHASE',
    message: expect.stringContaining('the vote is not closed yet'),
  });
  const list0 = (await get(`/api/cycles/${encodeURIComponent(cycleId)}/documents`, member)).json() as unknown as {
    documents: { kind: string; available: boolean; reason?: string; number: string | null }[];
  };
  expect(list0.documents.map((d) => [d.kind, d.available])).toEqual([
    ['minutes', false],
    ['ballot-count', false],
    ['proposal', false],
    ['decision', false],
  ]);
  expect(await db.prisma.documentCounter.count()).toBe(0);

  await runVoting(port, cast, { merit: units });
  await waitFor('the council phase in the projection', async () => (await projectionPhase()) === 'council');
  const noDecision = await get(doc('decision', 'docx'), member);
  expect(noDecision.status).toBe(409);
  expect(noDecision.json().error.message).toContain('no award decision has been recorded');
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  await waitFor('the closed projection', async () => (await projectionPhase()) === 'closed');

  // ---- who may read
  expect((await get(doc('minutes', 'pdf'))).status).toBe(401);
  // Another province (its bloc's officer, its council): 404, as for a cycle that does not exist (read scope).
  expect((await get(doc('minutes', 'pdf'), 'tn.ca')).status).toBe(404); // officer of another province's bloc
  const foreignCouncil = await get(doc('minutes', 'pdf'), 'tn.hd1');
  expect(foreignCouncil.status).toBe(404);
  expect(foreignCouncil.json().error.code).toBe('NOT_FOUND');
  for (const reader of ['admin', 'ct.hd3', 'ct.tk', member])
    expect([reader, (await get(doc('ballot-count', 'pdf'), reader)).status]).toEqual([reader, 200]);
  expect((await get(`/api/cycles/cycle-NOPE-2026/documents/minutes.pdf`, 'admin')).status).toBe(404);
  expect((await get(doc('report', 'pdf'), 'admin')).status).toBe(404);
  expect((await get(doc('minutes', 'odt'), 'admin')).status).toBe(404);

  // ---- the data the documents must show, read from the rows the workflow wrote
  const unitRows = await db.prisma.unit.findMany({ where: { id: { in: units } } });
  const name = (id: string) => unitRows.find((u) => u.id === id)!.name;
  const rounds = await db.prisma.votingRound.findMany({
    where: { cycleId, contest: { in: ['leader', 'certificate', 'nextHead', 'nextDeputy'] } },
  });
  const leader = rounds.find((r) => r.contest === 'leader' && r.round === 1)!;
  const leaderResult = leader.result as { base: number; counts: Record<string, number>; winners: string[] };
  const flagUnit = leaderResult.winners[0]!;
  const decisions = await db.prisma.awardDecision.findMany({
    where: { proposal: { cycleId } },
    include: { proposal: true },
    orderBy: { decisionNumber: 'asc' },
  });
  expect(decisions.map((d) => d.decisionNumber)).toEqual(['01/QĐ-UBND', '02/QĐ-UBND', '03/QĐ-UBND']);

  const expected: Record<string, { title: string; texts: string[] }> = {
    minutes: {
      title: 'Biên bản họp bình xét thi đua năm 2026 - Khối thi đua Nội chính thành phố Cần Thơ',
      texts: [
        'UBND THÀNH PHỐ CẦN THƠ',
        'KHỐI THI ĐUA NỘI CHÍNH',
        'Số: 01/BB-KNC',
        'BIÊN BẢN',
        '(7/7 đơn vị)',
        ...units.map(name),
      ],
    },
    'ballot-count': {
      title: 'Biên bản kiểm phiếu bình xét thi đua năm 2026 - Khối thi đua Nội chính thành phố Cần Thơ',
      texts: ['Số: 02/BB-KNC', 'BIÊN BẢN KIỂM PHIẾU', ...units.map(name)],
    },
    proposal: {
      title: 'Tờ trình đề nghị khen thưởng năm 2026 - Khối thi đua Nội chính thành phố Cần Thơ',
      texts: [
        'Số: 01/TTr-KNC',
        'TỜ TRÌNH',
        'Cần Thơ, ngày',
        name(flagUnit),
        ...decisions.map((d) => name(d.proposal.unitId)),
      ],
    },
    decision: {
      title: 'Quyết định khen thưởng 01-QĐ-UBND năm 2026',
      texts: [
        'ỦY BAN NHÂN DÂN',
        'Số: 01/QĐ-UBND',
        'QUYẾT ĐỊNH',
        'Cần Thơ, ngày 15 tháng 01 năm 2027',
        name(flagUnit),
        formatVndPlain(18_720_000),
        'Nghị định số 152/2025/NĐ-CP',
      ],
    },
  };

  // A download gives no number (numbering is an explicit act): the minutes come without one and no series moved.
  const unnumbered = await get(doc('minutes', 'pdf'), member);
  expect(unnumbered.status).toBe(200);
  expect(squash(bodyText(pdfToText(unnumbered.body)))).not.toContain('01/BB-KNC');
  expect(await db.prisma.documentCounter.count()).toBe(0);
  expect(await db.prisma.auditLog.count({ where: { action: 'document.number' } })).toBe(0);
  // The bloc head numbers them (a member may not; another province does not even see the cycle); a repeat answers the same numbers.
  expect((await numberDocuments('proposal', member)).status).toBe(403);
  expect((await numberDocuments('proposal', 'tn.ca')).status).toBe(404);
  expect((await numberDocuments('decision', head)).status).toBe(404);
  const numbers = { minutes: '01/BB-KNC', 'ballot-count': '02/BB-KNC', proposal: '01/TTr-KNC' };
  for (let i = 0; i < 2; i++)
    expect(await numberDocuments('proposal', head)).toEqual({
      status: 200,
      body: { cycleId, kind: 'proposal', numbers },
    });
  expect(await db.prisma.auditLog.count({ where: { action: 'document.number', workflowId: cycleId } })).toBe(3);

  let minutesPdf: Buffer | undefined;
  const pdfs: Record<string, Buffer> = {};
  for (const [kind, want] of Object.entries(expected)) {
    for (const format of ['docx', 'pdf'] as const) {
      const res = await get(doc(kind, format), member);
      expect([kind, format, res.status]).toEqual([kind, format, 200]);
      expect(res.headers.get('content-type')).toBe(MIME_TYPES[format]);
      expect(res.headers.get('content-disposition')).toBe(contentDisposition(`${want.title}.${format}`));
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(Number(res.headers.get('content-length'))).toBe(res.body.length);
      let text: string;
      if (format === 'docx') {
        expect(res.body.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
        const xml = unzip(res.body).get('word/document.xml')?.toString('utf8');
        expect(xml).toBeDefined();
        text = docxParagraphs(xml!).join('\n');
      } else {
        expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        text = bodyText(pdfToText(res.body));
        if (kind === 'minutes') minutesPdf = res.body;
        pdfs[kind] = res.body;
      }
      for (const t of want.texts) expect([kind, format, squash(text).includes(t)]).toEqual([kind, format, true]);
    }
  }

  // The leader's percentage in the minutes is the one the vote was counted on.
  const minutesText = squash(bodyText(pdfToText(minutesPdf!)));
  expect(minutesText).toContain(
    `${name(flagUnit)} (${leaderResult.counts[flagUnit]}/${leaderResult.base} phiếu, đạt ${formatShare(leaderResult.counts[flagUnit]!, leaderResult.base)})`,
  );

  // Another decision by its number; an unknown one is 404; the list names them all.
  const second = await get(doc('decision', 'pdf', `?number=${encodeURIComponent('02/QĐ-UBND')}`), 'ct.hd3');
  expect(second.status).toBe(200);
  const secondText = squash(bodyText(pdfToText(second.body)));
  expect(secondText).toContain('Số: 02/QĐ-UBND');
  expect(secondText).toContain(name(decisions[1]!.proposal.unitId));
  expect(secondText).toContain(formatVndPlain(decisions[1]!.amountVnd));
  expect((await get(doc('decision', 'pdf', '?number=99%2FQ%C4%90-UBND'), 'admin')).status).toBe(404);
  const list = (await get(`/api/cycles/${encodeURIComponent(cycleId)}/documents`, 'ct.tk')).json() as unknown as {
    documents: { kind: string; available: boolean; number: string | null }[];
    decisions: { decisionNumber: string; links: { pdf: string } }[];
  };
  expect(list.documents).toEqual([
    expect.objectContaining({ kind: 'minutes', available: true, number: '01/BB-KNC' }),
    expect.objectContaining({ kind: 'ballot-count', available: true, number: '02/BB-KNC' }),
    expect.objectContaining({ kind: 'proposal', available: true, number: '01/TTr-KNC' }),
    expect.objectContaining({ kind: 'decision', available: true, number: '01/QĐ-UBND' }),
  ]);
  expect(list.decisions.map((d) => d.decisionNumber)).toEqual(['01/QĐ-UBND', '02/QĐ-UBND', '03/QĐ-UBND']);
  expect((await get(list.decisions[2]!.links.pdf, 'admin')).status).toBe(200);

  // Downloading again keeps the numbers: the series moved once per document.
  const again = squash(bodyText(pdfToText((await get(doc('minutes', 'pdf'), 'admin')).body)));
  expect(again).toContain('Số: 01/BB-KNC');
  const series = await db.prisma.documentCounter.findMany({
    where: { blocId: bloc.id, docType: { in: ['BB', 'TTr'] } },
    orderBy: { docType: 'asc' },
  });
  expect(series.map((s) => [s.docType, s.lastNumber])).toEqual([
    ['BB', 2],
    ['TTr', 1],
  ]);

  // Page 1 of the minutes, rasterised: header, title and body are drawn where ND30 puts them.
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const png = path.join(ARTIFACTS, 'api-minutes-page1.png');
  const img = rasterPage(minutesPdf!, 1, 100, png);
  expect(fs.existsSync(png)).toBe(true);
  expect(inkMm(img, 100, 30, 15, 100, 40)).toBeGreaterThan(300); // parent and issuing body (left column)
  expect(inkMm(img, 100, 105, 15, 195, 30)).toBeGreaterThan(300); // national title and motto (right column)
  expect(inkMm(img, 100, 30, 60, 195, 270)).toBeGreaterThan(3000); // body text
  fs.writeFileSync(path.join(ARTIFACTS, 'api-minutes.pdf'), minutesPdf!);

  // Page 1 of each PDF as a reader sees it: rendered, then read back by Vietnamese OCR. The
  // diacritic-bearing words of the text layer must come back (OCR misreads a few — in table cells
  // most; boxes or a font without Vietnamese letters would lose most of them).
  for (const [kind, pdf] of Object.entries(pdfs)) {
    const ocr = await ocrPage(pdf, 1);
    const words = vietnameseWords(pdfToText(pdf, { first: 1, last: 1 }));
    expect([kind, words.length > 50]).toEqual([kind, true]);
    expect([kind, shareRecovered(words, ocr) >= 0.95]).toEqual([kind, true]);
    expect([kind, squash(ocr)]).toEqual([kind, expect.stringContaining('Độc lập - Tự do - Hạnh phúc')]);
  }
  // The measure tells documents apart: the decision's page does not pass for the minutes' page.
  expect(
    shareRecovered(vietnameseWords(pdfToText(pdfs.minutes!, { first: 1, last: 1 })), await ocrPage(pdfs.decision!, 1)),
  ).toBeLessThan(0.8);

  // The OpenAPI document describes the download with its binary types.
  const openapi = (await get('/api/openapi.json')).json() as unknown as {
    paths: Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
  };
  const op = openapi.paths['/api/cycles/{cycleId}/documents/{kind}.{format}']!.get;
  expect(Object.keys(op.responses['200']!.content!)).toEqual([MIME_TYPES.docx, MIME_TYPES.pdf]);
  expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['403', '404', '409']));
});
