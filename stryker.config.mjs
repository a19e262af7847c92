// Stryker configuration of `npm run mutate` (built from runner/mutation/config.ts: run
// `npm run build` first). Selection by environment: MUTATE_FAMILY=fd,path, MUTATE_FILES=…,
// MUTATE_INCREMENTAL=1, MUTATE_CONCURRENCY=N — or use `npm run mutate -- --help`.
import { selectionFromEnv, strykerConfig } from './dist/runner/mutation/config.js';

export default strykerConfig(selectionFromEnv(process.env));
