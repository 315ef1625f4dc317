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

/** `?key=` is Google's API key, `?sig=` a signed URL's signature. */
const SECRET_URL_PARAM = /^(key|sig)$/i;

/** Anything deeper than this is hidden whole (answers reach here at most 100 levels deep). */
const MAX_DEPTH = 200;

/** `https://user:password@host` */
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^@\s/]+@/g;

/** Call logs repeat the same few dozen keys thousands of times; remember the verdicts. */
const secretKeyVerdicts = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
	let secret = secretKeyVerdicts.get(key);
	if (secret === undefined) {
		secret = SECRET_KEY.test(key);
		// Bounded in count and size, so arbitrary keys in custom payloads cannot grow it without end.
		if (secretKeyVerdicts.size < 10_000 && key.length <= 100) secretKeyVerdicts.set(key, secret);
	}
	return secret;
}

function isWhitespace(char: string): boolean {
	return char === ' ' || char === '\n' || char === '\t' || char === '\r' || /\s/.test(char);
}

/**
 * `?api_key=…`, `&token=…`, `;sig=…` in a URL (a Custom Action's address): the value of a
 * parameter whose name looks secret becomes [REDACTED]. A hand-written scanner rather than a
 * regular expression, because the obvious pattern backtracks quadratically on text such as
 * 40 kB of "?" (a hostile answer could block n8n's event loop for many seconds). Every character
 * is looked at a bounded number of times.
 */
function redactUrlParams(text: string): string {
	let result = '';
	let copiedUpTo = 0;
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (char !== '?' && char !== '&' && char !== ';') {
			index++;
			continue;
		}
		// The name runs to "=", or stops at "&", "#" or whitespace (then it is no parameter).
		let nameEnd = index + 1;
		while (nameEnd < text.length) {
			const c = text[nameEnd];
			if (c === '=' || c === '&' || c === '#' || isWhitespace(c)) break;
			nameEnd++;
		}
		if (nameEnd >= text.length || text[nameEnd] !== '=' || nameEnd === index + 1) {
			index = Math.max(nameEnd, index + 1);
			continue;
		}
		let valueEnd = nameEnd + 1;
		while (valueEnd < text.length) {
			const c = text[valueEnd];
			if (c === '&' || c === '#' || isWhitespace(c)) break;
			valueEnd++;
		}
		if (valueEnd > nameEnd + 1) {
			const name = text.slice(index + 1, nameEnd);
			if (isSecretKey(name) || SECRET_URL_PARAM.test(name)) {
				result += text.slice(copiedUpTo, nameEnd + 1) + REDACTED;
				copiedUpTo = valueEnd;
			}
		}
		index = valueEnd;
	}
	return copiedUpTo === 0 ? text : result + text.slice(copiedUpTo);
}

function redactText(text: string): string {
	if (AUTH_SCHEME_VALUE.test(text)) return REDACTED;
	// Cheap test first: most strings (transcripts, names) hold none of these.
	if (!/bearer|[=@]/i.test(text)) return text;
	return redactUrlParams(text.replace(EMBEDDED_BEARER, `Bearer ${REDACTED}`)).replace(
		URL_PASSWORD,
		`$1${REDACTED}@`,
	);
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
	return redactValue(value, 0) as T;
}

function redactValue(value: unknown, depth: number): unknown {
	if (typeof value === 'string') return redactText(value);
	if (value === null || typeof value !== 'object') return value;
	// Nothing HighLevel sends is this deep; hiding it whole is the safe answer, recursing is not.
	if (depth >= MAX_DEPTH) return REDACTED;
	if (Array.isArray(value)) return value.map((child) => redactValue(child, depth + 1));

	const source = value as IDataObject;
	const hideValue = isSecretHeaderRow(source);
	const copy: IDataObject = {};
	for (const key of Object.keys(source)) {
		const child = source[key];
		const redacted =
			isSecretKey(key) || (hideValue && key === 'value')
				? redactLeaf(child)
				: redactValue(child, depth + 1);
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
