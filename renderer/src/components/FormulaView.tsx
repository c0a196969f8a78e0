/**
 * A formula (M15): rendered by KaTeX as MathML, which Chromium draws itself, so no KaTeX stylesheet or fonts are
 * needed and the strict CSP holds (the nodes are built by KaTeX's render(), their styles set through the DOM, never
 * as inline markup). KaTeX is loaded only when a formula is shown. Its source stays beside it, monospaced.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FormulaView({ latex }: { latex: string }) {
  const { t } = useTranslation();
  const target = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    void import('katex').then(
      ({ default: katex }) => {
        if (!live || !target.current) return;
        try {
          katex.render(latex, target.current, { output: 'mathml', displayMode: true, throwOnError: true, trust: false });
        } catch {
          setFailed(true);
        }
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [latex]);
  return (
    <div className="formula" data-testid="formula">
      {failed ? <p className="muted">{t('modes.formulaUnreadable')}</p> : <div ref={target} className="formula-math" />}
      <pre className="formula-source">{latex}</pre>
    </div>
  );
}
