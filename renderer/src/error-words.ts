/**
 * A failed bridge call in the reader's language: the sentence its code has in the catalogue, or, for a code with
 * none, "Something went wrong" with the main process's own words (review 2, M6: main's English leaked into toasts).
 */
import type { TFunction } from 'i18next';
import { bridgeError } from './api.ts';

export function errorWords(t: TFunction, error: unknown): string {
  const { code, message } = bridgeError(error);
  return t(`errorCode.${code}`, { defaultValue: '' }) || t('error.generic', { message });
}
