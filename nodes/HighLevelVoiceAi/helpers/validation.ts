import { ACTION_TYPES, API_VERSIONS } from './constants';

/**
 * Bad input found before any request is sent. Pure helpers throw it; the node turns it into a
 * `NodeOperationError` that names the field and the item.
 */
export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		message: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}

/** HighLevel ids (ObjectIds, `CALL_…`) are letters, digits, `_` and `-`: nothing that changes a URL. */
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_ID_LENGTH = 128;

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'not set';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A value quoted in a message: short, with control and bidirectional characters escaped. */
function preview(value: string): string {
	const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
	return JSON.stringify(short).replace(
		/[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/** `Field "x" is not <what>` for text, `Field must be <what>, but it is a number` otherwise. */
function isNot(field: string, value: unknown, what: string): string {
	return typeof value === 'string'
		? `${field} ${preview(value)} is not ${what}`
		: `${field} must be ${what}, but it is ${describeType(value)}`;
}

/**
 * Checks one HighLevel id (call, agent, contact, location) and returns it trimmed. Rejects what is
 * empty, not text, too long, or would change the request path (`../x`, `a/b`, `?x`, `%2F`).
 * `whereToFix` replaces the default "map it from the previous node" advice, e.g. for credential fields.
 */
export function requireId(field: string, value: unknown, whereToFix?: string): string {
	// An unset field (a credential saved without it, an expression on a missing key) is empty.
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw new InvalidInputError(
			field,
			`${field} must be text, but it is ${describeType(value)}`,
			whereToFix ??
				`If ${field} comes from an expression, make sure it resolves to the id itself: text such as 507f1f77bcf86cd799439011, not a number, list or object.`,
		);
	}
	const id = value.trim();
	if (id === '') {
		throw new InvalidInputError(
			field,
			`${field} is empty`,
			whereToFix ?? `Enter the ${field}, or map it from the previous node.`,
		);
	}
	if (id.length > MAX_ID_LENGTH) {
		throw new InvalidInputError(
			field,
			`${field} is ${id.length} characters long; HighLevel ids have at most ${MAX_ID_LENGTH}`,
			whereToFix ?? 'Check that the expression maps the id and not a whole text or object.',
		);
	}
	if (!ID_PATTERN.test(id)) {
		throw new InvalidInputError(
			field,
			`${field} ${preview(id)} contains characters an id cannot have`,
			'HighLevel ids contain only letters, digits, "-" and "_". Characters such as "/", "?", "#", "%" or spaces are refused so the request cannot reach another address.',
		);
	}
	return id;
}

/** Optional ids (filters): empty means "not set". */
export function optionalId(field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return undefined;
	}
	return requireId(field, value);
}

/**
 * A multi-value parameter: the editor gives a list, an expression may give comma-separated text.
 * Unset is an empty list; anything else is `undefined` for the caller to refuse.
 */
function listParts(value: unknown): unknown[] | undefined {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value;
	return typeof value === 'string' ? value.split(',') : undefined;
}

/** A comma-separated list of ids, e.g. the Contact IDs filter. */
export function idList(field: string, value: unknown): string[] {
	// A lone non-text value goes to requireId, which names its type.
	const parts = listParts(value) ?? [value];
	return parts
		.filter((part) => !(typeof part === 'string' && part.trim() === ''))
		.map((part) => requireId(field, part));
}

/**
 * Action types to keep. Accepts the multi-select's list or, from an expression, a comma-separated
 * text; refuses anything HighLevel does not document, naming it.
 */
export function actionTypeList(field: string, value: unknown): string[] {
	const parts = listParts(value);
	if (!parts) {
		throw new InvalidInputError(
			field,
			`${field} must be a list of action types, but it is ${describeType(value)}`,
			`Pick the types from the list, or use an expression that resolves to a list or comma-separated text of: ${ACTION_TYPES.join(', ')}.`,
		);
	}
	const types = parts.map((part) => (typeof part === 'string' ? part.trim() : part));
	const unknown = types.filter((type) => !(ACTION_TYPES as readonly unknown[]).includes(type));
	if (unknown.length > 0) {
		throw new InvalidInputError(
			field,
			`${field} has unknown value${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => JSON.stringify(u)).join(', ')}`,
			`Use any of: ${ACTION_TYPES.join(', ')}.`,
		);
	}
	return types as string[];
}

export function apiVersion(field: string, value: unknown): string {
	if (typeof value !== 'string' || !(API_VERSIONS as readonly string[]).includes(value.trim())) {
		throw new InvalidInputError(
			field,
			isNot(field, value, 'a version HighLevel publishes'),
			`Choose one of: ${API_VERSIONS.join(', ')}.`,
		);
	}
	return value.trim();
}

/** An http(s) origin with an optional path prefix; returned without a trailing slash. */
export function baseUrl(field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (
		!url ||
		!['http:', 'https:'].includes(url.protocol) ||
		url.search ||
		url.hash ||
		url.username ||
		url.password
	) {
		throw new InvalidInputError(
			field,
			isNot(field, value, 'a valid http(s) address'),
			'Use https://services.leadconnectorhq.com, or the full address of your proxy or sandbox (no query, no credentials in it).',
		);
	}
	return text.replace(/\/+$/, '');
}

/** A whole number within bounds, e.g. Limit or Max Concurrent Requests. */
export function integerInRange(field: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new InvalidInputError(
			field,
			`${field} must be a whole number from ${min} to ${max}, but it is ${typeof value === 'number' ? value : describeType(value)}`,
			`Enter a whole number from ${min} to ${max}; if ${field} is an expression, check what it resolves to for this item.`,
		);
	}
	return value;
}

