import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../preload/api.ts';

export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void window.readout.app.info().then(setInfo);
  }, []);

  return (
    <main className="placeholder">
      <h1>{t('app.title')}</h1>
      <p className="tagline">{t('app.tagline')}</p>
      <section className="status" aria-live="polite" data-testid="engine-status">
        {info === null ? (
          <p>{t('status.loading')}</p>
        ) : (
          <>
            <p>{t(info.engine === 'qwen' ? 'status.qwen' : 'status.local')}</p>
            {!info.hasApiKey && <p className="hint">{t('status.addKey')}</p>}
          </>
        )}
      </section>
      <p className="hint">{t('placeholder.cli')}</p>
      {info && <footer>v{info.version}</footer>}
    </main>
  );
}
