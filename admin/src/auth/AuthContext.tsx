import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionExpired, session, type Session } from '../api/client';
import type { OfficialInfo } from '../api/types';

interface AuthValue {
  official: OfficialInfo | null;
  isProvince: boolean;
  /** Why the last session ended ("您已安全退出", "登录已失效…"), for the login page to say. */
  farewell: string | null;
  signIn: (value: Session) => void;
  signOut: (farewell?: string) => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Keeps the signed-in official; when the server ends the session, `onExpired` shows the login page. */
export function AuthProvider({ children, onExpired }: { children: ReactNode; onExpired: (message: string) => void }) {
  const [official, setOfficial] = useState<OfficialInfo | null>(() => session.get()?.official ?? null);
  // Kept here rather than in the navigation state: the signed-in layout redirects to the login page as soon
  // as the official is gone, and that redirect would otherwise replace a message passed along.
  const [farewell, setFarewell] = useState<string | null>(null);
  useEffect(
    () =>
      onSessionExpired((message) => {
        setFarewell(message);
        setOfficial(null);
        onExpired(message);
      }),
    [onExpired],
  );
  const signIn = useCallback((value: Session) => {
    session.set(value);
    setFarewell(null);
    setOfficial(value.official);
  }, []);
  const signOut = useCallback((message?: string) => {
    session.clear();
    setFarewell(message ?? null);
    setOfficial(null);
  }, []);
  const value = useMemo(
    () => ({ official, isProvince: official?.role === 'province', farewell, signIn, signOut }),
    [official, farewell, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
