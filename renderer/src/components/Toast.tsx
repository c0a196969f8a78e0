import { useTranslation } from 'react-i18next';

export interface ToastState {
  text: string;
  undo?: () => void;
}

export function Toast({ toast, onClose }: { toast: ToastState | null; onClose: () => void }) {
  const { t } = useTranslation();
  if (!toast) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{toast.text}</span>
      {toast.undo && (
        <button type="button" onClick={toast.undo}>
          {t('toast.undo')}
        </button>
      )}
      <button type="button" className="plain" onClick={onClose} aria-label={t('toast.dismiss')}>
        ×
      </button>
    </div>
  );
}
