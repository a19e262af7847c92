/**
 * The pieces of `npm run mutate` that do not need a Stryker run: the family table, the
 * configuration built from a selection, the ignorer's rule, the figures (scores, survivors,
 * equivalent mutants, merging runs) and the HTML section.
 */
import babel from '@babel/core';
import { renderMutationSection } from '../../reports/html/mutation-section.js';
import { selectionFromEnv, selectionLabel, strykerConfig } from './config.js';
import { bucketOf, FAMILIES, FAMILY_FILES, filesOf } from './families.js';
import { formatFigures, merge, originalText, summarize, type StrykerMutant, type StrykerReport } from './figures.js';
import { DiagnosticMessageIgnorer, REASON } from './ignorer.js';

const ROOT = '/project';

function mutant(status: string, line: number, startCol: number, endCol: number, extra: Partial<StrykerMutant> = {}): StrykerMutant {
  return {
    id: `${line}:${startCol}`, mutatorName: 'EqualityOperator', replacement: 'a > b', status,
    location: { start: { line, column: startCol }, end: { line, column: endCol } }, ...extra,
  };
}

const SOURCE = 'const x = 1;\nif (a >= b) fail(1);\nreturn a >= b;\n';

function report(mutants: StrykerMutant[], file = `${ROOT}/reference/syscalls/poll.ts`): StrykerReport {
  return { files: { [file]: { source: SOURCE, mutants } } };
}

describe('families', () => {
  test('every family of the issue has files, and no file is in two buckets', () => {
    for (const f of FAMILIES) expect(FAMILY_FILES[f].length).toBeGreaterThan(0);
    const all = Object.values(FAMILY_FILES).flat();
    expect(new Set(all).size).toBe(all.length);
  });
  test('a file maps to its bucket; unknown files to other', () => {
    expect(bucketOf('reference/fs/resolve.ts')).toBe('path');
    expect(bucketOf('./reference/memory.ts')).toBe('shared');
    expect(bucketOf('reference/wasi.ts')).toBe('other');
    expect(filesOf(['clock', 'random'])).toEqual(['reference/syscalls/clock.ts', 'reference/syscalls/random.ts']);
  });
});

describe('config', () => {
  test('families select their files; files replace them; labels keep incremental files apart', () => {
    const s = selectionFromEnv({ MUTATE_FAMILY: 'fd, poll', MUTATE_INCREMENTAL: '1' });
    expect(s).toMatchObject({ families: ['fd', 'poll'], incremental: true });
    const c = strykerConfig(s);
    expect(c.mutate).toEqual(filesOf(['fd', 'poll']));
    expect(c.incrementalFile).toBe('reports/out/mutation/incremental-fd+poll.json');
    expect(c.testRunner).toBe('wasi-suite');
    const files = selectionFromEnv({ MUTATE_FILES: 'reference/fd/*.ts' });
    expect(strykerConfig(files).mutate).toEqual(['reference/fd/*.ts']);
    expect(selectionLabel(files)).toMatch(/^files-[0-9a-f]{8}$/);
    expect(selectionLabel(selectionFromEnv({}))).toBe('all');
  });
  test('an unknown family or a bad concurrency is a one-line error', () => {
    expect(() => selectionFromEnv({ MUTATE_FAMILY: 'fdd' })).toThrow(/unknown family "fdd"/);
    expect(() => selectionFromEnv({ MUTATE_CONCURRENCY: '0' })).toThrow(/positive integer/);
  });
});

describe('ignorer', () => {
  function ignoredStrings(code: string): string[] {
    const ast = babel.parseSync(code, { configFile: false, babelrc: false })!;
    const ignorer = new DiagnosticMessageIgnorer();
    const found: string[] = [];
    babel.traverse(ast, {
      enter(path) {
        if (ignorer.shouldIgnore(path) === REASON) found.push(code.slice(path.node.start!, path.node.end!));
      },
    });
    return found;
  }
  test('message arguments of fail, WasiError, trap and Error are ignored; errnos are not', () => {
    const code = "fail(errno.inval, 'bad flags'); throw new WasiError(errno.badf, `fd ${fd}`); trap('oob'); f(1, 'kept'); new Error('x');";
    expect(ignoredStrings(code)).toEqual(["'bad flags'", '`fd ${fd}`', "'oob'", "'x'"]);
  });
});

