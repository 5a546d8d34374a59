import { renderDocument } from '../../documents';
import { ballotCountFixture, decisionFixture, minutesFixture, proposalFixture, UNITS } from './fixtures';
import { docxDocumentXml, docxParagraphs } from './helpers';
import { unzip } from '../support/zip';

describe('DOCX output', () => {
  let minutes: Buffer;
  let minutesXml: string;
  let minutesText: string;

  beforeAll(async () => {
    minutes = await renderDocument('minutes', 'docx', minutesFixture());
    minutesXml = docxDocumentXml(minutes);
    minutesText = docxParagraphs(minutesXml).join('\n');
  });

  test('is a WordprocessingML package', () => {
    expect(minutes.subarray(0, 2).toString('latin1')).toBe('PK');
    const entries = unzip(minutes);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
  });

  test('A4 portrait with ND30 margins (top/bottom 20 mm, left 30 mm, right 15 mm)', () => {
    expect(minutesXml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(minutesXml)?.[1] ?? '';
    expect(mar).toContain('w:top="1134"');
    expect(mar).toContain('w:bottom="1134"');
    expect(mar).toContain('w:left="1701"');
    expect(mar).toContain('w:right="850"');
  });

  test('Times New Roman everywhere, Vietnamese proofing language', () => {
    const styles = unzip(minutes).get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/w:ascii="Times New Roman"/);
    expect(styles).toMatch(/w:val="vi-VN"/);
    const fonts = new Set([...minutesXml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
  });

  test('header: national title, motto, bodies, number; no place/date line in minutes', () => {
    const paras = docxParagraphs(minutesXml);
    expect(paras).toEqual(
      expect.arrayContaining([
        'UBND THÀNH PHỐ CẦN THƠ',
        'KHỐI THI ĐUA NỘI CHÍNH',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 05/BB-KNC',
      ]),
    );
    expect(minutesText).not.toMatch(/Cần Thơ, ngày/u);
    // The header is a borderless two-column table.
    const firstTable = minutesXml.slice(minutesXml.indexOf('<w:tbl>'), minutesXml.indexOf('</w:tbl>'));
    expect(firstTable).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(firstTable).toMatch(/<w:tblBorders>(?:<w:\w+ w:val="none"[^>]*\/>)+<\/w:tblBorders>/);
    expect(firstTable.match(/<w:gridCol /g)).toHaveLength(2);
  });

  test('rules under the issuing body and the motto are paragraph borders', () => {
    expect(minutesXml.match(/<w:pBdr><w:top w:val="single"/g)?.length).toBeGreaterThanOrEqual(3); // body, motto, summary
  });

  test('body: Vietnamese text, unit names with tone marks, percentages with decimal comma', () => {
    for (const u of UNITS) expect(minutesText).toContain(u.name);
    expect(minutesText).toContain('BIÊN BẢN');
    expect(minutesText).toContain('Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026.');
    expect(minutesText).toContain('85,71%');
    expect(minutesText).toContain('83,33%');
    expect(minutesText).toContain('THƯ KÝ');
    expect(minutesText).toContain('CHỦ TỌA');
    expect(minutesText).toContain('Nơi nhận:');
    expect(minutesText).toBe(minutesText.normalize('NFC'));
  });

  test('body paragraphs are justified with a 1 cm first-line indent', () => {
    const p = minutesXml.split('</w:p>').find((x) => x.includes('Thời gian bắt đầu'))!;
    expect(p).toContain('<w:jc w:val="both"/>');
    expect(p).toMatch(/<w:ind w:firstLine="567"\/>/);
  });

  test('page numbers: PAGE field centred in the header, none on page 1 (title page)', () => {
    expect(minutesXml).toContain('<w:titlePg/>');
    const headers = [...unzip(minutes).entries()]
      .filter(([k]) => /^word\/header\d+\.xml$/.test(k))
      .map(([, v]) => v.toString('utf8'));
    expect(headers.some((h) => /PAGE/.test(h) && h.includes('<w:jc w:val="center"/>'))).toBe(true);
    expect(headers.some((h) => !/PAGE/.test(h))).toBe(true);
  });

  test('proposal: place/date line, Kính gửi, landscape list numbered on its own', async () => {
    const xml = docxDocumentXml(await renderDocument('proposal', 'docx', proposalFixture()));
    const text = docxParagraphs(xml).join('\n');
    expect(text).toContain('Số: 03/TTr-KNC');
    expect(text).toContain('Cần Thơ, ngày 09 tháng 01 năm 2026');
    expect(text).toContain('Kính gửi:\t- Chủ tịch Ủy ban nhân dân thành phố Cần Thơ;');
    expect(text).toContain('- Sở Nội vụ thành phố Cần Thơ.');
    expect(text).toContain('(Kèm theo Tờ trình số 03/TTr-KNC ngày 09 tháng 01 năm 2026 của Khối thi đua Nội chính)');
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(2);
    expect(text).toContain('TM. KHỐI THI ĐUA NỘI CHÍNH');
  });

  test('decision: date with unpadded month, articles, amounts', async () => {
    const xml = docxDocumentXml(await renderDocument('decision', 'docx', decisionFixture()));
    const paras = docxParagraphs(xml);
    const text = paras.join('\n');
    expect(text).toContain('Cần Thơ, ngày 20 tháng 3 năm 2026');
    expect(text).toContain('Số: 125/QĐ-UBND');
    expect(paras.find((p) => p.startsWith('Điều 1.'))).toMatch(/^Điều 1\. Tặng thưởng/u);
    expect(text).toContain('18.720.000');
    expect(text).toContain('32.760.000 đồng (Bằng chữ: Ba mươi hai triệu bảy trăm sáu mươi nghìn đồng)');
    expect(text).toContain('KT. CHỦ TỊCH');
    expect(text).toContain('- Như Điều 3;');
  });

  test('ballot-count record renders', async () => {
    const text = docxParagraphs(
      docxDocumentXml(await renderDocument('ballotCount', 'docx', ballotCountFixture())),
    ).join('\n');
    expect(text).toContain('BIÊN BẢN KIỂM PHIẾU');
    expect(text).toContain('Số: 06/BB-KNC');
    expect(text).toContain('TRƯỞNG BAN');
  });

  test('decomposed (NFD) input comes out NFC', async () => {
    const data = minutesFixture();
    data.venue = 'Hội trường Sở Tư pháp thành phố Cần Thơ'.normalize('NFD');
    const text = docxParagraphs(docxDocumentXml(await renderDocument('minutes', 'docx', data))).join('\n');
    expect(text).toContain('Địa điểm: Hội trường Sở Tư pháp thành phố Cần Thơ.'.normalize('NFC'));
  });
});
