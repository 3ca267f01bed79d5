/**
 * The login form, found the way a person finds it: a visible password field (by its type, never its
 * id), the user name field before it in the same form, and the form's submit button; each with a
 * selector that finds it again (`#id`, `[name="…"]`, or its type), for the login step and for `init`.
 * Runs in the page (serialized by Playwright: self-contained, no imports, no closures).
 */

export interface LoginFormFacts {
  readonly found: boolean;
  readonly usernameSelector?: string;
  readonly passwordSelector?: string;
  readonly submitSelector?: string;
}

/** Runs in the page. */
export function findLoginFormInPage(): LoginFormFacts {
  const visible = (el: Element): boolean =>
    typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;
  const quote = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;
  const unique = (selector: string, el: Element): boolean => {
    try {
      const all = document.querySelectorAll(selector);
      return all.length === 1 && all[0] === el;
    } catch {
      return false;
    }
  };
  const selectorOf = (el: Element, fallbacks: readonly string[]): string | undefined => {
    const tag = el.tagName.toLowerCase();
    const tries = [
      el.id ? `#${CSS.escape(el.id)}` : '',
      el.getAttribute('name') ? `${tag}[name=${quote(el.getAttribute('name') ?? '')}]` : '',
      ...fallbacks,
    ];
    return tries.find((selector) => selector !== '' && unique(selector, el));
  };
  const password = Array.from(document.querySelectorAll('input[type="password" i]')).find(visible) as HTMLInputElement | undefined;
  if (!password) return { found: false };
  const scope: ParentNode = password.form ?? password.closest('form') ?? document;
  const fields = Array.from(scope.querySelectorAll('input')).filter((input) => visible(input));
  const before = fields.slice(0, fields.indexOf(password));
  const textLike = (input: HTMLInputElement): boolean => ['text', 'email', 'tel', ''].includes(input.type.toLowerCase());
  const username =
    before.find((input) => /username|email/i.test(input.autocomplete)) ?? before.filter(textLike).pop() ?? fields.find(textLike);
  const submit = Array.from(
    scope.querySelectorAll('button[type="submit" i], input[type="submit" i], button:not([type]), input[type="image" i]'),
  ).find(visible);
  const formSelector = password.form ? selectorOf(password.form, ['form']) : undefined;
  const within = (inner: string): string[] => (formSelector ? [`${formSelector} ${inner}`] : []);
  return {
    found: true,
    passwordSelector: selectorOf(password, ['input[type="password"]', ...within('input[type="password"]')]),
    ...(username ? { usernameSelector: selectorOf(username, within(`input[type=${quote(username.type || 'text')}]`)) } : {}),
    ...(submit
      ? {
          submitSelector: selectorOf(submit, [
            ...within('[type="submit"]'),
            ...within('button'),
            'button[type="submit"]',
            'input[type="submit"]',
          ]),
        }
      : {}),
  };
}
