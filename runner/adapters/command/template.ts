/**
 * Command templates: how a runtime's command line is written for one case.
 *
 *   wasmtime run --dir {dir}::{guest} --env {env} {wasm} {args}
 *
 * The template is split into words like a shell would (quotes '…' and "…", backslash escapes;
 * no variables, no globbing: nothing is ever run through a shell). Placeholders:
 *
 *   {wasm}    the compiled module's path          {abi}   preview1 or unstable
 *   {dir}     a preopen's host directory          {guest} its name in the guest
 *   {env}     one variable as NAME=VALUE          {args}  the case's arguments, one word each
 *   {{ }}     literal braces
 *
 * A word with {dir}/{guest} is written once per preopen, a word with {env} once per variable;
 * when the word before it is a bare option (`--dir`, `-e`) that option is repeated with it. So
 * `--dir {dir}::{guest}` gives `--dir /tmp/p0::/sandbox --dir /tmp/p1::/data`, and nothing
 * when the case has no preopens. {args} must be a word of its own.
 */
import type { Abi } from '../../../suites/sidecar.js';
import { UsageError } from '../../errors.js';

export const PLACEHOLDERS = ['wasm', 'abi', 'dir', 'guest', 'env', 'args'] as const;
type Placeholder = typeof PLACEHOLDERS[number];

type Part = { text: string } | { slot: Placeholder };
/** One word: literal text and placeholders; `repeat` says which list it is written once per item of. */
interface Word { parts: Part[]; repeat: 'preopen' | 'env' | null; args: boolean }
/** A group of words written together (an option and its repeated value, or a single word). */
interface Group { words: Word[]; repeat: 'preopen' | 'env' | null }

export interface CommandTemplate {
  /** The text as given. */
  source: string;
  /** The program (first word; no placeholders). */
  program: string;
  groups: Group[];
  /** Placeholders used anywhere. */
  uses: ReadonlySet<Placeholder>;
}

/** What a template is filled with. */
export interface TemplateValues {
  wasm: string;
  abi: Abi;
  preopens: readonly { host: string; guest: string }[];
  env: Readonly<Record<string, string>>;
  args: readonly string[];
}

/** Split like a shell: whitespace separates words; quotes group; backslash escapes (not inside '…'). */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '', inWord = false, quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length && '"\\'.includes(text[i + 1]!)) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") { quote = c; inWord = true; }
    else if (c === '\\' && i + 1 < text.length) { cur += text[++i]; inWord = true; }
    else if (/\s/.test(c)) { if (inWord) words.push(cur); cur = ''; inWord = false; }
    else { cur += c; inWord = true; }
  }
  if (quote) throw new UsageError(`command template has an unclosed ${quote} quote: ${text}`);
  if (inWord) words.push(cur);
  return words;
}

function parseWord(word: string, source: string): Word {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if ((c === '{' || c === '}') && word[i + 1] === c) { text += c; i++; continue; }
    if (c === '}') throw new UsageError(`command template has a stray "}" in "${word}" (write "}}" for a literal one): ${source}`);
    if (c !== '{') { text += c; continue; }
    const end = word.indexOf('}', i);
    const name = end < 0 ? '' : word.slice(i + 1, end);
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown placeholder "${end < 0 ? word.slice(i) : `{${name}}`}" in command template (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}): ${source}`);
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ slot: name as Placeholder });
    i = end;
  }
  if (text) parts.push({ text });
  const slots = new Set(parts.flatMap((p) => ('slot' in p ? [p.slot] : [])));
  const perPreopen = slots.has('dir') || slots.has('guest');
  if (perPreopen && slots.has('env')) throw new UsageError(`a template word cannot mix {dir}/{guest} with {env} ("${word}"): ${source}`);
  if (slots.has('args') && (parts.length > 1)) throw new UsageError(`{args} must be a word of its own, not part of "${word}": ${source}`);
  return { parts, repeat: perPreopen ? 'preopen' : slots.has('env') ? 'env' : null, args: slots.has('args') };
}

const isBareOption = (w: Word) => w.repeat === null && !w.args && w.parts.length === 1 && 'text' in w.parts[0]! && w.parts[0].text.startsWith('-');

/** Parse and check a template; problems are one-line usage errors. */
export function parseTemplate(source: string): CommandTemplate {
  const words = shellWords(source).map((w) => parseWord(w, source));
  if (words.length === 0) throw new UsageError('command template is empty');
  const first = words[0]!;
  if (first.parts.length !== 1 || !('text' in first.parts[0]!)) throw new UsageError(`the first word of a command template must be the program, without placeholders: ${source}`);
  const uses = new Set(words.flatMap((w) => w.parts.flatMap((p) => ('slot' in p ? [p.slot] : []))));
  if (!uses.has('wasm')) throw new UsageError(`command template has no {wasm} placeholder (where the module path goes): ${source}`);
  const groups: Group[] = [];
  for (const w of words.slice(1)) {
    const prev = groups[groups.length - 1];
    if (w.repeat && prev && prev.repeat === null && prev.words.length === 1 && isBareOption(prev.words[0]!)) {
      prev.words.push(w);
      prev.repeat = w.repeat;
    } else groups.push({ words: [w], repeat: w.repeat });
  }
  return { source, program: (first.parts[0] as { text: string }).text, groups, uses };
}

function fill(w: Word, v: TemplateValues, item: { host: string; guest: string } | [string, string] | null): string[] {
  if (w.args) return [...v.args];
  return [w.parts.map((p) => {
    if ('text' in p) return p.text;
    switch (p.slot) {
      case 'wasm': return v.wasm;
      case 'abi': return v.abi;
      case 'dir': return (item as { host: string }).host;
      case 'guest': return (item as { guest: string }).guest;
      case 'env': { const [k, val] = item as [string, string]; return `${k}=${val}`; }
      default: return '';
    }
  }).join('')];
}

/** The argument list (after the program) for one case. */
export function expandTemplate(t: CommandTemplate, v: TemplateValues): string[] {
  const out: string[] = [];
  for (const g of t.groups) {
    const items: (TemplateValues['preopens'][number] | [string, string] | null)[] =
      g.repeat === 'preopen' ? [...v.preopens] : g.repeat === 'env' ? Object.entries(v.env) : [null];
    for (const item of items) for (const w of g.words) out.push(...fill(w, v, item));
  }
  return out;
}
