import type { IDataObject } from 'n8n-workflow';

import type { CallLog } from '../helpers/interfaces';

/** The only Voice AI event HighLevel sends to an app's webhook URL. */
export const VOICE_AI_CALL_END = 'VoiceAiCallEnd';

/** A call's JSON is a few hundred kB at most (transcript included); this refuses abuse, not calls. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Deeper JSON than this is refused before anything walks it: the redaction and n8n's own copies
 * recurse, and a body of ten thousand `[` would overflow their stack. Real call payloads nest
 * about six levels (actionParameters inside actions inside the call).
 */
export const MAX_BODY_DEPTH = 64;

/** The delivery fields of HighLevel's webhook envelope, common to every event type. */
export interface WebhookEnvelope extends IDataObject {
	type: string;
	webhookId: string | null;
	timestamp: string | null;
	appId: string | null;
	versionId: string | null;
	locationId: string | null;
}

/**
 * A `VoiceAiCallEnd` call in the REST call-log shape, ready for `callLogToItems`: every call
 * field as sent, each action's `_id` also as `actionId`, plus `locationId` (a call field the REST
 * log lacks) and `webhook`, the delivery's envelope. It has no `isAgentDeleted`, which the webhook
 * does not send, and `translation` stays `{ transcript, language }` as the webhook sends it.
 */
export interface WebhookCallLog extends CallLog {
	locationId?: string;
	webhook: WebhookEnvelope;
}

export interface PayloadOptions {
	/** Bodies larger than this many bytes are refused. Default 5 MB. */
	maxBytes?: number;
	/** Only these sub-accounts; empty or absent accepts every location. */
	locationIds?: readonly string[];
	/** Only these agents; empty or absent accepts every agent. */
	agentIds?: readonly string[];
	/** Only deliveries for these Marketplace apps; empty or absent accepts every app. */
	appIds?: readonly string[];
}

export type PayloadRejectReason =
	| 'too-large'
	| 'not-json'
	| 'not-object'
	| 'too-deep'
	| 'no-call-id';
export type PayloadIgnoreReason = 'other-event' | 'other-location' | 'other-agent' | 'other-app';

/**
 * - `accept`: start the workflow with `callLog` (answer 200).
 * - `ignore`: a valid delivery this trigger does not want; answer 200 so HighLevel does not retry,
 *   and start nothing.
 * - `reject`: a body no HighLevel delivery would have; answer 400 (413 suits `too-large`).
 * `message` is plain words for a log line; it never quotes the body.
 */
export type PayloadCheck =
	| { outcome: 'accept'; callLog: WebhookCallLog; envelope: WebhookEnvelope }
	| { outcome: 'ignore'; reason: PayloadIgnoreReason; message: string }
	| { outcome: 'reject'; reason: PayloadRejectReason; message: string };

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function textOrNull(value: unknown): string | null {
	return typeof value === 'string' ? value : null;
}

/** Whether `value` nests deeper than `limit`, found without recursion and without a full walk past it. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop()!;
		if (current === null || typeof current !== 'object') continue;
		if (depth >= limit) return true;
		const children = Array.isArray(current) ? current : Object.values(current as IDataObject);
		for (const child of children) {
			if (child !== null && typeof child === 'object')
				stack.push({ value: child, depth: depth + 1 });
		}
	}
	return false;
}

function reject(reason: PayloadRejectReason, message: string): PayloadCheck {
	return { outcome: 'reject', reason, message };
}

function ignore(reason: PayloadIgnoreReason, message: string): PayloadCheck {
	return { outcome: 'ignore', reason, message };
}

function byteLimitFrom(options: PayloadOptions | undefined): number {
	const limit = options?.maxBytes;
	return typeof limit === 'number' && Number.isFinite(limit) && limit > 0
		? limit
		: DEFAULT_MAX_BODY_BYTES;
}

/** An empty or absent list filters nothing; blank entries are not ids. */
function passes(filter: readonly string[] | undefined, value: unknown): boolean {
	const wanted = (filter ?? []).filter((id) => typeof id === 'string' && id.trim() !== '');
	if (wanted.length === 0) return true;
	return typeof value === 'string' && wanted.some((id) => id.trim() === value);
}

const ENVELOPE_ONLY_FIELDS = ['type', 'webhookId', 'timestamp', 'appId', 'versionId'] as const;

