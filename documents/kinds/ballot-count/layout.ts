/** What the ballot-count record of the year-end meeting says (Biên bản kiểm phiếu). */
import { headerBlock, para, personText, recipientsOrUndefined } from '../../blocks';
import { formatDateTimeVn, upperVn } from '../../format';
import type { Block, Layout, SignColumn } from '../../layout';
import { contestBlocks } from '../../meeting/layout';
import { TYPE_ABBR } from '../../numbering';
import type { BallotCount } from './model';

export function ballotCountLayout(bc: BallotCount): Layout {
  const total = bc.members.length;
  const presentCount = bc.members.filter((x) => x.present).length;
  const absent = bc.members.filter((x) => !x.present);
  const subject = bc.subject ?? `Bình xét thi đua năm ${bc.year} ${bc.blocName}`;
  const b: Block[] = [
    headerBlock(bc.header, TYPE_ABBR.ballotCount, false),
    { t: 'title', typeName: 'BIÊN BẢN KIỂM PHIẾU', summary: subject },
  ];
  b.push(
    para(`Vào lúc ${formatDateTimeVn(bc.startedAt)}, tại ${bc.venue.replace(/[.;]+$/u, '')}, Ban kiểm phiếu gồm:`, {
      keepWithNext: true,
    }),
  );
  const ordered = [...bc.committee].sort((x, y) => (x.role === y.role ? 0 : x.role === 'head' ? -1 : 1));
  ordered.forEach((c, i) => {
    const role = c.role === 'head' ? 'Trưởng ban' : 'Thành viên';
    b.push(para(`${i + 1}. Đồng chí ${personText(c)} - ${role}${i === ordered.length - 1 ? '.' : ';'}`));
  });
  const method = bc.votingMethod === 'secretBallot' ? 'bỏ phiếu kín' : 'biểu quyết công khai';
  b.push(
    para(
      `Ban kiểm phiếu đã tiến hành kiểm phiếu ${subject.charAt(0).toLocaleLowerCase('vi-VN')}${subject.slice(1)}, hình thức ${method}.`,
    ),
  );
  const absentText = absent.length > 0 ? ` (${absent.map((a) => a.name).join(', ')})` : '';
  b.push(
    para(
      `Tổng số đơn vị thành viên: ${total}; số đơn vị có mặt: ${presentCount}; số đơn vị vắng mặt: ${absent.length}${absentText}.`,
    ),
  );
  b.push(para('Kết quả kiểm phiếu như sau:', { keepWithNext: true }));
  b.push(...contestBlocks(bc.contests, bc.members, bc.year, (i) => `${i + 1}.`));
  b.push(
    para(`Kết quả kiểm phiếu được công bố vào lúc ${formatDateTimeVn(bc.announcedAt)} trước cuộc họp./.`, {
      keepWithNext: true,
    }),
  );
  const signers = ordered.map<SignColumn>((c) => ({
    titleLines: [c.role === 'head' ? 'TRƯỞNG BAN' : 'THÀNH VIÊN'],
    name: c.name,
  }));
  const n = signers.length;
  const perRow = n <= 2 ? n : n === 4 ? 2 : 3;
  const recipients = recipientsOrUndefined(bc.recipients);
  b.push({ t: 'signGrid', signers, perRow, ...(recipients ? { recipients } : {}) });
  return {
    title: `Biên bản kiểm phiếu ${subject}`,
    author: upperVn(bc.header.issuingBody).replace(/\n/g, ' '),
    sections: [{ orientation: 'portrait', restartNumbering: true, blocks: b }],
  };
}
