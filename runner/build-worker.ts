/** Worker thread of runner/build.ts: compiles its share of WAT files and posts the outcomes. */
import { parentPort, workerData } from 'node:worker_threads';
import { compileTasks, type CompileTask } from './build.js';

parentPort!.postMessage(await compileTasks(workerData as CompileTask[]));
