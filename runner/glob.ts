/**
 * Globs over case ids (`preview1/fd_*\/*`, `**\/dotdot-*`): `*` matches within one `/`-separated
 * segment, `**` across segments, `?` one character, `{a,b}` alternatives. Everything else is literal.
 */
const cache = new Map<string, RegExp>();

function escape(c: string): string {
  return /[\\^$.|+()[\]{}*?]/.test(c) ? `\\${c}` : c;
}

function translate(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // `**/` also matches zero segments
        if (glob[i + 1] === '/') { i++; out += '(?:.*/)?'; } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') { braces++; out += '(?:'; }
    else if (c === '}' && braces > 0) { braces--; out += ')'; }
    else if (c === ',' && braces > 0) out += '|';
    else out += escape(c);
  }
  return out + ')'.repeat(braces);
}

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    re = new RegExp(`^${translate(glob)}$`);
    cache.set(glob, re);
  }
  return re;
}

export function matchGlob(glob: string, text: string): boolean {
  return globToRegExp(glob).test(text);
}

export function isGlob(text: string): boolean {
  return /[*?{]/.test(text);
}
