import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onSessionExpired, session, type Session } from '../api/client';
import type { OfficialInfo } from '../api/types';

interface AuthValue {
  official: OfficialInfo | null;
  isProvince: boolean;
  signIn: (value: Session) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Keeps the signed-in official; when the server ends the session, `onExpired` shows the login page. */
export function AuthProvider({ children, onExpired }: { children: ReactNode; onExpired: (message: string) => void }) {
  const [official, setOfficial] = useState<OfficialInfo | null>(() => session.get()?.official ?? null);
  useEffect(
    () =>
      onSessionExpired((message) => {
        setOfficial(null);
        onExpired(message);
      }),
    [onExpired],
  );
  const signIn = useCallback((value: Session) => {
    session.set(value);
    setOfficial(value.official);
  }, []);
  const signOut = useCallback(() => {
    session.clear();
    setOfficial(null);
  }, []);
  const value = useMemo(
    () => ({ official, isProvince: official?.role === 'province', signIn, signOut }),
    [official, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
