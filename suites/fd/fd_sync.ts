/** fd_sync: the shared sync table (suites/fd/_sync.ts) for fd_sync. */
import { suite } from '../dsl.js';
import { syncCases } from './_sync.js';

export default suite('fd_sync', syncCases('fd_sync'));
