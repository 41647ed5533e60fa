import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultScoring, MEANINGS, type ScoringMethod, type ScoringRule } from '../../../core/assessment/scoring';
import type { AnswerMeaning, AnswerValue } from '../../../core/catalog/format';
import type { AssessmentDetail, Language, Localized } from '../../../shared/api/types';
import { fitText } from '../../../core/util/fit-text';
import { href } from '../../navigation/routes';

/** `#/assessments/<id>/dashboard` (the router's `dashboard` route). */
export const dashboardHref = (id: string) => href({ name: 'dashboard', id });

/** The catalog's scoring rule; a catalog without one is scored by its scale (points above 1, else percent). */
export function scoringRuleOf(detail: AssessmentDetail): ScoringRule {
  return detail.scoring ?? defaultScoring(detail.answerScale);
}

/** The meanings this scale can give, in the fixed order (the columns of the group table). */
export function meaningsOf(scale: readonly AnswerValue[]): AnswerMeaning[] {
  const present = new Set(scale.map((s) => s.meaning));
  return MEANINGS.filter((m) => present.has(m));
}

const COLON = /^(.{1,14}?)\s*(?:\uFF1A|: )/;

/**
 * A short radar label for a group: the numbering before a colon ("目標1：…" → "目標1", "Goal 1: …" → "Goal 1"),
 * else the ID (when the title does not already start with it) and the title, cut to about `maxEm` wide.
 */
export function shortGroupLabel(controlId: string, title: Localized, lang: Language, maxEm = 9.5): string {
  const text = title[lang];
  const m = COLON.exec(text);
  if (m?.[1]) return m[1];
  const full = controlId.length <= 5 && !text.startsWith(controlId) ? `${controlId} ${text}` : text;
  return fitText(full, maxEm);
}

/** Formats scores in the UI language: 83.3%, 72 点 / 72 pts, and signed changes. */
export function useScoreFormat(method: ScoringMethod) {
  const { t, i18n } = useTranslation();
  const nf = useMemo(
    () => new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: 1 }),
    [i18n.language],
  );
  const number = useCallback((n: number) => nf.format(n), [nf]);
  const score = useCallback(
    (n: number | null) =>
      n === null
        ? '\u2014'
        : t(method === 'points' ? 'ui.dashboard.unit.points' : 'ui.dashboard.unit.percent', { value: nf.format(n) }),
    [t, nf, method],
  );
  const delta = useCallback(
    (n: number) => {
      const value = `${n > 0 ? '+' : n < 0 ? '\u2212' : '\u00B1'}${nf.format(Math.abs(n))}`;
      return t(method === 'points' ? 'ui.dashboard.unit.pointsDelta' : 'ui.dashboard.unit.percentDelta', { value });
    },
    [t, nf, method],
  );
  return { number, score, delta };
}
