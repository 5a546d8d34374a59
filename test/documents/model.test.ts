import { buildLayout } from '../../documents/registry';
import { DocumentValidationError, parseDocument } from '../../documents';
import type { Block, Layout } from '../../documents/layout';
import { BallotCountSchema, DecisionSchema, MinutesSchema, ProposalSchema, SignerSchema } from '../../documents';
import { ballotCountFixture, decisionFixture, minutesFixture, proposalFixture } from './fixtures';

/** All texts of a layout, one string per block (table rows flattened). */
function texts(layout: Layout): string[] {
  const out: string[] = [];
  const visit = (b: Block): void => {
    switch (b.t) {
      case 'header':
        out.push([b.parentBody, ...b.issuingBody, b.numberLine, b.placeDate].filter(Boolean).join(' | '));
        break;
      case 'title':
        out.push(`${b.typeName} | ${b.summary ?? ''}`);
        break;
      case 'center':
      case 'para':
        out.push(b.runs.map((r) => r.text).join(''));
        break;
      case 'addressees':
        out.push(`Kính gửi: ${b.items.join(' / ')}`);
        break;
      case 'table':
        out.push(b.columns.map((c) => c.title).join(' | '));
        for (const r of b.rows) out.push(r.cells.join(' | '));
        break;
      case 'signoff':
        out.push(
          [
            ...(b.left ? [...b.left.titleLines, b.left.name] : []),
            ...(b.right ? [...b.right.titleLines, b.right.name] : []),
            ...(b.recipients ?? []),
          ].join(' | '),
        );
        break;
      case 'signGrid':
        out.push(b.signers.map((s) => `${s.titleLines.join(' ')} ${s.name}`).join(' | '));
        break;
    }
  };
  for (const s of layout.sections) s.blocks.forEach(visit);
  return out;
}

describe('schemas accept the Cần Thơ fixtures', () => {
  test.each([
    ['minutes', MinutesSchema, minutesFixture()],
    ['ballotCount', BallotCountSchema, ballotCountFixture()],
    ['proposal', ProposalSchema, proposalFixture()],
    ['decision', DecisionSchema, decisionFixture()],
  ] as const)('%s', (_kind, schema, data) => {
    const r = schema.safeParse(data);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });
});

