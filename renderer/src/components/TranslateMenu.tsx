/**
 * Translate, in the result's toolbar (issue 24): a menu of target languages, the one last used first and marked,
 * each named in the reader's language. Choosing one translates the entry's shown text (redoing replaces it).
 */
import { useTranslation } from 'react-i18next';
import { MENU_LANGUAGES, languageName } from '../translate-languages.ts';
import { MenuButton } from './MenuButton.tsx';
import { TranslateIcon } from './TranslateIcon.tsx';
import './Translation.css';

export function TranslateMenu({ lastTarget, onTranslate, disabled }: { lastTarget: string; onTranslate: (targetLang: string) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const codes = [lastTarget, ...MENU_LANGUAGES.filter((code) => code !== lastTarget)];
  const items = codes.map((code) => ({
    id: code,
    label: code === lastTarget ? t('translate.lastUsed', { language: languageName(code, i18n.language) }) : languageName(code, i18n.language),
    onSelect: () => onTranslate(code),
    disabled,
    testId: `translate-${code}`,
  }));
  return <MenuButton label={<TranslateIcon />} ariaLabel={t('translate.action')} tip={t('translate.action')} className="icon-menu translate-menu" items={items} testId="translate-menu" />;
}
