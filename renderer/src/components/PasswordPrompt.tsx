/**
 * An encrypted PDF's password, asked when the main process needs it (ocr:passwordNeeded) and sent straight back
 * (ocr.pdfPassword); the page never keeps it. Several PDFs waiting are asked one after another. A question asked
 * while this page was still loading went by unheard, so the ones still waiting are fetched once it listens (N6).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordRequest } from '../../../preload/api.ts';
import { api } from '../api.ts';

/** The questions waiting, each once: the same one can come both pushed and fetched, or fetched after its answer. */
const adding = (more: PasswordRequest[], answered: ReadonlySet<number>) => (current: PasswordRequest[]): PasswordRequest[] => [
  ...current,
  ...more.filter((request) => !answered.has(request.requestId) && !current.some((seen) => seen.requestId === request.requestId)),
];

export function PasswordPrompt() {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState<PasswordRequest[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const answered = useRef(new Set<number>());
  useEffect(() => {
    // Listening first, then fetching: a question asked in between is heard, and kept once.
    const unsubscribe = api.on('ocr:passwordNeeded', (request) => setWaiting(adding([request], answered.current)));
    void api.ocr.pendingPasswords().then((pending) => setWaiting(adding(pending, answered.current)));
    return unsubscribe;
  }, []);
  const current = waiting[0];
  useEffect(() => {
    if (current) input.current?.focus();
  }, [current]);
  if (!current) return null;

  const answer = (password: string | null): void => {
    answered.current.add(current.requestId);
    void api.ocr.pdfPassword(current.requestId, password);
    if (input.current) input.current.value = '';
    setWaiting((all) => all.slice(1));
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    answer(input.current?.value ?? '');
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="password-title" onSubmit={submit} data-testid="pdf-password"
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            answer(null);
          }
        }}>
        <h2 id="password-title">{t('pdf.passwordTitle', { file: current.file })}</h2>
        {current.wrong && <p className="field-error" role="alert">{t('pdf.passwordWrong')}</p>}
        <label className="field">
          <span>{t('pdf.password')}</span>
          <input ref={input} type="password" autoComplete="off" data-testid="pdf-password-input" />
        </label>
        <p className="hint">{t('pdf.passwordHint')}</p>
        <div className="schema-actions">
          <button type="submit" className="primary">{t('pdf.open')}</button>
          <button type="button" onClick={() => answer(null)}>{t('pdf.skip')}</button>
        </div>
      </form>
    </div>
  );
}
