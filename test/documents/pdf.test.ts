import * as path from 'node:path';
import { renderDocument } from '../../documents';
import { VIETNAMESE_LETTERS } from '../../documents/fonts';
import { ballotCountFixture, decisionFixture, minutesFixture, proposalFixture, UNITS } from './fixtures';
import { bodyText, describeWithPoppler, inkMm, pdfToText, rasterPage, squash, testPdfOptions } from './helpers';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'documents');
const options = testPdfOptions();

describe('PDF output (structure)', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument('minutes', 'pdf', minutesFixture(), options);
  });

  test('is a PDF with A4 pages', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  test('embeds the TrueType font subsets with a ToUnicode map', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/ToUnicode \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+/);
  });

  test('other kinds render, the proposal with a landscape list', async () => {
    for (const [kind, data] of [
      ['ballotCount', ballotCountFixture()],
      ['decision', decisionFixture()],
    ] as const) {
      const out = await renderDocument(kind, 'pdf', data as never, options);
      expect(out.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const proposal = await renderDocument('proposal', 'pdf', proposalFixture(), options);
    expect(proposal.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  test('a missing font folder is a clear error', async () => {
    await expect(renderDocument('minutes', 'pdf', minutesFixture(), { fontDir: '/nonexistent/fonts' })).rejects.toThrow(
      /no complete serif font set in \/nonexistent\/fonts/,
    );
  });
});

describeWithPoppler('PDF output (pdftotext / pdftoppm)', () => {
  let minutes: Buffer;
  beforeAll(async () => {
    minutes = await renderDocument('minutes', 'pdf', minutesFixture(), options);
  });

  test('the Vietnamese text round-trips exactly (NFC)', () => {
    const text = pdfToText(minutes);
    expect(text).toBe(text.normalize('NFC'));
    expect(text).not.toMatch(/\uFFFD/u);
    const flat = squash(bodyText(text));
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND THÀNH PHỐ CẦN THƠ',
      'KHỐI THI ĐUA NỘI CHÍNH',
      'Số: 05/BB-KNC',
      'BIÊN BẢN',
      'Họp bình xét thi đua năm 2025 Khối thi đua Nội chính',
      'Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026.',
      'Số đơn vị thành viên có mặt: 6/7 (85,71%)',
      '85,71%',
      '83,33%',
      'Võ Thành Nhân',
      'Đặng Thị Mỹ Duyên',
      'Nơi nhận:',
      'Lưu: VT, Hồ sơ.',
      ...UNITS.map((u) => u.name),
    ]) {
      expect(flat).toContain(s);
    }
    expect(flat).not.toMatch(/Cần Thơ, ngày/u);
  });

  test('every Vietnamese letter survives, also from decomposed input', async () => {
    const data = minutesFixture();
    // Each letter inside a word ("xạ"): a line of lone letters has uniform gaps that pdftotext reads as letter-spacing.
    const sample = VIETNAMESE_LETTERS.map((l) => `x${l}`).join(' ');
    data.discussion = [`Kiểm tra bảng chữ: ${sample.normalize('NFD')}`];
    const text = squash(bodyText(pdfToText(await renderDocument('minutes', 'pdf', data, options))));
    expect(text).toContain(`Kiểm tra bảng chữ: ${sample}`);
  });

  test('page 1 looks like an official document (rasterised)', () => {
    const dpi = 50;
    const img = rasterPage(minutes, 1, dpi, path.join(ARTIFACTS, 'minutes-page1.png'));
    expect(img.width).toBe(Math.ceil((210 / 25.4) * dpi));
    expect(img.height).toBe(Math.ceil((297 / 25.4) * dpi));
    // Nothing in the margins: left 30 mm, right 15 mm, top 20 mm (no page number on page 1), bottom 20 mm.
    expect(inkMm(img, dpi, 0, 0, 28, 297)).toBe(0);
    expect(inkMm(img, dpi, 197, 0, 210, 297)).toBe(0);
    expect(inkMm(img, dpi, 0, 0, 210, 18)).toBe(0);
    expect(inkMm(img, dpi, 0, 279, 210, 297)).toBe(0);
    // Header: left column (bodies) and right column (national title) both inked in the first ~12 mm of text.
    expect(inkMm(img, dpi, 30, 20, 100, 32)).toBeGreaterThan(50);
    expect(inkMm(img, dpi, 100, 20, 195, 32)).toBeGreaterThan(50);
  });

  test('page 2 carries its number centred in the top margin', () => {
    const dpi = 50;
    const img = rasterPage(minutes, 2, dpi);
    expect(inkMm(img, dpi, 100, 5, 125, 19)).toBeGreaterThan(0);
    expect(inkMm(img, dpi, 0, 0, 100, 19)).toBe(0);
    expect(inkMm(img, dpi, 125, 0, 210, 19)).toBe(0);
    const header = squash(pdfToText(minutes, { first: 2, last: 2 })).split(' ')[0];
    expect(header).toBe('2');
  });

  test('proposal: addressees, list in landscape numbered on its own, date line', async () => {
    const pdf = await renderDocument('proposal', 'pdf', proposalFixture(), options);
    const text = squash(bodyText(pdfToText(pdf)));
    expect(text).toContain('Cần Thơ, ngày 09 tháng 01 năm 2026');
    expect(text).toContain('Kính gửi: - Chủ tịch Ủy ban nhân dân thành phố Cần Thơ; - Sở Nội vụ thành phố Cần Thơ.');
    expect(text).toContain('(Kèm theo Tờ trình số 03/TTr-KNC ngày 09 tháng 01 năm 2026 của Khối thi đua Nội chính)');
    expect(text).toContain('6/7 (85,71%)');
    // The list starts a new numbering run: no number on its first page.
    const lastPages = pdfToText(pdf)
      .split('\f')
      .filter((p) => p.trim().length > 0);
    const listPage = lastPages.findIndex((p) => p.includes('Phụ lục'));
    expect(listPage).toBeGreaterThan(0);
    expect(squash(lastPages[listPage]!).startsWith('Phụ lục')).toBe(true);
    rasterPage(pdf, listPage + 1, 30, path.join(ARTIFACTS, 'proposal-list.png'));
  });

  test('decision: amounts and unpadded month', async () => {
    const text = squash(bodyText(pdfToText(await renderDocument('decision', 'pdf', decisionFixture(), options))));
    expect(text).toContain('Cần Thơ, ngày 20 tháng 3 năm 2026');
    expect(text).toContain('Điều 1. Tặng thưởng');
    expect(text).toContain('18.720.000');
    expect(text).toContain('Bằng chữ: Ba mươi hai triệu bảy trăm sáu mươi nghìn đồng');
  });
});
