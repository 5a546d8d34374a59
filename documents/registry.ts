/**
 * Every document kind in one table: its schema (the input data, validated) and its layout (what it says).
 * The renderers (docx.ts, pdf/) draw any layout; `buildLayout` picks the kind's.
 * To add a kind: a folder kinds/<kind>/ with model.ts and layout.ts (and a loader), its name in kinds.ts, its type
 * abbreviation in numbering.ts, and one line in each table below.
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { DocumentKind } from './kinds';
import { nfc } from './format';
import { ballotCountLayout } from './kinds/ballot-count/layout';
import { BallotCountSchema, type BallotCountInput } from './kinds/ballot-count/model';
import { decisionLayout } from './kinds/decision/layout';
import { DecisionSchema, type DecisionInput } from './kinds/decision/model';
import { govFlagBallotCountLayout } from './kinds/gov-flag-ballot-count/layout';
import { GovFlagBallotCountSchema, type GovFlagBallotCountInput } from './kinds/gov-flag-ballot-count/model';
import { govFlagProposalLayout } from './kinds/gov-flag-proposal/layout';
import { GovFlagProposalSchema, type GovFlagProposalInput } from './kinds/gov-flag-proposal/model';
import { achievementReportLayout } from './kinds/achievement-report/layout';
import { AchievementReportSchema, type AchievementReportInput } from './kinds/achievement-report/model';
import { minutesLayout } from './kinds/minutes/layout';
import { appraisalReportLayout } from './kinds/session/appraisal-layout';
import { sessionBallotCountLayout, sessionMinutesLayout } from './kinds/session/minutes-layout';
import {
  AppraisalReportSchema,
  SessionMinutesSchema,
  type AppraisalReportInput,
  type SessionMinutesInput,
} from './kinds/session/model';
import { MinutesSchema, type MinutesInput } from './kinds/minutes/model';
import { proposalLayout } from './kinds/proposal/layout';
import { ProposalSchema, type ProposalInput } from './kinds/proposal/model';
import type { Layout } from './layout';

export const DocumentInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minutes'), data: MinutesSchema }),
  z.object({ kind: z.literal('ballotCount'), data: BallotCountSchema }),
  z.object({ kind: z.literal('proposal'), data: ProposalSchema }),
  z.object({ kind: z.literal('decision'), data: DecisionSchema }),
  z.object({ kind: z.literal('achievementReport'), data: AchievementReportSchema }),
  z.object({ kind: z.literal('govFlagProposal'), data: GovFlagProposalSchema }),
  z.object({ kind: z.literal('govFlagBallotCount'), data: GovFlagBallotCountSchema }),
  z.object({ kind: z.literal('appraisalReport'), data: AppraisalReportSchema }),
  z.object({ kind: z.literal('sessionMinutes'), data: SessionMinutesSchema }),
  z.object({ kind: z.literal('sessionBallotCount'), data: SessionMinutesSchema }),
]);

/** A validated document (what the renderers take). */
export type DocumentInput = z.infer<typeof DocumentInputSchema>;

/** What callers pass before validation (defaults not yet applied). */
export type DocumentInputRaw = z.input<typeof DocumentInputSchema>;

export const DOCUMENT_SCHEMAS = {
  minutes: MinutesSchema,
  ballotCount: BallotCountSchema,
  proposal: ProposalSchema,
  decision: DecisionSchema,
  achievementReport: AchievementReportSchema,
  govFlagProposal: GovFlagProposalSchema,
  govFlagBallotCount: GovFlagBallotCountSchema,
  appraisalReport: AppraisalReportSchema,
  sessionMinutes: SessionMinutesSchema,
  sessionBallotCount: SessionMinutesSchema,
} as const;

export type DocumentDataInput = {
  minutes: MinutesInput;
  ballotCount: BallotCountInput;
  proposal: ProposalInput;
  decision: DecisionInput;
  achievementReport: AchievementReportInput;
  govFlagProposal: GovFlagProposalInput;
  govFlagBallotCount: GovFlagBallotCountInput;
  appraisalReport: AppraisalReportInput;
  sessionMinutes: SessionMinutesInput;
  sessionBallotCount: SessionMinutesInput;
};

export function buildLayout(doc: DocumentInput): Layout {
  const layout = (() => {
    switch (doc.kind) {
      case 'minutes':
        return minutesLayout(doc.data);
      case 'ballotCount':
        return ballotCountLayout(doc.data);
      case 'proposal':
        return proposalLayout(doc.data);
      case 'decision':
        return decisionLayout(doc.data);
      case 'achievementReport':
        return achievementReportLayout(doc.data);
      case 'govFlagProposal':
        return govFlagProposalLayout(doc.data);
      case 'govFlagBallotCount':
        return govFlagBallotCountLayout(doc.data);
      case 'appraisalReport':
        return appraisalReportLayout(doc.data);
      case 'sessionMinutes':
        return sessionMinutesLayout(doc.data);
      case 'sessionBallotCount':
        return sessionBallotCountLayout(doc.data);
    }
  })();
  return normalizeLayout(layout);
}

/** NFC everywhere, whatever a builder concatenated. */
function normalizeLayout(l: Layout): Layout {
  return JSON.parse(JSON.stringify(l), (_k, v: unknown) => (typeof v === 'string' ? nfc(v) : v)) as Layout;
}

/**
 * Validates data a loader built for `kind`: data the system recorded that do not make a valid document are a
 * CONFLICT (409) naming each issue; `whose` says whose data they are ("the cycle's data").
 */
export function validateLoaded<K extends DocumentKind>(
  kind: K,
  data: unknown,
  whose: string,
): z.output<(typeof DOCUMENT_SCHEMAS)[K]> {
  const parsed = (DOCUMENT_SCHEMAS[kind] as z.ZodType).safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new DomainError('CONFLICT', `${whose} does not make a valid ${kind} document: ${issues.join('; ')}`, {
      issues,
    });
  }
  return parsed.data as z.output<(typeof DOCUMENT_SCHEMAS)[K]>;
}

/** A document's file name (UTF-8, without extension), NFC, with the characters file systems refuse made "-". */
export function safeFileName(name: string): string {
  return [...name.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '-' : ch))
    .join('');
}
