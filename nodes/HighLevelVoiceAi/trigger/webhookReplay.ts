import type { IDataObject } from 'n8n-workflow';

/**
 * Replay protection as HighLevel advises it ("Ensure the timestamp in the payload is within an
 * acceptable time window (e.g., 5 minutes)", "Reject any requests with duplicate webhookId
 * values"); its SDK does neither. Every function takes `now` (epoch ms) so that it stays pure.
 *
 * Run these after the signature check: only signed bodies may write to the memory of ids,
 * otherwise anyone could flood it and push genuine ids out.
 */

export const DEFAULT_TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;
export const DEFAULT_MAX_REMEMBERED_IDS = 10_000;

/** Where `checkReplay` keeps its memory inside the node's static data. */
export const WEBHOOK_ID_MEMORY_KEY = 'seenWebhookIds';

/** A webhookId longer than this is not HighLevel's (a UUID) and is not worth storing. */
const MAX_WEBHOOK_ID_CHARS = 256;

/** No entry expires: the value JSON can store (Infinity would be saved as null). */
const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * Expired ids may linger this long before the ids are walked again, so that a steady stream of
 * deliveries walks them about twice a minute rather than on every delivery. Remembering an id a
 * little longer is harmless; the size bound holds regardless.
 */
const EXPIRY_SLACK_MS = 30_000;

export interface TimestampOptions {
	/** How far the body's `timestamp` may be from `now`, before or after. Default 5 minutes. */
	toleranceMs?: number;
	/** Accept a body without `timestamp` (it then gets no time check). Default false. */
	allowMissingTimestamp?: boolean;
}

export type TimestampFailureReason = 'missing-timestamp' | 'bad-timestamp' | 'stale' | 'future';

export type TimestampCheck =
	/** `timestampMs` is null only when the timestamp was missing and that was allowed. */
	| { ok: true; timestampMs: number | null }
	| { ok: false; reason: TimestampFailureReason; message: string };

const ISO_TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Epoch ms of an ISO 8601 date-time with an explicit zone (`Z` or `±hh:mm`), or undefined.
 * `Date.parse` is not used: it accepts "2025", "March 7" and zone-less local times, none of which
 * HighLevel sends and all of which would make the window mean something else.
 */
export function parseIsoTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.length > 40) return undefined;
	const match = ISO_TIMESTAMP.exec(value.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
	const second = match[6] === undefined ? 0 : Number(match[6]);
	const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
	let offsetMinutes = 0;
	if (match[8] === undefined) {
		const offsetHours = Number(match[10]);
		const offsetMins = Number(match[11]);
		if (offsetHours > 23 || offsetMins > 59) return undefined;
		offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
	}
	const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
	// Date.UTC rolls 31 February over into March; a real date keeps its day.
	if (new Date(utc).getUTCDate() !== day) return undefined;
	return utc - offsetMinutes * 60_000;
}

function toleranceFrom(options: TimestampOptions | undefined): number {
	const tolerance = options?.toleranceMs;
	return typeof tolerance === 'number' && Number.isFinite(tolerance) && tolerance >= 0
		? tolerance
		: DEFAULT_TIMESTAMP_TOLERANCE_MS;
}

