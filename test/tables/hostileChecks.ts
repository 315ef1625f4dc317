import { generateKeyPairSync, sign } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeListSearchResult } from 'n8n-workflow';

import type {
	BoundedOutcome,
	Hostile,
	HostileRequest,
	PageListing,
	Plan,
	ResponseSpec,
} from '../harness/hostile';
import {
	messageIdOf,
	OTHER_ORIGIN_MARKER,
	perKey,
	runBounded,
	SANE_RATE_LIMIT_HEADERS,
	secretForms,
} from '../harness/hostile';
import type { PollResult, RunResult, StaticDataStore, WebhookOutcome } from '../harness/n8n';
import { runListSearch, runNode, runPoll, runWebhook } from '../harness/n8n';
import type { LogEntry } from './captureLogs';
import type {
	Draw,
	GetDraw,
	GetManyDraw,
	ListSearchDraw,
	PollDraw,
	RecordDraw,
	WebhookDelivery,
	WebhookDraw,
} from './hostileArbitraries';
import { boundMs, recordAnswer, recordKey } from './hostileArbitraries';

/** The credential's token: with +, / and = so that its URL-encoded and base64 forms differ. */
export const HOSTILE_CANARY = 'pit-HOSTILE+canary/42=tok';
/** Every form of it that must never come back, and pieces of it (an echo cut short). */
export const SECRETS = [...secretForms(HOSTILE_CANARY), 'HOSTILE+canary', 'canary/42=tok'];

/** Raw JavaScript or HTTP-library wording: never what a user should read. */
const RAW_ERROR_TEXT: Array<[string, RegExp]> = [
	['"Cannot read properties"', /Cannot (read|set) propert/i],
	['"Invalid array length"', /Invalid array length/i],
	['"Maximum call stack"', /Maximum call stack/i],
	['a JavaScript error name', /\b(TypeError|RangeError|SyntaxError|ReferenceError|AxiosError)\b/],
	['"[object Object]"', /\[object Object\]/],
	['"undefined" or "NaN"', /\bundefined\b|\bNaN\b/],
	[
		'a JavaScript runtime phrase',
		/is not a function|is not iterable|Unexpected token|Unexpected end of JSON|in JSON at position/i,
	],
	[
		'a low-level error code',
		/\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|Z_DATA_ERROR|Z_BUF_ERROR|ERR_[A-Z_]+)\b/,
	],
	[
		'an HTTP library message',
		/Request failed with status code|socket hang up|Maximum number of redirects/i,
	],
	['a stack trace', /\n\s+at |\bat [^\s()]+ \([^)]*:\d+:\d+\)/],
];

/** What is wrong with a user-facing error text, if anything. */
export function rawTextProblems(label: string, text: unknown, required: boolean): string[] {
	if (text === undefined || text === null) return required ? [`${label} is missing`] : [];
	if (typeof text !== 'string') return [`${label} is not text but ${typeof text}`];
	if (required && text.trim() === '') return [`${label} is empty`];
	return RAW_ERROR_TEXT.filter(([, pattern]) => pattern.test(text)).map(
		([what]) => `${label} contains ${what}: ${JSON.stringify(text.slice(0, 300))}`,
	);
}

/** JSON of anything, cycles cut, errors with their own fields, message and stack. */
export function allText(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, child: unknown) => {
			if (child && typeof child === 'object') {
				if (seen.has(child)) return '[cycle]';
				seen.add(child);
				if (child instanceof Error) {
					return { ...child, name: child.name, message: child.message, stack: child.stack };
				}
			}
			return child;
		}) ?? ''
	);
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired.length === 1 ? paired[0].item : undefined;
	return paired?.item;
}

const isErrorItem = (item: INodeExecutionData) => 'error' in item.json;

/** The draws that run the HighLevel Voice AI node itself (Test Input → node). */
type NodeDraw = GetDraw | GetManyDraw | RecordDraw;

function isNodeDraw(draw: Draw): draw is NodeDraw {
	return draw.operation === 'get' || draw.operation === 'getAll' || draw.operation === 'record';
}

/** Values a draw's plan needs at run time, the same for every poll of the draw. */
export interface DrawClock {
	/** The createdAt of a poll listing's first call (epoch ms): two minutes before the run. */
	createdFrom: number;
}

const clockNow = (): DrawClock => ({ createdFrom: Date.now() - 120_000 });

/** The name a create sends, which keys its requests (an agent's agentName, an action's name). */
function createdName(request: HostileRequest): string | undefined {
	const sent = request.json;
	if (!sent || typeof sent !== 'object') return undefined;
	const { agentName, name } = sent as IDataObject;
	const value = agentName ?? name;
	return typeof value === 'string' ? value : undefined;
}

/**
 * What a request is, as the draw's steps key it: a call id, `recording <messageId>`, `page <n>`,
 * `<METHOD> <id or created name>`, `agents page <n>`, `calls page <n>` or `agent <id>`.
 */
export function requestKey(draw: Draw, request: HostileRequest): string | undefined {
	switch (draw.operation) {
		case 'get':
			if (request.resource === 'recording') return `recording ${request.id}`;
			return request.resource === 'callLog' ? request.id : undefined;
		case 'getAll':
		case 'poll':
			return request.resource === 'callLogList' || request.resource === 'agentList'
				? `page ${request.page}`
				: undefined;
		case 'record': {
			const key =
				request.resource === 'agentList' || request.resource === 'agentActionList'
					? createdName(request)
					: request.id;
			return key === undefined ? undefined : recordKey(request.method, key);
		}
		case 'listSearch':
			if (request.resource === 'agentList') return `agents page ${request.page}`;
			if (request.resource === 'callLogList') return `calls page ${request.page}`;
			if (request.resource === 'agent') return `agent ${request.id}`;
			return undefined;
		case 'webhook':
			return undefined;
	}
}

