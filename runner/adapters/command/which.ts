/** Finding a runtime's executable: an explicit path, an environment variable, or PATH. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `program` (a path, or a name looked up on PATH), or null. */
export function findExecutable(program: string): string | null {
  if (program.includes('/')) {
    const p = isAbsolute(program) ? program : resolve(program);
    return executable(p) ? p : null;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, program))) return join(dir, program);
  }
  return null;
}
