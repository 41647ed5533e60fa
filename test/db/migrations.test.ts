import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../src/main/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import type { Migration } from '../../src/main/db/migrations/types';
import { listBackups } from '../../src/main/workspace/backup';
import { openWorkspace } from '../../src/main/workspace/open';
import { workspacePaths } from '../../src/main/workspace/paths';
import { AppError } from '../../src/shared/api/errors';
import { tempDir } from '../support/workspace';

const tables = (db: Database.Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);

describe('migration runner', () => {
  it('lists migrations in increasing order, in steps of ten', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    });
  });

  it('runs every pending step in one transaction: a failing step leaves the database as it was', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 10, name: 'a', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 20,
        name: 'b',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    expect(() => migrate(db)).toThrow(AppError);
  });
});

describe('0010 initial schema', () => {
  it('creates the tables of the first schema with foreign keys', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    expect(schemaVersion(db)).toBe(10);
    expect(tables(db)).toEqual([
      'answers',
      'assessments',
      'audit_log',
      'catalogs',
      'controls',
      'evidence',
      'evidence_files',
      'evidence_links',
      'organizations',
      'settings',
    ]);
    expect(() =>
      db
        .prepare(
          "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at) VALUES ('x', 'n', 999, 't', 't')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('makes the audit log append-only', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    db.prepare(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, app_version, prev_hash, hash) VALUES ('t', 'a', 'x', 'e', '1', '0', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('opening a workspace', () => {
  it('creates a new workspace at the latest version in WAL mode with foreign keys', async () => {
    const ws = await openWorkspace(tempDir());
    expect(schemaVersion(ws.db)).toBe(LATEST_SCHEMA_VERSION);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    ws.close();
  });

  it('refuses a workspace from a newer Tenken with a clear message and leaves it byte-for-byte unchanged', async () => {
    const dir = tempDir();
    const file = workspacePaths(dir).dbFile;
    const db = new Database(file);
    db.exec('CREATE TABLE future_thing (x TEXT)');
    db.prepare('INSERT INTO future_thing VALUES (?)').run('keep me');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    db.close();
    const before = readFileSync(file);
    const err = await openWorkspace(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).key).toBe('dbFromFuture');
    expect((err as AppError).params).toEqual({ found: LATEST_SCHEMA_VERSION + 10, supported: LATEST_SCHEMA_VERSION });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(listBackups(workspacePaths(dir))).toEqual([]);
  });

  it('refuses a file that is not a database without changing it', async () => {
    const dir = tempDir();
    const file = workspacePaths(dir).dbFile;
    writeFileSync(file, 'this is not sqlite, just text '.repeat(200));
    const before = readFileSync(file);
    await expect(openWorkspace(dir)).rejects.toThrow(AppError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('backs up an older workspace before migrating it', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'tenken.sqlite'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    db.exec('CREATE TABLE legacy (x TEXT)');
    db.close();
    const ws = await openWorkspace(dir);
    expect(ws.migrated).toEqual({ from: 10, to: LATEST_SCHEMA_VERSION });
    const backups = listBackups(ws.paths);
    expect(backups.map((b) => [b.reason, b.check, b.schemaVersion])).toEqual([['pre-migration', 'ok', 10]]);
    const copy = new Database(backups[0]!.file, { readonly: true });
    expect(tables(copy)).toContain('legacy');
    expect(schemaVersion(copy)).toBe(10);
    copy.close();
    ws.close();
  });
});

describe('0020 search and upgrades', () => {
  it('indexes existing controls for search and adds the upgrade record', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      `INSERT INTO controls (id, catalog_row, control_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash) VALUES (7, 1, '1.1', 0, 0, 1, 1, '暗号化の方針', 'Encryption Policy', '{}', 'x')`,
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 20),
    );
    expect(db.prepare('SELECT rowid FROM controls_fts WHERE controls_fts MATCH \'"暗号化"\'').all()).toEqual([
      { rowid: 7 },
    ]);
    expect(db.prepare('SELECT rowid FROM controls_fts WHERE controls_fts MATCH \'"encryption"\'').all()).toEqual([
      { rowid: 7 },
    ]);
    expect(tables(db)).toContain('assessment_upgrades');
  });
});

describe('0030 workflow', () => {
  it('keeps existing answers and gives them empty workflow fields', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 20),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      `INSERT INTO controls (id, catalog_row, control_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash) VALUES (7, 1, '1.1', 0, 0, 1, 1, 'a', 'a', '{}', 'x')`,
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at) VALUES ('a', 'n', 1, 't', 't')",
    ).run();
    db.prepare(
      "INSERT INTO answers (assessment_id, control_row, value, updated_at, updated_by) VALUES ('a', 7, 'yes', 't', 'u')",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 30),
    );
    expect(db.prepare('SELECT value, owner, due_date, remediation, marked_for_review FROM answers').get()).toEqual({
      value: 'yes',
      owner: '',
      due_date: null,
      remediation: '',
      marked_for_review: 0,
    });
    expect(db.prepare('SELECT assessors, period_start, profile FROM assessments').get()).toEqual({
      assessors: '',
      period_start: null,
      profile: null,
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['mapping_sets', 'mapping_links']));
  });
});

