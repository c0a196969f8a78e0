/**
 * An entry's translation as the window shows it (issue 24): the entry's own (EntryView.translation, kept in the
 * history), or, from the moment one is asked for until the entry says so, a pending one in its place; and the text
 * so far from translate:delta, which always carries the whole text (never a fragment), so it replaces, never appends.
 */
import { useEffect, useState } from 'react';
import type { EntryView, TranslationView } from '../../../preload/api.ts';
import { api } from '../api.ts';

export interface TranslationRun {
  view: TranslationView | null;
  /** The text so far while a translation is being made, else null. */
  streamed: string | null;
  run: (targetLang: string) => void;
}

export function useTranslationRun(entry: EntryView, onError: (error: unknown) => void): TranslationRun {
  /** The language asked for, until the call settles. */
  const [asked, setAsked] = useState<{ targetLang: string; at: number } | null>(null);
  const [streamed, setStreamed] = useState<string | null>(null);
  useEffect(() => api.on('translate:delta', ({ entryId, text }) => entryId === entry.id && setStreamed(text)), [entry.id]);
  useEffect(() => {
    setAsked(null);
    setStreamed(null);
  }, [entry.id]);

  const run = (targetLang: string): void => {
    setAsked({ targetLang, at: Date.now() });
    setStreamed('');
    api.translate
      .run(entry.id, { targetLang })
      .catch((error: unknown) => {
        // A failure the entry keeps (its translation's error) is said there, in one line; any other as a notice.
        if (!entry.translation || entry.translation.status !== 'failed') onError(error);
      })
      .finally(() => {
        setAsked(null);
        setStreamed(null);
      });
  };

  const own = entry.translation;
  const view: TranslationView | null =
    asked && (!own || own.status !== 'pending' || own.targetLang !== asked.targetLang)
      ? { targetLang: asked.targetLang, sourceLang: 'auto', model: own?.model ?? '', status: 'pending', text: '', lines: null, createdAt: asked.at, usage: { inputTokens: null, outputTokens: null }, cost: null, error: null }
      : own;
  const pending = view?.status === 'pending';
  return { view, streamed: pending ? streamed : null, run };
}
