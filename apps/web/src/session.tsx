/**
 * Who is logged in, and which edition the console shows. The token lives in memory and
 * sessionStorage (gone when the tab closes); any 401 from the API ends the session. Logging out ends
 * it on the server too (every token of the account is revoked), and a new password replaces the token.
 */
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { client, currentSession, data, getAll, onUnauthorized, Session, storeSession } from './api/client';
import type { Edition, LoginAnswer, User } from './api/models';
import { Role } from '@shared/auth/src/role.enums';
import { is } from './codes';

interface SessionContext {
  user: User | null;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const sessionOf = (answer: LoginAnswer): Session => ({ accessToken: answer.accessToken, expiresAt: Date.now() + answer.expiresIn * 1000, user: answer.user });

const Context = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(currentSession());
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const end = useCallback(() => {
    storeSession(null);
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(
    () =>
      onUnauthorized(() => {
        end();
        void navigate('/dang-nhap', { replace: true, state: { expired: true } });
      }),
    [end, navigate],
  );

  const value = useMemo<SessionContext>(
    () => ({
      user: session?.user ?? null,
      async login(email, password) {
        const next = sessionOf(await data(client.POST('/api/auth/login', { body: { email, password } })));
        storeSession(next);
        queryClient.clear();
        setSession(next);
      },
      async logout() {
        // Ends the session locally whatever the server answers (already revoked, offline).
        await client.POST('/api/auth/logout').catch(() => undefined);
        end();
      },
      async changePassword(currentPassword, newPassword) {
        const next = sessionOf(await data(client.POST('/api/auth/password', { body: { currentPassword, newPassword } })));
        storeSession(next);
        setSession(next);
      },
    }),
    [session, end, queryClient],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** The logged-in user (pages behind RequireLogin only). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}

export const isPlanner = (user: User) => is(user.role, Role.CentralPlanner);
export const canWrite = (user: User) => !is(user.role, Role.Viewer);

const EDITION_KEY = 'ngayhoi.edition';

export function useEditions() {
  return useQuery({
    queryKey: ['editions'],
    queryFn: () => getAll((paging) => client.GET('/api/editions', { params: { query: paging } })),
    staleTime: 60_000,
  });
}

/**
 * The edition chosen in the header (remembered per browser), or the newest one. `editionId` is known
 * before the list of editions arrives when one was remembered, so a page can ask for its figures at once
 * (one round trip sooner after logging in); should the remembered edition be gone, the list's answer
 * moves it to the newest, and what was asked for the old id is never shown.
 */
export function useEdition(): {
  edition: Edition | undefined;
  editionId: string | undefined;
  editions: Edition[];
  choose: (id: string) => void;
  isLoading: boolean;
} {
  const editions = useEditions();
  const [chosen, setChosen] = useState(() => localStorage.getItem(EDITION_KEY));
  const list = [...(editions.data ?? [])].sort((a, b) => b.year - a.year);
  const edition = list.find((item) => item.id === chosen) ?? list[0];
  const editionId = edition?.id ?? (editions.isLoading ? (chosen ?? undefined) : undefined);
  const choose = useCallback((id: string) => {
    localStorage.setItem(EDITION_KEY, id);
    setChosen(id);
    window.dispatchEvent(new Event('ngayhoi-edition'));
  }, []);
  useEffect(() => {
    const follow = () => setChosen(localStorage.getItem(EDITION_KEY));
    window.addEventListener('ngayhoi-edition', follow);
    return () => window.removeEventListener('ngayhoi-edition', follow);
  }, []);
  return { edition, editionId, editions: list, choose, isLoading: editions.isLoading };
}

export function useProvinces() {
  const query = useQuery({ queryKey: ['provinces'], queryFn: () => data(client.GET('/api/provinces')), staleTime: Infinity });
  const byCode = useMemo(() => new Map((query.data ?? []).map((province) => [province.code, province])), [query.data]);
  return { provinces: query.data ?? [], nameOf: (code: string) => byCode.get(code)?.name ?? code };
}
