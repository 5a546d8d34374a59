/**
 * The province's Government-flag dossier for the Ministry of Home Affairs (ND 152/2025 Art. 33(12), 37(2)),
 * generated on request from the selection's real data (documents/from-government-flag.ts): the council's
 * ballot-count record (once the vote is closed) and the People's Committee's proposal letter with its list
 * (once the submission is recorded), as DOCX or PDF. Readable by the province's emulation council (members
 * and secretary) and the admin.
 */
import { Router } from 'express';
import { z } from 'zod';
import { MIME_TYPES, renderDocument } from '../../../documents';
import { loadGovernmentFlagDocument } from '../../../documents/from-government-flag';
import type { GovFlagDocumentKind } from '../../../documents/kinds';
import type { AppDeps, Principal } from '../../context';
import { requireProvinceReader, sitsOnCouncilOf } from '../../scope';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { binary, DOCUMENT_FORMATS, documentInPath, sendDownload } from '../../download';
import { SelectionParams } from './shared';

/** URL names of the dossier's documents. */
export const GOVFLAG_DOCUMENT_SLUGS = {
  proposal: 'govFlagProposal',
  'ballot-count': 'govFlagBallotCount',
} as const satisfies Record<string, GovFlagDocumentKind>;
type Slug = keyof typeof GOVFLAG_DOCUMENT_SLUGS;

/** The province's council (members and secretary) and the admin; another province's people get 404 (api/scope.ts). */
async function requireCouncilReader(deps: AppDeps, p: Principal, provinceId: string): Promise<void> {
  if (p.roles.includes('admin')) return;
  if (await sitsOnCouncilOf(deps, p, provinceId)) return;
  await requireProvinceReader(deps, p, provinceId);
  throw new HttpError(
    403,
    'FORBIDDEN',
    'the Government-flag dossier is for the province’s emulation council and the admin',
  );
}

export function governmentFlagDocumentsRouter(deps: AppDeps): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/government-flag/:year/documents/:kind.:format',
      summary:
        'Download a document of the province’s Government-flag dossier (ND 30/2020 layout): the council’s ballot-count record or the proposal letter with its list',
      description:
        'The ballot-count record (`ballot-count`: every bloc leader’s “yes” on ALL council members against the 80% threshold, the selection within the 20% quota) exists once the vote is closed; ' +
        'the proposal letter (`proposal`: Tờ trình of the People’s Committee, numbered and dated as the letter recorded with the submission) once the submission is recorded (404 before).',
      tags: ['council'],
      params: SelectionParams.extend({
        kind: z.enum(Object.keys(GOVFLAG_DOCUMENT_SLUGS) as [Slug, ...Slug[]]),
        format: z.enum(DOCUMENT_FORMATS),
      }),
      responses: {
        200: {
          description: 'the document (Content-Disposition carries an ASCII file name and the exact UTF-8 one)',
          content: {
            [MIME_TYPES.docx]: { schema: binary() },
            [MIME_TYPES.pdf]: { schema: binary() },
          },
        },
        401: { description: 'not logged in' },
        403: {
          description: 'not a member or the secretary of this province’s council, nor the admin',
        },
        404: {
          description:
            'no such province (or not yours: another province), kind or format; the selection not started, its vote not closed, or no submission recorded yet',
        },
        409: {
          description: 'the selection’s data are incomplete (e.g. no council chair on record)',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const provinceId = String(req.params.provinceId);
      const { year } = SelectionParams.parse(req.params);
      const { kind, format } = documentInPath(
        GOVFLAG_DOCUMENT_SLUGS,
        String(req.params.kind),
        String(req.params.format),
      );
      if (!(await deps.db.prisma.province.findUnique({ where: { id: provinceId }, select: { id: true } })))
        throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
      await requireCouncilReader(deps, principal, provinceId);
      const { data, fileName } = await loadGovernmentFlagDocument(deps.db, provinceId, year, kind);
      const content = await renderDocument(kind, format, data);
      sendDownload(res, { type: MIME_TYPES[format], content, filename: `${fileName}.${format}` });
    },
  );
  return router;
}
