import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/api/errors';
import type { EvidenceView } from '../../shared/api/types';
import { controlKey } from '../../core/assessment/control-key';
import { safeEvidenceName } from '../../core/assessment/evidence-name';
import { resolveControl, resolveControls } from './assessment-catalogs';
import { assertEditable } from './assessments';
import { appendAudit } from '../audit/audit-log';
import { isoNow, type ServiceContext } from '../context';
import { actorOf } from '../settings/settings';
import { durableRename, fsyncDir } from '../workspace/durable';
import { stmt } from '../db/statements';

export const EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

/** Evidence files live in the workspace by content: evidence/<first two hex>/<sha256>, written once. */
export function evidencePath(evidenceDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256))
    throw new AppError('bad_input', 'badInput', { field: 'sha256', issue: 'hex', detail: 'hex' });
  return join(evidenceDir, sha256.slice(0, 2), sha256);
}

/** The media type from the file's first bytes (what it is), else from its name (what it claims). */
export function sniffMediaType(bytes: Buffer, fileName: string): string {
  const head = bytes.subarray(0, 8).toString('hex');
  if (head.startsWith('89504e47')) return 'image/png';
  if (head.startsWith('ffd8ff')) return 'image/jpeg';
  if (head.startsWith('47494638')) return 'image/gif';
  if (head.startsWith('25504446')) return 'application/pdf';
  if (bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.subarray(8, 12).toString('ascii') === 'WEBP')
    return 'image/webp';
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    txt: 'text/plain',
    csv: 'text/csv',
    log: 'text/plain',
    md: 'text/markdown',
    json: 'application/json',
    xml: 'application/xml',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    zip: 'application/zip',
    eml: 'message/rfc822',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

/**
 * Stores bytes by their SHA-256, written once and complete before they are visible: a temp file flushed to the disk,
 * then a rename, then the folder flushed (and the folders above it when they were just made).
 */
export function storeEvidenceBytes(ctx: ServiceContext, sha256: string, bytes: Buffer): void {
  const path = evidencePath(ctx.paths.evidenceDir, sha256);
  if (existsSync(path)) return;
  const made = mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${randomUUID()}.partial`;
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    durableRename(tmp, path);
  } catch (e) {
    // A full disk leaves no half-written file behind.
    rmSync(tmp, { force: true });
    throw e;
  }
  if (made) {
    fsyncDir(ctx.paths.evidenceDir);
    fsyncDir(ctx.paths.dataDir);
  }
}

/** The stored bytes, checked against their SHA-256: a missing or altered file is an error naming it, never handed out. */
export function readEvidenceBytes(ctx: ServiceContext, sha256: string, fileName: string): Buffer {
  const path = evidencePath(ctx.paths.evidenceDir, sha256);
  if (!existsSync(path)) throw new AppError('internal', 'evidenceMissing', { file: fileName });
  const bytes = readFileSync(path);
  if (createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new AppError('internal', 'evidenceAltered', { file: fileName });
  return bytes;
}

type Row = {
  id: string;
  file_name: string;
  sha256: string;
  size: number;
  media_type: string;
  added_by: string;
  added_at: string;
};

export function listEvidence(ctx: ServiceContext, assessmentId: string): EvidenceView[] {
  const rows = stmt(
    ctx.db,
    `SELECT e.id, e.file_name, e.sha256, f.size, f.media_type, e.added_by, e.added_at FROM evidence e JOIN evidence_files f ON f.sha256 = e.sha256
      WHERE e.assessment_id = ? ORDER BY e.added_at, e.file_name`,
  ).all(assessmentId) as Row[];
  const links = stmt(
    ctx.db,
    `SELECT l.evidence_id, p.position, c.catalog_id, k.control_id FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id JOIN controls k ON k.id = l.control_row
      JOIN assessment_catalogs p ON p.assessment_id = e.assessment_id AND p.catalog_row = k.catalog_row JOIN catalogs c ON c.id = k.catalog_row
      WHERE e.assessment_id = ? ORDER BY p.position, k.position`,
  ).all(assessmentId) as { evidence_id: string; position: number; catalog_id: string; control_id: string }[];
  const keysOf = new Map<string, string[]>();
  for (const l of links)
    keysOf.set(l.evidence_id, [
      ...(keysOf.get(l.evidence_id) ?? []),
      controlKey(l.position, l.catalog_id, l.control_id),
    ]);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    mediaType: r.media_type,
    addedBy: r.added_by,
    addedAt: r.added_at,
    controlKeys: keysOf.get(r.id) ?? [],
  }));
}

/**
 * Keeps a file as evidence of an assessment, linked to the given controls. The same content added twice to an
 * assessment is one piece of evidence (deduplicated by SHA-256) with more links. The file is stored before the
 * database row is committed, so a committed row always has its file.
 */
export function addEvidence(
  ctx: ServiceContext,
  input: { assessmentId: string; controlKeys: string[]; fileName: string; content: string },
): EvidenceView {
  const a = assertEditable(ctx, input.assessmentId);
  const bytes = Buffer.from(input.content, 'base64');
  if (bytes.length === 0) throw new AppError('bad_input', 'evidenceEmpty', { file: input.fileName });
  if (bytes.length > EVIDENCE_MAX_BYTES)
    throw new AppError('bad_input', 'evidenceTooLarge', {
      file: input.fileName,
      limitMb: EVIDENCE_MAX_BYTES / 1024 / 1024,
    });
  const rows = resolveControls(ctx, a.id, input.controlKeys).map((c) => [c.controlKey, c.controlRow] as const);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  storeEvidenceBytes(ctx, sha256, bytes);
  const fileName = safeEvidenceName(input.fileName);
  const mediaType = sniffMediaType(bytes, fileName);
  const at = isoNow(ctx);
  const actor = actorOf(ctx);
  let id = '';
  ctx.db
    .transaction(() => {
      ctx.db
        .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)')
        .run(sha256, bytes.length, mediaType, at);
      const existing = ctx.db
        .prepare('SELECT id FROM evidence WHERE assessment_id = ? AND sha256 = ?')
        .get(a.id, sha256) as { id: string } | undefined;
      id = existing?.id ?? randomUUID();
      if (!existing) {
        ctx.db
          .prepare(
            'INSERT INTO evidence (id, assessment_id, sha256, file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(id, a.id, sha256, fileName, actor, at);
        appendAudit(ctx.db, {
          at,
          actor,
          action: 'evidence.add',
          assessmentId: a.id,
          entity: 'evidence-file',
          entityId: id,
          oldValue: undefined,
          newValue: { fileName, sha256, size: bytes.length, mediaType },
          appVersion: ctx.appVersion,
        });
      }
      for (const [key, row] of rows) link(ctx, a.id, id, key, row, true, { at, actor, fileName, sha256 });
      ctx.db.prepare('UPDATE assessments SET updated_at = ? WHERE id = ?').run(at, a.id);
    })
    .immediate();
  return listEvidence(ctx, a.id).find((e) => e.id === id) as EvidenceView;
}

function link(
  ctx: ServiceContext,
  assessmentId: string,
  evidenceId: string,
  controlKey: string,
  row: number,
  linked: boolean,
  meta: { at: string; actor: string; fileName: string; sha256: string },
): void {
  const r = linked
    ? ctx.db
        .prepare('INSERT OR IGNORE INTO evidence_links (evidence_id, control_row) VALUES (?, ?)')
        .run(evidenceId, row)
    : ctx.db.prepare('DELETE FROM evidence_links WHERE evidence_id = ? AND control_row = ?').run(evidenceId, row);
  if (r.changes === 0) return;
  appendAudit(ctx.db, {
    at: meta.at,
    actor: meta.actor,
    action: linked ? 'evidence.link' : 'evidence.unlink',
    assessmentId,
    entity: 'evidence',
    entityId: controlKey,
    oldValue: undefined,
    newValue: { evidenceId, fileName: meta.fileName, sha256: meta.sha256 },
    appVersion: ctx.appVersion,
  });
}

/** Links or unlinks existing evidence and a control (one file may support many controls). */
export function linkEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; controlKey: string; linked: boolean },
): EvidenceView {
  const e = ctx.db
    .prepare('SELECT id, assessment_id, file_name, sha256 FROM evidence WHERE id = ?')
    .get(input.evidenceId) as { id: string; assessment_id: string; file_name: string; sha256: string } | undefined;
  if (!e) throw new AppError('not_found', 'evidenceNotFound', { id: input.evidenceId });
  const a = assertEditable(ctx, e.assessment_id);
  const { controlKey: key, controlRow: row } = resolveControl(ctx, a.id, input.controlKey);
  const at = isoNow(ctx);
  ctx.db
    .transaction(() =>
      link(ctx, a.id, e.id, key, row, input.linked, {
        at,
        actor: actorOf(ctx),
        fileName: e.file_name,
        sha256: e.sha256,
      }),
    )
    .immediate();
  return listEvidence(ctx, a.id).find((x) => x.id === e.id) as EvidenceView;
}

/** The stored bytes, checked against their recorded SHA-256 before they are handed out. */
export function evidenceContent(
  ctx: ServiceContext,
  evidenceId: string,
): { fileName: string; mediaType: string; content: string; sha256: string } {
  const e = ctx.db
    .prepare(
      'SELECT e.file_name, e.sha256, f.media_type FROM evidence e JOIN evidence_files f ON f.sha256 = e.sha256 WHERE e.id = ?',
    )
    .get(evidenceId) as { file_name: string; sha256: string; media_type: string } | undefined;
  if (!e) throw new AppError('not_found', 'evidenceNotFound', { id: evidenceId });
  const bytes = readEvidenceBytes(ctx, e.sha256, e.file_name);
  return { fileName: e.file_name, mediaType: e.media_type, content: bytes.toString('base64'), sha256: e.sha256 };
}

/** Shows the stored file in the OS file manager (desktop app only); the path comes from the workspace, never the renderer. */
export function revealEvidence(ctx: ServiceContext, evidenceId: string): { revealed: boolean } {
  const e = ctx.db.prepare('SELECT sha256, file_name FROM evidence WHERE id = ?').get(evidenceId) as
    { sha256: string; file_name: string } | undefined;
  if (!e) throw new AppError('not_found', 'evidenceNotFound', { id: evidenceId });
  if (!ctx.platform) throw new AppError('bad_input', 'desktopOnly', {});
  const path = evidencePath(ctx.paths.evidenceDir, e.sha256);
  if (!existsSync(path)) throw new AppError('internal', 'evidenceMissing', { file: e.file_name });
  ctx.platform.revealFile(path);
  return { revealed: true };
}
