import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError, apiErrorOf, NetworkError } from '../api/errors';
import type { Me } from '../api/reads';
import {
  currentSession,
  endSession,
  onSessionChange,
  startSession,
  type Session,
  type SessionEnd,
} from './session';

interface AuthState {
  readonly session: Session | null;
  /** Why the last session ended, to tell the person on the sign-in page. */
  readonly ended: SessionEnd | null;
  /** Checks the token with the API (`GET /me`) and starts the session in the role it establishes. */
  readonly signIn: (
    token: string,
    details: Pick<Session, 'via' | 'expiresAt' | 'name' | 'idToken'>,
  ) => Promise<Session>;
  readonly signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

/** Asks the API who a token belongs to, before anything is kept. */
async function whoIs(token: string): Promise<Me> {
  let response: Response;
  try {
    response = await fetch('/me', { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new NetworkError();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorOf(response, body);
  return body as Me;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(currentSession);
  const [ended, setEnded] = useState<SessionEnd | null>(null);

  useEffect(
    () =>
      onSessionChange((next, reason) => {
        setSession(next);
        setEnded(reason);
        // Nothing one person read stays in the cache for the next.
        if (!next) queryClient.clear();
      }),
    [queryClient],
  );

  const signIn = useCallback<AuthState['signIn']>(async (token, details) => {
    const me = await whoIs(token);
    const next: Session = { ...details, token, role: me.role };
    startSession(next);
    return next;
  }, []);

  const signOut = useCallback(() => endSession('signed-out'), []);

  const value = useMemo(
    () => ({ session, ended, signIn, signOut }),
    [session, ended, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The signed-in session; the persona routes render only inside RequirePersona, where it exists. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new ApiError(401, 'UNAUTHENTICATED', 'Not signed in');
  return session;
}
