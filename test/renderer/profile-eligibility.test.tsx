import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { flattenCatalog, profileItemCounts } from '../../src/core/catalog/flatten';
import { parseCatalogText } from '../../src/core/catalog/parse';
import { ProfileEligibility } from '../../src/renderer/features/home/ProfileEligibility';
import { resources } from '../../src/shared/i18n';
import type { CatalogProfileView } from '../../src/shared/api/types';

function saqA(): CatalogProfileView {
  const r = parseCatalogText(readFileSync(join(__dirname, '../../catalogs/pci-dss/4.0.1.yaml'), 'utf8'));
  if (!r.ok) throw new Error('catalog');
  const p = r.value.profiles?.find((x) => x.id === 'saq-a');
  if (!p) throw new Error('no SAQ A');
  return {
    id: p.id,
    label: p.label,
    description: p.description ?? null,
    kind: p.kind ?? null,
    source: p.source ?? null,
    eligibility: p.eligibility ?? [],
    itemCount: profileItemCounts(flattenCatalog(r.value))(p.id),
  };
}

describe('choosing an SAQ profile on the new-assessment form', () => {
  it.each(['ja', 'en'] as const)(
    'shows (%s) how many items it covers, each eligibility criterion to tick, and the cited source',
    async (lng) => {
      await i18next.use(initReactI18next).init({
        resources,
        lng,
        interpolation: { escapeValue: false },
        initAsync: false,
        showSupportNotice: false,
      } as never);
      const p = saqA();
      const html = renderToStaticMarkup(
        <ProfileEligibility profile={p} total={280} confirmed={new Set([0])} onToggle={() => undefined} />,
      );
      expect(html).toContain(lng === 'ja' ? '全280項目のうち27項目' : '27 of the catalog&#x27;s 280 controls');
      expect(html.match(/type="checkbox"/g)).toHaveLength(p.eligibility.length);
      expect(html.match(/checked=""/g)).toHaveLength(1);
      // The January 2025 criterion about scripts is one of the points to confirm.
      expect(html).toContain(lng === 'ja' ? 'スクリプトによる攻撃' : 'not susceptible to attacks from scripts');
      expect(html).toContain('Revision 1');
      expect(html).toContain('PCI Security Standards Council');
      expect(html).toContain(lng === 'ja' ? '加盟店' : 'Merchant');
    },
  );
});