/** The draw's faults, keyed as `requestKey` keys requests. */
export function stepsTable(draw: Draw): Record<string, ResponseSpec[]> {
	switch (draw.operation) {
		case 'get': {
			const recording = Object.entries(draw.recording?.steps ?? {}).map(
				([callId, specs]) => [`recording ${messageIdOf(callId)}`, specs] as const,
			);
			return { ...draw.steps, ...Object.fromEntries(recording) };
		}
		case 'getAll':
		case 'poll':
			return Object.fromEntries(
				Object.entries(draw.pageFaults).map(([page, specs]) => [`page ${page}`, specs]),
			);
		case 'record':
		case 'listSearch':
			return draw.steps;
		case 'webhook':
			return {};
	}
}

const pageAnswer = (listing: PageListing, headers?: Record<string, string | string[]>) => ({
	status: 200,
	...(headers && { headers }),
	body: { kind: 'page' as const, listing },
});

/** The listing a poll draw serves, its calls created from `clock.createdFrom` on. */
function pollListing(draw: PollDraw, clock: DrawClock): PageListing {
	return { ...draw.listing, createdFrom: clock.createdFrom };
}

/** What HighLevel documents as the answer to a request of the draw (once its faults are spent). */
function documentedAnswer(draw: Draw, request: HostileRequest, clock: DrawClock): ResponseSpec {
	switch (draw.operation) {
		case 'get':
			return request.resource === 'recording'
				? { status: 200, body: { kind: 'recording' } }
				: { status: 200, body: { kind: 'callLog' } };
		case 'getAll':
			return pageAnswer(draw.listing, draw.pageHeaders);
		case 'poll':
			return pageAnswer(pollListing(draw, clock), draw.pageHeaders);
		case 'record':
			return recordAnswer(draw.resource, request.method, draw.idKey);
		case 'listSearch':
			if (request.resource === 'agentList') return pageAnswer(draw.agents);
			if (request.resource === 'callLogList') return pageAnswer(draw.calls);
			return { status: 200, body: { kind: 'agent' } };
		case 'webhook':
			return { status: 404, body: { kind: 'nestError', text: 'Not Found' } };
	}
}

/**
 * The plan the hostile server follows for a draw: each request key's faults in order, then the
 * documented answer. Node and poll draws repeat a key's last fault (so Max Retries is tested
 * against a server that keeps failing); a picker's faults end in the documented answer.
 */
export function planFor(draw: Draw, clock: DrawClock = clockNow()): Plan {
	// A poll's pages, faults included, list calls of the last minutes (older ones are out of its
	// window, so a page fault dated otherwise would hide the calls the poll must emit).
	const dated = (spec: ResponseSpec): ResponseSpec =>
		draw.operation === 'poll' && spec.body?.kind === 'page'
			? {
					...spec,
					body: { ...spec.body, listing: { ...spec.body.listing, createdFrom: clock.createdFrom } },
				}
			: spec;
	const table = Object.fromEntries(
		Object.entries(stepsTable(draw)).map(([key, specs]) => [key, specs.map(dated)]),
	);
	const keyOf = (request: HostileRequest) => requestKey(draw, request);
	const documented = (request: HostileRequest) => documentedAnswer(draw, request, clock);
	if (draw.operation !== 'listSearch') return perKey(keyOf, table, documented);
	const queues = new Map(Object.entries(table).map(([key, specs]) => [key, [...specs]]));
	return (request) => {
		const queue = queues.get(String(keyOf(request)));
		return queue && queue.length > 0 ? queue.shift()! : documented(request);
	};
}

/** The node options of every draw that has them. */
function nodeOptions(draw: Draw): IDataObject {
	return { ...draw.options };
}

/** The agent the Agent Action draws work on. */
const ACTION_AGENT = 'hostile-agent-0';

function recordParameters(draw: RecordDraw): IDataObject {
	const options = nodeOptions(draw);
	const key = '={{ $json.key }}';
	if (draw.resource === 'agent') {
		switch (draw.action) {
			case 'create':
				return { resource: 'agent', operation: 'create', agentFields: { agentName: key }, options };
			case 'update':
				return {
					resource: 'agent',
					operation: 'update',
					agentId: key,
					updateFields: { agentName: 'Renamed' },
					options,
				};
			default:
				return { resource: 'agent', operation: draw.action, agentId: key, options };
		}
	}
	const base = { resource: 'agentAction', operation: draw.action, agentId: ACTION_AGENT, options };
	switch (draw.action) {
		case 'create':
			return {
				...base,
				actionType: 'SMS',
				name: key,
				triggerPrompt: 'When the caller wants a link',
				triggerMessage: 'I will text you the link',
				messageBody: 'https://sunrise.example/book',
			};
		case 'update':
			return { ...base, actionId: key, actionType: 'SMS', updateFields: { name: 'Renamed' } };
		default:
			return { ...base, actionId: key };
	}
}

export function nodeParameters(draw: NodeDraw): IDataObject {
	const options = nodeOptions(draw);
	if (draw.operation === 'record') return recordParameters(draw);
	if (draw.operation === 'get') {
		return {
			resource: 'callLog',
			operation: 'get',
			callId: '={{ $json.callId }}',
			output: draw.output,
			options: {
				...options,
				...(draw.recording && {
					downloadRecording: true,
					maxRecordingSize: draw.recording.maxRecordingMb,
				}),
			},
		};
	}
	return {
		resource: draw.resource ?? 'callLog',
		operation: 'getAll',
		returnAll: draw.returnAll,
		...(!draw.returnAll && { limit: draw.limit }),
		...(draw.resource !== 'agent' && { output: 'callLogs' }),
		options,
	};
}

function inputsOf(draw: NodeDraw): IDataObject[] {
	if (draw.operation === 'get') return draw.callIds.map((callId) => ({ callId }));
	if (draw.operation === 'record') return draw.keys.map((key) => ({ key }));
	return [{}];
}

/** How many input items a node draw has. */
function inputCountOf(draw: NodeDraw): number {
	return inputsOf(draw).length;
}

// --- The runs ---

/** What a list search did: its results, or what it threw. */
export interface ListSearchOutcome {
	results?: INodeListSearchResult;
	error?: unknown;
}