/** `_id` is the webhook's name for the REST `actionId`; both stay so either expression works. */
function withActionIds(actions: unknown): unknown {
	if (!Array.isArray(actions)) return actions;
	return actions.map((action: unknown) =>
		isPlainObject(action) && action.actionId === undefined && typeof action._id === 'string'
			? { ...action, actionId: action._id }
			: action,
	);
}

/**
 * Checks an already parsed webhook body and, for a wanted `VoiceAiCallEnd`, returns it in the
 * call-log shape (see `WebhookCallLog`). Order: shape, event type, app, location, agent, depth,
 * call id (so an unwanted delivery is never walked). Never throws and never modifies `body`.
 */
export function checkWebhookPayload(body: unknown, options?: PayloadOptions): PayloadCheck {
	if (!isPlainObject(body)) {
		const kind = Array.isArray(body) ? 'a list' : body === null ? 'null' : `a ${typeof body}`;
		return reject('not-object', `The body is ${kind}, not a JSON object.`);
	}
	if (body.type !== VOICE_AI_CALL_END) {
		const what = typeof body.type === 'string' ? 'another event type' : 'no event type';
		return ignore('other-event', `The delivery has ${what}, not ${VOICE_AI_CALL_END}.`);
	}
	if (!passes(options?.appIds, body.appId)) {
		return ignore('other-app', 'The delivery is for an app not in the App IDs filter.');
	}
	if (!passes(options?.locationIds, body.locationId)) {
		return ignore('other-location', 'The call is from a location not in the Location IDs filter.');
	}
	if (!passes(options?.agentIds, body.agentId)) {
		return ignore('other-agent', 'The call is from an agent not in the Agent IDs filter.');
	}
	if (nestsDeeperThan(body, MAX_BODY_DEPTH)) {
		return reject('too-deep', `The body nests deeper than ${MAX_BODY_DEPTH} levels.`);
	}
	if (typeof body.id !== 'string' || body.id === '') {
		return reject('no-call-id', 'The VoiceAiCallEnd delivery has no call id.');
	}

	const envelope: WebhookEnvelope = {
		type: VOICE_AI_CALL_END,
		webhookId: textOrNull(body.webhookId),
		timestamp: textOrNull(body.timestamp),
		appId: textOrNull(body.appId),
		versionId: textOrNull(body.versionId),
		locationId: textOrNull(body.locationId),
	};
	// Spread, not Object.assign: an own "__proto__" key from JSON.parse must stay a plain field.
	const call: IDataObject = { ...body };
	for (const field of ENVELOPE_ONLY_FIELDS) delete call[field];
	if ('executedCallActions' in call) {
		call.executedCallActions = withActionIds(call.executedCallActions) as IDataObject[];
	}
	call.webhook = { ...envelope };
	return { outcome: 'accept', callLog: call as WebhookCallLog, envelope };
}

/**
 * The delivery fields to add to each output item in the node's per-action output, whose items
 * carry only the splitter's call context: `{ locationId, webhook }`, the same two fields the whole
 * call log (`WebhookCallLog`) has. A fresh object each call, safe to merge into items.
 */
export function deliveryFields(envelope: WebhookEnvelope): IDataObject {
	return { locationId: envelope.locationId, webhook: { ...envelope } };
}

/**
 * Parses the raw request body (the signed bytes; a string is taken as their text) and checks it
 * with `checkWebhookPayload`. The size is checked before anything is decoded. Never throws.
 */
export function parseWebhookBody(
	rawBody: Buffer | Uint8Array | string | undefined,
	options?: PayloadOptions,
): PayloadCheck {
	const limit = byteLimitFrom(options);
	let text: string;
	if (typeof rawBody === 'string') {
		// A JS string never has more UTF-8 bytes than 3 per UTF-16 unit: skip the count when small.
		const bytes = rawBody.length * 3 <= limit ? 0 : Buffer.byteLength(rawBody, 'utf8');
		if (bytes > limit) return reject('too-large', tooLarge(bytes, limit));
		text = rawBody;
	} else if (rawBody instanceof Uint8Array) {
		if (rawBody.byteLength > limit) return reject('too-large', tooLarge(rawBody.byteLength, limit));
		text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString('utf8');
	} else {
		return reject('not-json', 'The request has no body.');
	}
	// Some senders prefix a byte-order mark, which JSON.parse refuses.
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return reject('not-json', 'The body is not valid JSON.');
	}
	return checkWebhookPayload(body, options);
}

function tooLarge(bytes: number, limit: number): string {
	return `The body is ${bytes} bytes, more than the ${limit} allowed.`;
}
