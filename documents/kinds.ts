/**
 * The document kinds, by dossier. Each kind has its folder under kinds/ (model, layout, loader); registry.ts ties
 * them together. No imports, so every module can name the kinds without a cycle.
 */

/** The documents of a bloc year (documents/from-cycle.ts). */
export const CYCLE_DOCUMENT_KINDS = ['minutes', 'ballotCount', 'proposal', 'decision', 'achievementReport'] as const;

export type CycleDocumentKind = (typeof CYCLE_DOCUMENT_KINDS)[number];

/** The province's Government-flag dossier (documents/from-government-flag.ts). */
export const GOVFLAG_DOCUMENT_KINDS = ['govFlagProposal', 'govFlagBallotCount'] as const;

export type GovFlagDocumentKind = (typeof GOVFLAG_DOCUMENT_KINDS)[number];

/**
 * The province session's papers (kinds/session/): the standing body's appraisal report, the session's minutes and
 * ballot-count record. Built from plain inputs; their loader and route come with the session.
 */
export const SESSION_DOCUMENT_KINDS = ['appraisalReport', 'sessionMinutes', 'sessionBallotCount'] as const;

export type SessionDocumentKind = (typeof SESSION_DOCUMENT_KINDS)[number];

export const DOCUMENT_KINDS = [...CYCLE_DOCUMENT_KINDS, ...GOVFLAG_DOCUMENT_KINDS, ...SESSION_DOCUMENT_KINDS] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
