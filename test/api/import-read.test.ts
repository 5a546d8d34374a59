/** Reading import files (api/import/read.ts): RFC 4180 CSV as Excel writes it, and cells as their column's type. */
import { parseCsv, typed } from '../../api/import/read';
import { SHEETS } from '../../api/import/sheets';

const column = (sheet: keyof typeof SHEETS, key: string) => SHEETS[sheet].columns.find((c) => c.key === key)!;

test.each([
  [
    'a,b\r\n1,2\r\n',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
  [
    '\uFEFFa;b\n"x;y";"say ""hi"""\n',
    [
      ['a', 'b'],
      ['x;y', 'say "hi"'],
    ],
  ],
  [
    'a,b\n"two\nlines",\n',
    [
      ['a', 'b'],
      ['two\nlines', ''],
    ],
  ],
  [
    'a,b\n1,2',
    [
      ['a', 'b'],
      ['1', '2'],
    ],
  ],
])('CSV %j', (text, records) => {
  expect(parseCsv(text)).toEqual(records);
});

test.each([
  ['units', 'womenRatio', '0,35', 0.35],
  ['units', 'womenRatio', 'nhiều', 'nhiều'],
  ['units', 'code', 123, '123'],
  ['members', 'joinedOn', '5/1/2021', '2021-01-05'],
  ['members', 'joinedOn', new Date(Date.UTC(2020, 0, 1)), '2020-01-01'],
  ['council', 'position', 'Thư ký', 'secretary'],
  ['history', 'awardType', 'Bằng khen của Chủ tịch UBND tỉnh', 'certificate-of-merit'],
  ['history', 'role', '  ', undefined],
] as const)('%s.%s: %j → %j', (sheet, key, cell, value) => {
  expect(typed(column(sheet, key), cell as never)).toEqual(value);
});
