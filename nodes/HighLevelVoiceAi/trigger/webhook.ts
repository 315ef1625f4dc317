import type { KeyObject } from 'crypto';
import type { IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readOutputSettings } from '../descriptions/callLogOutput';
import type { DeliveryFilters } from '../descriptions/webhookTrigger';
import { readDeliveryFilters } from '../descriptions/webhookTrigger';
import type { CallLogItemSettings } from '../helpers/callLog';
import type { ParameterReader } from '../helpers/interfaces';
import { booleanValue, integerInRange, InvalidInputError } from '../helpers/validation';
import { callLogItems } from '../output/callLogItems';
import { checkReplay } from './webhookReplay';
import type { ReplayFailureReason } from './webhookReplay';
import { deliveryFields, parseWebhookBody } from './webhookPayload';
import {
	resolveWebhookPublicKey,
	SIGNATURE_HEADER,
	verifyWebhookSignature,
} from './webhookSignature';

/**
 * The VoiceAiCallEnd webhook trigger: one POST per ended call, from every location that installed
 * the user's Marketplace app. Each delivery goes through, in this order:
 *
 * 1. the signature (Ed25519 over the raw bytes): missing or wrong → 401, nothing else is read;
 * 2. the body (size, JSON, depth) and the filters (event type, location, agent): a body no
 *    HighLevel delivery would have → 400; a valid delivery this trigger does not want → 200;
 * 3. the items, made as Call Log → Get makes them;
 * 4. the replay check, which remembers the webhookId in the node's static data: a delivery seen
 *    before, or dated outside the tolerance → 200 (a 2xx ends HighLevel's retries and counts as a
 *    success for its circuit breaker, which pauses URLs that fail too often).
 *
 * Only then is the workflow started. Nothing can fail after step 4: once its id is remembered, a
 * failed delivery would come back as a retry, be taken for a duplicate, and the call would be lost.
 */

export interface WebhookSettings {
	/** The key that checks signatures; null when the user chose to skip the check. */
	publicKey: KeyObject | null;
	toleranceMs: number;
	filters: DeliveryFilters;
	output: CallLogItemSettings;
}

const PUBLIC_KEY_HINT =
	'Leave Public Key empty to use the key HighLevel publishes, or paste the Ed25519 public key from HighLevel’s announcement (not the legacy RSA key).';

/**
 * Every parameter the trigger uses, validated; throws `InvalidInputError` for the first bad one.
 * Read in full before a delivery is looked at, so that a configuration mistake never leaves a
 * delivery half-handled.
 */
export function readWebhookSettings(parameter: ParameterReader): WebhookSettings {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	const skip = booleanValue(
		'Skip Signature Verification',
		options.skipSignatureVerification ?? false,
	);
	let publicKey: KeyObject | null = null;
	if (!skip) {
		const resolved = resolveWebhookPublicKey(options.publicKey);
		if (!resolved.ok) throw new InvalidInputError('Public Key', resolved.error, PUBLIC_KEY_HINT);
		publicKey = resolved.key;
	}
	const minutes = integerInRange(
		'Timestamp Tolerance (Minutes)',
		options.timestampToleranceMinutes ?? 5,
		1,
		1440,
	);
	const output = readOutputSettings(parameter);
	if (output.whenNoActions === 'error') {
		throw new InvalidInputError(
			'When a Call Has No Actions',
			'When a Call Has No Actions cannot stop with an error in a trigger',
			'HighLevel has already delivered the call: choose to output one item for the call, or nothing.',
		);
	}
	return {
		publicKey,
		toleranceMs: minutes * 60_000,
		filters: readDeliveryFilters(parameter),
		output,
	};
}

