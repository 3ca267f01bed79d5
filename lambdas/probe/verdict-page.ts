/**
 * Reading the System-Check's verdicts inside the page (serialized by Playwright: self-contained, no
 * imports, no closures over Node values). Event-driven: a MutationObserver re-reads the verdicts on
 * every change of the document, and the wait ends when every verdict has decided and nothing changed
 * for a quiet period, or when the page gives up (a script error, a missing verdict, a request to log
 * out), or at `maxMs`. No polling: timers only fire at the moment a quiet or idle period would end.
 *
 * Each verdict comes from a pinned selector (CSS, optionally ending in `:has-text("…")`) or, without
 * one, from discovery: the element whose own text names the check (browser / WebSocket / HTTP) and
 * says something about it (a pass, fail or pending word), the shortest such text when several do.
 */

export type CheckKey = 'browser' | 'websocket' | 'http';

export interface VerdictPageArgs {
  /** Per check: a pinned selector, the regex naming it (always; discovery and "names another check"), an ok regex. */
  readonly checks: Readonly<Record<CheckKey, { readonly selector?: string; readonly name: string; readonly ok?: string }>>;
  /** Regex source of a text still running. */
  readonly pending: string;
  /** Regex source of words that decide a check (pass, fail, negation). */
  readonly decisive: string;
  /** Regex source of a page that asks to log out first. */
  readonly loggedIn: string;
  /** Regex source of a class name or state value, not a stable selector part (`ok`, `running`, `bestanden`). */
  readonly stateValue: string;
  /** All verdicts decided and unchanged this long: settled. */
  readonly quietMs: number;
  /** Some verdicts decided, none pending, the rest absent, and the document unchanged this long: the rest is missing. */
  readonly idleMs: number;
  /** After a script error, verdicts unchanged this long: the page gave up. */
  readonly errorGraceMs: number;
  /** A script error happened before this look (reported by the browser to the caller). */
  readonly errorsBefore: boolean;
  readonly maxMs: number;
  /** Longest text a verdict may have; longer elements are containers, not verdicts. */
  readonly maxChars: number;
}

export interface VerdictElementFacts {
  readonly text: string;
  readonly state: 'pending' | 'decided';
  /** A selector that finds this element again: `#id`, a stable attribute, `tag:has-text("…")` or a path. */
  readonly selector: string | null;
  /** `aria-label`, `title` and `alt` texts of the element and its descendants. */
  readonly labels: string[];
  /** Class names and `data-*` values of the element and its descendants. */
  readonly states: string[];
}

export type VerdictPageEnd = 'settled' | 'timeout' | 'missing' | 'script-error' | 'logged-in';

export interface VerdictPageResult {
  readonly end: VerdictPageEnd;
  readonly verdicts: Record<CheckKey, VerdictElementFacts | null>;
  readonly elapsedMs: number;
}

