import {
  formatCount,
  formatDateTimeVn,
  formatDateVn,
  formatNumber,
  formatPercent,
  formatPlaceDate,
  formatRecipientLines,
  formatShare,
  formatVnd,
  joinVn,
  numberToVietnameseWords,
  upperVn,
  vndInWords,
} from '../../documents/format';
import { formatDocumentNumber } from '../../documents/numbering';
import { parseVnDateTime } from '../../domain/vietnam-time';

describe('formatDocumentNumber', () => {
  test.each([
    [5, 'BB', 'KNC', 'Số: 05/BB-KNC'],
    [1, 'TTr', 'KNC', 'Số: 01/TTr-KNC'],
    [9, 'QĐ', 'UBND', 'Số: 09/QĐ-UBND'],
    [10, 'BB', 'KNC', 'Số: 10/BB-KNC'],
    [125, 'QĐ', 'UBND', 'Số: 125/QĐ-UBND'],
    [12, '', 'UBND-VX', 'Số: 12/UBND-VX'],
  ])('%p %s %s → %s', (n, type, issuer, expected) => {
    expect(formatDocumentNumber(n, type, issuer)).toBe(expected);
  });

  test('null leaves a blank for the văn thư', () => {
    expect(formatDocumentNumber(null, 'TTr', 'KNC')).toMatch(/^Số:\u00a0+\/TTr-KNC$/u);
  });

  test.each([[0], [-1], [1.5], [Number.NaN]])('rejects number %p', (n) => {
    expect(() => formatDocumentNumber(n, 'BB', 'KNC')).toThrow(RangeError);
  });

  test.each([['K NC'], [''], ['KNC/'], ['-KNC']])('rejects issuer %p', (issuer) => {
    expect(() => formatDocumentNumber(5, 'BB', issuer)).toThrow(RangeError);
  });
});

describe('formatPlaceDate / formatDateVn', () => {
  test.each([
    ['2026-01-05', 'Cần Thơ, ngày 05 tháng 01 năm 2026'],
    ['2026-03-20', 'Cần Thơ, ngày 20 tháng 3 năm 2026'],
    ['2026-02-09', 'Cần Thơ, ngày 09 tháng 02 năm 2026'],
    ['2025-12-31', 'Cần Thơ, ngày 31 tháng 12 năm 2025'],
    ['2025-10-01', 'Cần Thơ, ngày 01 tháng 10 năm 2025'],
    ['2024-02-29', 'Cần Thơ, ngày 29 tháng 02 năm 2024'],
  ])('%s → %s', (date, expected) => {
    expect(formatPlaceDate('Cần Thơ', date)).toBe(expected);
  });

  test('accepts {year, month, day} and a Date (shown in Vietnam time, UTC+7)', () => {
    expect(formatDateVn({ year: 2026, month: 4, day: 3 })).toBe('ngày 03 tháng 4 năm 2026');
    // 2026-01-04T20:00Z is already 5 January in Vietnam.
    expect(formatDateVn(new Date('2026-01-04T20:00:00Z'))).toBe('ngày 05 tháng 01 năm 2026');
  });

  test('normalises a decomposed place name to NFC', () => {
    const decomposed = 'Cần Thơ'.normalize('NFD');
    expect(formatPlaceDate(decomposed, '2026-01-05')).toBe('Cần Thơ, ngày 05 tháng 01 năm 2026'.normalize('NFC'));
  });

  test.each([['2026-02-30'], ['2026-13-01'], ['05/01/2026'], ['']])('rejects %p', (d) => {
    expect(() => formatDateVn(d)).toThrow(RangeError);
  });
});

describe('date-times', () => {
  test('local time is taken as Vietnam time; offsets are converted', () => {
    expect(formatDateTimeVn('2026-01-05T08:00')).toBe('08 giờ 00 phút, ngày 05 tháng 01 năm 2026');
    expect(formatDateTimeVn('2026-01-05T01:30:00Z')).toBe('08 giờ 30 phút, ngày 05 tháng 01 năm 2026');
    expect(formatDateTimeVn('2026-03-04T23:15:00+07:00')).toBe('23 giờ 15 phút, ngày 04 tháng 3 năm 2026');
    expect(parseVnDateTime('2026-02-28T20:00:00-05:00')).toEqual({ year: 2026, month: 3, day: 1, hour: 8, minute: 0 });
  });
});