/** What a poll draw did: the priming poll (if any), the poll under test, the state before it. */
export interface PollOutcome {
	prime?: PollResult;
	poll: PollResult;
	/** The stored static data (JSON) before the poll under test. */
	before: string;
	/** The ids of the calls the priming poll recorded. */
	primedIds: string[];
}

/** One request sent to the webhook trigger, and what came of it. */
export interface SentDelivery {
	delivery: WebhookDelivery;
	rawBody?: Buffer;
	contentType: string | null;
	headers: Record<string, string | string[] | undefined>;
	/** Signed by the trigger's key over exactly these bytes, in one header value. */
	validSignature: boolean;
	/** The webhookId the body carries (when it is a JSON object). */
	webhookId?: unknown;
	/** A VoiceAiCallEnd delivery as HighLevel sends it, on time, unchanged, validly signed. */
	wellFormed: boolean;
	outcome: WebhookOutcome;
}

export interface WebhookRun {
	sent: SentDelivery[];
	store: StaticDataStore;
}

export interface DrawRun {
	boundMs: number;
	outcome: BoundedOutcome<unknown>;
	/** What the node did, when a node draw's run ended. */
	result?: RunResult;
	violations: string[];
}

export interface DrawEnvironment {
	hostile: Hostile;
	/** The list captureLogs() fills; emptied before the run. */
	logs: LogEntry[];
	/** The node's pacer is per location: a draw of its own gets a location of its own. */
	locationId: string;
	/** Time the run may take beyond boundMs(draw), for a reason the caller states. */
	allowanceMs?: number;
}

function credentialsOf(env: DrawEnvironment) {
	return {
		token: HOSTILE_CANARY,
		locationId: env.locationId,
		advanced: true,
		apiVersion: '2021-04-15',
		baseUrl: env.hostile.url,
	};
}

/** The parameter each picker belongs to. */
const PARAMETER_PATHS: Record<ListSearchDraw['method'], string> = {
	searchAgents: 'agentId',
	searchCalls: 'callId',
	searchAgentActions: 'actionId',
};

async function runListSearchDraw(
	draw: ListSearchDraw,
	env: DrawEnvironment,
): Promise<ListSearchOutcome> {
	const parameters: Record<string, Record<string, unknown>> = {
		searchAgents: { resource: 'agent', operation: 'get' },
		searchCalls: { resource: 'callLog', operation: 'get' },
		searchAgentActions: {
			resource: 'agentAction',
			operation: 'get',
			agentId: { __rl: true, mode: 'id', value: draw.agentId },
			actionId: { __rl: true, mode: 'list', value: '' },
		},
	};
	try {
		return {
			results: await runListSearch({
				method: draw.method,
				parameters: parameters[draw.method],
				parameterPath: PARAMETER_PATHS[draw.method],
				credentials: credentialsOf(env),
				filter: draw.filter,
				paginationToken: draw.paginationToken,
			}),
		};
	} catch (error) {
		return { error };
	}
}

function pollParameters(draw: PollDraw): Record<string, unknown> {
	const { timeout, maxRetries, maxRateLimitWait } = draw.options;
	return {
		event: 'newCall',
		callType: 'BOTH',
		output: draw.output,
		options: { timeout, maxRetries, maxRateLimitWait },
	};
}

async function runPollDraw(
	draw: PollDraw,
	env: DrawEnvironment,
	clock: DrawClock,
): Promise<PollOutcome> {
	const staticData: IDataObject = {};
	const options = {
		parameters: pollParameters(draw),
		credentials: credentialsOf(env),
		staticData,
	};
	let prime: PollResult | undefined;
	const primedIds: string[] = [];
	if (draw.primed !== undefined) {
		const listing: PageListing = {
			available: draw.primed,
			total: draw.primed,
			mode: 'honest',
			createdFrom: clock.createdFrom,
		};
		env.hostile.setPlan(() => pageAnswer(listing, SANE_RATE_LIMIT_HEADERS));
		prime = await runPoll(options);
		for (let index = 0; index < draw.primed; index++) primedIds.push(`list-call-${index}`);
		env.hostile.setPlan(planFor(draw, clock));
	}
	const before = JSON.stringify(staticData);
	const poll = await runPoll(options);
	return { prime, poll, before, primedIds };
}

// The trigger's key, and another one that signs forgeries.
const webhookKeys = generateKeyPairSync('ed25519');
const forgerKeys = generateKeyPairSync('ed25519');
export const WEBHOOK_PUBLIC_KEY = webhookKeys.publicKey
	.export({ format: 'pem', type: 'spki' })
	.toString();

const signWith = (bytes: Buffer, key = webhookKeys.privateKey) =>
	sign(null, bytes, key).toString('base64');

/** A VoiceAiCallEnd delivery as HighLevel sends it; `extractedData` carries the canary. */
function deliveryBody(serial: number, offsetSeconds: number, actions: number): IDataObject {
	return {
		type: 'VoiceAiCallEnd',
		locationId: 'hostile-location',
		timestamp: new Date(Date.now() + offsetSeconds * 1000).toISOString(),
		webhookId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
		id: `hostile-call-${serial}`,
		agentId: 'hostile-agent-0',
		contactId: 'hostile-contact',
		duration: 42,
		summary: 'The caller booked a cleaning.',
		transcript: 'bot: Hello\nhuman: I would like to book a cleaning.',
		extractedData: { note: HOSTILE_CANARY },
		executedCallActions: Array.from({ length: actions }, (_, index) => ({
			_id: `hostile-call-${serial}-action-${index}`,
			actionType: 'SMS',
			actionName: 'Send Booking Link',
			actionParameters: { triggerPrompt: 'p', triggerMessage: 'm', messageBody: 'b' },
			executedAt: new Date().toISOString(),
		})),
	};
}

