import type { IDataObject } from 'n8n-workflow';

import { REDACTED } from './constants';

/**
 * Keys whose values are credentials of the user's own systems: a CUSTOM_ACTION's
 * `authenticationValue`, and anything named like a token, key, password, secret or cookie.
 * `authenticationRequired` (a boolean flag) deliberately does not match.
 */
const SECRET_KEY =
	/authenticationvalue|authorization|password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|cookie|credential|signature/i;

/** A value that carries its own auth scheme is a secret wherever it sits. */
const AUTH_SCHEME_VALUE = /^\s*(bearer|basic|digest|token)\s+\S/i;

export function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key);
}

function redactLeaf(value: unknown): unknown {
	// Booleans and nulls say whether auth is used, not what it is: keep them.
	if (value === null || value === undefined || typeof value === 'boolean') return value;
	return REDACTED;
}

/** `{ key: 'Authorization', value: '…' }` and `{ name: 'X-Api-Key', value: '…' }` header rows. */
function headerRowName(row: IDataObject): string | undefined {
	const name = row.key ?? row.name ?? row.header;
	return typeof name === 'string' && 'value' in row ? name : undefined;
}

/**
 * Returns a deep copy of `value` in which every secret is replaced by `[REDACTED]`: values under
 * secret-looking keys, the `value` of header rows whose name is secret-looking, and strings that
 * start with an auth scheme ("Bearer …"). The input is never modified.
 */
export function redactSecrets<T>(value: T): T {
	return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
	if (typeof value === 'string') return AUTH_SCHEME_VALUE.test(value) ? REDACTED : value;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(redactValue);

	const source = value as IDataObject;
	const headerName = headerRowName(source);
	const hideValue = headerName !== undefined && isSecretKey(headerName);
	const copy: IDataObject = {};
	for (const [key, child] of Object.entries(source)) {
		if (isSecretKey(key) || (hideValue && key === 'value')) {
			copy[key] = redactLeaf(child) as IDataObject[string];
		} else {
			copy[key] = redactValue(child) as IDataObject[string];
		}
	}
	return copy;
}