describe('0040 assessment catalogs', () => {
  it('turns every existing assessment into a one-part assessment with its profile, and refuses the same catalog twice', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 30),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't'), (2, 'd', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at, profile) VALUES ('a', 'n', 1, 't', 't', 'ec'), ('b', 'm', 2, 't', 't', NULL)",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 40),
    );
    expect(
      db
        .prepare('SELECT assessment_id, position, catalog_row, profile FROM assessment_catalogs ORDER BY assessment_id')
        .all(),
    ).toEqual([
      { assessment_id: 'a', position: 0, catalog_row: 1, profile: 'ec' },
      { assessment_id: 'b', position: 0, catalog_row: 2, profile: null },
    ]);
    expect(() =>
      db.prepare("INSERT INTO assessment_catalogs (assessment_id, position, catalog_row) VALUES ('a', 1, 1)").run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO assessment_catalogs (assessment_id, position, catalog_row) VALUES ('a', 1, 99)").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(tables(db)).toContain('suggestion_dismissals');
  });
});

describe('0050 drop assessments.profile', () => {
  it("keeps each catalog's profile in assessment_catalogs and drops the copy on the assessment", () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 30),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at, profile) VALUES ('a', 'n', 1, 't', 't', 'ec')",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 50),
    );
    const columns = (db.prepare("SELECT name FROM pragma_table_info('assessments')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).not.toContain('profile');
    expect(columns).toContain('catalog_row');
    expect(db.prepare('SELECT profile FROM assessment_catalogs').get()).toEqual({ profile: 'ec' });
  });
});

describe('0060 customized approach', () => {
  it('keeps existing answers, unmarked, and accepts only 0 or 1', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 50),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      `INSERT INTO controls (id, catalog_row, control_id, depth, position, assessable, mandatory, title_ja, title_en, body, text_hash) VALUES (7, 1, '1.1', 0, 0, 1, 1, 'a', 'a', '{}', 'x')`,
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at) VALUES ('a', 'n', 1, 't', 't')",
    ).run();
    db.prepare(
      "INSERT INTO answers (assessment_id, control_row, value, updated_at, updated_by) VALUES ('a', 7, 'in_place', 't', 'u')",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 60),
    );
    expect(db.prepare('SELECT value, customized_approach FROM answers').get()).toEqual({
      value: 'in_place',
      customized_approach: 0,
    });
    expect(() => db.prepare('UPDATE answers SET customized_approach = 2').run()).toThrow(/CHECK/);
  });
});

describe('0080 requests', () => {
  it('keeps existing data and adds the request and response tables; a request dies with its assessment', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 60),
    );
    db.prepare(
      "INSERT INTO catalogs (id, catalog_id, version, title_ja, title_en, document, origin, content_hash, loaded_at) VALUES (1, 'c', '1', 't', 't', '{}', 'shipped', 'h', 't')",
    ).run();
    db.prepare(
      "INSERT INTO assessments (id, name, catalog_row, created_at, updated_at) VALUES ('a', 'n', 1, 't', 't')",
    ).run();
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 80),
    );
    expect(tables(db)).toEqual(
      expect.arrayContaining(['requests', 'response_items', 'response_answers', 'response_evidence']),
    );
    db.prepare(
      "INSERT INTO requests (id, assessment_id, respondent, control_keys, created_at, created_by, chain_head, chain_seq) VALUES ('r', 'a', 'IT部', '[\"1.1\"]', 't', 'u', 'h', 3)",
    ).run();
    expect(db.prepare('SELECT state FROM requests').get()).toEqual({ state: 'out' });
    expect(() => db.prepare("UPDATE requests SET state = 'lost'").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM assessments WHERE id = 'a'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
  });
});
