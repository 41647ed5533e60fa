/**
 * Errors cross every shell as data: a code (for programs and HTTP status), an i18n key under `errors.`
 * and its parameters (for people, in ja or en).
 */
export const ERROR_CODES = [
  'bad_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'locked',
  'unauthorized',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ApiErrorData = { code: ErrorCode; key: string; params: Record<string, string | number> };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: string;
  readonly params: Record<string, string | number>;
  constructor(code: ErrorCode, key: string, params: Record<string, string | number> = {}) {
    super(`${code}: ${key} ${JSON.stringify(params)}`);
    this.name = 'AppError';
    this.code = code;
    this.key = key;
    this.params = params;
  }
  toData(): ApiErrorData {
    return { code: this.code, key: this.key, params: this.params };
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
  locked: 423,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};