/** One of a parameter's option values (guards values that arrive through expressions). */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new InvalidInputError(
			field,
			isNot(field, value, `one of ${allowed.join(', ')}`),
			`Pick ${field} from the list; an expression must resolve to one of: ${allowed.join(', ')}.`,
		);
	}
	return value as T;
}

/** A boolean parameter; refuses text such as "false" from an expression rather than guessing. */
export function booleanValue(field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') {
		throw new InvalidInputError(
			field,
			`${field} must be true or false, but it is ${typeof value === 'string' ? preview(value) : describeType(value)}`,
			`Switch ${field} on or off; an expression must resolve to true or false, e.g. {{ $json.flag === 'yes' }}.`,
		);
	}
	return value;
}

/** Dates HighLevel can hold: any call log was made between these. */
const EARLIEST_DATE = Date.UTC(2000, 0, 1);
const LATEST_DATE = Date.UTC(2100, 0, 1);

const ISO_DATE =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO text whose parts all exist (no 30 February, no hour 25), as epoch milliseconds. */
function strictIsoMillis(text: string): number | undefined {
	const match = ISO_DATE.exec(text);
	if (!match) return undefined;
	const [year, month, day, hour = '0', minute = '0', second = '0'] = match.slice(1, 7);
	const y = Number(year);
	const m = Number(month);
	if (m < 1 || m > 12 || Number(day) < 1 || Number(day) > daysInMonth(y, m)) return undefined;
	if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
	const millis = Date.parse(text.replace(' ', 'T'));
	return Number.isFinite(millis) ? millis : undefined;
}

/**
 * A date-time parameter as epoch milliseconds (HighLevel's `startDate`/`endDate` unit). Accepts
 * ISO text, as n8n's date picker and expressions produce, a date object from an expression
 * (`{{ $now }}`), or epoch milliseconds; refuses dates that do not exist (30 February would
 * otherwise roll into March) and numbers outside 2000–2100 (1e21 is no date).
 */
