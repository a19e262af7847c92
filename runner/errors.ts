/** An error in what the user gave us (flags, files, fixtures): reported as one line, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