/** The bytes a delivery's body is (undefined for a replay: the earlier request's are resent). */
function webhookBytes(delivery: WebhookDelivery, serial: number): Buffer | undefined {
	const { body } = delivery;
	switch (body.kind) {
		case 'delivery': {
			const value = deliveryBody(serial, body.offsetSeconds, body.actions);
			if (body.mutation) {
				// defineProperty, so that "__proto__" becomes an own field as JSON.parse would make it.
				Object.defineProperty(value, body.mutation.field, {
					value: body.mutation.value,
					enumerable: true,
					configurable: true,
					writable: true,
				});
			}
			return Buffer.from(JSON.stringify(value));
		}
		case 'bytes':
			return Buffer.from(body.bytes);
		case 'json':
			return Buffer.from(JSON.stringify(body.value) ?? 'null');
		case 'nested': {
			const nested = `${'['.repeat(body.depth)}${']'.repeat(body.depth)}`;
			if (body.where === 'root') return Buffer.from(nested);
			const text = JSON.stringify({ ...deliveryBody(serial, 0, 1), extractedData: '@@N@@' });
			return Buffer.from(text.replace('"@@N@@"', nested));
		}
		case 'huge':
			return Buffer.from(
				JSON.stringify({ ...deliveryBody(serial, 0, 1), transcript: 'a'.repeat(body.bytes) }),
			);
		case 'replay':
			return undefined;
	}
}

function signatureHeader(
	delivery: WebhookDelivery,
	bytes: Buffer,
): { value?: string | string[]; valid: boolean } {
	const { signature } = delivery;
	if (typeof signature === 'object') return { value: signature.random, valid: false };
	switch (signature) {
		case 'valid':
			return { value: signWith(bytes), valid: true };
		case 'otherKey':
			return { value: signWith(bytes, forgerKeys.privateKey), valid: false };
		case 'otherBody':
			return { value: signWith(Buffer.from('{}')), valid: false };
		case 'duplicated':
			return {
				value: [signWith(bytes), signWith(bytes, forgerKeys.privateKey)],
				valid: false,
			};
		case 'placeholder':
			return { value: 'N/A', valid: false };
		case 'none':
			return { valid: false };
	}
}

function webhookIdIn(bytes: Buffer | undefined): unknown {
	if (!bytes || bytes.length > 1 << 20) return undefined;
	try {
		const parsed: unknown = JSON.parse(bytes.toString('utf8'));
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject).webhookId
			: undefined;
	} catch {
		return undefined;
	}
}

/** Most a delivery may be off the clock and still be sure to pass the 5-minute tolerance. */
const SURELY_ON_TIME_SECONDS = 240;

async function runWebhookDraw(draw: WebhookDraw): Promise<WebhookRun> {
	const store: StaticDataStore = {};
	const sent: SentDelivery[] = [];
	const validIds = new Set<unknown>();
	const parameters = { output: draw.output, options: { publicKey: WEBHOOK_PUBLIC_KEY } };
	let serial = 0;
	for (const delivery of draw.deliveries) {
		let request: Omit<SentDelivery, 'outcome' | 'wellFormed'>;
		if (delivery.body.kind === 'replay') {
			if (sent.length === 0) continue;
			const earlier = sent[delivery.body.pick % sent.length];
			request = { ...earlier, delivery };
		} else {
			serial++;
			const rawBody = webhookBytes(delivery, serial)!;
			const signature = signatureHeader(delivery, rawBody);
			request = {
				delivery,
				rawBody,
				contentType: delivery.contentType,
				headers: { ...delivery.headers, 'x-ghl-signature': signature.value },
				validSignature: signature.valid,
				webhookId: webhookIdIn(rawBody),
			};
		}
		const { body } = delivery;
		const wellFormed =
			body.kind === 'delivery' &&
			!body.mutation &&
			request.validSignature &&
			Math.abs(body.offsetSeconds) <= SURELY_ON_TIME_SECONDS &&
			!validIds.has(request.webhookId);
		if (request.validSignature) validIds.add(request.webhookId);
		const outcome = await runWebhook({
			rawBody: request.rawBody,
			headers: request.headers,
			contentType: request.contentType,
			parameters,
			staticData: store,
		});
		sent.push({ ...request, wellFormed, outcome });
	}
	return { sent, store };
}

/** Runs one draw through n8n-core (against the hostile server, but a webhook's) and checks it. */
export async function runDraw(draw: Draw, env: DrawEnvironment): Promise<DrawRun> {
	const { hostile, logs } = env;
	const clock = clockNow();
	hostile.setPlan(planFor(draw, clock));
	logs.length = 0;
	const bound = boundMs(draw) + (env.allowanceMs ?? 0);
	const outcome = await runBounded<unknown>(
		async () => {
			switch (draw.operation) {
				case 'listSearch':
					return await runListSearchDraw(draw, env);
				case 'poll':
					return await runPollDraw(draw, env, clock);
				case 'webhook':
					return await runWebhookDraw(draw);
				default:
					return await runNode({
						parameters: nodeParameters(draw),
						input: inputsOf(draw),
						credentials: credentialsOf(env),
						onError: draw.continueOnFail ? 'continueRegularOutput' : undefined,
					});
			}
		},
		bound,
		() => hostile.destroyConnections(),
	);
	const ended = outcome.ended && !outcome.thrown;
	const result = ended && isNodeDraw(draw) ? (outcome.value as RunResult) : undefined;
	return { boundMs: bound, outcome, result, violations: checkDraw(draw, env, bound, outcome) };
}

// --- The invariants ---

/**
 * Every invariant, as a list of what was violated (empty when the draw is fine). Shared by every
 * draw: it ends within the bound; no request with the token reaches another origin; no secret in
 * n8n's logs; no more attempts per request than Max Retries allows; a write is never repeated
 * unless a burst 429 said nothing was applied. Then what each kind of draw promises.
 */
