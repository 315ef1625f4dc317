import type { IDataObject } from 'n8n-workflow';

import { REDACTED } from './constants';

/**
 * Keys whose values are credentials of the user's own systems: a CUSTOM_ACTION's
 * `authenticationValue`, and anything named like a token, key, password, secret or cookie.
 * `authenticationRequired` (a boolean flag) deliberately does not match; `auth`, `x-auth`,
 * `subscription-key` or `x-functions-key` do (a `-key`/`_key` suffix names a key, bare `key` a field).
 */
const SECRET_KEY =
	/authenticationvalue|authorization|password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|cookie|credential|signature|(?:^|[-_])auth(?:$|[-_])|[-_]key$/i;

/** A value that carries its own auth scheme is a secret wherever it sits. */
const AUTH_SCHEME_VALUE = /^\s*(bearer|basic|digest|token)\s+\S/i;

/** Inside longer text (a curl line, a note): "Bearer <token>"; long enough not to hit prose. */
const EMBEDDED_BEARER = /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** `?api_key=…`, `&token=…` in a URL (a Custom Action's address); `?key=` is Google's API key. */
const URL_PARAM = /([?&;]([^=&#\s]+)=)([^&#\s]+)/g;
const SECRET_URL_PARAM = /^(key|sig)$/i;

/** `https://user:password@host` */
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;

/** Call logs repeat the same few dozen keys thousands of times; remember the verdicts. */
const secretKeyVerdicts = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
	let secret = secretKeyVerdicts.get(key);
	if (secret === undefined) {
		secret = SECRET_KEY.test(key);
		// Bounded, so arbitrary keys in custom payloads cannot grow it without end.
		if (secretKeyVerdicts.size < 10_000) secretKeyVerdicts.set(key, secret);
	}
	return secret;
}

function redactText(text: string): string {
	if (AUTH_SCHEME_VALUE.test(text)) return REDACTED;
	// Cheap test first: most strings (transcripts, names) hold none of these.
	if (!/bearer|[=@]/i.test(text)) return text;
	return text
		.replace(EMBEDDED_BEARER, `Bearer ${REDACTED}`)
		.replace(URL_PARAM, (match, prefix: string, name: string) =>
			isSecretKey(name) || SECRET_URL_PARAM.test(name) ? `${prefix}${REDACTED}` : match,
		)
		.replace(URL_PASSWORD, `$1${REDACTED}@`);
}

function redactLeaf(value: unknown): unknown {
	// Booleans and nulls say whether auth is used, not what it is: keep them.
	if (value === null || value === undefined || typeof value === 'boolean') return value;
	return REDACTED;
}

/**
 * `{ key: 'Authorization', value: '…' }`, `{ name: 'X-Api-Key', value: '…' }` header rows. Every
 * naming field counts, so an empty or odd `key` cannot hide a secret-looking `name`.
 */
function isSecretHeaderRow(row: IDataObject): boolean {
	return (
		'value' in row &&
		[row.key, row.name, row.header].some((name) => typeof name === 'string' && isSecretKey(name))
	);
}

/**
 * Returns a deep copy of `value` in which every secret is replaced by `[REDACTED]`: values under
 * secret-looking keys, the `value` of header rows whose name is secret-looking, strings that
 * start with an auth scheme ("Bearer …"), and inside other text "Bearer <token>", secret URL
 * query parameters and URL passwords. The input is never modified.
 */
export function redactSecrets<T>(value: T): T {
	return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
	if (typeof value === 'string') return redactText(value);
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(redactValue);

	const source = value as IDataObject;
	const hideValue = isSecretHeaderRow(source);
	const copy: IDataObject = {};
	for (const key of Object.keys(source)) {
		const child = source[key];
		const redacted =
			isSecretKey(key) || (hideValue && key === 'value') ? redactLeaf(child) : redactValue(child);
		// Only an own "__proto__" key (JSON.parse makes those) needs defineProperty to stay data;
		// for every other key plain assignment is the same and several times faster.
		if (key === '__proto__') {
			Object.defineProperty(copy, key, {
				value: redacted,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		} else {
			copy[key] = redacted as IDataObject[string];
		}
	}
	return copy;
}
