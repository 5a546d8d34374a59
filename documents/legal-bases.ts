/** The documents' legal bases: one home in domain/legal-bases.ts (chosen by the document's date, `legalBasesFor`). */
export {
  ND152_IN_FORCE,
  LAW_ON_EMULATION,
  DECREE_98,
  DECREE_152,
  underDecree152,
  legalBasesFor,
  decreeNameOn,
  basesOutOfForce,
  type LegalIssuer,
} from '../domain/legal-bases';