export function checkDraw(
	draw: Draw,
	env: DrawEnvironment,
	bound: number,
	outcome: BoundedOutcome<unknown>,
): string[] {
	const { hostile, logs } = env;
	const violations: string[] = [];

	// 1. The run ends within the bound.
	if (!outcome.ended) {
		violations.push(
			`ends: the run did not end within ${bound} ms (connections destroyed, run abandoned)`,
		);
	} else if (outcome.elapsedMs > bound) {
		violations.push(
			`ends: the run took ${outcome.elapsedMs} ms, beyond the bound of ${bound} ms (event loop blocked)`,
		);
	}
	if (outcome.thrown)
		violations.push(`ends: the harness run threw ${allText(outcome.thrown).slice(0, 300)}`);

	if (draw.operation !== 'webhook') {
		// 2. No request carrying the token goes to another origin.
		violations.push(...tokenStaysHome(hostile));
		// The secret checks mean something only if the token went out at all (a run stuck before
		// its first request shows as "ends" above).
		if (
			outcome.ended &&
			!hostile.requests.some(
				(request) => request.headers.authorization === `Bearer ${HOSTILE_CANARY}`,
			)
		)
			violations.push('harness: the node sent no request with the token to the hostile server');
		// 3. Bounded attempts; writes never repeated.
		violations.push(...attemptCounts(draw, hostile), ...writeSafety(draw, hostile));
	}

	// 4. No secret in n8n's logs (also for runs that never ended).
	violations.push(...secretsIn("n8n's log", logs));

	const value = outcome.ended && !outcome.thrown ? outcome.value : undefined;
	if (value === undefined) return violations;
	switch (draw.operation) {
		case 'listSearch':
			violations.push(...checkListSearch(value as ListSearchOutcome));
			break;
		case 'poll':
			violations.push(...checkPoll(draw, hostile, value as PollOutcome));
			break;
		case 'webhook':
			violations.push(...checkWebhook(value as WebhookRun));
			break;
		default:
			violations.push(...checkNodeRun(draw, hostile, value as RunResult));
	}
	return violations;
}

function tokenStaysHome(hostile: Hostile): string[] {
	const violations: string[] = [];
	for (const request of hostile.other.requests) {
		const headerNames = Object.keys(request.headers).filter((name) => /authorization/i.test(name));
		const text = allText(request);
		const carried = SECRETS.filter((secret) => text.includes(secret));
		if (headerNames.length > 0 || carried.length > 0) {
			violations.push(
				`token stays home: ${request.method} ${request.path} reached the other origin ${hostile.other.host} with ${[...headerNames, ...carried.map((secret) => JSON.stringify(secret))].join(', ')}`,
			);
		}
	}
	return violations;
}

/** "no secret: <where> holds …" for every secret form found in `value`. */
function secretsIn(where: string, value: unknown): string[] {
	const text = typeof value === 'string' ? value : allText(value);
	return SECRETS.filter((secret) => text.includes(secret)).map(
		(secret) => `no secret: ${where} holds ${JSON.stringify(secret)}`,
	);
}

/** What is wrong with something thrown at the user: not an n8n error, or not in plain words. */
function plainErrorProblems(what: string, error: unknown): string[] {
	const thrown = error as { name?: unknown; message?: unknown; description?: unknown };
	const problems: string[] = [];
	if (thrown?.name !== 'NodeApiError' && thrown?.name !== 'NodeOperationError') {
		problems.push(
			`plain error: ${what} is a ${String(thrown?.name ?? typeof error)}, not a NodeApiError or NodeOperationError: ${allText(thrown?.message).slice(0, 200)}`,
		);
	}
	problems.push(...rawTextProblems(`${what} message`, thrown?.message, true));
	problems.push(...rawTextProblems(`${what} description`, thrown?.description, false));
	return problems;
}

function checkNodeRun(draw: NodeDraw, hostile: Hostile, result: RunResult): string[] {
	const violations: string[] = [];
	const { items, error, hints } = result;
	const inputCount = inputCountOf(draw);

	// No secret in output items, errors, hints or anything else in the run.
	const producedText = [allText(result.run), allText(error), String(error?.stack ?? '')].join('\n');
	for (const secret of SECRETS) {
		if (producedText.includes(secret)) {
			const where = [
				allText(items).includes(secret) && 'output items',
				allText(error).includes(secret) && 'the error',
				allText(hints).includes(secret) && 'execution hints',
			].filter(Boolean);
			violations.push(
				`no secret: ${JSON.stringify(secret)} reached ${where.join(', ') || 'the run data'}`,
			);
		}
	}
	if (allText(items).includes(OTHER_ORIGIN_MARKER))
		violations.push(`token stays home: output came from the other origin ${hostile.other.host}`);

	// Failures: NodeApiError / NodeOperationError in plain words; Continue On Fail pairing.
	if (error) {
		if (draw.continueOnFail) {
			violations.push(
				`continue on fail: the node failed as a whole (${error.name}: ${JSON.stringify(error.message)})`,
			);
		}
		violations.push(...plainErrorProblems('the error', error));
		if (items.length > 0)
			violations.push(`plain error: ${items.length} items emitted besides the error`);
	}
	const byInput = new Map<number, INodeExecutionData[]>();
	for (const item of items) {
		const index = pairedIndex(item);
		if (index === undefined || index < 0 || index >= inputCount) {
			violations.push(
				`pairing: an item is paired to ${JSON.stringify(item.pairedItem)}, not to one of ${inputCount} inputs`,
			);
			continue;
		}
		byInput.set(index, [...(byInput.get(index) ?? []), item]);
	}
	for (const [index, group] of byInput) {
		const errors = group.filter(isErrorItem);
		if (errors.length === 0) continue;
		if (!draw.continueOnFail)
			violations.push(`pairing: input ${index} yielded an error item without Continue On Fail`);
		if (group.length !== 1) {
			violations.push(
				`continue on fail: input ${index} yielded ${group.length} items, ${errors.length} of them error items (expected its items or exactly one error item)`,
			);
		}
		for (const item of errors) {
			violations.push(...rawTextProblems(`error item ${index} "error"`, item.json.error, true));
			violations.push(
				...rawTextProblems(`error item ${index} "description"`, item.json.description, false),
			);
		}
	}
	// Nothing lost: when the node did not fail, every input of a per-item operation yields items.
	if (!error && draw.operation !== 'getAll') {
		for (let index = 0; index < inputCount; index++) {
			if (!byInput.has(index))
				violations.push(`nothing lost: input ${index} yielded no item and no error item`);
		}
	}

	// Operation-specific.
	const succeeded = !error && !items.some(isErrorItem);
	if (draw.operation === 'get') violations.push(...checkGet(draw, byInput));
	else if (draw.operation === 'getAll') violations.push(...checkGetMany(draw, result, succeeded));
	else violations.push(...checkRecord(draw, hostile, byInput));
	return violations;
}

