import { stringify } from 'yaml';
import type { CatalogDocument } from '../../core/catalog/format';
import type { ExportedFile } from '../../shared/api/types';
import { catalogDocumentFromDb } from './document';
import type { ServiceContext } from '../context';
import { exportOscalCatalog } from '../../core/oscal/catalog/export';

/** Exports any loaded catalog version as our YAML (round-trips through import) or as an OSCAL catalog. */
export function exportCatalog(ctx: ServiceContext, ref: number, format: 'oscal' | 'yaml', lang: 'ja' | 'en'): ExportedFile {
  const doc: CatalogDocument = catalogDocumentFromDb(ctx, ref);
  const base = `${doc.id}-${doc.version}`;
  if (format === 'yaml') {
    const text = `# yaml-language-server: $schema=https://tenken.invalid/schema/tenken-catalog-1.json\n${stringify(doc, { lineWidth: 0 })}`;
    return { fileName: `${base}.yaml`, mediaType: 'application/yaml', content: text };
  }
  const oscal = exportOscalCatalog(doc, { lang, lastModified: ctx.now().toISOString().replace(/\.\d+Z$/, 'Z') });
  return { fileName: `${base}.oscal-${lang}.json`, mediaType: 'application/json', content: `${JSON.stringify(oscal, null, 2)}\n` };
}
