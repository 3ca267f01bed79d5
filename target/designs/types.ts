import type { BrowserPolicy } from '../system-check-script';

/** The page designs the reference target can serve: `a` is autocrm's own page, the default. */
export const DESIGN_NAMES = ['a', 'b', 'c', 'd'] as const;
export type DesignName = (typeof DESIGN_NAMES)[number];

/** How the login page's System-Check link brings up the checks (`new-tab`: `target=_blank` or `window.open`). */
export type LinkBehaviour = 'navigate' | 'new-tab' | 'in-place';

/**
 * Where a design serves its pages and the endpoints its System-Check uses. A path may carry a
 * query (`/cgi-bin/xorg/crm.pl?action=start`): it then matches that path with those parameters.
 */
export interface DesignPaths {
  readonly login: string;
  readonly start: string;
  readonly logout: string;
  /** The System-Check page; undefined when the checks replace the login page's content in place. */
  readonly systemCheck?: string;
  /** The WebSocket echo the System-Check opens. */
  readonly ws: string;
  /** The HTTP endpoint the System-Check requests. */
  readonly http: string;
}

/** What the System-Check's HTTP endpoint answers (each design's script judges its own format). */
export interface HttpCheckAnswer {
  readonly contentType: string;
  readonly ok: string;
  readonly fail: string;
}

/** What the faults make of a System-Check, for every design the same (target/check-setup.ts). */
export interface CheckSetup {
  readonly policy: BrowserPolicy;
  /** `reject-firefox` / `reject-edge`: the page's own user-agent check refuses that browser only. */
  readonly reject: { readonly firefox: boolean; readonly edge: boolean };
  readonly jsError: boolean;
  readonly jsLoop: boolean;
  /** No verdict is shown before this many ms after the checks start (`verdict-delay`). */
  readonly verdictDelayMs: number;
  /** `negated-wording`: failure texts that contain the pass word ("nicht erfolgreich"). */
  readonly negatedWording: boolean;
  /** Each network check's own timeout. */
  readonly timeoutMs: number;
}

/** The login page as the faults shape it. */
export interface LoginPageOptions {
  readonly systemCheckLink: boolean;
  readonly jsError: boolean;
  readonly loginFailed?: boolean;
  /** Extra markup after the form (the `huge-page` filler). */
  readonly filler?: string;
  /** The System-Check of a design whose checks run on the login page itself. */
  readonly check: CheckSetup;
}

/** Why an error page is shown; each design words it in its own language. */
export type ErrorReason = 'not-found' | 'server' | 'method' | 'too-large';

/** The HTML of every page of one design. */
export interface DesignPages {
  login(options: LoginPageOptions): string;
  /** The opening of the login page, form included, for a response that never ends (`stream-forever`). */
  loginOpening(check: CheckSetup): string;
  start(): string;
  /** What a logged-in browser gets instead of the checks (only designs with a System-Check page). */
  logoutRequired?(): string;
  /** The System-Check page (only designs whose link navigates or opens a tab). */
  systemCheck?(setup: CheckSetup): string;
  error(status: number, reason: ErrorReason): string;
  /** About 20 MB of hidden markup (`huge-page`), built once per design. */
  hugeFiller(): string;
}

/**
 * The ground truth of a design, for tests and for judging discovery: the selectors a person would
 * configure for it, the link's behaviour, and the attribute whose value tells a verdict's state
 * regardless of wording. Nothing in the monitor may read this.
 */
export interface DesignContract {
  readonly linkBehaviour: LinkBehaviour;
  /** The ARIA role of what opens the System-Check: a link, or (design d) a button. */
  readonly linkRole: 'link' | 'button';
  readonly linkSelector: string;
  /** The System-Check link's visible text (its accessible name). */
  readonly linkText: string;
  readonly login: {
    readonly usernameSelector: string;
    readonly passwordSelector: string;
    readonly submitSelector: string;
    readonly successSelector: string;
    readonly logoutSelector: string;
  };
  /** The element carrying each verdict's text and state attribute. */
  readonly verdicts: Readonly<Record<CheckName, string>>;
  /** The attribute on each verdict element whose value is `states.pending | ok | fail`. */
  readonly stateAttribute: string;
  readonly states: { readonly pending: string; readonly ok: string; readonly fail: string };
  /** Language of the page's wording. */
  readonly language: 'de' | 'en';
}

export type CheckName = 'browser' | 'websocket' | 'http';

/** One page design of the reference target. */
export interface PageDesign {
  readonly name: DesignName;
  /** One line for `--help` and docs/target.md. */
  readonly summary: string;
  readonly paths: DesignPaths;
  /** The form field names the login POST carries. */
  readonly form: { readonly username: string; readonly password: string };
  /** Verdicts wait this long unless `verdict-delay` says otherwise. */
  readonly defaultVerdictDelayMs: number;
  readonly httpAnswer: HttpCheckAnswer;
  readonly pages: DesignPages;
  readonly contract: DesignContract;
}
