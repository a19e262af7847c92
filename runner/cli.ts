/**
 * `wasi-conformance <command>`: the command line. Each command lives in its own module under
 * runner/commands/ and is registered in COMMANDS below. Usage errors exit 2 with one line;
 * a command's own failures throw `UsageError` (exit 2) or set process.exitCode.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { CommandModule } from 'yargs';
import { UsageError } from './errors.js';

type LoadCommand = () => Promise<{ command: CommandModule<any, any> }>;

/** Every command, loaded lazily so `exec` does not pay for the runner's start-up. */
const COMMANDS: Record<string, LoadCommand> = {
  exec: () => import('./commands/exec.js'),
  generate: () => import('./commands/generate.js'),
  build: () => import('./commands/build.js'),
  list: () => import('./commands/list.js'),
  run: () => import('./commands/run.js'),
  report: () => import('./commands/report.js'),
  compare: () => import('./commands/compare.js'),
  merge: () => import('./commands/merge.js'),
  export: () => import('./commands/export.js'),
};

function fail(message: string): never {
  process.stderr.write(`wasi-conformance: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const name = argv.find((a) => !a.startsWith('-'));
  let cli = yargs(argv)
    .scriptName('wasi-conformance')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .fail((msg, err) => {
      // A command that threw is an internal error; yargs' own validation (a message, a YError,
      // or — from a .check() in a command's builder — a bare string) is a usage error.
      if (err instanceof Error && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      fail(err instanceof Error ? err.message : msg ?? String(err));
    })
    .help();
  if (name && !Object.hasOwn(COMMANDS, name)) fail(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (see --help)`);
  // Register only the named command's module when it is known (fast start), all for --help.
  const names = name && COMMANDS[name] ? [name] : Object.keys(COMMANDS);
  for (const n of names) {
    try {
      cli = cli.command((await COMMANDS[n]!()).command);
    } catch (e) {
      if (names.length === 1) throw e;
      // A command not built yet must not break --help for the others.
    }
  }
  await cli.parseAsync();
}

main(hideBin(process.argv)).catch((e: unknown) => {
  if (e instanceof UsageError) fail(e.message);
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`wasi-conformance: internal error: ${msg}\n`);
  if (process.env.WASI_CONFORMANCE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(2);
});