/** Every item of input i is about the call input i asked for; with a recording, it is there or explained. */
function checkGet(draw: GetDraw, byInput: Map<number, INodeExecutionData[]>): string[] {
	const violations: string[] = [];
	for (const [index, group] of byInput) {
		const asked = draw.callIds[index];
		for (const item of group) {
			if (isErrorItem(item)) continue;
			const got = draw.output === 'actions' ? item.json.callId : item.json.id;
			if (got !== asked) {
				violations.push(
					`right call: input ${index} asked for call ${asked} and got an item for ${JSON.stringify(got)}`,
				);
				break;
			}
		}
		const [first] = group;
		if (draw.recording && first && !isErrorItem(first)) {
			const attached = first.binary?.recording !== undefined;
			const explained = typeof first.json.recordingError === 'string';
			if (attached === explained) {
				violations.push(
					`recording: input ${index}'s first item has ${attached ? 'both a recording and a recordingError' : 'neither a recording nor a recordingError'}`,
				);
			}
			if (attached && first.binary!.recording.mimeType?.startsWith('text/')) {
				violations.push(
					`recording: input ${index}'s recording is ${first.binary!.recording.mimeType}, not audio`,
				);
			}
		}
	}
	return violations;
}

function checkGetMany(draw: GetManyDraw, result: RunResult, succeeded: boolean): string[] {
	const violations: string[] = [];
	const noun = draw.resource === 'agent' ? 'agents' : 'call logs';
	const ids = result.items.filter((item) => !isErrorItem(item)).map((item) => item.json.id);
	const distinct = new Set(ids);
	if (distinct.size !== ids.length)
		violations.push(`get many: ${ids.length - distinct.size} ${noun} output twice`);
	if (!draw.returnAll && ids.length > draw.limit)
		violations.push(`get many: ${ids.length} ${noun} output, Limit is ${draw.limit}`);
	if (!succeeded) return violations;

	const limit = draw.returnAll ? Infinity : draw.limit;
	const { total, available, mode, junk } = draw.listing;
	// Every answer the node read was an error or the listing's page: what the pages say holds.
	const faultsKeepPages = Object.values(draw.pageFaults)
		.flat()
		.every((spec: ResponseSpec) => spec.status >= 400 || spec.body?.kind === 'page');
	// Fewer entries than `total` said: n8n must say so (an execution hint).
	if (faultsKeepPages && typeof total === 'number' && Number.isInteger(total) && total >= 0) {
		const wanted = Math.min(limit, total);
		const hinted = result.hints.some((hint) =>
			/total|fewer|only|expected|reported|claimed/i.test(hint.message),
		);
		if (distinct.size < wanted && !hinted) {
			violations.push(
				`get many: ${distinct.size} ${noun} output while HighLevel's total said ${total} (wanted ${wanted}), and no execution hint says so`,
			);
		}
	}
	// Honest pages (whatever total says, if not too small): every entry that exists is output.
	const totalTooSmall = typeof total === 'number' && total < available;
	if (mode === 'honest' && !junk && faultsKeepPages && !totalTooSmall) {
		const expected = Math.min(limit, available);
		if (distinct.size !== expected) {
			violations.push(
				`get many: ${distinct.size} ${noun} output; the pages held ${available} and Limit is ${draw.returnAll ? 'all' : draw.limit}, so ${expected} were expected (ended silently short)`,
			);
		}
	}
	return violations;
}

/** Whether the last POST for `key` was a success whose body was empty (the new id is unknown). */
function createdWithoutBody(hostile: Hostile, key: string): boolean {
	const posts = hostile.requests.filter(
		(request) => request.method === 'POST' && createdName(request) === key,
	);
	const spec = posts[posts.length - 1]?.spec;
	return (
		spec !== undefined &&
		spec.status >= 200 &&
		spec.status < 300 &&
		(spec.body === undefined || spec.body.kind === 'empty')
	);
}

/**
 * One item per input, about the record it asked for (a create's about some new record: its id,
 * or null when HighLevel's success answer had no body, as the write happened and may not be
 * repeated).
 */
function checkRecord(
	draw: RecordDraw,
	hostile: Hostile,
	byInput: Map<number, INodeExecutionData[]>,
): string[] {
	const violations: string[] = [];
	const noun = draw.resource === 'agent' ? 'agent' : 'agent action';
	for (const [index, group] of byInput) {
		if (group.some(isErrorItem)) continue;
		const asked = draw.keys[index];
		if (group.length !== 1)
			violations.push(`one item: input ${index} yielded ${group.length} items, not one`);
		for (const { json } of group) {
			const got = json.id;
			if (draw.action === 'create') {
				const unknownId = got == null && createdWithoutBody(hostile, asked);
				if ((typeof got !== 'string' || got === '') && !unknownId)
					violations.push(`right record: input ${index}'s new ${noun} has no id`);
			} else if (got !== asked) {
				violations.push(
					`right record: input ${index} asked for ${noun} ${asked} and got an item for ${JSON.stringify(got)}`,
				);
			}
			if (draw.action === 'delete' && json.deleted !== true)
				violations.push(`right record: input ${index}'s delete item does not say deleted`);
		}
	}
	return violations;
}

