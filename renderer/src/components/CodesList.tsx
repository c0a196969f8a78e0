/**
 * The QR codes and barcodes found in an image, above its text: each with its kind, its content (binary shown as
 * hexadecimal with its size), Copy, and for a web address an Open that first shows the whole address and asks.
 * Only http and https are offered (the main process checks again: codes/url.ts); anything else is only text.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeView } from '../../../preload/api.ts';
import { formatNumber } from '../format.ts';
import { safeWebUrl } from '../../../main/codes/url.ts';

interface Props {
  codes: readonly CodeView[];
  onCopy: (text: string) => void;
  onOpen: (url: string) => void;
}

export function CodesList({ codes, onCopy, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  return (
    <section className="codes" aria-label={t('codes.label', { count: codes.length })} data-testid="codes">
      {codes.map((code, index) => {
        // The main process's own test (codes/url.ts), so Open is offered only where it will be allowed.
        const url = code.binary ? null : safeWebUrl(code.text);
        return (
          <div className="code" key={index} data-testid="code">
            <span className="badge">{code.format}</span>
            <pre className="code-text" data-testid="code-text">{code.text}</pre>
            <span className="muted">{code.binary ? t('codes.binary', { bytes: formatNumber(code.bytes, i18n.language) }) : t('codes.bytes', { bytes: formatNumber(code.bytes, i18n.language) })}</span>
            <div className="code-actions">
              <button type="button" onClick={() => onCopy(code.text)}>{t('codes.copy')}</button>
              {url && <button type="button" onClick={() => setAsking(url)} data-testid="code-open">{t('codes.open')}</button>}
            </div>
          </div>
        );
      })}
      {asking && (
        <div className="confirm-open" role="alertdialog" aria-labelledby="open-url-title" aria-describedby="open-url" data-testid="open-confirm">
          <p id="open-url-title">{t('codes.openAsk')}</p>
          <p className="url" id="open-url">{asking}</p>
          <div className="code-actions">
            <button type="button" className="primary" autoFocus onClick={() => (onOpen(asking), setAsking(null))}>{t('codes.openConfirm')}</button>
            <button type="button" onClick={() => setAsking(null)}>{t('codes.cancel')}</button>
          </div>
        </div>
      )}
    </section>
  );
}
