import { Router } from 'express';
import { z } from 'zod';
import { renderDocument, MIME_TYPES, type DocumentFormat } from '../../documents';
import { documentFileName, listCycleDocuments, loadDocumentData } from '../../documents/from-cycle';
import type { DocumentKind } from '../../documents/kinds';
import type { AppDeps, Principal } from '../context';
import { CYCLE_NOT_READABLE, loadCycleScope, requireCycleReader, sitsOnCouncilOf, wasMemberBetween } from '../scope';
import { HttpError } from '../errors';
import { principalOf } from '../auth';
import { route } from '../route';
import { binary, DOCUMENT_FORMATS, documentInPath, sendDownload } from '../download';
import { ListedAwardTypeSchema } from '../../contracts/documents';
import { decisionIssueRoute } from './decision-issue';

export { contentDisposition } from '../download';

/**
 * The cycle's official documents (ND 30/2020 layout), generated on request from the cycle's real data
 * (documents/from-cycle.ts): the minutes of the year-end meeting, the ballot-count record, the proposal
 * letter with its list and the award decision, as DOCX or PDF. Readable by the officers of the bloc's
 * member units, the province's emulation council (members and secretary) and the admin.
 */

/** URL names of the document kinds. */
export const DOCUMENT_SLUGS = {
  minutes: 'minutes',
  'ballot-count': 'ballotCount',
  proposal: 'proposal',
  decision: 'decision',
  'achievement-report': 'achievementReport',
} as const satisfies Record<string, DocumentKind>;
type Slug = keyof typeof DOCUMENT_SLUGS;
const slugOf = (kind: DocumentKind) => (Object.keys(DOCUMENT_SLUGS) as Slug[]).find((s) => DOCUMENT_SLUGS[s] === kind)!;

const DocumentParams = z.object({
  cycleId: z.string(),
  kind: z.enum(Object.keys(DOCUMENT_SLUGS) as [Slug, ...Slug[]]),
  format: z.enum(DOCUMENT_FORMATS),
});
const DocumentQuery = z.object({
  number: z.string().max(100).optional().openapi({
    description:
      'decision only: which award decision (AwardDecision number, e.g. `01/QĐ-UBND`) when the cycle has several; default the earliest',
  }),
  unit: z.string().max(100).optional().openapi({
    description: 'achievement-report only (required): the proposed unit whose report (báo cáo thành tích) it is',
  }),
  award: ListedAwardTypeSchema.optional().openapi({
    description:
      'decision only: the decision of ONE award kind as a list of every approved awardee with its money and the total; numbered once issued (POST /api/cycles/{cycleId}/decisions/{awardType}/issue), a draft with a blank number before',
  }),
});

export const CycleDocumentListSchema = z.object({
  cycleId: z.string(),
  documents: z.array(
    z.object({
      kind: z.enum(Object.keys(DOCUMENT_SLUGS) as [Slug, ...Slug[]]),
      available: z.boolean(),
      reason: z.string().optional(),
      number: z.string().nullable().openapi({
        description:
          'number and symbol once given (by the numbering act POST …/documents/{kind}/number); never given by this listing or a download',
      }),
      links: z.object({ docx: z.string(), pdf: z.string() }),
    }),
  ),
  decisions: z.array(
    z.object({
      decisionNumber: z.string(),
      decisionDate: z.string(),
      awards: z.number().int(),
      links: z.object({ docx: z.string(), pdf: z.string() }),
    }),
  ),
  decisionLists: z.array(
    z.object({
      awardType: ListedAwardTypeSchema,
      authority: z.string(),
      awardees: z.number().int(),
      number: z.string().nullable().openapi({ description: 'from the register once issued; null: a draft' }),
      decisionDate: z.string(),
      links: z.object({ docx: z.string(), pdf: z.string(), issue: z.string() }),
    }),
  ),
  achievementReports: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      awardType: z.string(),
      links: z.object({ docx: z.string(), pdf: z.string() }),
    }),
  ),
});

const NUMBERED_SLUGS = ['minutes', 'ballot-count', 'proposal'] as const;
export const DocumentNumbersSchema = z.object({
  cycleId: z.string(),
  kind: z.enum(NUMBERED_SLUGS),
  numbers: z
    .object({ minutes: z.string(), 'ballot-count': z.string(), proposal: z.string().optional() })
    .openapi({ description: 'number and symbol of each document numbered so far, e.g. `01/BB-KNC`' }),
});

