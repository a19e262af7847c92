/**
 * A problem with what the user handed the report tools (a missing or malformed report,
 * a report from a newer schema, duplicate cases in a merge). The CLI commands print its
 * message as one line and exit 2; reports/ itself never exits.
 */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}
