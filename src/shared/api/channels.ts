/**
 * Every channel name in one place (Mattermost's habit). Kept free of zod so the preload bridge stays tiny;
 * contract.ts checks at compile time that its schemas cover exactly these names.
 */
import { BACKUP_CHANNEL_NAMES } from './channels-backups';
import { PERIOD_CHANNEL_NAMES } from './channels-periods';

export const CHANNEL_NAMES = [
  'app.info',
  'settings.get',
  'settings.update',
  'catalogs.list',
  'organizations.list',
  'assessments.list',
  'assessments.create',
  'assessments.get',
  'answers.set',
  'catalogs.search',
  'catalogs.diff',
  'catalogs.preview',
  'catalogs.import',
  'catalogs.export',
  'assessments.upgrade',
  'assessments.update',
  'assessments.setStatus',
  'assessments.quality',
  'answers.batch',
  'answers.undo',
  'audit.history',
  'audit.verify',
  'evidence.add',
  'evidence.list',
  'evidence.link',
  'evidence.content',
  'evidence.reveal',
  'suggestions.list',
  'suggestions.dismiss',
  'assessments.addCatalog',
  'assessments.removeCatalog',
  'assessments.export',
  'assessments.import',
  'assessments.exportSealed',
  'assessments.importSealed',
  'assessments.mergePreview',
  'assessments.merge',
  'demo.create',
  'report.build',
  'report.preview',
  'rollup.get',
  'rollup.export',
  'signoff.get',
  'signoff.set',
  ...PERIOD_CHANNEL_NAMES,
  'requests.create',
  'requests.list',
  'requests.importResponse',
  'responses.open',
  'responses.list',
  'responses.get',
  'responses.answer',
  'responses.addEvidence',
  'responses.seal',
  'answers.exportWorkbook',
  'answers.previewWorkbook',
  'answers.importWorkbook',
  'report.questionnaire',
  ...BACKUP_CHANNEL_NAMES,
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** On IPC, channels travel as `tenken:<name>`; the main process refuses anything without the prefix. */
export const IPC_PREFIX = 'tenken:';
export const ipcChannel = (name: ChannelName) => `${IPC_PREFIX}${name}`;
export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && (CHANNEL_NAMES as readonly string[]).includes(name);
