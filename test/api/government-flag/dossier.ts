/** The Government flag over HTTP: the dossier for the Ministry of Home Affairs, after the run of test/api/government-flag.test.ts. */
import { contentDisposition } from '../../../api/routes/documents';
import { MIME_TYPES } from '../../../documents';
import { formatDateVn } from '../../../documents/format';
import { ocrPage, pdfToText, shareRecovered, squash, vietnameseWords } from '../../documents/helpers';
import { seedBlocLeaders } from '../../support/government-flag';
import { sys, today, year, dossier, download, textOf } from './context';

/** Registered by test/api/government-flag.test.ts after its first run (these tests read what it left). */
export function dossierTests(): void {
  test('the dossier for the Ministry of Home Affairs (after the run above): ballot-count record and proposal letter, both formats, the real data, council and admin only', async () => {
    const province = await sys.db.prisma.province.findUniqueOrThrow({ where: { code: 'CT' } });
    const proposals = await sys.db.prisma.proposal.findMany({
      where: { awardType: 'government-flag', id: { startsWith: `govflag-CT-${year}:` } },
      include: { unit: true },
    });
    expect(proposals).toHaveLength(5);
    const name = (code: string) => proposals.find((p) => p.unit.code === code)!.unit.name;
    const chair = await sys.db.prisma.councilMember.findFirstOrThrow({
      where: { position: 'chair', council: { provinceId: province.id } },
      include: { person: true },
    });

    // Who may read: the province's council (members, secretary) and the admin.
    const url = (kind: string, format: string) => dossier(province.id, year, kind, format);
    expect((await download(url('proposal', 'pdf'))).status).toBe(401);
    // An officer of the province: 403; another province's council: 404, as for a province that does not exist.
    for (const [as, status, code] of [
      ['ct.ca', 403, 'FORBIDDEN'],
      ['tn.hd1', 404, 'NOT_FOUND'],
      ['tn.tk', 404, 'NOT_FOUND'],
    ] as const) {
      const res = await download(url('proposal', 'pdf'), as);
      expect([as, res.status, res.json().error.code]).toEqual([as, status, code]);
    }
    for (const as of ['admin', 'ct.tk', 'ct.hd5'])
      expect([as, (await download(url('ballot-count', 'pdf'), as)).status]).toEqual([as, 200]);
    expect((await download(url('report', 'pdf'), 'admin')).status).toBe(404);
    expect((await download(url('proposal', 'odt'), 'admin')).status).toBe(404);
    expect((await download(dossier(province.id, year + 2, 'proposal', 'pdf'), 'admin')).status).toBe(404);

    const expected: Record<string, { file: string; texts: string[] }> = {
      'ballot-count': {
        file: `Biên bản kiểm phiếu đề nghị tặng Cờ thi đua của Chính phủ năm ${year} - ${province.name}`,
        texts: [
          'UBND THÀNH PHỐ CẦN THƠ',
          'BIÊN BẢN KIỂM PHIẾU',
          `Bỏ phiếu đề nghị tặng Cờ thi đua của Chính phủ năm ${year}`,
          'Tổng số thành viên Hội đồng: 5',
          'từ 80% trở lên số phiếu đồng ý, tính trên tổng số thành viên Hội đồng (5 thành viên)',
          'tối đa 01 tập thể (không quá 20% của 05 đơn vị dẫn đầu các khối thi đua)',
          `${name('CT-TTR')} (5/5 phiếu, đạt 100%)`,
          `${name('CT-CA')} (4/5 phiếu, đạt 80%) đạt tỷ lệ phiếu nhưng ngoài tỷ lệ 20%`,
          'Không xét (bị xử lý kỷ luật)',
          ...['CT-TTR', 'CT-CA', 'CT-VKSND', 'CT-VX1', 'CT-VX2'].map(name),
          'THƯ KÝ HỘI ĐỒNG',
          chair.person.fullName,
        ],
      },
      proposal: {
        file: `Tờ trình đề nghị tặng Cờ thi đua của Chính phủ năm ${year} - ${province.name}`,
        texts: [
          'ỦY BAN NHÂN DÂN',
          'Số: 15/TTr-UBND',
          `Cần Thơ, ${formatDateVn(today)}`,
          'TỜ TRÌNH',
          `Về việc đề nghị tặng Cờ thi đua của Chính phủ năm ${year}`,
          'Thủ tướng Chính phủ',
          'Nghị định số 152/2025/NĐ-CP',
          `Căn cứ Biên bản kiểm phiếu số`,
          `${name('CT-TTR')} (Khối thi đua Nội chính`,
          '5/5 phiếu đồng ý, đạt 100%',
          'TM. ỦY BAN NHÂN DÂN',
          chair.person.fullName,
          '(Kèm theo Tờ trình số 15/TTr-UBND',
          '5/5 (100%)',
        ],
      },
    };
    const pdfs: Record<string, Buffer> = {};
    for (const [kind, want] of Object.entries(expected)) {
      for (const format of ['docx', 'pdf'] as const) {
        const res = await download(url(kind, format), 'ct.hd2');
        expect([kind, format, res.status]).toEqual([kind, format, 200]);
        expect(res.headers.get('content-type')).toBe(MIME_TYPES[format]);
        expect(res.headers.get('content-disposition')).toBe(contentDisposition(`${want.file}.${format}`));
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        expect(Number(res.headers.get('content-length'))).toBe(res.body.length);
        const text = textOf(format, res.body);
        for (const t of want.texts) expect([kind, format, t, text.includes(t)]).toEqual([kind, format, t, true]);
        if (format === 'pdf') pdfs[kind] = res.body;
      }
    }
    // Only the submitted leader is on the letter.
    expect(textOf('pdf', pdfs.proposal!)).not.toContain(name('CT-CA'));

    // Page 1 of each PDF as a reader sees it, read back by Vietnamese OCR.
    for (const [kind, pdf] of Object.entries(pdfs)) {
      const ocr = await ocrPage(pdf, 1);
      const words = vietnameseWords(pdfToText(pdf, { first: 1, last: 1 }));
      expect([kind, words.length > 50]).toEqual([kind, true]);
      const share = shareRecovered(words, ocr);
      expect([kind, share >= 0.95, share]).toEqual([kind, true, share]);
      expect([kind, squash(ocr)]).toEqual([kind, expect.stringContaining('Độc lập - Tự do - Hạnh phúc')]);
    }

    // The OpenAPI document describes the download with its binary types.
    const op = (await sys.call('GET', '/api/openapi.json')).body.paths[
      '/api/provinces/{provinceId}/government-flag/{year}/documents/{kind}.{format}'
    ].get;
    expect(Object.keys(op.responses['200'].content)).toEqual([MIME_TYPES.docx, MIME_TYPES.pdf]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403', '404']));
  });

  test('shares of a 6-member council are printed with a decimal comma (a second selection, year N+1)', async () => {
    // The secretary also sits on the council from now on: 6 members, of whom 5 vote.
    const province = await sys.db.prisma.province.findUniqueOrThrow({ where: { code: 'CT' } });
    const council = await sys.db.prisma.council.findFirstOrThrow({ where: { provinceId: province.id } });
    const tk = await sys.db.prisma.person.findUniqueOrThrow({ where: { username: 'ct.tk' } });
    await sys.db.prisma.councilMember.create({ data: { councilId: council.id, personId: tk.id, position: 'member' } });
    const next = year + 1;
    const { units: u } = await seedBlocLeaders(sys.db, next, {
      fromSeeded: ['CT-TTR', 'CT-CA', 'CT-VKSND'],
      fromSecond: 2,
      scores: { 'CT-TTR': 95.5 },
    });
    const started = await sys.call('POST', `/api/provinces/${province.id}/government-flag`, {
      as: 'ct.tk',
      body: { year: next },
    });
    expect(started.status).toBe(201);
    const base = `/api/government-flag/${started.body.workflowId}`;
    for (const [i, member] of ['ct.hd1', 'ct.hd2', 'ct.hd3', 'ct.hd4', 'ct.hd5'].entries()) {
      const votes = Object.values(u).map((unitId) => ({
        unitId,
        approve: unitId === u['CT-TTR'] || (unitId === u['CT-CA'] && i < 4),
      }));
      expect((await sys.call('POST', `${base}/votes`, { as: member, body: { votes } })).status).toBe(200);
    }
    expect((await sys.call('POST', `${base}/close`, { as: 'ct.tk', body: {} })).status).toBe(200);
    expect(
      (
        await sys.call('POST', `${base}/submission`, {
          as: 'ct.tk',
          body: { letterNumber: '07/TTr-UBND', letterDate: today },
        })
      ).status,
    ).toBe(200);
    const names = await sys.db.prisma.unit.findMany({ where: { id: { in: [u['CT-TTR']!, u['CT-CA']!] } } });
    const name = (id: string) => names.find((x) => x.id === id)!.name;

    const count = textOf('pdf', (await download(dossier(province.id, next, 'ballot-count', 'pdf'), 'ct.hd1')).body);
    expect(count).toContain('Tổng số thành viên Hội đồng: 6; số thành viên đã bỏ phiếu: 5.');
    expect(count).toContain('tính trên tổng số thành viên Hội đồng (6 thành viên)');
    expect(count).toContain(`${name(u['CT-TTR']!)} (5/6 phiếu, đạt 83,33%)`);
    expect(count).toContain('66,67%');
    expect(count).toContain('95,5');
    const letter = textOf('docx', (await download(dossier(province.id, next, 'proposal', 'docx'), 'ct.hd1')).body);
    expect(letter).toContain('Số: 07/TTr-UBND');
    expect(letter).toContain('5/6 phiếu đồng ý, đạt 83,33%');
    expect(letter).toContain('5/6 (83,33%)');
    expect(letter).not.toContain(name(u['CT-CA']!));
  });
}
