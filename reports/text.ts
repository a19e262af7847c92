/**
 * Text that must survive files other tools parse (JUnit XML, Markdown): control characters
 * other than tab/newline/CR, U+FFFE/U+FFFF and lone surrogates cannot be carried (XML forbids
 * them; UTF-8 cannot encode a lone surrogate), so they are spelled out as `\xNN` / `\uNNNN`.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function spell(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function spellOutUnsafe(s: string): string {
  return s.replace(UNSAFE, spell);
}

/** At most `max` characters of `s`; a longer text ends with a note of how much was cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}\n… [${s.length - max} more characters in report.json]`;
}

/** Per-text cap for stdout/stderr/messages copied into index.html and junit.xml. */
export const TEXT_CAP = 64 * 1024;