export function epochMillis(field: string, value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let millis: number | undefined;
	if (typeof value === 'number') millis = Number.isSafeInteger(value) ? value : undefined;
	else if (typeof value === 'string') {
		const text = value.trim();
		millis = /^\d{1,16}$/.test(text) ? Number(text) : strictIsoMillis(text);
	} else if (value instanceof Date) millis = value.getTime();
	else if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		// A Luxon DateTime, which expressions such as {{ $now }} return.
		millis = Number((value as { toMillis: () => unknown }).toMillis());
	}
	if (millis === undefined || !Number.isFinite(millis)) {
		throw new InvalidInputError(
			field,
			typeof value === 'number'
				? `${field} ${value} is not a date (epoch milliseconds are whole numbers)`
				: isNot(field, value, 'a date'),
			'Use the date picker, or an ISO date such as 2026-01-31T00:00:00Z, or epoch milliseconds.',
		);
	}
	if (millis < EARLIEST_DATE || millis >= LATEST_DATE) {
		throw new InvalidInputError(
			field,
			`${field} is not a date between 2000 and 2100`,
			'HighLevel expects epoch milliseconds; check that the expression gives milliseconds (not seconds) or an ISO date.',
		);
	}
	return millis;
}

/**
 * Text a user must give (a name, a prompt, a message), trimmed. Rejects what is unset, not text,
 * blank, or longer than `maxLength` characters (HighLevel counts characters as sent).
 */
export function requireText(
	field: string,
	value: unknown,
	maxLength = Number.POSITIVE_INFINITY,
): string {
	if (value === undefined || value === null) value = '';
	if (typeof value !== 'string') {
		throw new InvalidInputError(
			field,
			`${field} must be text, but it is ${describeType(value)}`,
			`If ${field} comes from an expression, make sure it resolves to text.`,
		);
	}
	const text = value.trim();
	if (text === '') {
		throw new InvalidInputError(
			field,
			`${field} is empty`,
			`Enter the ${field}, or map it from the previous node.`,
		);
	}
	if (text.length > maxLength) {
		throw new InvalidInputError(
			field,
			`${field} is ${text.length} characters long; HighLevel allows at most ${maxLength}`,
			`Shorten ${field} to ${maxLength} characters or fewer.`,
		);
	}
	return text;
}

/** A number (decimals allowed) within bounds, e.g. hours between appointment slots. */
export function numberInRange(field: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		const bounds = max === Number.POSITIVE_INFINITY ? `${min} or more` : `from ${min} to ${max}`;
		throw new InvalidInputError(
			field,
			`${field} must be a number ${bounds}, but it is ${typeof value === 'number' ? value : describeType(value)}`,
			`Enter a number ${bounds}; if ${field} is an expression, check what it resolves to for this item.`,
		);
	}
	return value;
}

/**
 * A list of texts: the editor's list or, from an expression, a list or one text (split at commas
 * when `splitCommas`, for values that never contain one). Blank entries are dropped.
 */
export function textList(field: string, value: unknown, splitCommas = false): string[] {
	const parts =
		typeof value === 'string' && !splitCommas
			? [value]
			: (listParts(value) ?? (value !== null && typeof value === 'object' ? undefined : [value]));
	if (!parts) {
		throw new InvalidInputError(
			field,
			`${field} must be a list of texts, but it is ${describeType(value)}`,
			`Add the entries one by one, or use an expression that resolves to a list of texts.`,
		);
	}
	return parts
		.filter((part) => !(typeof part === 'string' && part.trim() === ''))
		.map((part) => requireText(field, part));
}

/** An e-mail address, trimmed. */
export function emailAddress(field: string, value: unknown): string {
	const text = requireText(field, value);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
		throw new InvalidInputError(
			field,
			isNot(field, text, 'an e-mail address'),
			'Enter addresses such as frontdesk@example.com, separated by commas.',
		);
	}
	return text;
}

/** An absolute http(s) address (query allowed), e.g. the API a Custom Action calls. */
export function httpAddress(field: string, value: unknown): string {
	const text = requireText(field, value);
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol)) {
		throw new InvalidInputError(
			field,
			isNot(field, text, 'an http(s) address'),
			'Enter the full address, starting with https://.',
		);
	}
	return text;
}
