/**
 * `npm run build` step: writes the workflow bundle to dist/workflow-bundle.js (or the path given), which a worker
 * loads with WORKFLOW_BUNDLE_PATH instead of running webpack at start (worker/bundle.ts; README, Scaling).
 */
import path from 'node:path';
import { writeWorkflowBundle } from '../worker/bundle';

const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'workflow-bundle.js'));
writeWorkflowBundle(file).then(
  () => console.log(`[build] workflow bundle written to ${file}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
