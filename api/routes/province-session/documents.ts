/**
 * The province award session's documents (ND 30/2020 layout), generated on request from the sitting's projection
 * (documents/province-session/): one decision per award kind listing every awardee, as DOCX or PDF.
 * Read scope as GET …/sessions/{n}: the admin and the province's council read every document; a bloc head's officer
 * reads the decisions that list its own awardees (the decision is sent to the bloc), nothing else; others 404.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { ListedAwardTypeSchema } from '../../../contracts/documents';
import type { ProvinceSessionView } from '../../../contracts/province-session';
import { MIME_TYPES, renderDocument } from '../../../documents';
import { issuedSessionDecision, sessionDecisionDocument } from '../../../documents/province-session/decision';
import { sessionFacts, type SessionFacts } from '../../../documents/province-session/facts';
import { validateLoaded } from '../../../documents/registry';
import type { AppDeps, Principal } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { binary, DOCUMENT_FORMATS, sendDownload } from '../../download';
import { sitsOnCouncilOf } from '../../scope';
import { scoped } from './read';
import { SessionParams } from './shared';

const FILE_RESPONSE = {
  description: 'the document (Content-Disposition carries an ASCII file name and the exact UTF-8 one)',
  content: { [MIME_TYPES.docx]: { schema: binary() }, [MIME_TYPES.pdf]: { schema: binary() } },
};

/** The sitting's facts and the caller's view of it (null: the caller reads nothing of it → 404). */
export async function readableSession(
  deps: AppDeps,
  p: Principal,
  params: { provinceId: string; year: number; n: number },
): Promise<{ facts: SessionFacts; view: ProvinceSessionView; council: boolean }> {
  const row = await deps.db.prisma.provinceSession.findUnique({
    where: { provinceId_year_n: params },
    select: { view: true },
  });
  const view = row ? await scoped(deps, p, row.view as unknown as ProvinceSessionView) : null;
  if (!view) throw new HttpError(404, 'NOT_FOUND', `no session ${params.n} of ${params.year}`);
  const council = p.roles.includes('admin') || (await sitsOnCouncilOf(deps, p, params.provinceId));
  return { facts: await sessionFacts(deps.db, params.provinceId, params.year, params.n), view, council };
}

export function sessionDocumentRoutes(router: Router, deps: AppDeps): void {
  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/years/:year/sessions/:n/documents/decisions/:awardType.:format',
      summary:
        "Download the session's decision of one award kind (Quyết định, list form: every awardee of every bloc, its money and the total), as issued with its number from the provincial Chairman's register",
      tags: ['everyone'],
      params: SessionParams.extend({ awardType: ListedAwardTypeSchema, format: z.enum(DOCUMENT_FORMATS) }),
      responses: {
        200: FILE_RESPONSE,
        401: { description: 'not logged in' },
        404: {
          description:
            'no such sitting, or nothing of it is yours; no decision of that kind (a bloc head: none listing its awardees)',
        },
        409: { description: 'the decisions are not issued yet, or the council chair is not on record' },
      },
    },
    async (input, req, res) => {
      const { awardType, format, ...params } = input.params;
      const { facts, view } = await readableSession(deps, principalOf(req), params);
      if (view.phase === 'issued' && !view.decisions.some((d) => d.awardType === awardType))
        throw new HttpError(404, 'NOT_FOUND', `no decision of "${awardType}" in this session that is yours to read`);
      const data = validateLoaded(
        'decision',
        sessionDecisionDocument(facts, issuedSessionDecision(facts, awardType)),
        "the session's data",
      );
      const content = await renderDocument('decision', format, data);
      const file = `quyet-dinh-${awardType}-phien-${params.n}-${params.year}.${format}`;
      sendDownload(res, { type: MIME_TYPES[format], content, filename: file });
    },
  );
}