/**
 * Officers of units that were members of the bloc during the cycle (from its start to the end of its
 * year: a unit that joined later does not read earlier years' documents), the province's council, the
 * admin. Who may not read the cycle at all gets 404 (api/scope.ts); a reader of the cycle whose unit
 * left before it started, 403.
 */
async function requireReader(deps: AppDeps, p: Principal, cycleId: string): Promise<void> {
  const cycle = await requireCycleReader(deps, p, cycleId);
  if (p.roles.includes('admin')) return;
  if (await sitsOnCouncilOf(deps, p, cycle.provinceId)) return;
  if (
    p.unitId &&
    p.roles.includes('unitOfficer') &&
    (await wasMemberBetween(deps, p.unitId, cycle.blocId, cycle.startedAt, new Date(Date.UTC(cycle.year + 1, 0, 1))))
  )
    return;
  throw new HttpError(
    403,
    'FORBIDDEN',
    "the documents of a cycle are for the bloc's member units, the province's emulation council and the admin",
  );
}

export function documentsRouter(deps: AppDeps): Router {
  const router = Router();
  const link = (cycleId: string, slug: string, format: DocumentFormat, number?: string, award?: string) =>
    `/api/cycles/${encodeURIComponent(cycleId)}/documents/${slug}.${format}${number ? `?number=${encodeURIComponent(number)}` : ''}${award ? `?award=${award}` : ''}`;

  route(
    router,
    {
      method: 'get',
      path: '/api/cycles/:cycleId/documents',
      summary:
        'Which official documents of the cycle can be downloaded now (minutes, ballot count, proposal letter, award decisions)',
      tags: ['everyone'],
      params: z.object({ cycleId: z.string() }),
      responses: {
        200: {
          description: 'the documents and their state',
          content: { 'application/json': { schema: CycleDocumentListSchema } },
        },
        401: { description: 'not logged in' },
        403: {
          description: "not an officer of a member unit, a member of the province's council or the admin",
        },
        404: CYCLE_NOT_READABLE,
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const { cycleId } = input.params;
      await requireReader(deps, principal, cycleId);
      const list = await listCycleDocuments(deps.db, cycleId);
      res.set('cache-control', 'private, no-store');
      res.json({
        cycleId,
        documents: list.documents.map((d) => ({
          ...d,
          kind: slugOf(d.kind),
          links: { docx: link(cycleId, slugOf(d.kind), 'docx'), pdf: link(cycleId, slugOf(d.kind), 'pdf') },
        })),
        decisions: list.decisions.map((d) => ({
          ...d,
          links: {
            docx: link(cycleId, 'decision', 'docx', d.decisionNumber),
            pdf: link(cycleId, 'decision', 'pdf', d.decisionNumber),
          },
        })),
        decisionLists: list.decisionLists.map((d) => ({
          ...d,
          links: {
            docx: link(cycleId, 'decision', 'docx', undefined, d.awardType),
            pdf: link(cycleId, 'decision', 'pdf', undefined, d.awardType),
            issue: `/api/cycles/${encodeURIComponent(cycleId)}/decisions/${d.awardType}/issue`,
          },
        })),
        achievementReports: list.achievementReports.map((r) => ({
          ...r,
          links: {
            docx: `${link(cycleId, 'achievement-report', 'docx')}?unit=${encodeURIComponent(r.unitId)}`,
            pdf: `${link(cycleId, 'achievement-report', 'pdf')}?unit=${encodeURIComponent(r.unitId)}`,
          },
        })),
      });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/cycles/:cycleId/documents/:kind.:format',
      summary:
        'Download an official document of the cycle, generated from its data (ND 30/2020 layout): minutes, ballot-count record, proposal letter, award decision',
      description:
        'The minutes and the ballot-count record exist once the year-end vote is over, the proposal letter once the vote proposed a unit, the decision once the council recorded one (409 before). ' +
        'A download never gives out a number: it shows the numbers already given (POST …/documents/{kind}/number, by the bloc head) and leaves the others blank.',
      tags: ['everyone'],
      params: DocumentParams,
      query: DocumentQuery,
      responses: {
        200: {
          description: 'the document (Content-Disposition carries an ASCII file name and the exact UTF-8 one)',
          content: { [MIME_TYPES.docx]: { schema: binary() }, [MIME_TYPES.pdf]: { schema: binary() } },
        },
        401: { description: 'not logged in' },
        403: {
          description: "not an officer of a member unit, a member of the province's council or the admin",
        },
        404: {
          description: 'no such cycle (or not yours to read), document kind, format or decision',
        },
        409: {
          description:
            'the cycle has not produced this document yet (e.g. the vote is not closed), or its data are incomplete',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const cycleId = String(req.params.cycleId);
      const { kind, format } = documentInPath(DOCUMENT_SLUGS, String(req.params.kind), String(req.params.format));
      const { number, award, unit } = input.query;
      await requireReader(deps, principal, cycleId);
      if (kind === 'achievementReport' && !unit)
        throw new HttpError(400, 'VALIDATION', 'an achievement report is of one proposed unit', [
          { path: ['unit'], message: 'required for achievement-report' },
        ]);
      // A download shows the numbers given so far; it never gives one (numbering: the POST below).
      const data = await loadDocumentData(deps.db, cycleId, kind, {
        actorPersonId: principal.personId,
        assign: false,
        ...(number ? { decisionNumber: number } : {}),
        ...(award && kind === 'decision' ? { awardType: award } : {}),
        ...(unit && kind === 'achievementReport' ? { unitId: unit } : {}),
      });
      const content = await renderDocument(kind, format, data);
      sendDownload(res, { type: MIME_TYPES[format], content, filename: `${documentFileName(kind, data)}.${format}` });
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/cycles/:cycleId/documents/:kind/number',
      summary:
        "The bloc head (or the admin) gives the cycle's documents their numbers in the bloc's yearly series (ND 30/2020 Điều 15): the minutes and the ballot-count record together, the proposal letter after them",
      description:
        'Numbering is an explicit act, never a side effect of a download. Numbers once given are kept: repeating the act answers the same numbers. `proposal` also numbers the minutes and the ballot-count record it cites.',
      tags: ['bloc head'],
      params: z.object({ cycleId: z.string(), kind: z.enum(NUMBERED_SLUGS) }),
      responses: {
        200: {
          description: 'the numbers given (or already given)',
          content: { 'application/json': { schema: DocumentNumbersSchema } },
        },
        401: { description: 'not logged in' },
        403: {
          description: 'not the bloc head of this cycle nor the admin',
        },
        404: {
          description: 'no such cycle (or not yours to read) or document kind',
        },
        409: {
          description: 'the cycle has not produced this document yet',
        },
      },
    },
    async (_input, req, res) => {
      const principal = principalOf(req);
      const cycleId = String(req.params.cycleId);
      const slug = String(req.params.kind);
      await requireCycleReader(deps, principal, cycleId);
      if (!(NUMBERED_SLUGS as readonly string[]).includes(slug))
        throw new HttpError(404, 'NOT_FOUND', `no numbered document "${slug}" (one of ${NUMBERED_SLUGS.join(', ')})`);
      if (!principal.roles.includes('admin')) {
        const scope = await loadCycleScope(deps, cycleId);
        if (
          !principal.roles.includes('unitOfficer') ||
          !principal.unitId ||
          ![scope.headUnitId, scope.actingHeadUnitId].includes(principal.unitId)
        )
          throw new HttpError(403, 'FORBIDDEN', "the bloc head (or the admin) numbers the bloc's documents");
      }
      await loadDocumentData(deps.db, cycleId, DOCUMENT_SLUGS[slug as Slug], {
        actorPersonId: principal.personId,
        assign: true,
      });
      const list = await listCycleDocuments(deps.db, cycleId);
      const numberOf = (s: Slug) => list.documents.find((d) => d.kind === DOCUMENT_SLUGS[s])?.number ?? undefined;
      res.json({
        cycleId,
        kind: slug,
        numbers: {
          minutes: numberOf('minutes'),
          'ballot-count': numberOf('ballot-count'),
          ...(numberOf('proposal') ? { proposal: numberOf('proposal') } : {}),
        },
      });
    },
  );

  decisionIssueRoute(router, deps);
  return router;
}
