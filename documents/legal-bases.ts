/** The documents' legal bases: one home in domain/legal-bases.ts (chosen by the document's date). */
export {
  ND152_IN_FORCE,
  LAW_ON_EMULATION,
  DECREE_98,
  DECREE_152,
  underDecree152,
  emulationLegalBases,
  provincialLegalBases,
  blocLegalBases,
} from '../domain/legal-bases';