describe('figures', () => {
  test('the original text is cut from the source by 1-based location', () => {
    expect(originalText(SOURCE, mutant('Survived', 2, 5, 11))).toBe('a >= b');
    expect(originalText(SOURCE, { ...mutant('Survived', 1, 11, 0), location: { start: { line: 1, column: 11 }, end: { line: 2, column: 3 } } }))
      .toBe('1;\nif');
  });

  test('scores count killed and timeout as detected; survivors are listed; ignored and errors not scored', () => {
    const r = report([
      mutant('Killed', 2, 5, 11), mutant('Timeout', 2, 5, 11), mutant('Survived', 3, 8, 14, { coveredBy: ['a', 'b'] }),
      mutant('NoCoverage', 2, 5, 11), mutant('Ignored', 1, 11, 12), mutant('RuntimeError', 1, 11, 12),
    ]);
    const { families } = summarize(r, [], ROOT, 'T');
    const poll = families.poll!;
    expect(poll).toMatchObject({ mutants: 6, killed: 1, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, errors: 1, score: 50, scoreCovered: 66.7 });
    expect(poll.files).toEqual(['reference/syscalls/poll.ts']);
    expect(poll.survivors.map((s) => [s.line, s.status, s.coveredBy, s.original])).toEqual([[2, 'NoCoverage', 0, 'a >= b'], [3, 'Survived', 2, 'a >= b']]);
  });

  test('a reviewed equivalent mutant is taken out of the score; an entry matching nothing is stale', () => {
    const r = report([mutant('Killed', 2, 5, 11), mutant('Survived', 3, 8, 14)]);
    const eq = { file: 'reference/syscalls/poll.ts', line: 3, kind: 'equivalent' as const, mutator: 'EqualityOperator', original: 'a  >=  b', replacement: 'a > b', reason: 'r' };
    const stale = { ...eq, original: 'c >= d' };
    const out = summarize(r, [eq, stale], ROOT, 'T');
    expect(out.families.poll).toMatchObject({ survived: 0, equivalent: 1, score: 100, rawScore: 50 });
    expect(out.staleEquivalents).toEqual([stale]);
  });

  test('among mutants with the same text, a review claims the one nearest its line; accepted is counted apart', () => {
    const r = report([mutant('Survived', 2, 5, 11), mutant('Survived', 3, 8, 14)]);
    const acc = { file: 'reference/syscalls/poll.ts', line: 9, kind: 'accepted' as const, mutator: 'EqualityOperator', original: 'a >= b', replacement: 'a > b', reason: 'r' };
    const poll = summarize(r, [acc], ROOT, 'T').families.poll!;
    expect(poll).toMatchObject({ survived: 1, accepted: 1, equivalent: 0 });
    expect(poll.survivors.map((s) => s.line)).toEqual([2]);
  });

  test('a run of some families replaces only theirs; overall sums every family', () => {
    const first = merge(null, summarize(report([mutant('Killed', 2, 5, 11)], `${ROOT}/reference/syscalls/clock.ts`), [], ROOT, 'T1'), 'T1');
    const second = merge(first, summarize(report([mutant('Survived', 2, 5, 11)]), [], ROOT, 'T2'), 'T2');
    expect(Object.keys(second.families).sort()).toEqual(['clock', 'poll']);
    expect(second.families.clock!.measuredAt).toBe('T1');
    expect(second.overall).toMatchObject({ mutants: 2, killed: 1, survived: 1, score: 50 });
    expect(formatFigures(second)).toMatch(/overall\s+2\s+1\s+1/);
  });

  test('the HTML section shows every family, the overall row, and escaped survivors', () => {
    const figures = merge(null, summarize(report([mutant('Survived', 3, 8, 14, { replacement: '<b>' })]), [], ROOT, 'T'), 'T');
    const html = renderMutationSection(figures);
    expect(html).toContain('<section id="suite-strength">');
    expect(html).toMatch(/<th>poll<\/th>.*<th>overall<\/th>/s);
    expect(html).toContain('reference/syscalls/poll.ts:3:8');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
  });
});
