import type { Role } from '../paths';

/** Who is signed in, as the token says, and how they got it. */
export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly via: 'oidc' | 'dev';
  readonly role: Role;
  readonly name: string | null;
  /** For signing out at the provider too. */
  readonly idToken: string | null;
}

export type SessionEnd = 'signed-out' | 'expired';

const KEY = 'bti.session';
type Listener = (session: Session | null, ended: SessionEnd | null) => void;
const listeners = new Set<Listener>();

/**
 * The session lives in this tab only (sessionStorage): closing the tab signs out, and a shared family
 * computer keeps no token in long-term storage.
 */
export function currentSession(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (Date.parse(session.expiresAt) <= Date.now()) {
      window.sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function startSession(session: Session): void {
  window.sessionStorage.setItem(KEY, JSON.stringify(session));
  for (const listener of listeners) listener(session, null);
}

export function endSession(reason: SessionEnd): void {
  window.sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(null, reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The `exp` of a JWT, without checking it (the API checks every token). */
export function expiryOf(token: string): string | null {
  try {
    const payload = token.split('.')[1];
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const { exp } = JSON.parse(json) as { exp?: unknown };
    return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}
