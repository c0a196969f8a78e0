/**
 * An entry's translation beside its text (issue 24): streamed while it is made (translate:delta gives the whole text
 * so far), then kept; its model, tokens and price as for a reading (ResultMeta's style); a failure said in one line
 * (the error catalogue's words), the original text kept.
 */
import { useTranslation } from 'react-i18next';
import type { TranslationView } from '../../../preload/api.ts';
import { REGION_PRICES } from '../../../main/ocr/regions.ts';
import type { Region } from '../../../main/ocr/regions.ts';
import { formatCost, formatNumber } from '../format.ts';
import { languageName } from '../translate-languages.ts';
import './Translation.css';

interface Props {
  translation: TranslationView;
  /** The text so far while it streams (from translate:delta), else null. */
  streamed: string | null;
  region: Region | null;
  customEndpoint: boolean;
  onCancel: () => void;
}

export function TranslatedText({ translation, streamed, region, customEndpoint, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const pending = translation.status === 'pending';
  const text = streamed ?? translation.text;
  const { usage } = translation;
  return (
    <div className="translated" data-testid="translation" data-status={translation.status}>
      <p className="translated-head muted">
        <span>{t('translate.into', { language: languageName(translation.targetLang, i18n.language) })}</span>
        {pending && <span role="status">{t('translate.working')}</span>}
        {pending && (
          <button type="button" className="link" onClick={onCancel} data-testid="translate-cancel">
            {t('result.cancel')}
          </button>
        )}
      </p>
      {translation.status === 'failed' && translation.error && (
        <p className="translated-error" role="alert" data-testid="translation-error">
          {/* The kept error is an ErrorView ({ code, message }), not a bridge Error: said by its code, as a toast would be. */}
          {t('translate.failed', { reason: t(`errorCode.${translation.error.code}`, { defaultValue: '' }) || t('error.generic', { message: translation.error.message }) })}
        </p>
      )}
      {text && (
        <pre className="translated-text" lang={translation.targetLang} tabIndex={0} aria-label={t('translate.textLabel')} data-testid="translation-text">
          {text}
        </pre>
      )}
      {!pending && (
        <p className="meta" data-testid="translation-meta">
          {[
            translation.model,
            usage.inputTokens !== null
              ? t('translate.usage', { input: formatNumber(usage.inputTokens, i18n.language), output: formatNumber(usage.outputTokens ?? 0, i18n.language) })
              : null,
            translation.cost && !customEndpoint ? t('result.cost', { cost: formatCost(translation.cost, i18n.language, REGION_PRICES[region ?? 'cn'].currency) }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
    </div>
  );
}
