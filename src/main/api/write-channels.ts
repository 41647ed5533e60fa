import type { Channel } from '../../shared/api/contract';
import { PERIODS_ACCESS } from './handlers-periods';
import { BACKUPS_ACCESS } from './handlers-backups';

/**
 * Whether each channel changes the workspace (its database or its evidence folder). In a read-only workspace the
 * writing ones are refused before a service runs, so nothing is half-written (an evidence file without its row, for
 * instance). The type makes a new channel unbuildable until it is classified here.
 */
const ACCESS: Record<Channel, 'read' | 'write'> = {
  'settings.update': 'write',
  'assessments.create': 'write',
  'assessments.import': 'write',
  'assessments.addCatalog': 'write',
  'assessments.removeCatalog': 'write',
  'assessments.upgrade': 'write',
  'assessments.update': 'write',
  'assessments.setStatus': 'write',
  'signoff.set': 'write',
  'answers.set': 'write',
  'answers.batch': 'write',
  'answers.undo': 'write',
  'catalogs.import': 'write',
  'evidence.add': 'write',
  'evidence.link': 'write',
  'suggestions.dismiss': 'write',
  'demo.create': 'write',
  'assessments.importSealed': 'write',
  'assessments.merge': 'write',
  'assessments.mergePreview': 'read',
  'requests.create': 'write',
  'requests.importResponse': 'write',
  'responses.open': 'write',
  'responses.answer': 'write',
  'responses.addEvidence': 'write',
  'responses.seal': 'write',
  'requests.list': 'read',
  'responses.list': 'read',
  'responses.get': 'read',
  'app.info': 'read',
  'settings.get': 'read',
  'catalogs.list': 'read',
  'organizations.list': 'read',
  'assessments.list': 'read',
  'assessments.get': 'read',
  'assessments.export': 'read',
  'catalogs.search': 'read',
  'catalogs.diff': 'read',
  'catalogs.preview': 'read',
  'catalogs.export': 'read',
  'assessments.quality': 'read',
  'audit.history': 'read',
  'audit.verify': 'read',
  'evidence.list': 'read',
  'evidence.content': 'read',
  'evidence.reveal': 'read',
  'suggestions.list': 'read',
  'report.preview': 'read',
  'report.build': 'read',
  'rollup.get': 'read',
  'rollup.export': 'read',
  'signoff.get': 'read',
  'assessments.exportSealed': 'read',
  ...PERIODS_ACCESS,
  'answers.exportWorkbook': 'read',
  'answers.previewWorkbook': 'read',
  'answers.importWorkbook': 'write',
  'report.questionnaire': 'read',
  ...BACKUPS_ACCESS,
};

const of = (kind: 'read' | 'write') => new Set((Object.keys(ACCESS) as Channel[]).filter((c) => ACCESS[c] === kind));
export const WRITE_CHANNELS: ReadonlySet<Channel> = of('write');
export const READ_CHANNELS: ReadonlySet<Channel> = of('read');
