import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { IdSchema } from '../../../contracts/common';
import type { AppDeps, Principal } from '../../context';
import { HttpError } from '../../errors';
import { principalOf, requireRoles } from '../../auth';
import { route } from '../../route';
import { binary, sendDownload } from '../../download';
import { loadCycleScope, requireCycleReader, type CycleScope } from '../../scope';
import { EVIDENCE_TYPES, evidenceFileName, sniffEvidenceType } from './files';

export { EVIDENCE_TYPES, evidenceFileName, sniffEvidenceType, zipEntryNames } from './files';
export { checkSelfScoreEvidence } from './self-score';

/**
 * Evidence (minh chứng) for the self-score: a unit officer uploads files while the cycle is in
 * self-scoring, then names their ids in the `evidence` of the self-score entries. The bytes live in
 * the database (EvidenceFile.content) with their SHA-256, so a backup of the database is a backup
 * of the evidence.
 */

export const EvidenceUploadFieldsSchema = z.object({ unitId: IdSchema, criterionId: IdSchema });
export const EvidenceUploadedSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  filename: z.string(),
});

function parseMultipart(
  upload: ReturnType<ReturnType<typeof multer>['single']>,
  req: Request,
  res: Response,
): Promise<void> {
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return reject(new HttpError(413, 'TOO_LARGE', 'the file is larger than the upload limit'));
        return reject(
          new HttpError(
            400,
            'VALIDATION',
            `invalid upload: ${err.message}`,
            err.field ? [{ path: [err.field], message: err.message }] : undefined,
          ),
        );
      }
      reject(new HttpError(400, 'VALIDATION', 'malformed multipart body'));
    });
  });
}

function mayDownload(p: Principal, unitId: string, scope: CycleScope): boolean {
  if (p.roles.includes('admin')) return true;
  if (
    p.roles.includes('unitOfficer') &&
    p.unitId &&
    [unitId, scope.headUnitId, scope.deputyUnitId, scope.actingHeadUnitId].includes(p.unitId)
  )
    return true;
  return scope.councilId !== null && p.councilIds.includes(scope.councilId);
}

