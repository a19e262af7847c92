/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * The page's view state and the URL hash that holds it, so any link restores a view.
 *
 * Shipped to the browser as source text (see page.ts): only `export function` declarations, no
 * module-level constants; functions call each other by name (value imports of these modules only).
 */
/** What the URL hash holds: the view and every filter, so a link restores the page. */
export interface ViewState {
  view: string;     // 'matrix' | 'cases' | 'syscall'
  adapter: string;  // adapter name, '' = all
  syscall: string;
  tag: string;
  outcome: string;  // an outcome, 'passing' (pass, accepted), 'not-passing' (fail, error, timeout, xfail), or ''
  abi: string;
  q: string;        // search words
  case: string;     // case id shown in the detail panel
}

export function stateKeys(): (keyof ViewState)[] {
  return ['view', 'adapter', 'syscall', 'tag', 'outcome', 'abi', 'q', 'case'];
}

export function defaultState(): ViewState {
  return { view: 'matrix', adapter: '', syscall: '', tag: '', outcome: '', abi: '', q: '', case: '' };
}

export function parseHash(hash: string): ViewState {
  const st = defaultState();
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const k of stateKeys()) {
    const v = params.get(k);
    if (v !== null) st[k] = v;
  }
  if (st.view !== 'cases' && st.view !== 'syscall') st.view = 'matrix';
  return st;
}

export function formatHash(st: ViewState): string {
  const d = defaultState();
  const params = new URLSearchParams();
  for (const k of stateKeys()) if (st[k] !== d[k]) params.set(k, st[k]);
  const s = params.toString();
  return s ? `#${s}` : '#';
}

/** A hash for `st` with some fields replaced. */
export function linkTo(st: ViewState, change: Partial<ViewState>): string {
  return formatHash({ ...st, ...change });
}
