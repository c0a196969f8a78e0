import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n, languageFor } from './i18n/index.ts';
import { applyTheme } from './theme.ts';
import './styles.css';

const initial = await window.readout.settings.get();
applyTheme(initial.settings.theme);
await initI18n(languageFor(initial.settings.language, navigator.language));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initial={initial} />
  </StrictMode>,
);
