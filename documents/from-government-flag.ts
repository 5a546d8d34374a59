/**
 * The province's Government-flag dossier (ND 152/2025 Art. 33(12), 37(2)) built from its REAL data
 * (government-flag/load.ts): the council's ballot-count record and the People's Committee's Tờ trình
 * (kinds/gov-flag-ballot-count, kinds/gov-flag-proposal).
 *
 *   const { data, fileName } = await loadGovernmentFlagDocument(db, provinceId, 2026, 'govFlagBallotCount');
 *   const pdf = await renderDocument('govFlagBallotCount', 'pdf', data);
 *
 * Missing facts throw a DomainError (NOT_FOUND → 404 before the vote is closed / before the submission;
 * CONFLICT → 409 when the data are incomplete).
 */
import type { Db } from '../db';
import { conflict } from './cycle-facts';
import { loadSelection } from './government-flag/load';
import type { GovFlagDocumentKind } from './kinds';
import { buildGovFlagBallotCount } from './kinds/gov-flag-ballot-count/load';
import type { GovFlagBallotCount } from './kinds/gov-flag-ballot-count/model';
import { buildGovFlagProposal } from './kinds/gov-flag-proposal/load';
import type { GovFlagProposal } from './kinds/gov-flag-proposal/model';
import { DOCUMENT_SCHEMAS } from './registry';

export interface GovernmentFlagDocumentData {
  govFlagProposal: GovFlagProposal;
  govFlagBallotCount: GovFlagBallotCount;
}

const TITLES: Record<GovFlagDocumentKind, string> = {
  govFlagProposal: 'Tờ trình đề nghị tặng Cờ thi đua của Chính phủ',
  govFlagBallotCount: 'Biên bản kiểm phiếu đề nghị tặng Cờ thi đua của Chính phủ',
};

/**
 * The validated data of a Government-flag dossier document of a province and year, and its file name
 * (UTF-8, without extension): `Tờ trình đề nghị tặng Cờ thi đua của Chính phủ năm 2026 - Thành phố Cần Thơ`.
 */
export async function loadGovernmentFlagDocument<K extends GovFlagDocumentKind>(
  db: Db,
  provinceId: string,
  year: number,
  kind: K,
): Promise<{ data: GovernmentFlagDocumentData[K]; fileName: string }> {
  const s = await loadSelection(db, provinceId, year);
  const raw = kind === 'govFlagProposal' ? buildGovFlagProposal(s) : buildGovFlagBallotCount(s);
  const parsed = DOCUMENT_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw conflict(
      `the Government-flag selection's data does not make a valid ${kind} document: ${issues.join('; ')}`,
      { issues },
    );
  }
  const name = `${TITLES[kind]} năm ${year} - ${s.province.name.normalize('NFC').trim()}`;
  const fileName = [...name].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '-' : ch)).join('');
  return { data: parsed.data as GovernmentFlagDocumentData[K], fileName };
}
