import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../helpers/constants';
import { apiVersion, baseUrl, requireId } from '../helpers/validation';
import type { ApiFailure, RequestSubject } from './errors';
import {
	describeHttpFailure,
	describeNetworkFailure,
	describeUnexpectedShape,
	describeUnreadableBody,
} from './errors';
import type { RateLimitHeaders, Ticket } from './rateLimit';
import { RateLimiter, readRateLimitHeaders } from './rateLimit';

export type VoiceAiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface TransportOptions {
	/** Per-attempt timeout. */
	timeoutMs: number;
	/** Retries after the first attempt, for burst 429s, 502/503/504, resets and timeouts. */
	maxRetries: number;
	/** Requests in flight at once, across everything this client does. */
	maxConcurrency: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	timeoutMs: 60_000,
	maxRetries: 3,
	maxConcurrency: 10,
};

export interface VoiceAiRequest {
	path: string;
	qs?: IDataObject;
	subject: RequestSubject;
	itemIndex?: number;
	/** Checks the parsed answer has the expected shape; a mismatch is reported, never retried. */
	expect?: (body: IDataObject) => boolean;
}

/** The credential as the transport needs it, validated. */
export interface ConnectionSettings {
	baseUrl: string;
	locationId: string;
	apiVersion: string;
	/** Only to scrub it from anything HighLevel echoes back; never sent by this code itself. */
	token: string;
}

/**
 * One limiter per HighLevel location (and address), shared by every execution in this n8n process,
 * because HighLevel's burst budget is per location, not per workflow.
 */
const limiters = new Map<string, RateLimiter>();