/** Runs in the page. */
export function settleVerdictsInPage(args: VerdictPageArgs): Promise<VerdictPageResult> {
  const KEYS: CheckKey[] = ['browser', 'websocket', 'http'];
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'TEXTAREA']);
  const MAX_TEXT_NODES = 20_000;
  const MAX_NODE_CHARS = 5_000;
  const MAX_DEPTH = 8;
  const MAX_HINTS = 30;
  /** How many elements after a label (or rows under a column header) may hold its value (a `<dd>` after its `<dt>`, an icon cell between). */
  const MAX_VALUE_SIBLINGS = 2;
  const regex = (source: string): RegExp => new RegExp(source, 'iu');
  const pending = regex(args.pending);
  const decisive = regex(args.decisive);
  const loggedIn = regex(args.loggedIn);
  const stateValue = regex(args.stateValue);
  const names = {} as Record<CheckKey, RegExp>;
  const oks = {} as Record<CheckKey, RegExp | null>;
  for (const key of KEYS) {
    names[key] = regex(args.checks[key].name);
    const ok = args.checks[key].ok;
    oks[key] = ok === undefined ? null : regex(ok);
  }
  const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();
  // innerText, as a person reads it: table cells and blocks stay apart ("Webbrowser ✓ unterstützt Chrome 147")
  const textOf = (el: Element): string => normalize(el instanceof HTMLElement ? el.innerText : (el.textContent ?? ''));
  const visible = (el: Element): boolean =>
    typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

  /** CSS, or CSS ending in :has-text("x"): the innermost matching element whose text contains x. */
  const resolve = (selector: string): Element | null => {
    const hasText = /^(.*):has-text\((["'])(.*)\2\)\s*$/s.exec(selector);
    try {
      if (!hasText) return document.querySelector(selector);
      const needle = (hasText[3] ?? '').toLowerCase();
      let best: Element | null = null;
      let bestLength = Infinity;
      for (const el of document.querySelectorAll((hasText[1] ?? '').trim() || '*')) {
        const text = textOf(el);
        if (text.toLowerCase().includes(needle) && text.length < bestLength) [best, bestLength] = [el, text.length];
      }
      return best;
    } catch {
      return null;
    }
  };

  interface Found {
    readonly el: Element;
    readonly text: string;
    readonly state: 'pending' | 'decided';
  }

  const pinned = (key: CheckKey, selector: string): Found | null => {
    const el = resolve(selector);
    if (!el) return null;
    const text = textOf(el).slice(0, args.maxChars);
    return { el, text, state: text === '' || pending.test(text) ? 'pending' : 'decided' };
  };

  const classify = (key: CheckKey, text: string): 'pending' | 'decided' | null => {
    if (pending.test(text)) return 'pending';
    if (decisive.test(text) || oks[key]?.test(text)) return 'decided';
    return null;
  };

  /**
   * The element whose own text names the check and says how it went; failing that, a label and the
   * value beside it (`<dt>WebSocket</dt><dd>Successful</dd>`, a heading and its paragraph) or under
   * it (a table whose header row names the checks): the value is the verdict element, the label and
   * value together its text.
   */
  const discover = (key: CheckKey): Found | null => {
    const root = document.body ?? document.documentElement;
    if (!root) return null;
    const namesOther = (text: string): boolean => KEYS.some((other) => other !== key && names[other].test(text));
    const inElement = (el: Element, text: string): Found | null => {
      const state = classify(key, text);
      return state ? { el, text, state } : null;
    };
    /** A table cell's column below it: a header row naming the checks, their verdicts in the rows under it. */
    const belowInColumn = (cell: Element): Element[] => {
      const row = cell.parentElement;
      const table = row?.closest('table');
      if (!(cell instanceof HTMLTableCellElement) || !(row instanceof HTMLTableRowElement) || !table) return [];
      const rows = Array.from(table.rows);
      const at = rows.indexOf(row);
      return rows
        .slice(at + 1, at + 1 + MAX_VALUE_SIBLINGS)
        .map((below) => below.cells[cell.cellIndex])
        .filter((below): below is HTMLTableCellElement => below !== undefined);
    };
    const besideLabel = (label: Element, text: string): Found | null => {
      const siblings: Element[] = [];
      for (let s = label.nextElementSibling; s && siblings.length < MAX_VALUE_SIBLINGS; s = s.nextElementSibling) siblings.push(s);
      for (const values of [siblings, belowInColumn(label)]) {
        for (const valueEl of values) {
          const value = textOf(valueEl);
          if (KEYS.some((any) => names[any].test(value)) || value.length > args.maxChars) break;
          if (!visible(valueEl)) continue;
          const state = classify(key, value);
          if (state) return { el: valueEl, text: `${text} ${value}`, state };
        }
      }
      return null;
    };
    for (const pass of [inElement, besideLabel]) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let best: Found | null = null;
      let visited = 0;
      for (let node = walker.nextNode(); node && visited < MAX_TEXT_NODES; node = walker.nextNode()) {
        visited += 1;
        const data = (node as Text).data;
        const parent = node.parentElement;
        if (!parent || SKIP.has(parent.tagName) || data.length > MAX_NODE_CHARS || !names[key].test(data) || !visible(parent)) continue;
        let el: Element | null = parent;
        for (let depth = 0; el && el !== document.body && depth < MAX_DEPTH; depth += 1, el = el.parentElement) {
          const text = textOf(el);
          if (text.length > args.maxChars) break;
          // an element that also names another check is a container of several verdicts, not this one
          if (namesOther(text)) break;
          const found = pass(el, text);
          if (found && (!best || found.text.length < best.text.length)) best = found;
        }
      }
      if (best) return best;
    }
    return null;
  };

  const look = (): Record<CheckKey, Found | null> => {
    const found = {} as Record<CheckKey, Found | null>;
    for (const key of KEYS) {
      const selector = args.checks[key].selector;
      found[key] = selector === undefined ? discover(key) : pinned(key, selector);
    }
    return found;
  };

  const hintsOf = (el: Element): { labels: string[]; states: string[] } => {
    const labels: string[] = [];
    const states: string[] = [];
    for (const e of [el, ...Array.from(el.querySelectorAll('*')).slice(0, MAX_HINTS)]) {
      for (const name of ['aria-label', 'title', 'alt']) {
        const value = e.getAttribute(name);
        if (value) labels.push(value.slice(0, 100));
      }
      states.push(...Array.from(e.classList));
      for (const attr of Array.from(e.attributes)) if (attr.name.startsWith('data-') && attr.value.length <= 40) states.push(attr.value);
    }
    return { labels: labels.slice(0, MAX_HINTS), states: states.slice(0, MAX_HINTS) };
  };

  const quote = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;
  const stableSelector = (el: Element, key: CheckKey): string | null => {
    const finds = (selector: string): boolean => resolve(selector) === el;
    if (el.id && finds(`#${CSS.escape(el.id)}`)) return `#${CSS.escape(el.id)}`;
    const tag = el.tagName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      const stable = attr.name.startsWith('data-') || attr.name === 'name' || attr.name === 'itemprop';
      if (!stable || attr.value === '' || attr.value.length > 60 || stateValue.test(attr.value)) continue;
      const selector = `${tag}[${attr.name}=${quote(attr.value)}]`;
      if (finds(selector)) return selector;
    }
    const named = names[key].exec(textOf(el))?.[0];
    if (named && finds(`${tag}:has-text(${quote(named)})`)) return `${tag}:has-text(${quote(named)})`;
    const path: string[] = [];
    for (let e: Element | null = el; e && e !== document.documentElement; e = e.parentElement) {
      if (e.id) {
        path.unshift(`#${CSS.escape(e.id)}`);
        break;
      }
      const same = e.parentElement ? Array.from(e.parentElement.children).filter((c) => c.tagName === e?.tagName) : [];
      path.unshift(same.length > 1 ? `${e.tagName.toLowerCase()}:nth-of-type(${same.indexOf(e) + 1})` : e.tagName.toLowerCase());
    }
    const selector = path.join(' > ');
    return finds(selector) ? selector : null;
  };

  const describe = (found: Record<CheckKey, Found | null>): Record<CheckKey, VerdictElementFacts | null> => {
    const facts = {} as Record<CheckKey, VerdictElementFacts | null>;
    for (const key of KEYS) {
      const f = found[key];
      facts[key] = f
        ? { text: f.text.slice(0, args.maxChars), state: f.state, selector: stableSelector(f.el, key), ...hintsOf(f.el) }
        : null;
    }
    return facts;
  };

  return new Promise((resolveWait) => {
    const startedAt = performance.now();
    let snapshot = look();
    let lastKey = '';
    let lastChangeAt = startedAt;
    let lastMutationAt = startedAt;
    let errors = args.errorsBefore ? 1 : 0;
    let done = false;
    let checkTimer: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      lastMutationAt = performance.now();
      evaluate();
    });
    const onError = (): void => {
      errors += 1;
      evaluate();
    };
    const finish = (end: VerdictPageEnd): void => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(checkTimer);
      clearTimeout(maxTimer);
      removeEventListener('error', onError);
      resolveWait({ end, verdicts: describe(snapshot), elapsedMs: performance.now() - startedAt });
    };
    /** Looks again when a quiet or idle period would end (one pending timer at a time). */
    const checkAfter = (ms: number): void => {
      clearTimeout(checkTimer);
      checkTimer = setTimeout(evaluate, Math.max(0, ms) + 1);
    };
    function evaluate(): void {
      if (done) return;
      snapshot = look();
      const now = performance.now();
      const key = JSON.stringify(KEYS.map((k) => [snapshot[k]?.text, snapshot[k]?.state]));
      if (key !== lastKey) [lastKey, lastChangeAt] = [key, now];
      const states = KEYS.map((k) => snapshot[k]?.state ?? 'missing');
      const waits: number[] = [];
      if (states.every((s) => s === 'decided')) {
        if (now - lastChangeAt >= args.quietMs) return finish('settled');
        waits.push(args.quietMs - (now - lastChangeAt));
      } else if (states.includes('decided') && !states.includes('pending')) {
        if (now - lastMutationAt >= args.idleMs) return finish('missing');
        waits.push(args.idleMs - (now - lastMutationAt));
      } else if (states.every((s) => s === 'missing') && loggedIn.test(document.body?.innerText ?? '')) {
        if (now - lastChangeAt >= args.quietMs) return finish('logged-in');
        waits.push(args.quietMs - (now - lastChangeAt));
      }
      if (errors > 0 && !states.every((s) => s === 'decided')) {
        if (now - lastChangeAt >= args.errorGraceMs) return finish('script-error');
        waits.push(args.errorGraceMs - (now - lastChangeAt));
      }
      if (waits.length > 0) checkAfter(Math.min(...waits));
    }
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    addEventListener('error', onError);
    const maxTimer = setTimeout(() => finish('timeout'), args.maxMs);
    evaluate();
  });
}
