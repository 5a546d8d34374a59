/** The self-score's evidence references, checked against the uploaded files at the API edge. */
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';

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