export function evidenceRouter(deps: AppDeps): Router {
  const router = Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: deps.config.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1000, parts: 8 },
    defParamCharset: 'utf8',
  }).single('file');

  route(
    router,
    {
      method: 'post',
      path: '/api/cycles/:cycleId/evidence',
      summary: 'Unit uploads an evidence file (minh chứng) for its self-score; only while the cycle is in self-scoring',
      description:
        "multipart/form-data with the file in `file` and the text fields `unitId` (your own unit) and `criterionId` (a criterion of the year's scoring template). " +
        'Accepted: PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX — judged from the content, not the declared type; macro-enabled Office files are refused. ' +
        'The stored name gets the extension of the detected type; invisible bidirectional/format characters are removed. ' +
        'Name the returned `id` in `entries[].evidence` of the self-score (`POST /api/cycles/{cycleId}/self-scores`); ids of files of another unit or cycle are refused there (422).',
      tags: ['unit'],
      params: z.object({ cycleId: z.string() }),
      bodyContent: {
        required: true,
        content: { 'multipart/form-data': { schema: EvidenceUploadFieldsSchema.extend({ file: binary() }) } },
      },
      responses: {
        200: {
          description: 'these bytes were already stored for this unit and criterion: the existing file',
          content: { 'application/json': { schema: EvidenceUploadedSchema } },
        },
        201: { description: 'stored', content: { 'application/json': { schema: EvidenceUploadedSchema } } },
        400: {
          description: 'missing file or field (Zod issue paths)',
        },
        401: { description: 'not logged in' },
        403: {
          description: 'not an officer of a member unit, or not your own unit',
        },
        404: { description: 'no such cycle' },
        409: {
          description: 'the cycle is not in self-scoring, or the self-scoring deadline has passed',
        },
        422: {
          description: "the criterion is not one of this year's scoring template",
        },
        413: {
          description:
            "the file is larger than UPLOAD_MAX_BYTES (TOO_LARGE), or the unit's evidence for the cycle would exceed EVIDENCE_QUOTA_BYTES (QUOTA_EXCEEDED)",
        },
        415: {
          description: 'not multipart/form-data, or a file type that is not accepted',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      requireRoles(principal, 'unitOfficer');
      const { cycleId } = input.params;
      // Who and when are known before the body is read: a refused upload is not buffered.
      const scope = await loadCycleScope(deps, cycleId);
      if (!principal.unitId || !scope.memberUnitIds.includes(principal.unitId))
        throw new HttpError(403, 'FORBIDDEN', 'your unit is not a member of this bloc');
      const cycle = await deps.db.prisma.cycle.findUniqueOrThrow({
        where: { id: cycleId },
        select: { phase: true, deadlines: true, plan: true },
      });
      if (cycle.phase !== 'selfScoring')
        throw new HttpError(
          409,
          'WRONG_PHASE',
          `evidence is uploaded during self-scoring; the cycle is in ${cycle.phase}`,
        );
      const deadline = (cycle.deadlines as Record<string, string> | null)?.selfScoring;
      if (deadline && Date.now() > Date.parse(deadline))
        throw new HttpError(409, 'DEADLINE_PASSED', `the deadline for self-scoring (${deadline}) has passed`);
      if (!req.is('multipart/form-data'))
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'send multipart/form-data with the file in the field "file"',
        );

      await parseMultipart(upload, req, res);
      const fields = EvidenceUploadFieldsSchema.parse({ ...req.body });
      if (fields.unitId !== principal.unitId)
        throw new HttpError(403, 'FORBIDDEN', 'an officer uploads only for their own unit', [
          { path: ['unitId'], message: 'must be your own unit' },
        ]);
      const plan = cycle.plan as { scoringTemplate?: { groups: { criteria: { id: string }[] }[] } } | null;
      const criteria = new Set(plan?.scoringTemplate?.groups.flatMap((g) => g.criteria.map((c) => c.id)) ?? []);
      if (!criteria.has(fields.criterionId))
        throw new HttpError(422, 'VALIDATION', `unknown criterion ${fields.criterionId}`, [
          { path: ['criterionId'], message: "not a criterion of this year's scoring template" },
        ]);
      const file = req.file;
      if (!file) throw new HttpError(400, 'VALIDATION', 'no file', [{ path: ['file'], message: 'a file is required' }]);
      if (file.size === 0)
        throw new HttpError(400, 'VALIDATION', 'the file is empty', [{ path: ['file'], message: 'empty file' }]);
      const mimeType = sniffEvidenceType(file.buffer);
      if (!mimeType)
        throw new HttpError(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'accepted evidence files are PDF, images (PNG, JPEG, GIF, WebP), DOCX and XLSX (not macro-enabled)',
          [{ path: ['file'], message: 'type not accepted' }],
        );

      const sha256 = createHash('sha256').update(file.buffer).digest('hex');
      // The same bytes for the same criterion of the same unit are stored once: a retried upload
      // (lost response, double click) answers 200 with the file already stored.
      const same = await deps.db.prisma.evidenceFile.findFirst({
        where: { cycleId, unitId: fields.unitId, criterionId: fields.criterionId, sha256 },
        select: { id: true, size: true, mimeType: true, filename: true },
      });
      if (same) {
        res
          .status(200)
          .json({ id: same.id, sha256, size: same.size, mimeType: same.mimeType, filename: same.filename });
        return;
      }
      // Per unit and cycle, the stored evidence may not exceed EVIDENCE_QUOTA_BYTES.
      const used =
        (
          await deps.db.prisma.evidenceFile.aggregate({
            where: { cycleId, unitId: fields.unitId },
            _sum: { size: true },
          })
        )._sum.size ?? 0;
      if (used + file.size > deps.config.EVIDENCE_QUOTA_BYTES)
        throw new HttpError(
          413,
          'QUOTA_EXCEEDED',
          `the unit's evidence for this cycle would exceed ${deps.config.EVIDENCE_QUOTA_BYTES} bytes (${used} stored)`,
          [{ path: ['file'], message: 'storage quota of the unit exceeded' }],
        );
      const filename = evidenceFileName(file.originalname, mimeType);
      const row = await deps.db.prisma.evidenceFile.create({
        data: {
          cycleId,
          unitId: fields.unitId,
          criterionId: fields.criterionId,
          filename,
          mimeType,
          size: file.size,
          sha256,
          content: new Uint8Array(file.buffer),
        },
        select: { id: true },
      });
      await deps.db.prisma.auditLog.create({
        data: {
          action: 'evidence.upload',
          entity: 'evidenceFile',
          entityId: row.id,
          actorPersonId: principal.personId,
          actorRole: principal.roles.join(','),
          after: { unitId: fields.unitId, criterionId: fields.criterionId, filename, size: file.size, sha256 },
          workflowId: cycleId,
          requestId: `evidence:${row.id}`,
        },
      });
      res.status(201).json({ id: row.id, sha256, size: file.size, mimeType, filename });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/evidence/:id',
      summary:
        "Download an evidence file: the unit's officers, the bloc head and deputy, the province's council and the admin",
      tags: ['everyone'],
      params: z.object({ id: z.string() }),
      responses: {
        200: {
          description: 'the file, as uploaded (ETag = its SHA-256)',
          content: Object.fromEntries(Object.values(EVIDENCE_TYPES).map((t) => [t, { schema: binary() }])),
        },
        401: { description: 'not logged in' },
        403: {
          description: "not allowed to see this unit's evidence",
        },
        404: {
          description: 'no such file, or its cycle is not yours to read',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const { id } = input.params;
      const meta = await deps.db.prisma.evidenceFile.findUnique({
        where: { id },
        select: { cycleId: true, unitId: true, filename: true, mimeType: true, size: true, sha256: true },
      });
      if (!meta) throw new HttpError(404, 'NOT_FOUND', `no evidence file ${id}`);
      // Who may not read the cycle at all learns nothing: 404 as for a missing file.
      await requireCycleReader(deps, principal, meta.cycleId).catch(() => {
        throw new HttpError(404, 'NOT_FOUND', `no evidence file ${id}`);
      });
      if (!mayDownload(principal, meta.unitId, await loadCycleScope(deps, meta.cycleId)))
        throw new HttpError(
          403,
          'FORBIDDEN',
          'only the unit, the bloc head and deputy, the council and the admin see this evidence',
        );
      const { content } = await deps.db.prisma.evidenceFile.findUniqueOrThrow({
        where: { id },
        select: { content: true },
      });
      sendDownload(res, { type: meta.mimeType, content, filename: meta.filename, etag: `"${meta.sha256}"` });
    },
  );

  return router;
}
