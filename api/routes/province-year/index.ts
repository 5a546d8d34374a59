/**
 * The province's award year at a glance, and its Excel export (issue 13, item 4):
 *   GET /api/provinces/{provinceId}/years/{year}              every bloc: phase, head and deputy, members, ranking
 *                                                             top, proposals by kind and status, the council review,
 *                                                             decisions and money; the province's totals
 *   GET /api/provinces/{provinceId}/years/{year}/export.xlsx  rankings, award list, money totals (exceljs)
 * Read scope: a province-level read (api/scope.ts requireProvinceReader) — the admin, the province's council
 * members and secretary, the officers of the province's units; another province answers 404 like an unknown one.
 * The province award session's part is read as GET …/sessions/{n} reads it (a bloc head's officer: its own dossier).
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { principalOf } from '../../auth';
import { binary, contentDisposition } from '../../download';
import { ErrorSchema } from '../../openapi';
import { route } from '../../route';
import { requireProvinceReader } from '../../scope';
import { scoped } from '../province-session/read';
import { loadProvinceYear } from './load';
import { provinceYearWorkbook } from './workbook';

/** A province and year N (the same bounds as a cycle's year). */
export const ProvinceYearParams = z.object({
  provinceId: z.string().min(1).max(100),
  year: z.coerce.number().int().min(2024).max(2100),
});
/** How many of each bloc's ranking the overview lists (the workbook has all). */
export const OverviewQuery = z.object({ top: z.coerce.number().int().min(0).max(100).default(3) });

const NOT_READABLE = {
  description: "no such province, or not yours (read scope: your unit's or council's province; admin all)",
  content: { 'application/json': { schema: ErrorSchema } },
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function provinceYearRouter(deps: AppDeps): Router {
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/years/:year',
      summary:
        "The province's award year at a glance: every bloc's phase, head and deputy, members, ranking top, proposals by award kind and status, council review state, decisions and money; the province award session's appraisal, outcome and decision numbers per bloc and its decisions' totals; the province's totals",
      description:
        'From the database projection only (a bounded number of queries whatever the number of blocs). Money is what each award decision recorded; revoked awards are listed and count in no total. Proposal buckets: proposed, councilReview, approved, returned, rejected (also disqualified), onHold, revoked.',
      tags: ['everyone'],
      params: ProvinceYearParams,
      query: OverviewQuery,
      responses: {
        200: { description: 'the overview' },
        400: { description: 'bad year or top', content: { 'application/json': { schema: ErrorSchema } } },
        401: { description: 'not logged in' },
        404: NOT_READABLE,
      },
    },
    async (input, req, res) => {
      const { provinceId, year } = input.params;
      const { top } = input.query;
      const principal = principalOf(req);
      await requireProvinceReader(deps, principal, provinceId);
      const data = await loadProvinceYear(deps, provinceId, year, (v) => scoped(deps, principal, v));
      res.set('cache-control', 'private, no-store');
      res.json({
        ...data,
        blocs: data.blocs.map(({ ranking, awards: _awards, ...b }) => ({ ...b, ranking: ranking.slice(0, top) })),
      });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/years/:year/export.xlsx',
      summary:
        "The province's award year as an Excel workbook: sheets 'Xếp hạng' (rankings), 'Danh sách khen thưởng' (award list with decisions and money) and 'Tổng hợp kinh phí' (money per award kind and the grand total), 'Phiên xét khen thưởng tỉnh' (each bloc's sitting, appraisal, outcome, decision numbers) and 'Quyết định của phiên họp' (the session's decisions, their money and total)",
      tags: ['everyone'],
      params: ProvinceYearParams,
      responses: {
        200: { description: 'the workbook', content: { [XLSX]: { schema: binary() } } },
        400: { description: 'bad year', content: { 'application/json': { schema: ErrorSchema } } },
        401: { description: 'not logged in' },
        404: NOT_READABLE,
      },
    },
    async (input, req, res) => {
      const { provinceId, year } = input.params;
      const principal = principalOf(req);
      await requireProvinceReader(deps, principal, provinceId);
      const data = await loadProvinceYear(deps, provinceId, year, (v) => scoped(deps, principal, v));
      const content = await provinceYearWorkbook(data);
      res.set({
        'content-type': XLSX,
        'content-length': String(content.byteLength),
        'content-disposition': contentDisposition(`tong-hop-khen-thuong-${data.province.code}-${year}.xlsx`),
        'cache-control': 'private, no-store',
      });
      res.end(content);
    },
  );

  return router;
}
