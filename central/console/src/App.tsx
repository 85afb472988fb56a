import { useCallback, useEffect, useMemo, useState } from 'react';
import { consoleFormat, fill, pickConsoleLanguage } from '../../../core/console/format.js';
import { AREAS_BY_ROLE, mayOpen, type ConsoleArea } from '../../../core/console/roles.js';
import type { Language } from '../../../core/i18n/index.js';
import { api, ConsoleApiError, errorCode, setCsrfToken, type Me } from './api.js';
import { AVAILABLE_AREAS } from './areas.js';
import { FormatContext } from './format.js';
import { Home } from './Home.js';
import { usePath } from './router.js';
import { SignIn } from './SignIn.js';
import { Pages } from './Pages.js';

const LANG_KEY = 'omnitill.console.lang';
const LANGS: readonly { id: Language; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'ru', name: 'Русский' },
  { id: 'ro', name: 'Română' },
];

type Session = { state: 'loading' } | { state: 'signed-out'; error?: string } | { state: 'signed-in'; me: Me };

export function App() {
  const [lang, setLang] = useState<Language>(() => pickConsoleLanguage(new URLSearchParams(location.search).get('lang'), localStorage.getItem(LANG_KEY), navigator.language));
  const format = useMemo(() => consoleFormat(lang), [lang]);
  const { s } = format;
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [path, navigate] = usePath();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = s.ui.app.title;
    localStorage.setItem(LANG_KEY, lang);
  }, [lang, s]);

  useEffect(() => {
    api<Me>('GET', '/session').then(
      (me) => signedIn(me),
      (e: unknown) => setSession(e instanceof ConsoleApiError && e.code === 'UNAUTHENTICATED' ? { state: 'signed-out' } : { state: 'signed-out', error: errorCode(e) }),
    );
  }, []);

  function signedIn(me: Me) {
    setCsrfToken(me.csrfToken);
    setSession({ state: 'signed-in', me });
  }

  /** Any answer saying the session ended sends the person back to sign in, with the reason. */
  const onSessionLost = useCallback(() => setSession({ state: 'signed-out', error: 'UNAUTHENTICATED' }), []);

  const signOut = async () => {
    await api('DELETE', '/session').catch(() => undefined);
    setSession({ state: 'signed-out' });
    navigate('/console/');
  };

  const languagePicker = (
    <label className="lang">
      <span className="sr-only">{s.ui.app.language}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Language)} aria-label={s.ui.app.language}>
        {LANGS.map((l) => (
          <option key={l.id} value={l.id} lang={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );

  let body: React.ReactNode;
  if (session.state === 'loading') body = <p className="page muted">{s.ui.app.loading}</p>;
  else if (session.state === 'signed-out') {
    body = (
      <>
        {session.error && session.error !== 'UNAUTHENTICATED' && <p className="error page" role="alert">{s.errors[session.error as keyof typeof s.errors]}</p>}
        <SignIn onSignedIn={signedIn} />
      </>
    );
  } else {
    const { me } = session;
    const area = /^\/console\/([a-z]+)/.exec(path)?.[1] as ConsoleArea | undefined;
    const areas = AREAS_BY_ROLE[me.user.role].filter((a) => AVAILABLE_AREAS.includes(a));
    body = (
      <>
        <nav className="nav" aria-label={s.ui.app.nav}>
          {areas.map((a) => (
            <a
              key={a}
              href={`/console/${a}`}
              aria-current={area === a ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/console/${a}`);
              }}
            >
              {s.ui.areas[a]}
            </a>
          ))}
        </nav>
        {area && AVAILABLE_AREAS.includes(area) ? (
          mayOpen(me.user.role, area) ? (
            <Pages area={area} path={path} me={me} navigate={navigate} onSessionLost={onSessionLost} />
          ) : (
            <p className="error page" role="alert">{s.errors.FORBIDDEN}</p>
          )
        ) : (
          <Home me={me} navigate={navigate} />
        )}
      </>
    );
  }

  return (
    <FormatContext.Provider value={format}>
      <header className="top">
        <a
          className="brand"
          href="/console/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/console/');
          }}
        >
          {s.ui.app.title}
        </a>
        <div className="top-right">
          {languagePicker}
          {session.state === 'signed-in' && (
            <>
              <span className="who">
                {fill(s.ui.app.signedInAs, { name: session.me.user.name })} · {s.ui.roles[session.me.user.role]}
              </span>
              <button type="button" onClick={() => void signOut()}>
                {s.ui.app.signOut}
              </button>
            </>
          )}
        </div>
      </header>
      {body}
    </FormatContext.Provider>
  );
}
