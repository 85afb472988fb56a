import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../core/i18n/index.js';
import type { DisplayMessage } from '../../../core/display/message.js';
import { i18n, setLanguage } from '../shell/i18n.js';
import { DisplayScreen } from './DisplayScreen.js';
import { listenToTill } from './feed.js';
import './display.css';

/** `?lang=ro`: a display that speaks another language than the till (a Moldovan store's Romanian screen). */
function chosenLanguage(): Language | null {
  const lang = new URLSearchParams(location.search).get('lang');
  return (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : null;
}

function CustomerDisplay() {
  const [message, setMessage] = useState<DisplayMessage | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => listenToTill(setMessage, setConnected), []);
  const language = chosenLanguage() ?? message?.language ?? null;
  useEffect(() => {
    if (language) void setLanguage(language);
  }, [language]);
  const shown = message && language ? { ...message, language } : message;
  return <DisplayScreen message={shown} connected={connected} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from display.html');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <CustomerDisplay />
    </I18nextProvider>
  </StrictMode>,
);
