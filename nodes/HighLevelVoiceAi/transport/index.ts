import type { IDataObject, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { MARKETPLACE_APP_CREDENTIAL_TYPE } from '../helpers/constants';
import { containsSecret, scrubDeep, scrubText, secretForms } from '../helpers/secrets';
import type { ByteStream } from './body';
import { isByteStream, nestingDepthExceeds, readBody } from './body';
import type { Authentication, ConnectionSettings, CredentialSource } from './credentials';
import { readConnectionSettings } from './credentials';
import type { ApiFailure, RequestSubject, Scope } from './errors';
import {
	describeCutBody,
	describeHttpFailure,
	describeNetworkFailure,
	describeReconnect,
	describeRedirect,
	describeTooDeep,
	describeTooLarge,
	describeUnexpectedShape,
	describeUnknownOutcome,
	describeUnreadableBody,
} from './errors';
import type { RateLimitHeaders } from './rateLimit';
import { RateLimiter, readRateLimitHeaders } from './rateLimit';
import type { CancelSignal } from './wait';
import { Deadline, waitUnlessCancelled } from './wait';

export type { Authentication, ConnectionSettings } from './credentials';
export type { RequestSubject, Scope } from './errors';

/** What the transport needs of an n8n context: every context that can make requests has it. */
export interface VoiceAiContext extends CredentialSource {
	getNode(): INode;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
	getExecutionCancelSignal?: () => CancelSignal | undefined;
}

export interface TransportOptions {
	/** How long one attempt may take, from sending to the last byte of the answer. */
	timeoutMs: number;
	/** Retries of a read after a 502/503/504, a reset, a cut-off answer or a timeout. */
	maxRetries: number;
	/** Requests in flight at once, across everything this client does. */
	maxConcurrency: number;
	/** How long one request may wait, in all, for HighLevel's rate limit to let it through. */
	maxRateLimitWaitMs: number;
}

export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = {
	timeoutMs: 60_000,
	maxRetries: 3,
	maxConcurrency: 10,
	maxRateLimitWaitMs: 300_000,
};

/** Larger answers are refused: a page of 50 long call logs is a few MB. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Error answers are only read for their message. */
const MAX_ERROR_BODY_BYTES = 256 * 1024;
/** Call logs nest about 6 levels deep; nothing HighLevel sends comes near this. */
export const MAX_JSON_DEPTH = 100;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface VoiceAiRequest {
	method?: HttpMethod;
	path: string;
	qs?: IDataObject;
	/** Sent as JSON. */
	body?: IDataObject;
	/**
	 * HighLevel wants the location as a `locationId` query parameter on almost every request; an
	 * update of an agent action carries it in its body instead.
	 */
	locationInQuery?: boolean;
	/** The OAuth scope the request needs, so a 401/403 can name it. */
	scope: Scope;
	subject: RequestSubject;
	itemIndex?: number;
	/**
	 * Checks the parsed answer: undefined when it is usable, otherwise what is wrong with it, or
	 * NOT_THE_SUBJECT when it simply does not contain what was asked for.
	 */
	check?: (body: IDataObject) => string | undefined;
	/** The Accept header; JSON unless a binary answer is asked for. */
	accept?: string;
}

/** What `check` returns for an answer that does not contain the request's subject at all. */
export const NOT_THE_SUBJECT = '';

/** A binary answer (a call recording). */
export interface BinaryAnswer {
	bytes: Uint8Array;
	contentType?: string;
	contentDisposition?: string;
}

interface BinaryRequest extends Omit<VoiceAiRequest, 'check' | 'body'> {
	maxBytes: number;
}

/** What a binary request accepts: any type (recordings come as audio), errors still as JSON. */
const BINARY_ACCEPT = '*/*';

/**
 * One limiter per HighLevel location (and address), shared by every execution in this n8n process,
 * because HighLevel's burst budget is per location, not per workflow.
 */
const limiters = new Map<string, RateLimiter>();
/** A limiter nobody used for this long holds nothing worth keeping. */
const LIMITER_IDLE_MS = 15 * 60_000;

function limiterFor(settings: ConnectionSettings): RateLimiter {
	const key = `${settings.baseUrl}#${settings.locationId}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		const now = Date.now();
		for (const [otherKey, other] of limiters) {
			if (now - other.lastActivityAt > LIMITER_IDLE_MS) limiters.delete(otherKey);
		}
		limiter = new RateLimiter({ sleep: async (ms) => void (await waitUnlessCancelled(ms)) });
		limiters.set(key, limiter);
	}
	return limiter;
}

/** Exponential backoff with jitter, for failures that carry no hint of when to come back. */
export function backoffMs(attempt: number, random = Math.random): number {
	const base = 250 * 2 ** attempt;
	return Math.min(base + Math.floor(random() * base * 0.5), 10_000);
}

/** A read that failed is tried again after at most this long, whatever Retry-After says. */
export const MAX_TRANSIENT_WAIT_MS = 10_000;

/**
 * How long to wait before retrying a failure of the given kind (headers arrive clamped). A burst
 * 429 waits what the server asks (the patience deadline bounds the sum); anything else waits its
 * backoff or Retry-After, at most MAX_TRANSIENT_WAIT_MS.
 */
export function retryDelayMs(
	kind: ApiFailure['retry'],
	attempt: number,
	rateLimit: RateLimitHeaders,
): number {
	if (kind === 'burst') return rateLimit.retryAfterMs ?? rateLimit.intervalMs ?? backoffMs(attempt);
	return Math.min(rateLimit.retryAfterMs ?? backoffMs(attempt), MAX_TRANSIENT_WAIT_MS);
}

interface FullResponse {
	body: unknown;
	headers: IDataObject;
	statusCode: number;
}

type Answer = { status: number; headers: IDataObject; bytes: Uint8Array };
type Outcome<T> = { ok: T } | { failure: ApiFailure; rateLimit: RateLimitHeaders };

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/**
 * Talks to HighLevel's Voice AI API: authenticates through n8n's credential system, paces
 * requests by HighLevel's rate-limit headers, bounds every wait and every read, retries reads that
 * are worth retrying (never a write whose outcome is unknown), and turns every failure into a
 * NodeApiError in plain words. The token never appears in what it returns or throws.
 */
export class VoiceAiClient {
	private readonly limiter: RateLimiter;
	private readonly secretForms: string[];
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	private constructor(
		private readonly context: VoiceAiContext,
		readonly settings: ConnectionSettings,
		private readonly options: TransportOptions,
	) {
		this.limiter = limiterFor(settings);
		this.secretForms = settings.secrets.flatMap(secretForms).sort((a, b) => b.length - a.length);
		this.isOAuth2 = settings.credentialType === MARKETPLACE_APP_CREDENTIAL_TYPE;
	}

	private readonly isOAuth2: boolean;

	static async connect(
		context: VoiceAiContext,
		options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS,
		authentication: Authentication = 'privateIntegrationToken',
	): Promise<VoiceAiClient> {
		// Bad credential fields throw InvalidInputError; the caller turns it into a
		// NodeOperationError that names the field and the item ("[item N]") it stops.
		const settings = await readConnectionSettings(context, authentication);
		return new VoiceAiClient(context, settings, options);
	}

	get maxConcurrency(): number {
		return this.options.maxConcurrency;
	}

	/** Sends a request and resolves with the JSON object HighLevel answered (`{}` for a 204). */
	async request<T extends IDataObject = IDataObject>(request: VoiceAiRequest): Promise<T> {
		return (await this.send(request, async (answer) => this.readJson(request, answer))) as T;
	}

	/** GETs a binary answer (a recording), bounded by `maxBytes`. */
	async requestBinary(request: BinaryRequest): Promise<BinaryAnswer> {
		return await this.send(
			{ ...request, method: 'GET', accept: BINARY_ACCEPT },
			async (answer) => ({
				ok: {
					bytes: answer.bytes,
					contentType: header(answer.headers, 'content-type'),
					contentDisposition: header(answer.headers, 'content-disposition'),
				},
			}),
			request.maxBytes,
		);
	}

	/** A NodeApiError for a failure found outside the transport (e.g. paging that does not add up). */
	error(failure: ApiFailure, itemIndex?: number): NodeApiError {
		return this.toNodeApiError(failure, itemIndex);
	}

	private async send<T>(
		request: VoiceAiRequest,
		interpret: (answer: Answer) => Promise<Outcome<T>>,
		maxBytes = MAX_RESPONSE_BYTES,
	): Promise<T> {
		const isWrite = (request.method ?? 'GET') !== 'GET';
		const rateLimitDeadline = new Deadline(this.options.maxRateLimitWaitMs);
		for (let attempt = 0; ; attempt++) {
			const outcome = await this.withSlot(
				async () => await this.attempt(request, rateLimitDeadline, maxBytes, interpret),
			);
			if ('ok' in outcome) return outcome.ok;
			let { failure } = outcome;
			if (isWrite && failure.retry === 'transient') {
				failure = describeUnknownOutcome(failure, request.subject);
			}
			const delay = retryDelayMs(failure.retry, attempt, outcome.rateLimit);
			const giveUp =
				failure.retry === 'never' ||
				(failure.retry === 'transient' && attempt >= this.options.maxRetries) ||
				// A burst 429 means "wait your turn": bounded by the patience, not by a count.
				(failure.retry === 'burst' && delay > rateLimitDeadline.remaining());
			if (giveUp || this.cancelled()) throw this.toNodeApiError(failure, request.itemIndex);
			// A run stopped during the wait sends nothing more; it ends with the last failure.
			if (!(await waitUnlessCancelled(delay, this.cancelSignal()))) {
				throw this.toNodeApiError(failure, request.itemIndex);
			}
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

	private cancelSignal(): CancelSignal | undefined {
		return this.context.getExecutionCancelSignal?.();
	}

	private cancelled(): boolean {
		return this.cancelSignal()?.aborted === true;
	}

	private async attempt<T>(
		request: VoiceAiRequest,
		rateLimitDeadline: Deadline,
		maxBytes: number,
		interpret: (answer: Answer) => Promise<Outcome<T>>,
	): Promise<Outcome<T>> {
		const method = request.method ?? 'GET';
		const options: IHttpRequestOptions = {
			method,
			baseURL: this.settings.baseUrl,
			url: request.path,
			qs: {
				...request.qs,
				...(request.locationInQuery !== false && { locationId: this.settings.locationId }),
			},
			headers: { Version: this.settings.apiVersion, Accept: request.accept ?? 'application/json' },
			...(request.body !== undefined && { body: request.body, json: true }),
			// The body is read here, bounded in size and time, not by the HTTP layer.
			encoding: 'stream',
			timeout: this.options.timeoutMs,
			returnFullResponse: true,
			// Every status comes back as a response, so this code alone decides retries and messages;
			// except a 401 with OAuth2: n8n renews the access token only when its helper throws on one.
			ignoreHttpStatusErrors: this.isOAuth2 ? { ignore: true, except: [401] } : true,
			// HighLevel's API never redirects; a redirect is reported, never followed with the token.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		const ticket = await this.limiter.acquire(Date.now() + rateLimitDeadline.remaining(), () =>
			this.cancelled(),
		);
		if (!ticket) {
			return {
				failure: {
					retry: 'never',
					httpCode: '429',
					message: `HighLevel's rate limit did not leave room for the request within ${Math.round(this.options.maxRateLimitWaitMs / 1000)} seconds`,
					description:
						'Other executions, workflows or apps are using this location’s HighLevel budget (100 requests per 10 seconds). Raise "Max Wait for Rate Limit (Ms)" in the node options, or run the workflow when it is quieter.',
				},
				rateLimit: {},
			};
		}

		const deadline = new Deadline(this.options.timeoutMs);
		const expired = deadline.expiry('expired' as const);
		const sending = (
			this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				this.settings.credentialType,
				options,
			) as Promise<FullResponse>
		).then(
			(response) => ({ response }),
			(error: unknown) => ({ error }),
		);
		const sent = await Promise.race([sending, expired]);
		if (sent === 'expired') {
			// Whatever comes later is dropped: its connection is closed as soon as it exists.
			void sending.then((late) => {
				if ('response' in late && isByteStream(late.response?.body)) late.response.body.destroy();
			});
			this.limiter.observe(ticket, {});
			return {
				failure: describeNetworkFailure('ETIMEDOUT', this.options.timeoutMs),
				rateLimit: {},
			};
		}
		let response: FullResponse;
		if ('error' in sent) {
			// An answer n8n's helper threw on (a 401 that the OAuth2 renewal did not cure) is still an
			// answer: read it like any other, so its message and the scope it names reach the user.
			const answered = responseInside(sent.error);
			if (!answered) {
				const code = networkErrorCode(sent.error);
				if (code === 'ECONNREFUSED') this.limiter.release(ticket);
				else this.limiter.observe(ticket, {});
				const failure = needsReconnect(sent.error)
					? describeReconnect()
					: describeNetworkFailure(code, this.options.timeoutMs);
				return { failure, rateLimit: {} };
			}
			response = answered;
		} else {
			response = sent.response;
		}

		const headers = response.headers ?? {};
		const rateLimit = readRateLimitHeaders(headers);
		const status = response.statusCode;
		// A 429 was not counted by HighLevel: it holds no slot, and says the window is full.
		this.limiter.observe(ticket, rateLimit, status === 429);
		if (status >= 300 && status < 400) {
			if (isByteStream(response.body)) response.body.destroy();
			const requestUrl = `${this.settings.baseUrl}${request.path}`;
			return {
				failure: describeRedirect(status, header(headers, 'location'), requestUrl),
				rateLimit,
			};
		}
		const isSuccess = status >= 200 && status < 300;
		const read = await this.readAll(
			response.body,
			isSuccess ? maxBytes : MAX_ERROR_BODY_BYTES,
			expired,
		);
		// An error answer whose body could not be read still says what happened by its status.
		if ('failure' in read && isSuccess) return { failure: read.failure, rateLimit };
		const bytes = 'bytes' in read ? read.bytes : new Uint8Array();
		if (!isSuccess) {
			// Scrubbed whole, before any of it is parsed or cut short for a message: a token cut in two
			// by a truncation would no longer be recognisable.
			const text = scrubText(new TextDecoder().decode(bytes), this.secretForms);
			return {
				failure: describeHttpFailure(status, parseJsonOrText(text), rateLimit, request),
				rateLimit,
			};
		}
		return await interpret({ status, headers, bytes }).then((outcome) =>
			'failure' in outcome ? { ...outcome, rateLimit } : outcome,
		);
	}

	/** The whole body as bytes, or why it could not be read. */
	private async readAll(
		body: unknown,
		maxBytes: number,
		expired: Promise<'expired'>,
	): Promise<{ bytes: Uint8Array } | { failure: ApiFailure }> {
		if (!isByteStream(body)) {
			// Older n8n versions may hand over a buffer or text instead of a stream.
			if (body instanceof Uint8Array) return { bytes: body };
			if (typeof body === 'string') return { bytes: new TextEncoder().encode(body) };
			if (body === undefined || body === null) return { bytes: new Uint8Array() };
			return { bytes: new TextEncoder().encode(JSON.stringify(body)) };
		}
		const result = await readBody(body as ByteStream, maxBytes, expired);
		switch (result.kind) {
			case 'complete':
				return { bytes: result.bytes };
			case 'tooLarge':
				return { failure: describeTooLarge(result.limit) };
			case 'timeout':
				return { failure: describeNetworkFailure('ETIMEDOUT', this.options.timeoutMs) };
			default:
				return { failure: describeCutBody(result.received) };
		}
	}

	/** A success answer as the JSON object the endpoint documents. */
	private async readJson(request: VoiceAiRequest, answer: Answer): Promise<Outcome<IDataObject>> {
		const text = new TextDecoder().decode(answer.bytes);
		if (text.trim() === '') {
			// 201/204 without a body are normal for writes; a read needs its data, even on a 204.
			if ((request.method ?? 'GET') !== 'GET') return { ok: {} };
			return {
				failure: describeUnreadableBody('', header(answer.headers, 'content-type')),
				rateLimit: {},
			};
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			return {
				failure: describeUnreadableBody(text, header(answer.headers, 'content-type')),
				rateLimit: {},
			};
		}
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
			return { failure: describeUnexpectedShape(request.subject), rateLimit: {} };
		}
		if (nestingDepthExceeds(parsed, MAX_JSON_DEPTH)) {
			return { failure: describeTooDeep(MAX_JSON_DEPTH), rateLimit: {} };
		}
		let body = parsed as IDataObject;
		// An answer that echoes the token (in any encoding) must not carry it into the workflow.
		if (containsSecret(text, this.secretForms)) body = scrubDeep(body, this.secretForms);
		const problem = request.check?.(body);
		if (problem !== undefined) {
			return {
				failure: describeUnexpectedShape(request.subject, problem || undefined),
				rateLimit: {},
			};
		}
		return { ok: body };
	}

	/** Builds the error users see; anything that could echo the token is scrubbed. */
	private toNodeApiError(failure: ApiFailure, itemIndex?: number): NodeApiError {
		const message = scrubText(failure.message, this.secretForms);
		const description = scrubText(failure.description, this.secretForms);
		// The first argument becomes the error's cause: a plain object, never the HTTP layer's error,
		// whose request config carries the Authorization header.
		const error = new NodeApiError(
			this.context.getNode(),
			{
				message,
				description,
				...(failure.httpCode && { httpCode: failure.httpCode }),
			} as JsonObject,
			{ message, description, httpCode: failure.httpCode, itemIndex },
		);
		// So that a caller can tell "there is none" from a failure (see ApiFailure.reason).
		if (failure.reason) error.context.reason = failure.reason;
		return error;
	}
}

function parseJsonOrText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The HTTP answer inside whatever n8n's HTTP layer threw (an axios error's `response`), if any. */
function responseInside(error: unknown): FullResponse | undefined {
	let current = error as { response?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const response = current.response as
			| { status?: unknown; headers?: unknown; data?: unknown }
			| undefined;
		if (response && typeof response.status === 'number') {
			return {
				statusCode: response.status,
				headers: (response.headers ?? {}) as IDataObject,
				body: response.data,
			};
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * n8n could not renew an OAuth2 access token: HighLevel refused the refresh token (revoked,
 * expired, app uninstalled), which n8n reports as a credential that "needs to be reconnected".
 */
function needsReconnect(error: unknown): boolean {
	let current = error as { message?: unknown; cause?: unknown; body?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		const message = typeof current.message === 'string' ? current.message : '';
		const body = current.body as { error?: unknown } | undefined;
		if (/needs to be reconnected|invalid_grant/i.test(message) || body?.error === 'invalid_grant') {
			return true;
		}
		current = current.cause as typeof current;
	}
	return false;
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
