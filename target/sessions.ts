import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the session cookie (HttpOnly: the page's JS cannot see it, as with autocrm's CGI session). */
export const SESSION_COOKIE = 'autocrm_session';

/** Demo account the target accepts unless the caller configures another. */
export const DEFAULT_CREDENTIALS = { username: 'demo', password: 'demo-password' } as const;

/** Sessions kept at most: a target left running for weeks under a monitor must not grow without bound. */
const MAX_SESSIONS = 10_000;
/** Issued session ids remembered for tests (a leak search needs them after logout), newest last. */
const MAX_REMEMBERED_IDS = 1_000;

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** In-memory sessions of one running target. */
export class SessionStore {
  private readonly ids = new Set<string>();
  private readonly issued: string[] = [];

  constructor(
    private readonly credentials: Credentials,
    private readonly secure: boolean,
  ) {}

  /** True when the user name and password are the configured ones. */
  accepts(username: string, password: string): boolean {
    return sameSecret(username, this.credentials.username) && sameSecret(password, this.credentials.password);
  }

  isLoggedIn(req: IncomingMessage): boolean {
    const id = cookieValue(req, SESSION_COOKIE);
    return id !== undefined && this.ids.has(id);
  }

  /** Opens a session; returns the Set-Cookie header value. */
  open(): string {
    const id = randomBytes(18).toString('base64url');
    if (this.ids.size >= MAX_SESSIONS) this.ids.delete(this.ids.values().next().value as string);
    this.ids.add(id);
    this.issued.push(id);
    if (this.issued.length > MAX_REMEMBERED_IDS) this.issued.shift();
    return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${this.secure ? '; Secure' : ''}`;
  }

  /** Every session id issued so far (the last MAX_REMEMBERED_IDS), also ended ones: what must never leak. */
  issuedIds(): readonly string[] {
    return [...this.issued];
  }

  /** Ends the request's session (if any); returns the Set-Cookie header value that clears it. */
  close(req: IncomingMessage): string {
    const id = cookieValue(req, SESSION_COOKIE);
    if (id !== undefined) this.ids.delete(id);
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure ? '; Secure' : ''}`;
  }
}
