import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS, DESIGN_NAMES, DESIGNS, startTarget, type DesignName, type RunningTarget } from '../../target/index';
import { followSystemCheckLink, openAs, settledVerdicts } from './design-helpers';

/** What a design shows: every id, class and piece of wording (text, labels, titles, button values). */
interface Vocabulary {
  readonly ids: Set<string>;
  readonly classes: Set<string>;
  readonly texts: Set<string>;
}

/** Words every autocrm page may use: the product, and the names of the three checks. */
const STANDARD_WORDS = new Set(['autocrm', 'Browser', 'WebSocket', 'HTTP']);

function collect(page: Page): Promise<{ ids: string[]; classes: string[]; texts: string[] }> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll('*')];
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement?.tagName;
      if (parent !== 'SCRIPT' && parent !== 'STYLE') texts.push(node.textContent ?? '');
    }
    for (const element of elements) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(name) ?? '');
      if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button')) texts.push(element.value);
    }
    return {
      ids: elements.map((element) => element.id).filter((id) => id !== ''),
      classes: elements.flatMap((element) => [...element.classList]),
      texts: texts.map((text) => text.replace(/\s+/g, ' ').trim()).filter((text) => text !== ''),
    };
  });
}

/**
 * Follows the System-Check link from a fresh page, hands over the page showing the checks, then
 * closes both: a popup opened under a window name would otherwise be reused by the next visit.
 */
async function withChecks(context: BrowserContext, target: RunningTarget, use: (checks: Page) => Promise<void>): Promise<void> {
  const opener = await context.newPage();
  const checks = await followSystemCheckLink(opener, target);
  try {
    await use(checks);
  } finally {
    await checks.close();
    if (checks !== opener) await opener.close();
  }
}

/** Visits every page of `name` in every state that changes what it shows, and collects its vocabulary. */
async function vocabularyOf(name: DesignName): Promise<Vocabulary> {
  const design = DESIGNS[name];
  const vocabulary: Vocabulary = { ids: new Set(), classes: new Set(), texts: new Set() };
  const add = async (page: Page): Promise<void> => {
    const found = await collect(page);
    found.ids.forEach((id) => vocabulary.ids.add(id));
    found.classes.forEach((c) => vocabulary.classes.add(c));
    found.texts.forEach((text) => vocabulary.texts.add(text));
  };
  const target: RunningTarget = await startTarget({ design: name, faults: ['verdict-delay=0'] });
  const opened = await openAs('chrome');
  try {
    const { context, page } = opened;
    await page.goto(target.loginUrl);
    await add(page);
    await page.fill(design.contract.login.usernameSelector, 'nobody');
    await page.fill(design.contract.login.passwordSelector, 'wrong');
    await Promise.all([page.waitForEvent('load'), page.click(design.contract.login.submitSelector)]);
    await add(page);
    for (const faults of [
      [],
      ['unsupported-browser', 'ws-refuse', 'http-check-fail'],
      ['unsupported-browser', 'ws-refuse', 'http-check-fail', 'negated-wording'],
    ]) {
      target.setFaults(['verdict-delay=0', ...faults]);
      await withChecks(context, target, async (checks) => {
        await settledVerdicts(checks, design.contract);
        await add(checks);
      });
    }
    // js-error stops the checks before any verdict: the pending wording stays on the page.
    target.setFaults(['js-error']);
    await withChecks(context, target, async (pending) => {
      await pending.waitForSelector(design.contract.verdicts.http);
      await add(pending);
    });
    target.setFaults(['http-500']);
    await page.goto(target.loginUrl);
    await add(page);
    target.setFaults([]);
    await page.goto(`${target.origin}/nowhere`);
    await add(page);
    await page.goto(target.loginUrl);
    await page.fill(design.contract.login.usernameSelector, DEFAULT_CREDENTIALS.username);
    await page.fill(design.contract.login.passwordSelector, DEFAULT_CREDENTIALS.password);
    await Promise.all([page.waitForURL(`${target.origin}${design.paths.start}`), page.click(design.contract.login.submitSelector)]);
    await add(page);
    if (design.paths.systemCheck) {
      await page.goto(`${target.origin}${design.paths.systemCheck}`);
      await add(page);
    }
    return vocabulary;
  } finally {
    await opened.close();
    await target.close();
  }
}

function shared(a: Set<string>, b: Set<string>, allowed: Set<string> = new Set()): string[] {
  return [...a].filter((item) => b.has(item) && !allowed.has(item)).sort();
}

describe('page designs share no id, class or wording', () => {
  const vocabularies = new Map<DesignName, Vocabulary>();

  beforeAll(async () => {
    for (const name of DESIGN_NAMES) vocabularies.set(name, await vocabularyOf(name));
  });
  afterAll(() => vocabularies.clear());

  it('collected a vocabulary of every design (pages, verdicts in each state, errors)', () => {
    for (const name of DESIGN_NAMES) {
      const vocabulary = vocabularies.get(name)!;
      expect(vocabulary.texts.size).toBeGreaterThan(20);
      expect(vocabulary.classes.size + vocabulary.ids.size).toBeGreaterThan(5);
    }
  });

  const pairs = DESIGN_NAMES.flatMap((a, index) => DESIGN_NAMES.slice(index + 1).map((b) => [a, b] as const));

  it.each(pairs)('designs %s and %s: no common id, class or text beyond the standard words', (a, b) => {
    const left = vocabularies.get(a)!;
    const right = vocabularies.get(b)!;

    expect(shared(left.ids, right.ids)).toEqual([]);
    expect(shared(left.classes, right.classes)).toEqual([]);
    expect(shared(left.texts, right.texts, STANDARD_WORDS)).toEqual([]);
  });
});
