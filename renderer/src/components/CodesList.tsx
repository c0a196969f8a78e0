/**
 * The QR codes and barcodes found in an image, above its text: each with its kind, its content, Copy, and for a web
 * address an Open. Binary content is shown as hexadecimal with its size (only then is the size worth saying: L3).
 * A Wi-Fi network, contact card, phone number or email is also shown as fields, each worth copying with its own
 * Copy (M10). Only http and https are offered to open (the main process checks again: codes/url.ts); the question
 * before opening is the main process's own dialog, showing the host and the whole address, and Esc there is Cancel
 * (app/confirm.ts: cancelId): a page cannot be what allows it, so it does not ask too.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeView } from '../../../preload/api.ts';
import { formatNumber } from '../format.ts';
import { safeWebUrl } from '../../../main/codes/url.ts';
import { codeFields } from '../../../main/codes/fields.ts';
import './CodesList.css';

interface Props {
  codes: readonly CodeView[];
  /** Copies `text`; `said` is the notice for it. */
  onCopy: (text: string, said?: string) => void;
  onOpen: (url: string) => void;
}

/** A web address may break after / ? & = (a <wbr> after each), never inside a word. */
function breakable(url: string) {
  const parts = url.split(/(?<=[/?&=])/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

export function CodesList({ codes, onCopy, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <section className="codes" aria-label={t('codes.label', { count: codes.length })} data-testid="codes">
      {codes.map((code, index) => {
        // The main process's own test (codes/url.ts), so Open is offered only where it will be allowed.
        const url = code.binary ? null : safeWebUrl(code.text);
        const parsed = code.binary ? null : codeFields(code.text);
        return (
          <div className="code" key={index} data-testid="code">
            <span className="badge">{code.format}</span>
            <pre className={`code-text${url ? ' url' : ''}`} data-testid="code-text">{url ? breakable(code.text) : code.text}</pre>
            {code.binary && <span className="muted">{t('codes.binary', { bytes: formatNumber(code.bytes, i18n.language) })}</span>}
            <div className="code-actions">
              <button type="button" onClick={() => onCopy(code.text)}>{t('codes.copy')}</button>
              {url && <button type="button" onClick={() => onOpen(url)} data-testid="code-open">{t('codes.open')}</button>}
            </div>
            {parsed && (
              <dl className="code-fields" aria-label={t(`results.kind.${parsed.kind}`)} data-testid="code-fields">
                {parsed.fields.map((field, i) => {
                  const label = t(`results.field.${field.name}`);
                  return (
                    <div key={i} className="code-field">
                      <dt>{label}</dt>
                      <dd>
                        <span data-testid={`field-${field.name}`}>{field.name === 'hidden' ? t('results.yes') : field.value}</span>
                        {field.copy && (
                          <button type="button" className="plain" onClick={() => onCopy(field.value, t('results.copiedField', { field: label }))} aria-label={t('results.copyField', { field: label })}>
                            {t('codes.copy')}
                          </button>
                        )}
                      </dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </div>
        );
      })}
    </section>
  );
}
