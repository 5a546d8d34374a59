/** What the province's award decision says (Quyết định khen thưởng, with the awards table and the amounts). */
import {
  bold,
  endWith,
  headerBlock,
  italic,
  lowerFirst,
  para,
  plain,
  signColumn,
  uniqueInOrder,
  withFirstRecipient,
  portraitLayout,
} from '../../blocks';
import {
  formatCount,
  formatNumber,
  formatRecipientLines,
  formatVnd,
  formatVndPlain,
  joinVn,
  upperVn,
  vndInWords,
} from '../../format';
import type { Block, Layout } from '../../layout';
import { TYPE_ABBR } from '../../numbering';
import type { Decision } from './model';

export function decisionLayout(d: Decision): Layout {
  const awards = uniqueInOrder(d.awards.map((a) => a.award));
  const summary = d.summary ?? `Về việc tặng ${joinVn(awards)} năm ${d.year}`;
  const b: Block[] = [headerBlock(d.header, TYPE_ABBR.decision, true), { t: 'title', typeName: 'QUYẾT ĐỊNH', summary }];
  b.push({ t: 'center', runs: [bold(upperVn(d.authority))], size: 14, spaceBeforePt: 6, spaceAfterPt: 12 });
  d.legalBases.forEach((x) => b.push(para([italic(endWith(x, ';'))])));
  b.push(para([italic(endWith(d.proposedBy, '.'))]));
  b.push({ t: 'center', runs: [bold('QUYẾT ĐỊNH:')], size: 14, spaceBeforePt: 6, spaceAfterPt: 6 });

  const context = d.awardContext ?? `trong phong trào thi đua năm ${d.year}`;
  const total = d.awards.reduce((s, a) => s + a.amountVnd, 0);
  const withCoef = d.baseSalaryVnd !== undefined && d.awards.some((a) => a.coefficient !== undefined);
  const list = d.form === 'list' || (d.form === undefined && awards.length === 1);
  b.push(...(list ? listArticle(d, context, total) : tableArticle(d, context, total, withCoef)));
  const salary = withCoef ? ` Mức tiền thưởng tính theo mức lương cơ sở ${formatVnd(d.baseSalaryVnd!)}/tháng.` : '';
  b.push(
    para([
      bold('Điều 2.'),
      plain(
        ` Tiền thưởng kèm theo các hình thức khen thưởng tại Điều 1 tổng cộng là ${formatVnd(total)} ` +
          `(Bằng chữ: ${vndInWords(total)}), được chi từ ${d.fundSource.replace(/[.;]+$/u, '')}.${salary}`,
      ),
    ]),
  );
  b.push(para([bold('Điều 3.'), plain(` ${endWith(d.effective, '.')}`)]));
  b.push(
    para(`${joinVn(d.executors)} và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`, {
      keepWithNext: true,
    }),
  );
  b.push({
    t: 'signoff',
    right: signColumn(d.signer),
    recipients: formatRecipientLines(withFirstRecipient(d.recipients, 'Như Điều 3')),
  });
  return portraitLayout(`Quyết định ${lowerFirst(summary)}`, d.header, b);
}

/** `Điều 1. Tặng <award> cho các tập thể có tên sau …` and the list STT | Tên tập thể | (Khối) | Số tiền. */
function listArticle(d: Decision, context: string, total: number): Block[] {
  const blocs = uniqueInOrder(d.awards.map((a) => a.blocName ?? ''));
  const byBloc = blocs.length > 1;
  const money = (a: Decision['awards'][number]) => `${formatVndPlain(a.amountVnd)}${a.note ? ` (${a.note})` : ''}`;
  return [
    para(
      [
        bold('Điều 1.'),
        plain(
          ` Tặng ${d.awards[0]!.award} cho ${formatCount(d.awards.length)} tập thể có tên sau, đã có thành tích xuất sắc ${context}:`,
        ),
      ],
      { keepWithNext: true },
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tên tập thể', weight: byBloc ? 60 : 96, align: 'left' },
        ...(byBloc ? [{ title: 'Khối thi đua', weight: 44, align: 'left' as const }] : []),
        { title: 'Số tiền (đồng)', weight: 34, align: 'right' },
      ],
      rows: [
        ...d.awards.map((a, i) => ({
          cells: [String(i + 1), a.recipient, ...(byBloc ? [a.blocName ?? ''] : []), money(a)],
        })),
        { cells: ['', 'Tổng cộng', ...(byBloc ? [''] : []), formatVndPlain(total)], bold: true },
      ],
    },
  ];
}

/** A decision of several award kinds (recorded so): one row per award with its kind and achievement. */
function tableArticle(d: Decision, context: string, total: number, withCoef: boolean): Block[] {
  return [
    para(
      [
        bold('Điều 1.'),
        plain(
          ` Tặng thưởng cho ${formatCount(d.awards.length)} tập thể đã có thành tích xuất sắc ${context} (danh sách và mức tiền thưởng dưới đây):`,
        ),
      ],
      { keepWithNext: true },
    ),
    {
      t: 'table',
      columns: [
        { title: 'STT', weight: 12, align: 'center' },
        { title: 'Tập thể', weight: 36, align: 'left' },
        { title: 'Hình thức khen thưởng', weight: 46, align: 'left' },
        { title: 'Thành tích', weight: 42, align: 'left' },
        { title: 'Tiền thưởng (đồng)', weight: 26, align: 'right' },
      ],
      rows: [
        ...d.awards.map((a, i) => ({
          cells: [
            String(i + 1),
            a.recipient,
            (a.coefficient !== undefined && withCoef
              ? `${a.award} (${formatNumber(a.coefficient, 1)} lần mức lương cơ sở)`
              : a.award) + (a.note ? ` (${a.note})` : ''),
            a.achievement,
            formatVndPlain(a.amountVnd),
          ],
        })),
        { cells: ['', 'Tổng cộng', '', '', formatVndPlain(total)], bold: true },
      ],
    },
  ];
}