function describeMinutes(ms: number): string {
	const minutes = Math.round(ms / 6000) / 10;
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Whether the body's `timestamp` (ISO text) is within the tolerance of `now`, in the past or the
 * future. Missing or unreadable timestamps are refused by default: HighLevel's envelope always
 * carries one, and a body without it cannot be held to any window.
 */
export function checkTimestamp(
	timestamp: unknown,
	now: number,
	options?: TimestampOptions,
): TimestampCheck {
	const tolerance = toleranceFrom(options);
	if (timestamp === undefined || timestamp === null || timestamp === '') {
		return options?.allowMissingTimestamp
			? { ok: true, timestampMs: null }
			: {
					ok: false,
					reason: 'missing-timestamp',
					message: 'The body has no timestamp, so it cannot be checked for replay.',
				};
	}
	const timestampMs = parseIsoTimestamp(timestamp);
	if (timestampMs === undefined) {
		return {
			ok: false,
			reason: 'bad-timestamp',
			message: 'The body timestamp is not an ISO date-time with a time zone.',
		};
	}
	const age = now - timestampMs;
	if (age > tolerance) {
		return {
			ok: false,
			reason: 'stale',
			message: `The delivery was sent ${describeMinutes(age)} ago, more than the ${describeMinutes(tolerance)} allowed.`,
		};
	}
	if (-age > tolerance) {
		return {
			ok: false,
			reason: 'future',
			message: `The delivery is dated ${describeMinutes(-age)} in the future, more than the ${describeMinutes(tolerance)} allowed (check the server clock).`,
		};
	}
	return { ok: true, timestampMs };
}

/**
 * The memory of delivery ids, a JSON value kept in the node's static data. Each id maps to the
 * last moment (epoch ms, inclusive) at which a replay of it could still pass the timestamp check;
 * after it the id can be forgotten. `size` and `nextExpiry` spare a delivery from walking all ids; they are recomputed
 * whenever the ids are walked, so a hand-edited memory heals itself.
 */
export interface WebhookIdMemory {
	forgetAfter: { [webhookId: string]: number };
	size: number;
	/** The smallest `forgetAfter`: until then no id is due to be forgotten. */
	nextExpiry: number;
}

export interface MemoryOptions {
	/** Most ids kept; when full, the ids closest to being forgotten go first. Default 10,000. */
	maxIds?: number;
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function maxIdsFrom(options: MemoryOptions | undefined): number {
	const maxIds = options?.maxIds;
	return typeof maxIds === 'number' && Number.isInteger(maxIds) && maxIds >= 1
		? maxIds
		: DEFAULT_MAX_REMEMBERED_IDS;
}

/** The memory in `staticData`, created (or replaced, if it is not one) in place. */
function memoryIn(staticData: IDataObject): WebhookIdMemory {
	const stored = staticData[WEBHOOK_ID_MEMORY_KEY];
	if (isPlainObject(stored) && isPlainObject(stored.forgetAfter)) {
		const memory = stored as unknown as WebhookIdMemory;
		// Unknown counters force a walk, which recounts them.
		if (!Number.isFinite(memory.size) || !Number.isFinite(memory.nextExpiry)) memory.nextExpiry = 0;
		return memory;
	}
	const fresh: WebhookIdMemory = { forgetAfter: {}, size: 0, nextExpiry: NEVER };
	staticData[WEBHOOK_ID_MEMORY_KEY] = fresh as unknown as IDataObject;
	return staticData[WEBHOOK_ID_MEMORY_KEY] as unknown as WebhookIdMemory;
}

function isUsableWebhookId(webhookId: unknown): webhookId is string {
	return (
		typeof webhookId === 'string' &&
		webhookId !== '' &&
		webhookId.length <= MAX_WEBHOOK_ID_CHARS &&
		webhookId !== '__proto__'
	);
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Forgets expired ids (and anything that is not a time), then recounts. */
function forgetExpired(memory: WebhookIdMemory, now: number): void {
	const ids = memory.forgetAfter;
	let size = 0;
	let nextExpiry = NEVER;
	for (const id of Object.keys(ids)) {
		const forgetAfter = ids[id];
		if (typeof forgetAfter !== 'number' || !(forgetAfter >= now)) {
			delete ids[id];
			continue;
		}
		size++;
		if (forgetAfter < nextExpiry) nextExpiry = forgetAfter;
	}
	memory.size = size;
	memory.nextExpiry = nextExpiry;
}

/**
 * Brings a full memory back under its bound by forgetting the ids closest to expiry. It goes down
 * to 90% of the bound, so that under a flood the sort runs once per tenth of the bound, not on
 * every delivery.
 */
function forgetOldest(memory: WebhookIdMemory, maxIds: number, now: number): void {
	forgetExpired(memory, now);
	if (memory.size <= maxIds) return;
	const ids = memory.forgetAfter;
	const keep = maxIds - Math.floor(maxIds / 10);
	// Pairs, so the sort compares numbers instead of looking ids up in a large dictionary.
	const byExpiry = Object.entries(ids).sort((a, b) => a[1] - b[1]);
	const drop = Math.max(byExpiry.length - keep, 0);
	for (let index = 0; index < drop; index++) delete ids[byExpiry[index][0]];
	memory.size = byExpiry.length - drop;
	memory.nextExpiry = drop < byExpiry.length ? byExpiry[drop][1] : NEVER;
}

/**
 * Records `webhookId` until `forgetAfter` (epoch ms, inclusive) in
 * `staticData[WEBHOOK_ID_MEMORY_KEY]` and says whether it was already there. Mutates `staticData`
 * in place: n8n observes the object that `getWorkflowStaticData('node')` returns and saves it
 * after the webhook call when it changed. Expired ids are forgotten first; then, past `maxIds`,
 * those closest to expiry. A duplicate keeps its first expiry (a replay must not extend its own
 * memory). An id that is not a string of 1 to 256 characters, or is `__proto__` (which would
 * change the memory's prototype instead of adding a key), is `unusable` and changes nothing.
 */
export function rememberWebhookId(
	staticData: IDataObject,
	webhookId: string,
	forgetAfter: number,
	now: number,
	options?: MemoryOptions,
): 'new' | 'duplicate' | 'unusable' {
	if (!isUsableWebhookId(webhookId)) return 'unusable';
	const maxIds = maxIdsFrom(options);
	const memory = memoryIn(staticData);
	if (now >= memory.nextExpiry + EXPIRY_SLACK_MS || memory.size > maxIds) {
		forgetExpired(memory, now);
	}
	// An expired id still lingering (see EXPIRY_SLACK_MS) counts as gone.
	const known = hasOwn(memory.forgetAfter, webhookId);
	if (known && memory.forgetAfter[webhookId] >= now) return 'duplicate';
	// NaN or Infinity would be saved as null; such an id stays until the size bound removes it.
	const until = Number.isFinite(forgetAfter) ? Math.min(forgetAfter, NEVER) : NEVER;
	memory.forgetAfter[webhookId] = until;
	if (!known) memory.size++;
	if (until < memory.nextExpiry) memory.nextExpiry = until;
	if (memory.size > maxIds) forgetOldest(memory, maxIds, now);
	return 'new';
}

export interface ReplayOptions extends TimestampOptions, MemoryOptions {
	/**
	 * Remember each id at least this long (default: the tolerance). Raise it if HighLevel's retries
	 * might carry a fresh timestamp: a retry of an accepted delivery is then still recognised.
	 */
	rememberMs?: number;
	/** Accept a body without `webhookId` (it then cannot be de-duplicated). Default false. */
	allowMissingWebhookId?: boolean;
}

export type ReplayFailureReason =
	| TimestampFailureReason
	| 'missing-webhook-id'
	| 'bad-webhook-id'
	| 'duplicate';

export type ReplayCheck =
	/** `webhookId` is null only when it was missing and that was allowed. */
	| { accepted: true; reason: 'new'; webhookId: string | null }
	| { accepted: false; reason: ReplayFailureReason; message: string };

export interface DeliveryEnvelope {
	webhookId?: unknown;
	timestamp?: unknown;
}

/**
 * The replay verdict for one signed delivery: its `timestamp` must be within the tolerance of
 * `now`, and its `webhookId` must not have been accepted before. An accepted delivery's id is
 * recorded in `staticData` (mutated in place, see `rememberWebhookId`); refused deliveries change
 * nothing but the pruning of expired ids. Never throws. Messages never quote the body.
 */
export function checkReplay(
	staticData: IDataObject,
	delivery: DeliveryEnvelope,
	now: number,
	options?: ReplayOptions,
): ReplayCheck {
	const time = checkTimestamp(delivery.timestamp, now, options);
	if (!time.ok) return { accepted: false, reason: time.reason, message: time.message };

	const webhookId = delivery.webhookId;
	if (webhookId === undefined || webhookId === null || webhookId === '') {
		return options?.allowMissingWebhookId
			? { accepted: true, reason: 'new', webhookId: null }
			: {
					accepted: false,
					reason: 'missing-webhook-id',
					message: 'The body has no webhookId, so a replay of it could not be recognised.',
				};
	}
	if (!isUsableWebhookId(webhookId)) {
		return {
			accepted: false,
			reason: 'bad-webhook-id',
			message: 'The body webhookId is not a delivery id (HighLevel sends a UUID).',
		};
	}

	const tolerance = toleranceFrom(options);
	const rememberMs =
		typeof options?.rememberMs === 'number' &&
		Number.isFinite(options.rememberMs) &&
		options.rememberMs >= 0
			? options.rememberMs
			: tolerance;
	// A replay passes the time check until timestamp + tolerance, which may lie beyond now + tolerance.
	const forgetAfter = Math.min(
		Math.max(now + rememberMs, (time.timestampMs ?? now) + tolerance),
		NEVER,
	);
	if (rememberWebhookId(staticData, webhookId, forgetAfter, now, options) === 'duplicate') {
		return {
			accepted: false,
			reason: 'duplicate',
			message: 'This delivery (its webhookId) was already received; a replay or a retry.',
		};
	}
	return { accepted: true, reason: 'new', webhookId };
}