/** Whether the attempt was answered with a burst 429 the node saw in time (nothing applied). */
function answeredBurst429(request: HostileRequest, timeoutMs: number): boolean {
	if (request.status !== 429 || request.answeredAt === undefined) return false;
	// The node's deadline starts before the request arrives: a 429 sent at the very end of the
	// timeout may or may not have been seen; it is counted as seen (the check gives the benefit).
	if (request.answeredAt - request.at > timeoutMs + 100) return false;
	const headers = request.spec?.headers ?? {};
	const daily = Object.entries(headers).find(([name]) => /daily-remaining/i.test(name))?.[1];
	return !(Array.isArray(daily) ? daily[0] : daily)?.trim().match(/^0+(\.0*)?$/);
}

function describeAnswer(request: HostileRequest): string {
	const spec = request.spec;
	if (!spec) return 'no answer';
	const parts = [`HTTP ${spec.status}`];
	if (spec.body) parts.push(`body ${spec.body.kind}`);
	if (spec.timing) parts.push(`timing ${JSON.stringify(spec.timing)}`);
	if (spec.encoding) parts.push(`encoding ${spec.encoding}`);
	if (request.answeredAt === undefined) parts.push('(no status line sent)');
	return parts.join(', ');
}

/**
 * Writes (POST, PUT, PATCH, DELETE) are never repeated when their outcome is unknown: at most one
 * request per write reaches the server, unless the attempt before was answered with a burst 429
 * (HighLevel applied nothing). A reset, a timeout, a cut body, a 5xx or an unreadable 2xx is an
 * unknown outcome.
 */
function writeSafety(draw: Draw, hostile: Hostile): string[] {
	const groups = new Map<string, HostileRequest[]>();
	for (const request of hostile.requests) {
		if (request.method === 'GET') continue;
		const key =
			requestKey(draw, request) ?? `${request.method} ${request.path} ${request.body ?? ''}`;
		groups.set(key, [...(groups.get(key) ?? []), request]);
	}
	const violations: string[] = [];
	for (const [key, attempts] of groups) {
		attempts.sort((a, b) => a.index - b.index);
		for (let index = 1; index < attempts.length; index++) {
			const previous = attempts[index - 1];
			if (answeredBurst429(previous, draw.options.timeout)) continue;
			violations.push(
				`write safety: ${key} reached the server ${attempts.length} times; attempt ${index + 1} followed an unknown outcome (${describeAnswer(previous)})`,
			);
			break;
		}
	}
	return violations;
}

/**
 * No more attempts per request than Max Retries allows (redirect chains aside). Attempts answered
 * with a 429 do not count: a burst 429 means "wait your turn", bounded by Max Wait for Rate Limit
 * (in the time bound), not by a count.
 */
