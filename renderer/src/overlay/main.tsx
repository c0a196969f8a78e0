import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, languageFor } from '../i18n/index.ts';
import { Overlay } from './Overlay.tsx';
import './overlay.css';

const { settings } = await window.readout.settings.get();
await initI18n(languageFor(settings.language, navigator.language));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Overlay />
  </StrictMode>,
);
