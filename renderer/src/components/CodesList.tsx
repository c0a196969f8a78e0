/**
 * The QR codes and barcodes found in an image, above its text: each with its kind, its content (binary shown as
 * hexadecimal with its size), Copy, and for a web address an Open. Only http and https are offered (the main process
 * checks again: codes/url.ts); anything else is only text. The question before opening is the main process's own
 * dialog, showing the host and the whole address (review N11): a page cannot be what allows it, so it does not ask too.
 */
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
              {url && <button type="button" onClick={() => onOpen(url)} data-testid="code-open">{t('codes.open')}</button>}
            </div>
          </div>
        );
      })}
    </section>
  );
}
