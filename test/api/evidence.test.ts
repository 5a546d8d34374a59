/**
 * Evidence upload and download, for real: Express on an ephemeral port, a Temporal dev server, a
 * worker with real activities and a migrated, seeded SQLite file. A Cần Thơ cycle is driven over
 * HTTP to self-scoring; uploads are tried by every kind of caller, size and type; the self-score
 * names uploaded ids; then the year moves on and uploads close.
 *
 * The files and the pure checks are in test/api/evidence/files.ts, the shared system and year in
 * evidence/year.ts, the uploads in evidence/uploads.ts, downloads and what closes uploads in evidence/reads.ts.
 */
import { contentTests } from './evidence/files';
import { readTests } from './evidence/reads';
import { uploadTests } from './evidence/uploads';
import { toSelfScoringTest, withEvidenceSystem } from './evidence/year';

jest.setTimeout(180_000);

withEvidenceSystem();

contentTests();

toSelfScoringTest();

uploadTests();

readTests();
