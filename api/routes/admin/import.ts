/**
 * Onboarding a province from a file (api/import/): units, blocs with members, head and deputy, people with their
 * roles, the council, and past years' results. `?dryRun=true` runs the whole import in a transaction that is rolled
 * back and answers what it would do, with every bad row (sheet, row, column, message); without it the good rows
 * are written — in one transaction with ONE audit row (`admin.import`: counts, files, errors) — and the bad ones
 * reported. Rows are matched on natural keys, so the same file again changes nothing. Templates:
 * `GET /api/admin/import/template?format=xlsx` (the workbook) or `?format=csv&sheet=<sheet>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { principalOf } from '../../auth';
import { HttpError } from '../../errors';
import { ErrorSchema } from '../../openapi';
import { route } from '../../route';
import { refreshRosters } from '../../rosters';
import { hashPassword } from '../../security/passwords';
import { transactionalWrite } from '../../writes';
import { contentDisposition } from '../documents';
import { readCsv, readXlsx, type RawRow } from '../../import/read';
import { ImportRun, runImport } from '../../import/run';
import { SHEET_KEYS, SHEETS, type SheetKey } from '../../import/sheets';
import { csvTemplate, xlsxTemplate } from '../../import/templates';
import { P } from './schemas';

const binary = () => z.string().openapi({ type: 'string', format: 'binary' });
const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), failed: z.number() });
export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  province: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  rows: z.number().describe('data rows read'),
  counts: z.object(Object.fromEntries(SHEET_KEYS.map((k) => [k, Counts])) as Record<SheetKey, typeof Counts>),
  errors: z.array(
    z.object({
      sheet: z.enum(SHEET_KEYS),
      sheetTitle: z.string(),
      row: z.number().describe('the row as the spreadsheet numbers it (the header is row 1)'),
      column: z.string().nullable().describe('the column header (null: the whole row)'),
      field: z.string().nullable().describe('the column key, i.e. the Zod issue path'),
      message: z.string(),
    }),
  ),
  councilId: z.string().nullable(),
});
const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });
const ImportFields = z.object({
  file: binary().optional().describe('an XLSX workbook (the template), or one CSV file named by `sheet`'),
  sheet: z.enum(SHEET_KEYS).optional().describe('the sheet a CSV in `file` holds'),
  password: z
    .string()
    .min(10)
    .max(200)
    .optional()
    .describe(
      'initial password of the accounts this import creates (never of existing ones); without it they cannot log in until one is set',
    ),
  ...Object.fromEntries(
    SHEET_KEYS.map((k) => [k, binary().optional().describe(`a CSV of the sheet ${SHEETS[k].title}`)]),
  ),
});
const TemplateQuery = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  sheet: z.enum(SHEET_KEYS).optional(),
});

const isZip = (b: Buffer) => b.length > 4 && b.readUInt32LE(0) === 0x04034b50;

export function importRoutes(deps: AppDeps, router: Router): void {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.config.UPLOAD_MAX_BYTES, files: SHEET_KEYS.length + 1, fields: 4, fieldSize: 1000 },
    defParamCharset: 'utf8',
  }).fields([{ name: 'file', maxCount: 1 }, ...SHEET_KEYS.map((name) => ({ name, maxCount: 1 }))]);
  const parse = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE')
          return reject(new HttpError(413, 'TOO_LARGE', 'a file is larger than the upload limit'));
        const message = err instanceof Error ? err.message : 'malformed multipart body';
        reject(new HttpError(400, 'VALIDATION', `invalid upload: ${message}`));
      }),
    );

  route(
    router,
    {
      method: 'get',
      path: '/api/admin/import/template',
      summary: 'The import template: the XLSX workbook (guide + one sheet each), or one sheet as CSV',
      tags: ['admin'],
      query: TemplateQuery,
      responses: {
        200: {
          description: 'the template (headers only; the guide sheet lists each column with an example)',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: binary() },
            'text/csv': { schema: binary() },
          },
        },
        422: { description: 'CSV without `sheet`', content: { 'application/json': { schema: ErrorSchema } } },
        401: { description: 'not logged in' },
        403: { description: 'admin only', content: { 'application/json': { schema: ErrorSchema } } },
      },
    },
    async ({ query }, _req, res) => {
      if (query.format === 'xlsx') {
        res.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.set('content-disposition', contentDisposition('mau-nhap-du-lieu.xlsx'));
        res.send(await xlsxTemplate());
        return;
      }
      if (!query.sheet)
        throw new HttpError(422, 'VALIDATION', 'a CSV template is one sheet', [
          { path: ['sheet'], message: 'required for csv' },
        ]);
      res.set('content-type', 'text/csv; charset=utf-8');
      res.set('content-disposition', contentDisposition(`mau-${query.sheet}.csv`));
      res.send(csvTemplate(query.sheet));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/admin/provinces/:provinceId/import',
      summary: 'Import a province’s organisation and past results from XLSX or CSV (dry run first)',
      description:
        'Sheets (XLSX worksheets, or CSV files in the fields of the same name): `units`, `blocs` (with head and deputy), `members`, `people` (with unit and role), `council` (seats and secretaries), `history` (past years: rank, score, awards with decision number and date, head and deputy). ' +
        'Rows match on natural keys (unit/bloc code, bloc + unit, username, bloc + year + unit + award): created, updated or unchanged; the same file again changes nothing. ' +
        'A bad row is reported with its sheet, row, column and message and skipped; the others are imported. `dryRun=true` writes nothing. One audit row per import.',
      tags: ['admin'],
      params: P.province,
      query: ImportQuery,
      headers: z.object({ 'idempotency-key': z.uuid().optional() }),
      bodyContent: { required: true, content: { 'multipart/form-data': { schema: ImportFields } } },
      responses: {
        200: {
          description: 'the report (dry run: what would be done)',
          content: { 'application/json': { schema: ImportReportSchema } },
        },
        400: {
          description:
            'a malformed multipart body, a `sheet` or `password` field the document does not admit (Zod issue paths)',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        401: { description: 'not logged in' },
        403: { description: 'admin only', content: { 'application/json': { schema: ErrorSchema } } },
        404: { description: 'no such province', content: { 'application/json': { schema: ErrorSchema } } },
        409: {
          description: 'a concurrent import wrote the same records first: run it again',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        413: {
          description: 'a file over UPLOAD_MAX_BYTES, or a sheet over 2,000 rows',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        415: { description: 'not multipart/form-data', content: { 'application/json': { schema: ErrorSchema } } },
        422: {
          description:
            'no file, an unreadable workbook, a CSV without its sheet, an unknown column header (issue paths); or the Idempotency-Key reused for a different request',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    },
    async ({ params, query }, req, res) => {
      const principal = principalOf(req);
      const province = await deps.db.prisma.province.findUnique({
        where: { id: params.provinceId },
        select: { id: true, code: true, name: true },
      });
      if (!province)
        throw new HttpError(404, 'NOT_FOUND', 'no such province', [
          { path: ['provinceId'], message: 'no such province' },
        ]);
      if (!req.is('multipart/form-data'))
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'send multipart/form-data with the workbook in the field "file"',
        );
      await parse(req, res);
      const fields = ImportFields.pick({ sheet: true, password: true }).parse({ ...req.body });
      const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
      const rows: RawRow[] = [];
      const seen: { field: string; name: string; sha256: string }[] = [];
      for (const [field, [f]] of Object.entries(files)) {
        if (!f) continue;
        seen.push({ field, name: f.originalname, sha256: createHash('sha256').update(f.buffer).digest('hex') });
        if (field === 'file' && isZip(f.buffer)) rows.push(...(await readXlsx(f.buffer)));
        else {
          const sheet = field === 'file' ? fields.sheet : (field as SheetKey);
          if (!sheet)
            throw new HttpError(422, 'VALIDATION', 'a CSV in "file" needs its sheet', [
              { path: ['sheet'], message: 'required for a CSV file' },
            ]);
          rows.push(...readCsv(sheet, f.buffer));
        }
      }
      if (seen.length === 0)
        throw new HttpError(422, 'VALIDATION', 'no file', [
          { path: ['file'], message: 'an XLSX workbook or CSV files are required' },
        ]);
      // Before the transaction (scrypt holds no lock); an unknown random password when none is given.
      const passwordHash = await hashPassword(fields.password ?? randomBytes(24).toString('base64'));
      const dryRun = query.dryRun === 'true';
      const today = new Date().toISOString().slice(0, 10);
      const report = (run: ImportRun, councilId: string | null) => ({
        dryRun,
        province,
        rows: rows.length,
        counts: run.counts,
        errors: run.errors,
        councilId,
      });
      const txOptions = { timeout: 120_000, maxWait: 30_000 };
      if (dryRun) {
        const rollback = Symbol('dry run');
        let answer: unknown;
        await deps.db.prisma
          .$transaction(async (tx) => {
            const run = new ImportRun(tx, province, { passwordHash, today });
            answer = report(run, (await runImport(run, rows)).councilId);
            throw rollback;
          }, txOptions)
          .catch((e: unknown) => {
            if (e !== rollback) throw e;
          });
        res.json(answer);
        return;
      }
      // The fingerprint of an Idempotency-Key covers the files' digests (never the password: api/idempotency.ts).
      req.body = { files: seen, sheet: fields.sheet ?? null };
      let officesChanged = false;
      await transactionalWrite(
        deps,
        req,
        res,
        principal,
        async (ctx) => {
          const run = new ImportRun(ctx.tx, province, { passwordHash, today });
          const { councilId } = await runImport(run, rows);
          officesChanged = run.officesChanged;
          await ctx.audit({
            action: 'admin.import',
            entity: 'province',
            entityId: province.id,
            after: { files: seen, rows: rows.length, counts: run.counts, errors: run.errors.length },
          });
          return { status: 200, body: report(run, councilId) };
        },
        async () => {
          if (officesChanged) await refreshRosters(deps, { provinceIds: [province.id] });
        },
        txOptions,
      );
    },
  );
}