describe('formatVnd', () => {
  test.each([
    [18_720_000, '18.720.000 đồng'],
    [0, '0 đồng'],
    [999, '999 đồng'],
    [1000, '1.000 đồng'],
    [2_340_000, '2.340.000 đồng'],
    [1_234_567_890, '1.234.567.890 đồng'],
    [-7_020_000, '-7.020.000 đồng'],
  ])('%p → %s', (n, expected) => {
    expect(formatVnd(n)).toBe(expected);
  });
  test('rejects fractions of a đồng', () => {
    expect(() => formatVnd(10.5)).toThrow(RangeError);
  });
});

describe('formatPercent / formatShare', () => {
  test.each([
    [6 / 7, '85,71%'],
    [2 / 3, '66,67%'],
    [1, '100%'],
    [0.8, '80%'],
    [0, '0%'],
    [0.5, '50%'],
    [1 / 8, '12,50%'],
    [0.28565, '28,57%'],
    [5 / 7, '71,43%'],
    [4 / 7, '57,14%'],
    [0.001, '0,10%'],
    [12.3456, '1.234,56%'],
  ])('%p → %s', (x, expected) => {
    expect(formatPercent(x)).toBe(expected);
  });
  test('share from integers', () => {
    expect(formatShare(6, 7)).toBe('85,71%');
    expect(formatShare(5, 6)).toBe('83,33%');
    expect(formatShare(4, 5)).toBe('80%');
    expect(() => formatShare(1, 0)).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  test.each([
    [985.5, '985,5'],
    [1000, '1.000'],
    [915.25, '915,25'],
    [0.125, '0,13'],
    [-3.5, '-3,5'],
  ])('%p → %s', (x, expected) => {
    expect(formatNumber(x)).toBe(expected);
  });
});

describe('numbers in words', () => {
  test.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [15, 'mười lăm'],
    [21, 'hai mươi mốt'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm lẻ năm'],
    [110, 'một trăm mười'],
    [1005, 'một nghìn không trăm lẻ năm'],
    [1050, 'một nghìn không trăm năm mươi'],
    [2_340_000, 'hai triệu ba trăm bốn mươi nghìn'],
    [18_720_000, 'mười tám triệu bảy trăm hai mươi nghìn'],
    [32_760_000, 'ba mươi hai triệu bảy trăm sáu mươi nghìn'],
    [1_000_000_000, 'một tỷ'],
    [2_005_000_001, 'hai tỷ không trăm lẻ năm triệu không trăm lẻ một'],
    [2_000_005_000, 'hai tỷ không trăm lẻ năm nghìn'],
  ])('%p → %s', (n, expected) => {
    expect(numberToVietnameseWords(n)).toBe(expected);
  });
  test('vndInWords capitalises and adds the unit', () => {
    expect(vndInWords(25_740_000)).toBe('Hai mươi lăm triệu bảy trăm bốn mươi nghìn đồng');
  });
});

describe('text helpers', () => {
  test('upperVn keeps Vietnamese letters', () => {
    expect(upperVn('Khối thi đua Nội chính')).toBe('KHỐI THI ĐUA NỘI CHÍNH');
    expect(upperVn('ủy ban nhân dân')).toBe('ỦY BAN NHÂN DÂN');
  });
  test('joinVn', () => {
    expect(joinVn(['A'])).toBe('A');
    expect(joinVn(['A', 'B'])).toBe('A và B');
    expect(joinVn(['A', 'B', 'C'])).toBe('A, B và C');
  });
  test('recipient lines end with ";" and the last with "."', () => {
    expect(formatRecipientLines(['Như trên;', '- Sở Nội vụ', 'Lưu: VT, NV.'])).toEqual([
      '- Như trên;',
      '- Sở Nội vụ;',
      '- Lưu: VT, NV.',
    ]);
  });
  test('formatCount pads to two digits', () => {
    expect(formatCount(3)).toBe('03');
    expect(formatCount(12)).toBe('12');
  });
});
