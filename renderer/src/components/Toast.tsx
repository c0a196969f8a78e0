/**
 * The notices' stack (hooks/useToasts.ts), newest at the bottom, centred in the window's footer: it takes its own
 * room there rather than floating over the result, so it never covers a control (review M2). While the pointer or
 * the focus is on it, its notices wait.
 */
import { useTranslation } from 'react-i18next';
import type { Toasts as ToastStack } from '../hooks/useToasts.ts';
import './Toast.css';

export function Toasts({ toasts }: { toasts: ToastStack }) {
  const { t } = useTranslation();
  const { items, dismiss, undone, hold } = toasts;
  return (
    // Always there, so a screen reader hears each notice as it is added to a live region it already knows.
    <div
      className="toasts"
      data-testid="toasts"
      onPointerEnter={() => hold(true)}
      onPointerLeave={(event) => hold(event.currentTarget.contains(document.activeElement))}
      onFocus={() => hold(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) hold(event.currentTarget.matches(':hover'));
      }}
    >
      {items.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={toast.kind}>
          <span className="toast-text">{toast.text}</span>
          {toast.undo && (
            <button type="button" onClick={() => (toast.undo!(), undone(toast.id))}>
              {t('toast.undo')}
            </button>
          )}
          <button type="button" className="plain toast-close" onClick={() => dismiss(toast.id)} aria-label={t('toast.dismiss')} title={t('toast.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
