/**
 * The authorisation matrix, over HTTP against the whole real system. A Cần Thơ year in which every
 * act of api/routes/acts.ts happens (test/support/every-act.ts) is driven by a driver that, BEFORE
 * each real act, sends the very same request as
 *   - nobody (no token) and with forged tokens (payload changed, expired, other secret, other
 *     issuer, alg none, garbage): 401;
 *   - every person of the matrix who must not do it (member officer, officer of another bloc, head,
 *     deputy, council member and secretary of this and of another province, admin): 403;
 *   - for unit acts also an officer of another bloc and the officer of the unit that left the bloc,
 *     each acting for their OWN unit: 403;
 * each with the error envelope, and only then performs the allowed act (which must succeed: a
 * denied attempt that slipped through would also make the real act fail later).
 *
 * Then the reads (read scope, api/scope.ts; outside it 404, as if absent): projection, live view,
 * results and the bloc's history (officers of member units for their years, this province's council,
 * admin), a unit's history (its own officer, this council, admin), the bloc list (own province only),
 * documents (member units, this province's council, admin), evidence download (the unit, head,
 * deputy, this council, admin; another province 404, another unit of the bloc 403) and upload (own
 * unit of a member), inbox (own unit / own person only) and the audit log (admin).
 *
 * Then issuing the year's award decisions from the register (authz/decisions.ts): the council secretary of this
 * province or the admin; everyone else 403 (another province 404), anonymous 401.
 *
 * Then the province award session (authz/session.ts): its issue act (the standing body) and its decisions' downloads
 * (the session GET's scope).
 *
 * The system and the matrix's people are in test/api/authz/context.ts, the acts' year in authz/acts.ts, the
 * reads in authz/reads.ts.
 */
import { actsTest } from './authz/acts';
import { withAuthzSystem } from './authz/context';
import { readTests } from './authz/reads';
import { decisionIssueTests } from './authz/decisions';
import { sessionTests } from './authz/session';
import { provinceSessionAuthzTests } from './authz/province-session';

jest.setTimeout(300_000);

withAuthzSystem();

describe('authorisation matrix over a whole year', () => {
  actsTest();
  readTests();
  decisionIssueTests();
  provinceSessionAuthzTests();
  sessionTests();
});
