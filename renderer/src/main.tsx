import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import './styles.css';
import { i18n } from './shell/i18n.js';
import { connect } from './shell/api.js';
import { App } from './App.js';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

const connection = connect();
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App connection={connection} />
    </I18nextProvider>
  </StrictMode>,
);
