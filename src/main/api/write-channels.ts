import type { Channel } from '../../shared/api/contract';

/**
 * The channels that change the workspace (its database or its evidence folder). In a read-only workspace they are
 * refused before a service runs, so nothing is half-written (an evidence file without its row, for instance). Every
 * channel is listed here or in READ_CHANNELS; a test checks that none is missing.
 */
export const WRITE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'settings.update', 'assessments.create', 'assessments.import', 'assessments.addCatalog', 'assessments.removeCatalog',
  'assessments.upgrade', 'assessments.update', 'assessments.setStatus', 'answers.set', 'answers.batch', 'answers.undo',
  'catalogs.import', 'evidence.add', 'evidence.link', 'suggestions.dismiss', 'demo.create',
]);

export const READ_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'app.info', 'settings.get', 'catalogs.list', 'organizations.list', 'assessments.list', 'assessments.get', 'assessments.export',
  'catalogs.search', 'catalogs.diff', 'catalogs.preview', 'catalogs.export', 'assessments.quality', 'audit.history', 'audit.verify',
  'evidence.list', 'evidence.content', 'evidence.reveal', 'suggestions.list', 'report.preview', 'report.build',
]);