/** The settings, or the parameter error n8n shows (on activation, or on the failed delivery). */
function settingsOf(context: IWebhookFunctions | IHookFunctions): WebhookSettings {
	try {
		return readWebhookSettings((name, fallback) => context.getNodeParameter(name, fallback));
	} catch (error) {
		if (error instanceof InvalidInputError) {
			throw new NodeOperationError(context.getNode(), error.message, { description: error.hint });
		}
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/**
 * `webhookMethods.default.create`. HighLevel has no API to subscribe a URL (the user pastes it into
 * the Marketplace app), so nothing is registered anywhere. What it does do: read the settings, so
 * that an unusable Public Key or filter fails the activation, where the user sees it, instead of
 * every delivery.
 */
export async function checkWebhookSettings(this: IHookFunctions): Promise<boolean> {
	settingsOf(this);
	return true;
}

/** What the trigger reads of n8n's request: the headers, and the bytes HighLevel signed. */
interface DeliveryRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: unknown;
}

/** The part of n8n's (Express) response this trigger writes. */
interface PlainResponse {
	statusCode: number;
	setHeader(name: string, value: string): unknown;
	end(body: string): unknown;
}

/** n8n's body parser keeps the request's bytes (decompressed) as `rawBody`, a Buffer. */
function rawBodyOf(request: DeliveryRequest): Buffer | Uint8Array | string | undefined {
	const raw = request.rawBody;
	return raw instanceof Uint8Array || typeof raw === 'string' ? raw : undefined;
}

type LogLevel = 'debug' | 'info' | 'warn';

/**
 * Answers the delivery here and starts nothing. The text is a short plain reason for HighLevel's
 * webhook logs; it never quotes the body.
 */
function answer(
	context: IWebhookFunctions,
	status: number,
	reason: string,
	level: LogLevel,
): IWebhookResponseData {
	context.logger[level](`HighLevel VoiceAiCallEnd delivery answered ${status}: ${reason}`, {
		node: context.getNode().name,
		workflowId: context.getWorkflow().id,
	});
	const response = context.getResponseObject() as unknown as PlainResponse;
	response.statusCode = status;
	response.setHeader('Content-Type', 'text/plain; charset=utf-8');
	response.end(reason);
	return { noWebhookResponse: true };
}

/**
 * Replays (seen before, too old, dated in the future) are authentic deliveries this trigger chose
 * not to run again: 200. A signed body without a usable timestamp or webhookId is not a delivery
 * HighLevel sends: 400, so that it shows as failed in the app's webhook logs.
 */
const ACKNOWLEDGED_REPLAYS: readonly ReplayFailureReason[] = ['duplicate', 'stale', 'future'];

/** `webhook()`: one VoiceAiCallEnd delivery, in the order described at the top of this file. */
export async function receiveCallEnd(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = settingsOf(this);
	const request = this.getRequestObject() as unknown as DeliveryRequest;
	const rawBody = rawBodyOf(request);

	if (settings.publicKey) {
		const signature = verifyWebhookSignature(
			rawBody,
			request.headers[SIGNATURE_HEADER],
			settings.publicKey,
		);
		if (!signature.valid) return answer(this, 401, signature.message, 'warn');
	}

	const payload = parseWebhookBody(rawBody, settings.filters);
	if (payload.outcome === 'reject') return answer(this, 400, payload.message, 'warn');
	if (payload.outcome === 'ignore')
		return answer(this, 200, `Ignored. ${payload.message}`, 'debug');

	// Made before the delivery is accepted (see the top of this file); their notes wait until then.
	const notes: string[] = [];
	// An action item carries only the call's context; the delivery fields are added to each (a call
	// item already has them, as fields of the call).
	const items = callLogItems(
		{ logger: { warn: (message: string) => notes.push(message) } },
		payload.callLog,
		settings.output,
		() => deliveryFields(payload.envelope),
	);

	const replay = checkReplay(this.getWorkflowStaticData('node'), payload.envelope, Date.now(), {
		toleranceMs: settings.toleranceMs,
	});
	if (!replay.accepted) {
		return ACKNOWLEDGED_REPLAYS.includes(replay.reason)
			? answer(
					this,
					200,
					`Not started. ${replay.message}`,
					replay.reason === 'duplicate' ? 'info' : 'warn',
				)
			: answer(this, 400, replay.message, 'warn');
	}

	for (const note of notes) this.logger.warn(note);
	if (items.length === 0) {
		return answer(
			this,
			200,
			'Received. The call has no matching executed actions, so nothing was started.',
			'info',
		);
	}
	return { workflowData: [items] };
}