describe('schema rules', () => {
  test('texts are trimmed and normalised to NFC', () => {
    const data = minutesFixture();
    data.blocName = `  ${'Khối thi đua Nội chính'.normalize('NFD')} `;
    const parsed = MinutesSchema.parse(data);
    expect(parsed.blocName).toBe('Khối thi đua Nội chính'.normalize('NFC'));
  });

  test('ballot arithmetic: valid + invalid must equal received', () => {
    const data = minutesFixture();
    data.contests![0]!.rounds[0]!.invalidBallots = 1;
    expect(() => parseDocument('minutes', data)).toThrow(/valid \+ invalid ballots must equal ballots received/);
  });

  test('more ballots than units present is refused', () => {
    const data = ballotCountFixture();
    for (const r of data.contests[0]!.rounds) {
      r.ballotsIssued = 7;
    }
    expect(() => parseDocument('ballotCount', data)).toThrow(/more ballots issued than units present/);
  });

  test('a winner must have reached the threshold unless the result was settled otherwise', () => {
    const data = minutesFixture();
    data.contests![1]!.winners = ['ca', 'ta']; // ta: 2/7 = 28,57% < 50%
    const err = (() => {
      try {
        parseDocument('minutes', data);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DocumentValidationError);
    expect((err as DocumentValidationError).issues.map((i) => i.path.join('.'))).toEqual(['contests.1.winners.1']);
    data.contests![1]!.decidedBy = 'headAndDeputy';
    expect(() => parseDocument('minutes', data)).not.toThrow();
  });

  test('unknown units are refused', () => {
    const data = minutesFixture();
    data.contests![0]!.rounds[0]!.votes[0]!.unitId = 'nope';
    expect(() => parseDocument('minutes', data)).toThrow(/unknown unit "nope"/);
  });

  test('a present unit needs its representative', () => {
    const data = minutesFixture();
    delete data.members[0]!.representative;
    expect(() => parseDocument('minutes', data)).toThrow(/representative/);
  });

  test('the meeting cannot end before it starts', () => {
    const data = minutesFixture();
    data.endedAt = '2026-01-05T07:00';
    expect(() => parseDocument('minutes', data)).toThrow(/cannot end before it starts/);
  });

  test('the counting committee has exactly one head', () => {
    const data = ballotCountFixture();
    data.committee[1]!.role = 'head';
    expect(() => parseDocument('ballotCount', data)).toThrow(/exactly one head/);
  });

  test('issuer abbreviation: capitals, no spaces', () => {
    const data = proposalFixture();
    data.header.issuerAbbr = 'Knc';
    expect(() => parseDocument('proposal', data)).toThrow(/issuerAbbr/);
  });

  test('signer prefixes', () => {
    expect(SignerSchema.safeParse({ prefix: 'KT.', position: 'Phó Chủ tịch', name: 'A' }).success).toBe(false);
    expect(
      SignerSchema.safeParse({ prefix: 'KT.', prefixOf: 'Chủ tịch', position: 'Phó Chủ tịch', name: 'A' }).success,
    ).toBe(true);
    expect(SignerSchema.safeParse({ prefix: 'Q.', position: 'Chủ tịch', name: 'A' }).success).toBe(true);
  });

  test('award amounts are checked against coefficient × base salary, rounded up to 10.000 đồng', () => {
    const data = decisionFixture();
    data.awards[0]!.amountVnd = 18_700_000;
    expect(() => parseDocument('decision', data)).toThrow(/expected 18720000/);
    const odd = decisionFixture();
    odd.baseSalaryVnd = 2_345_678;
    odd.awards = [{ ...odd.awards[1]!, coefficient: 1.5, amountVnd: 3_520_000 }]; // 3.518.517 → 3.520.000
    expect(() => parseDocument('decision', odd)).not.toThrow();
  });

  test('ProposalEntry: votes cannot exceed the base', () => {
    const data = proposalFixture();
    data.entries[0]!.votes = 8;
    expect(() => parseDocument('proposal', data)).toThrow(/more votes than the base/);
  });
});

describe('minutes content', () => {
  const t = texts(buildLayout(parseDocument('minutes', minutesFixture())));
  const all = t.join('\n');

  test('header: number with leading zero, no place/date line', () => {
    expect(t[0]).toBe('UBND THÀNH PHỐ CẦN THƠ | KHỐI THI ĐUA NỘI CHÍNH | Số: 05/BB-KNC');
    expect(all).not.toMatch(/Cần Thơ, ngày/u);
  });

  test('time and place in the body', () => {
    expect(all).toContain('Thời gian bắt đầu: 08 giờ 00 phút, ngày 05 tháng 01 năm 2026.');
    expect(all).toContain('Địa điểm: Hội trường Sở Tư pháp thành phố Cần Thơ.');
    expect(all).toContain('Cuộc họp kết thúc vào lúc 11 giờ 30 phút, ngày 05 tháng 01 năm 2026.');
  });

  test('attendance and quorum against the stated rule', () => {
    expect(all).toContain('- Đại diện các đơn vị thành viên có mặt (6/7 đơn vị):');
    expect(all).toContain(
      '+ Thanh tra thành phố (lý do: bận công tác đột xuất theo chỉ đạo của cấp trên), có ý kiến bằng văn bản gửi Khối.',
    );
    expect(all).toContain(
      'Số đơn vị thành viên có mặt: 6/7 (85,71%), đạt tỷ lệ từ 2/3 trở lên tổng số đơn vị thành viên theo Quy chế hoạt động của Khối',
    );
  });

  test('quorum not met is stated as such', () => {
    const data = minutesFixture();
    data.members = data.members.map((m, i) => (i < 3 ? m : { unitId: m.unitId, name: m.name, present: false }));
    data.contests = [];
    const text = texts(buildLayout(parseDocument('minutes', data))).join('\n');
    expect(text).toContain('Số đơn vị thành viên có mặt: 3/7 (42,86%), không đạt tỷ lệ từ 2/3 trở lên');
  });

  test('scores table sorted by rank with decimal commas', () => {
    expect(all).toContain('1 | Bộ Chỉ huy Quân sự thành phố | 985,5 | 980 | 1');
    expect(all).toContain('7 | Thanh tra thành phố | 920 | 915,25 | 7');
  });

  test('each round: counts, votes, share against the STATED base, result', () => {
    expect(all).toContain(
      'Điều kiện: đạt từ 80% trở lên số phiếu đồng ý, tính trên tổng số đơn vị thành viên (7 đơn vị).',
    );
    expect(all).toContain('Tỷ lệ (%) trên tổng số đơn vị thành viên (7)');
    expect(all).toContain('1 | Bộ Chỉ huy Quân sự thành phố | 6 | 85,71% | Đạt');
    expect(all).toContain('3 | Tòa án nhân dân thành phố | 2 | 28,57% | Không đạt');
    // base = units present (6)
    expect(all).toContain('Tỷ lệ (%) trên số đơn vị thành viên có mặt (6)');
    expect(all).toContain('1 | Công an thành phố | 5 | 83,33% | Đạt');
    // base = valid ballots, round 2 has 5 valid ballots
    expect(all).toContain(
      'Vòng 2: số phiếu phát ra: 6; số phiếu thu vào: 6; số phiếu hợp lệ: 5; số phiếu không hợp lệ: 1.',
    );
    expect(all).toContain('Tỷ lệ (%) trên tổng số phiếu hợp lệ (5)');
    expect(all).toContain('1 | Viện Kiểm sát nhân dân thành phố | 4 | 80% | Đạt');
    expect(all).toContain('1 | Viện Kiểm sát nhân dân thành phố | 3 | 50% | Không đạt'); // strict > 50%
  });

  test('results, conclusions, head and deputy', () => {
    expect(all).toContain(
      'Kết quả: Bộ Chỉ huy Quân sự thành phố (6/7 phiếu, đạt 85,71%) được suy tôn là đơn vị dẫn đầu phong trào thi đua năm 2025',
    );
    expect(all).toContain(
      '1 | Bộ Chỉ huy Quân sự thành phố | 980 | 1 | Cờ thi đua của Ủy ban nhân dân thành phố | 6/7 (85,71%)',
    );
    expect(all).toContain('- Khối trưởng năm 2026: Công an thành phố.');
    expect(all).toContain('- Khối phó năm 2026: Viện Kiểm sát nhân dân thành phố.');
    expect(all).toContain('Biên bản kiểm phiếu số 06/BB-KNC ngày 05 tháng 01 năm 2026');
  });

  test('signatures: secretary left, chair right; Nơi nhận', () => {
    expect(t[t.length - 1]).toBe(
      'THƯ KÝ | Đặng Thị Mỹ Duyên | CHỦ TỌA | Võ Thành Nhân | - Sở Nội vụ thành phố (Phòng Thi đua - Khen thưởng); | - Các đơn vị thành viên Khối; | - Lưu: VT, Hồ sơ.',
    );
  });

  test('a contest without winner says so', () => {
    const data = minutesFixture();
    data.contests![0]!.winners = [];
    const text = texts(buildLayout(parseDocument('minutes', data))).join('\n');
    expect(text).toContain('Kết quả: không có đơn vị nào đạt tỷ lệ phiếu theo quy định.');
  });
});

describe('ballot-count content', () => {
  const all = texts(buildLayout(parseDocument('ballotCount', ballotCountFixture()))).join('\n');
  test('committee, totals, announcement, signatures', () => {
    expect(all).toContain('BIÊN BẢN KIỂM PHIẾU | Bình xét thi đua năm 2025 Khối thi đua Nội chính');
    expect(all).toContain(
      '1. Đồng chí Nguyễn Hữu Đức, Phó Viện trưởng, Viện Kiểm sát nhân dân thành phố - Trưởng ban;',
    );
    expect(all).toContain(
      'Tổng số đơn vị thành viên: 7; số đơn vị có mặt: 6; số đơn vị vắng mặt: 1 (Thanh tra thành phố).',
    );
    expect(all).toContain('Kết quả kiểm phiếu được công bố vào lúc 10 giờ 45 phút, ngày 05 tháng 01 năm 2026');
    expect(all).toContain('TRƯỞNG BAN Nguyễn Hữu Đức | THÀNH VIÊN Phạm Thị Thu Hằng | THÀNH VIÊN Huỳnh Văn Lực');
  });
});

describe('proposal content', () => {
  const layout = buildLayout(parseDocument('proposal', proposalFixture()));
  const all = texts(layout).join('\n');
  test('header with place/date, title, Kính gửi, bases citing the minutes', () => {
    expect(all).toContain(
      'UBND THÀNH PHỐ CẦN THƠ | KHỐI THI ĐUA NỘI CHÍNH | Số: 03/TTr-KNC | Cần Thơ, ngày 09 tháng 01 năm 2026',
    );
    expect(all).toContain(
      'TỜ TRÌNH | Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân thành phố và Bằng khen của Chủ tịch Ủy ban nhân dân thành phố năm 2025',
    );
    expect(all).toContain('Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Cần Thơ / Sở Nội vụ thành phố Cần Thơ');
    expect(all).toContain('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;');
    expect(all).toContain(
      'Căn cứ Biên bản kiểm phiếu số 06/BB-KNC ngày 05 tháng 01 năm 2026 của Khối thi đua Nội chính.',
    );
    expect(all).toContain('(Có danh sách kèm theo)');
  });
  test('signer TM. … and Nơi nhận starting with "Như trên"', () => {
    expect(all).toContain(
      'TM. KHỐI THI ĐUA NỘI CHÍNH | KHỐI TRƯỞNG | GIÁM ĐỐC SỞ TƯ PHÁP | Võ Thành Nhân | - Như trên; | - Các đơn vị thành viên Khối; | - Lưu: VT, Hồ sơ.',
    );
  });
  test('attached list: own landscape section numbered from 1, vote shares with their base', () => {
    expect(layout.sections).toHaveLength(2);
    expect(layout.sections[1]).toMatchObject({ orientation: 'landscape', restartNumbering: true });
    expect(all).toContain('(Kèm theo Tờ trình số 03/TTr-KNC ngày 09 tháng 01 năm 2026 của Khối thi đua Nội chính)');
    expect(all).toContain(
      'STT | Tên tập thể | Hình thức đề nghị | Tóm tắt thành tích | Số phiếu đồng ý - tỷ lệ | Ghi chú',
    );
    expect(all).toContain('6/7 (85,71%)\ntrên tổng số đơn vị thành viên');
  });
});

describe('decision content', () => {
  const all = texts(buildLayout(parseDocument('decision', decisionFixture()))).join('\n');
  test('header, authority, bases, articles, amounts, signer', () => {
    expect(all).toContain('ỦY BAN NHÂN DÂN | THÀNH PHỐ CẦN THƠ | Số: 125/QĐ-UBND | Cần Thơ, ngày 20 tháng 3 năm 2026');
    expect(all).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
    expect(all).toContain('Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 15/TTr-SNV ngày 02 tháng 3 năm 2026.');
    expect(all).toContain('QUYẾT ĐỊNH:');
    expect(all).toContain('Điều 1. Tặng thưởng cho 03 tập thể');
    expect(all).toContain(
      '1 | Bộ Chỉ huy Quân sự thành phố | Cờ thi đua của Ủy ban nhân dân thành phố (8 lần mức lương cơ sở)',
    );
    expect(all).toContain('18.720.000');
    expect(all).toContain(' | Tổng cộng |  |  | 32.760.000');
    expect(all).toContain(
      'Điều 2. Tiền thưởng kèm theo các hình thức khen thưởng tại Điều 1 tổng cộng là 32.760.000 đồng (Bằng chữ: Ba mươi hai triệu bảy trăm sáu mươi nghìn đồng), được chi từ Quỹ thi đua, khen thưởng của thành phố.',
    );
    expect(all).toContain('Điều 3. Quyết định này có hiệu lực kể từ ngày ký.');
    expect(all).toContain('và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.');
    expect(all).toContain(
      'KT. CHỦ TỊCH | PHÓ CHỦ TỊCH | Nguyễn Thực Hiện | - Như Điều 3; | - Sở Nội vụ (Phòng Thi đua - Khen thưởng); | - Khối thi đua Nội chính; | - Lưu: VT, NV.',
    );
  });
});
