import type { Channel, ChannelOutput, ChannelParsed } from '../../shared/api/contract';
import type { ServiceContext } from '../context';
import { setAnswer, batchAnswer, undoLastAnswer } from '../assessments/answers';
import { auditVerify, history, qualityCheck, setStatus } from '../assessments/status';
import { getSignoff, setSignoff } from '../assessments/signoff';
import {
  addAssessmentCatalog,
  createAssessment,
  removeAssessmentCatalog,
  getAssessment,
  listAssessments,
  listOrganizations,
  updateAssessment,
} from '../assessments/assessments';
import { createDemo } from '../assessments/demo';
// The report service (React for the HTML, pdf-lib, exceljs, playwright-core) loads on the first report, not at start.
const reports = () => import('../report/build');
const rollupWorkbook = () => import('../report/render/rollup-xlsx');
const rollupPdf = () => import('../report/rollup-pdf');
const workbooks = () => import('../assessments/answer-workbook');
import { addEvidence, evidenceContent, linkEvidence, listEvidence, revealEvidence } from '../assessments/evidence';
import { dismissSuggestion, listSuggestions } from '../assessments/suggestions';
import { exportAssessment, importAssessment } from '../assessments/exchange';
import { exportSealedAssessment, importSealedAssessment } from '../assessments/sealed';
import { applyMerge, previewMerge } from '../assessments/merge';
import { requestHandlers } from './request-handlers';
import { listCatalogs } from '../catalogs/catalogs';
import { exportCatalog } from '../catalogs/export';
import { importCatalog, previewCatalog } from '../catalogs/import';
import { searchCatalogs } from '../catalogs/search';
import { diffCatalogVersions, upgradeAssessment } from '../catalogs/versions';
import { getSettings, updateSettings } from '../settings/settings';
import { rollupOf } from '../assessments/rollup';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { periodsHandlers } from './handlers-periods';
import { backupsHandlers } from './handlers-backups';

export type Handlers = {
  [C in Channel]: (ctx: ServiceContext, input: ChannelParsed<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/** Channel → service. The mapped type makes a channel without a handler (or a wrong output) a compile error. */
export const handlers: Handlers = {
  ...requestHandlers,
  'app.info': (ctx) => ({
    name: 'Tenken',
    version: ctx.appVersion,
    dataDir: ctx.paths.dataDir,
    portable: ctx.portable,
    schemaVersion: LATEST_SCHEMA_VERSION,
    shell: ctx.shell,
    readOnly: ctx.readOnly ?? null,
  }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, input) => updateSettings(ctx, input),
  'catalogs.list': (ctx) => listCatalogs(ctx),
  'organizations.list': (ctx) => listOrganizations(ctx),
  'assessments.list': (ctx, input) => listAssessments(ctx, input.show),
  'assessments.create': (ctx, input) => createAssessment(ctx, input),
  'assessments.get': (ctx, input) => getAssessment(ctx, input.id, input.catalog),
  'assessments.addCatalog': (ctx, input) => addAssessmentCatalog(ctx, input),
  'assessments.removeCatalog': (ctx, input) => removeAssessmentCatalog(ctx, input),
  'assessments.export': (ctx, input) => {
    const f = exportAssessment(ctx, input.id);
    return { fileName: f.fileName, mediaType: 'application/json', content: f.bytes.toString('base64') };
  },
  'assessments.import': (ctx, input) => importAssessment(ctx, input.content),
  'assessments.exportSealed': async (ctx, input) => {
    const f = await exportSealedAssessment(ctx, input.id, input.passphrase);
    return { fileName: f.fileName, mediaType: 'application/octet-stream', content: f.bytes.toString('base64') };
  },
  'assessments.importSealed': (ctx, input) =>
    importSealedAssessment(ctx, Buffer.from(input.content, 'base64'), input.passphrase),
  'assessments.mergePreview': (ctx, input) => previewMerge(ctx, input),
  'assessments.merge': (ctx, input) => applyMerge(ctx, input, input),
  'answers.set': (ctx, input) => setAnswer(ctx, input),
  'catalogs.search': (ctx, input) => searchCatalogs(ctx, input.query, input.limit, input.offset),
  'catalogs.diff': (ctx, input) => ({
    catalogId: input.catalogId,
    from: input.from,
    to: input.to,
    ...diffCatalogVersions(ctx, input.catalogId, input.from, input.to),
  }),
  'catalogs.preview': (ctx, input) => previewCatalog(ctx, input),
  'catalogs.import': (ctx, input) => importCatalog(ctx, input),
  'catalogs.export': (ctx, input) => exportCatalog(ctx, input.ref, input.format, input.lang),
  'assessments.upgrade': (ctx, input) => upgradeAssessment(ctx, input.id, input.toVersion, input.catalog),
  'assessments.update': (ctx, input) => updateAssessment(ctx, input),
  'assessments.setStatus': (ctx, input) => setStatus(ctx, input),
  'signoff.get': (ctx, input) => getSignoff(ctx, input.assessmentId),
  'signoff.set': (ctx, input) => setSignoff(ctx, input),
  'assessments.quality': (ctx, input) => qualityCheck(ctx, input.id),
  'answers.batch': (ctx, input) => batchAnswer(ctx, input),
  'answers.undo': (ctx, input) => undoLastAnswer(ctx, input),
  'audit.history': (ctx, input) => history(ctx, input),
  'audit.verify': (ctx, input) => auditVerify(ctx, input.assessmentId),
  'evidence.add': (ctx, input) => addEvidence(ctx, input),
  'evidence.list': (ctx, input) => listEvidence(ctx, input.assessmentId),
  'evidence.link': (ctx, input) => linkEvidence(ctx, input),
  'evidence.content': (ctx, input) => evidenceContent(ctx, input.evidenceId),
  'evidence.reveal': (ctx, input) => revealEvidence(ctx, input.evidenceId),
  'suggestions.list': (ctx, input) => listSuggestions(ctx, input.assessmentId),
  'suggestions.dismiss': (ctx, input) => dismissSuggestion(ctx, input),
  'demo.create': (ctx) => createDemo(ctx),
  'answers.exportWorkbook': async (ctx, input) => (await workbooks()).exportAnswerWorkbook(ctx, input),
  'answers.previewWorkbook': async (ctx, input) => (await workbooks()).previewAnswerWorkbook(ctx, input),
  'answers.importWorkbook': async (ctx, input) => (await workbooks()).applyAnswerWorkbook(ctx, input),
  'report.questionnaire': async (ctx, input) =>
    (await import('../report/questionnaire')).buildQuestionnaire(ctx, input),
  'report.preview': async (ctx, input) => ({ html: (await reports()).buildReportPreview(ctx, input) }),
  'report.build': async (ctx, input) => {
    const r = await (await reports()).buildReport(ctx, input);
    return {
      fileName: r.fileName,
      mediaType: r.mediaType,
      content: r.bytes.toString('base64'),
      ...(r.signature ? { signature: r.signature } : {}),
    };
  },
  'rollup.get': (ctx, input) => rollupOf(ctx, input),
  'rollup.export': async (ctx, input) =>
    input.format === 'pdf'
      ? (await rollupPdf()).exportRollupPdf(ctx, input)
      : (await rollupWorkbook()).exportRollup(ctx, input),
  ...periodsHandlers,
  ...backupsHandlers,
};
