import { z } from 'zod';

/** Building blocks shared by every message contract (workflow input, Updates, HTTP bodies). */
/** Ids up to 200: a proposal id is `cycle-<BLOC>-<YEAR>:<award type>:<unit uuid>` and bloc codes run to 50. */
export const IdSchema = z.string().min(1).max(200);
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IsoDateSchema = z.iso.date();
export const RequestIdSchema = z.uuid();

export const RoleSchema = z.enum(['admin', 'unitOfficer', 'councilMember', 'councilSecretary']);
export type Role = z.infer<typeof RoleSchema>;

/** Who performs an act. Set by the API from the verified token, never taken from the client body. */
export const ActorSchema = z.object({
  personId: IdSchema,
  unitId: IdSchema.optional(),
  roles: z.array(RoleSchema),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Every act carries a request id: retried requests are answered once (Temporal update id = request id). */
export const ActEnvelopeSchema = z.object({
  requestId: RequestIdSchema,
  actor: ActorSchema,
});

/** Refinements and trimmed texts the JSON Schema states too (requiredWhen, atLeastOneField, uniqueStrings, trimmedText): see domain/stated-rules.ts. */
export {
  STATED,
  atLeastOneField,
  blankPadded,
  isStatedIssue,
  requiredWhen,
  trimmedMatch,
  trimmedText,
  uniqueStrings,
  type RequiredWhen,
} from '../domain/stated-rules';
/**
 * The workflow's own record of who holds which office, read from the registry by the API when the
 * workflow starts: it authorises acts against this, not against the roles an Update payload claims.
 * Optional in every workflow input (histories from before it carry none: the claim is then trusted).
 */
export const RosterSchema = z.object({
  /** Unit officers: the unit each person officially acts for. */
  officers: z.array(z.object({ personId: IdSchema, unitId: IdSchema })),
  /** Secretaries (standing body) of the province's emulation council. */
  secretaryIds: z.array(IdSchema),
  /** Administrators (Sở Nội vụ). */
  adminIds: z.array(IdSchema),
});
export type Roster = z.infer<typeof RosterSchema>;