function limiterFor(settings: ConnectionSettings): RateLimiter {
	const key = `${settings.baseUrl}#${settings.locationId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter({ sleep: async (ms) => await sleep(ms) });
		limiters.set(key, limiter);
	}
	return limiter;
}

/** Exponential backoff with jitter, for failures that carry no hint of when to come back. */
export function backoffMs(attempt: number, random = Math.random): number {
	const base = 250 * 2 ** attempt;
	return Math.min(base + Math.floor(random() * base * 0.5), 10_000);
}

/** How long to wait before retrying a failure of the given kind. */
export function retryDelayMs(
	kind: ApiFailure['retry'],
	attempt: number,
	rateLimit: RateLimitHeaders,
): number {
	if (rateLimit.retryAfterMs !== undefined) return Math.min(rateLimit.retryAfterMs, 60_000);
	if (kind === 'burst' && rateLimit.intervalMs !== undefined) return rateLimit.intervalMs;
	return backoffMs(attempt);
}

interface FullResponse {
	body: unknown;
	headers: IDataObject;
	statusCode: number;
}

/** Reads and checks the credential once per execution; bad settings name the credential field. */
export async function readConnectionSettings(context: VoiceAiContext): Promise<ConnectionSettings> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return {
		baseUrl: baseUrl('Base URL (in the credential)', credentials.baseUrl),
		locationId: requireId(
			'Location ID (in the credential)',
			credentials.locationId,
			'Open the HighLevel Voice AI credential and enter the Location ID of the sub-account the token belongs to (in HighLevel: Settings > Business Profile).',
		),
		apiVersion: apiVersion('API Version (in the credential)', credentials.apiVersion),
		token: typeof credentials.token === 'string' ? credentials.token : '',
	};
}

/**
 * Talks to HighLevel's Voice AI API: authenticates through n8n's credential system, paces
 * requests by HighLevel's rate-limit headers, retries what is worth retrying, and turns every
 * failure into a NodeApiError in plain words. The token never appears in what it throws.
 */
export class VoiceAiClient {
	private readonly limiter: RateLimiter;
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	private constructor(
		private readonly context: VoiceAiContext,
		readonly settings: ConnectionSettings,
		private readonly options: TransportOptions,
	) {
		this.limiter = limiterFor(settings);
	}

	static async connect(
		context: VoiceAiContext,
		options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
	): Promise<VoiceAiClient> {
		// Bad credential fields throw InvalidInputError; the caller turns it into a
		// NodeOperationError that names the field and the item ("[item N]") it stops.
		return new VoiceAiClient(context, await readConnectionSettings(context), options);
	}

	get maxConcurrency(): number {
		return this.options.maxConcurrency;
	}

	/** GET a Voice AI path; resolves with the parsed JSON object HighLevel returned. */
	async get<T>(request: VoiceAiRequest): Promise<T> {
		for (let attempt = 0; ; attempt++) {
			const outcome = await this.withSlot(async () => await this.attempt(request));
			if (!('failure' in outcome)) return outcome.body as T;
			const { failure, rateLimit } = outcome;
			if (failure.retry === 'never' || attempt >= this.options.maxRetries || this.cancelled()) {
				throw this.toNodeApiError(failure, request.itemIndex);
			}
			await sleep(retryDelayMs(failure.retry, attempt, rateLimit));
			// A run stopped during the wait sends nothing more; it ends with the last failure.
			if (this.cancelled()) throw this.toNodeApiError(failure, request.itemIndex);
		}
	}

	/** Bounds requests in flight; waiting for a retry does not hold a slot. */
	private async withSlot<T>(work: () => Promise<T>): Promise<T> {
		if (this.inFlight >= this.options.maxConcurrency) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.inFlight++;
		}
		try {
			return await work();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.inFlight--;
		}
	}

	private cancelled(): boolean {
		const context = this.context as Partial<IExecuteFunctions>;
		return context.getExecutionCancelSignal?.()?.aborted === true;
	}

	private async attempt(
		request: VoiceAiRequest,
	): Promise<{ body: IDataObject } | { failure: ApiFailure; rateLimit: RateLimitHeaders }> {
		const options: IHttpRequestOptions = {
			method: 'GET',
			baseURL: this.settings.baseUrl,
			url: request.path,
			qs: request.qs,
			json: true,
			timeout: this.options.timeoutMs,
			returnFullResponse: true,
			// Every status comes back as a response, so this code alone decides retries and messages
			// (and n8n does not re-send a 401 after re-authenticating).
			ignoreHttpStatusErrors: true,
		};
		const ticket: Ticket = await this.limiter.acquire(
			(this.context as Partial<IExecuteFunctions>).getExecutionCancelSignal?.(),
		);
		let response: FullResponse;
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				options,
			)) as FullResponse;
		} catch (error) {
			const code = networkErrorCode(error);
			if (code === 'ECONNREFUSED') this.limiter.release(ticket);
			else this.limiter.observe(ticket, {});
			return { failure: describeNetworkFailure(code, this.options.timeoutMs), rateLimit: {} };
		}

		const rateLimit = readRateLimitHeaders(response.headers);
		this.limiter.observe(ticket, rateLimit);
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return {
				failure: describeHttpFailure(
					response.statusCode,
					response.body,
					rateLimit,
					request.subject,
				),
				rateLimit,
			};
		}
		const { body } = response;
		if (body === null || typeof body !== 'object' || Array.isArray(body)) {
			return {
				failure: describeUnreadableBody(body, String(response.headers['content-type'] ?? '')),
				rateLimit,
			};
		}
		if (request.expect && !request.expect(body as IDataObject)) {
			return { failure: describeUnexpectedShape(request.subject), rateLimit };
		}
		return { body: body as IDataObject };
	}

	/** Builds the error users see; anything that could echo the token is scrubbed. */
	private toNodeApiError(failure: ApiFailure, itemIndex?: number): NodeApiError {
		const scrub = (text: string) => scrubSecret(text, this.settings.token);
		const message = scrub(failure.message);
		const description = scrub(failure.description);
		// The first argument becomes the error's cause: a plain object, never the HTTP layer's error,
		// whose request config carries the Authorization header.
		return new NodeApiError(
			this.context.getNode(),
			{
				message,
				description,
				...(failure.httpCode && { httpCode: failure.httpCode }),
			} as JsonObject,
			{ message, description, httpCode: failure.httpCode, itemIndex },
		);
	}
}

/** The code of the low-level failure inside whatever n8n's HTTP layer threw. */
function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && current.code) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

export function scrubSecret(text: string, secret: string): string {
	return secret && secret.length >= 4 ? text.split(secret).join('[REDACTED]') : text;
}