function attemptCounts(draw: Draw, hostile: Hostile): string[] {
	const limit = draw.options.maxRetries + 1;
	const table = stepsTable(draw);
	const counts = new Map<string, number>();
	for (const request of hostile.requests) {
		if (request.status === 429) continue;
		const key = requestKey(draw, request);
		if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const redirects = (specs: ResponseSpec[] | undefined) =>
		(specs ?? []).some((spec) => spec.status >= 300 && spec.status < 400);
	const violations: string[] = [];
	for (const [key, count] of counts) {
		// A poll or a picker reads the same page again on purpose only when the server repeats it.
		if (count > limit && !redirects(table[key])) {
			violations.push(
				`attempts: ${count} requests for ${key}, Max Retries ${draw.options.maxRetries} allows ${limit}`,
			);
		}
	}
	return violations;
}

// --- Pickers ---

function checkListSearch(outcome: ListSearchOutcome): string[] {
	const violations: string[] = [];
	if (outcome.error !== undefined)
		violations.push(...plainErrorProblems('the list search error', outcome.error));
	violations.push(
		...secretsIn('the list search error', outcome.error),
		...secretsIn('the list search results', outcome.results),
	);
	const { results } = outcome;
	if (outcome.error === undefined) {
		if (!results || !Array.isArray(results.results)) {
			violations.push(`list search: the answer has no results list: ${allText(results)}`);
			return violations;
		}
		for (const entry of results.results) {
			if (typeof entry?.name !== 'string' || typeof entry?.value !== 'string' || !entry.value)
				violations.push(`list search: an entry is not a name and an id: ${allText(entry)}`);
		}
		if (results.paginationToken !== undefined && typeof results.paginationToken !== 'string')
			violations.push(`list search: the page token is ${allText(results.paginationToken)}`);
		if (allText(results).includes(OTHER_ORIGIN_MARKER))
			violations.push('token stays home: list search results came from the other origin');
	}
	return violations;
}

// --- The polling trigger ---

/**
 * What the node must make of an answer to a call-log page: `good` (a page it must read), `bad`
 * (an answer it cannot use: the poll must fail) or `unclear` (either may be right).
 */
export function pageVerdict(spec: ResponseSpec | undefined, timeoutMs: number) {
	if (!spec) return 'unclear';
	const { timing, encoding, body } = spec;
	if (spec.status < 200 || spec.status >= 300) return 'bad';
	if (timing?.hang || timing?.reset || timing?.trickleMs) return 'bad';
	if ((timing?.delayMs ?? 0) >= timeoutMs + 250) return 'bad';
	if (encoding === 'wrongGzip' || encoding === 'wrongBr') return 'bad';
	if (!body) return 'bad';
	switch (body.kind) {
		case 'page':
			return (timing?.delayMs ?? 0) < timeoutMs - 250 && (!encoding || encoding === 'gzip')
				? 'good'
				: 'unclear';
		case 'json': {
			const value = body.value as IDataObject | null;
			return value && typeof value === 'object' && Array.isArray(value.callLogs)
				? 'unclear'
				: 'bad';
		}
		default:
			return 'bad';
	}
}

function checkPoll(draw: PollDraw, hostile: Hostile, outcome: PollOutcome): string[] {
	const violations: string[] = [];
	const { prime, poll } = outcome;
	if (prime?.error)
		violations.push(`harness: the priming poll failed: ${allText(prime.error).slice(0, 300)}`);
	violations.push(
		...secretsIn('the poll result', poll.result),
		...secretsIn('the poll error', poll.error),
		...secretsIn('the stored state', poll.staticData),
	);
	if (allText(poll.items).includes(OTHER_ORIGIN_MARKER))
		violations.push('token stays home: a polled item came from the other origin');

	// The last answer of every page the poll read, as the node must take it.
	const lastByPage = new Map<string, HostileRequest>();
	for (const request of hostile.requests) {
		const key = requestKey(draw, request);
		if (key !== undefined) lastByPage.set(key, request);
	}
	const verdicts = [...lastByPage].map(
		([page, request]) => [page, request, pageVerdict(request.spec, draw.options.timeout)] as const,
	);

	if (poll.error !== undefined) {
		violations.push(...plainErrorProblems('the poll error', poll.error));
		if (JSON.stringify(poll.staticData) !== outcome.before)
			violations.push('poll state: the stored state moved although the poll failed');
		if (verdicts.length > 0 && verdicts.every(([, , verdict]) => verdict === 'good')) {
			violations.push(
				`poll: failed although every page was answered as documented (${verdicts.length} pages): ${allText((poll.error as Error).message)}`,
			);
		}
		return violations;
	}

	// Returned: no failed page swallowed.
	for (const [page, request, verdict] of verdicts) {
		if (verdict === 'bad') {
			violations.push(
				`never swallows: ${page}'s last answer was unusable (${describeAnswer(request)}) and the poll returned instead of failing`,
			);
		}
	}
	const idOf = (item: INodeExecutionData) =>
		draw.output === 'actions' ? item.json.callId : item.json.id;
	const ids = poll.items.map(idOf);
	if (draw.primed === undefined && ids.length > 0)
		violations.push(`poll: the activation poll emitted ${ids.length} items (history replayed)`);
	const once = new Set(ids);
	if (once.size !== ids.length) violations.push(`exactly once: a call emitted twice in one poll`);
	const replayed = ids.filter((id) => outcome.primedIds.includes(String(id)));
	if (replayed.length > 0)
		violations.push(`exactly once: calls the first poll recorded were emitted: ${replayed}`);
	const state = (poll.nodeStaticData?.pollState ?? {}) as IDataObject;
	const seen = new Set(
		(Array.isArray(state.seen) ? state.seen : []).map((pair) => (pair as unknown[])[0]),
	);
	const forgotten = ids.filter((id) => !seen.has(id));
	if (forgotten.length > 0)
		violations.push(`exactly once: emitted calls the stored state does not remember: ${forgotten}`);

	// Every answer documented and the listing honest: every new call is emitted.
	const { listing } = draw;
	const honest =
		listing.mode === 'honest' &&
		!listing.junk &&
		(listing.total === undefined || listing.total === listing.available);
	if (
		draw.primed !== undefined &&
		honest &&
		verdicts.every(([, , verdict]) => verdict === 'good')
	) {
		const expected = listing.available - draw.primed;
		if (once.size !== expected) {
			violations.push(
				`nothing lost: the poll emitted ${once.size} new calls; ${expected} were listed`,
			);
		}
	}
	return violations;
}

// --- The webhook trigger ---

/** A webhook's static data may hold each accepted delivery id once, and little else. */
const STATIC_DATA_BYTES_PER_ID = 400;
const STATIC_DATA_BASE_BYTES = 512;

function checkWebhook(run: WebhookRun): string[] {
	const violations: string[] = [];
	const executedIds = new Map<unknown, number>();
	const executedBodies = new Map<string, number>();
	let signedSends = 0;
	run.sent.forEach((sent, index) => {
		const { outcome } = sent;
		const label = `request ${index} (${sent.delivery.body.kind}, signature ${JSON.stringify(sent.delivery.signature).slice(0, 40)})`;
		if (outcome.error) {
			violations.push(
				`never throws: webhook() threw for ${label}: ${allText(outcome.error).slice(0, 300)}`,
			);
		}
		const allowed = outcome.nodeCalled ? [200, 400, 401] : [422];
		if (!allowed.includes(outcome.status ?? -1))
			violations.push(`status: ${label} was answered ${outcome.status}`);
		if (outcome.executed && !sent.validSignature)
			violations.push(`signed only: ${label} started the workflow without a valid signature`);
		if (!sent.validSignature && outcome.staticDataSaved)
			violations.push(`signed only: ${label} changed the static data without a valid signature`);
		if (sent.validSignature) signedSends++;
		if (outcome.executed) {
			executedIds.set(sent.webhookId, (executedIds.get(sent.webhookId) ?? 0) + 1);
			const body = sent.rawBody?.toString('base64') ?? '';
			executedBodies.set(body, (executedBodies.get(body) ?? 0) + 1);
		}
		if (sent.wellFormed && !outcome.executed) {
			violations.push(
				`nothing lost: ${label}, a new delivery on time, was answered ${outcome.status} (${outcome.body}) without starting the workflow`,
			);
		}
		violations.push(
			...secretsIn(`the answer to ${label}`, outcome.body),
			...secretsIn(`the log of ${label}`, outcome.logs),
		);
	});
	for (const [webhookId, count] of executedIds) {
		if (count > 1)
			violations.push(`at most once: delivery ${allText(webhookId)} started ${count} runs`);
	}
	for (const count of executedBodies.values()) {
		if (count > 1) violations.push(`at most once: the same signed bytes started ${count} runs`);
	}
	const stored = run.store.json?.length ?? 0;
	const allowedBytes = STATIC_DATA_BASE_BYTES + STATIC_DATA_BYTES_PER_ID * signedSends;
	if (stored > allowedBytes) {
		violations.push(
			`static data bounded: ${stored} bytes stored after ${signedSends} signed requests (at most ${allowedBytes})`,
		);
	}
	return violations;
}

/** One line per violating draw, with what replays it. */
export interface DrawFailure {
	draw: number;
	replay: string;
	plan: string;
	violations: string[];
}

export function describeDraw(draw: Draw): string {
	return JSON.stringify(draw);
}
