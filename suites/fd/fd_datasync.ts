/** fd_datasync: the shared sync table (suites/fd/_sync.ts) for fd_datasync. */
import { suite } from '../dsl.js';
import { syncCases } from './_sync.js';

export default suite('fd_datasync', syncCases('fd_datasync'));
