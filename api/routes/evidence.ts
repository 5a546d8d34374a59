import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { unzipSync } from 'fflate';
import multer from 'multer';
import { z } from 'zod';
import { IdSchema } from '../../contracts/common';
import type { AppDeps, Principal } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { ErrorSchema, registry } from '../openapi';
import { loadCycleScope, requireCycleReader, type CycleScope } from '../scope';
import { contentDisposition } from './documents';

/**
 * Evidence (minh chứng) for the self-score: a unit officer uploads files while the cycle is in
 * self-scoring, then names their ids in the `evidence` of the self-score entries. The bytes live in
 * the database (EvidenceFile.content) with their SHA-256, so a backup of the database is a backup
 * of the evidence.
 */

/** Accepted types, decided from the bytes (magic numbers / the OOXML part names), never from the client's claim. */
export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const startsWith = (buf: Buffer, bytes: number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Names of the entries of a ZIP archive, from its central directory (null if not a readable ZIP); nothing is inflated. */
export function zipEntryNames(buf: Buffer): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(buf, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** The MIME type of an accepted evidence file, judged from its content; null when not accepted. */
export function sniffEvidenceType(buf: Buffer): (typeof EVIDENCE_TYPES)[keyof typeof EVIDENCE_TYPES] | null {
  if (startsWith(buf, ascii('%PDF-'))) return EVIDENCE_TYPES.pdf;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return EVIDENCE_TYPES.png;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return EVIDENCE_TYPES.jpeg;
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return EVIDENCE_TYPES.gif;
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return EVIDENCE_TYPES.webp;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(buf);
    if (!names?.includes('[Content_Types].xml')) return null;
    // Macro-enabled (DOCM/XLSM, or a DOCX/XLSX carrying a VBA project or ActiveX controls): refused.
    if (names.some((n) => MACRO_PARTS.test(n))) return null;
    if (names.includes('word/document.xml')) return EVIDENCE_TYPES.docx;
    if (names.includes('xl/workbook.xml')) return EVIDENCE_TYPES.xlsx;
  }
  return null;
}

/** OOXML parts that carry executable content: VBA projects (any name ending vbaProject.bin / vbaData.xml) and ActiveX controls. */
const MACRO_PARTS = /(^|\/)vba[^/]*\.(bin|xml)$|(^|\/)activeX\//i;

/** The file extension of each accepted type, and the client's spellings of it that are kept. */
const EXTENSIONS: Record<string, string[]> = {
  [EVIDENCE_TYPES.pdf]: ['pdf'],
  [EVIDENCE_TYPES.png]: ['png'],
  [EVIDENCE_TYPES.jpeg]: ['jpg', 'jpeg'],
  [EVIDENCE_TYPES.gif]: ['gif'],
  [EVIDENCE_TYPES.webp]: ['webp'],
  [EVIDENCE_TYPES.docx]: ['docx'],
  [EVIDENCE_TYPES.xlsx]: ['xlsx'],
};

/**
 * The stored name of an upload: NFC, without path separators, control characters or the invisible
 * bidirectional/format characters (U+202E would show "fdp.exe" as "exe.pdf"), at most 255
 * characters, and with the extension of the type detected from the bytes (the client's own extension
 * is kept only when it names that type).
 */
export function evidenceFileName(original: string, mimeType: string): string {
  const clean = [...(original || '').normalize('NFC')]
    .filter((ch) => !/[\p{Cf}\p{Cc}\u2028\u2029]/u.test(ch))
    .map((ch) => (ch === '/' || ch === '\\' ? '_' : ch))
    .join('')
    .trim();
  const exts = EXTENSIONS[mimeType] ?? ['bin'];
  // An extension is a short alphanumeric tail after the last dot (not "../x" nor a dot-file's name).
  const tail = /(?<=[^.])\.([A-Za-z0-9]{1,8})$/.exec(clean);
  const given = tail ? tail[1]! : '';
  const stem = (tail ? clean.slice(0, tail.index) : clean).replace(/[.\s]+$/, '') || 'minh-chung';
  const ext = exts.includes(given.toLowerCase()) ? given : exts[0]!;
  return `${[...stem].slice(0, 254 - ext.length).join('')}.${ext}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The self-score act names evidence per criterion. A reference in UUID form is an uploaded
 * EvidenceFile id: it must have been uploaded for this cycle by this unit (and, if the upload named
 * a criterion, for the same criterion). Any other text is a reference to paper evidence (a
 * document number such as "Quyết định 12/QĐ-UBND") and is kept as written.
 *
 * Checked here, at the API edge, and not in the workflow's Update validator: validators must be
 * deterministic and may not read the database, and the workflow never sees the files. Every act
 * reaches the workflow through this API, so the check cannot be bypassed by clients.
 */
export async function checkSelfScoreEvidence(
  deps: AppDeps,
  cycleId: string,
  unitId: string,
  entries: { criterionId: string; evidence?: string[] }[],
): Promise<void> {
  const ids = [...new Set(entries.flatMap((e) => (e.evidence ?? []).filter((x) => UUID.test(x))))];
  if (ids.length === 0) return;
  const files = new Map(
    (
      await deps.db.prisma.evidenceFile.findMany({
        where: { id: { in: ids } },
        select: { id: true, cycleId: true, unitId: true, criterionId: true },
      })
    ).map((f) => [f.id, f]),
  );
  const issues: { path: (string | number)[]; message: string }[] = [];
  entries.forEach((e, i) =>
    (e.evidence ?? []).forEach((ref, j) => {
      if (!UUID.test(ref)) return;
      const f = files.get(ref);
      if (!f || f.cycleId !== cycleId || f.unitId !== unitId)
        issues.push({
          path: ['entries', i, 'evidence', j],
          message: `evidence file ${ref} was not uploaded by this unit for this cycle`,
        });
      else if (f.criterionId && f.criterionId !== e.criterionId)
        issues.push({
          path: ['entries', i, 'evidence', j],
          message: `evidence file ${ref} was uploaded for criterion ${f.criterionId}, not ${e.criterionId}`,
        });
    }),
  );
  if (issues.length > 0) throw new HttpError(422, 'VALIDATION', issues[0]!.message, issues);
}

// ─────────────────────────────────────────────────────────────────────────────────────────────

export const EvidenceUploadFieldsSchema = z.object({ unitId: IdSchema, criterionId: IdSchema });
export const EvidenceUploadedSchema = z.object({
  id: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  filename: z.string(),
});

const binary = () => z.string().openapi({ type: 'string', format: 'binary' });

registry.registerPath({
  method: 'post',
  path: '/api/cycles/{cycleId}/evidence',
  summary: 'Unit uploads an evidence file (minh chứng) for its self-score; only while the cycle is in self-scoring',
  description:
    "multipart/form-data with the file in `file` and the text fields `unitId` (your own unit) and `criterionId` (a criterion of the year's scoring template). " +
    'Accepted: PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX — judged from the content, not the declared type; macro-enabled Office files are refused. ' +
    'The stored name gets the extension of the detected type; invisible bidirectional/format characters are removed. ' +
    'Name the returned `id` in `entries[].evidence` of the self-score (`POST /api/cycles/{cycleId}/self-scores`); ids of files of another unit or cycle are refused there (422).',
  tags: ['unit'],
  request: {
    params: z.object({ cycleId: z.string() }),
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: EvidenceUploadFieldsSchema.extend({ file: binary() }) } },
    },
  },
  responses: {
    200: {
      description: 'these bytes were already stored for this unit and criterion: the existing file',
      content: { 'application/json': { schema: EvidenceUploadedSchema } },
    },
    201: { description: 'stored', content: { 'application/json': { schema: EvidenceUploadedSchema } } },
    400: {
      description: 'missing file or field (Zod issue paths)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    401: { description: 'not logged in' },
    403: {
      description: 'not an officer of a member unit, or not your own unit',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    404: { description: 'no such cycle', content: { 'application/json': { schema: ErrorSchema } } },
    409: {
      description: 'the cycle is not in self-scoring, or the self-scoring deadline has passed',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    422: {
      description: "the criterion is not one of this year's scoring template",
      content: { 'application/json': { schema: ErrorSchema } },
    },
    413: {
      description:
        "the file is larger than UPLOAD_MAX_BYTES (TOO_LARGE), or the unit's evidence for the cycle would exceed EVIDENCE_QUOTA_BYTES (QUOTA_EXCEEDED)",
      content: { 'application/json': { schema: ErrorSchema } },
    },
    415: {
      description: 'not multipart/form-data, or a file type that is not accepted',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

registry.registerPath({
  method: 'get',
  path: '/api/evidence/{id}',
  summary:
    "Download an evidence file: the unit's officers, the bloc head and deputy, the province's council and the admin",
  tags: ['everyone'],
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: {
      description: 'the file, as uploaded (ETag = its SHA-256)',
      content: Object.fromEntries(Object.values(EVIDENCE_TYPES).map((t) => [t, { schema: binary() }])),
    },
    401: { description: 'not logged in' },
    403: {
      description: "not allowed to see this unit's evidence",
      content: { 'application/json': { schema: ErrorSchema } },
    },
    404: {
      description: 'no such file, or its cycle is not yours to read',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
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

  router.post('/api/cycles/:cycleId/evidence', async (req, res) => {
    const principal = principalOf(req);
    requireRoles(principal, 'unitOfficer');
    const cycleId = String(req.params.cycleId);
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
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with the file in the field "file"');

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
      res.status(200).json({ id: same.id, sha256, size: same.size, mimeType: same.mimeType, filename: same.filename });
      return;
    }
    // Per unit and cycle, the stored evidence may not exceed EVIDENCE_QUOTA_BYTES.
    const used =
      (await deps.db.prisma.evidenceFile.aggregate({ where: { cycleId, unitId: fields.unitId }, _sum: { size: true } }))
        ._sum.size ?? 0;
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
  });

  router.get('/api/evidence/:id', async (req, res) => {
    const principal = principalOf(req);
    const id = String(req.params.id);
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
    res.set({
      'content-type': meta.mimeType,
      'content-length': String(content.byteLength),
      'content-disposition': contentDisposition(meta.filename),
      etag: `"${meta.sha256}"`,
      'cache-control': 'private, no-store',
    });
    res.end(Buffer.from(content));
  });

  return router;
}
