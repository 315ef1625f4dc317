import fc from 'fast-check';

import { DEFAULT_TRANSPORT_OPTIONS } from '../../nodes/HighLevelVoiceAi/transport';
import { MAX_PAGES_PER_POLL } from '../../nodes/HighLevelVoiceAi/trigger/poll';
import type {
	BodySpec,
	Echo,
	PageListing,
	RedirectTarget,
	ResponseSpec,
	Timing,
	UrlQueryShape,
} from '../harness/hostile';
import { SANE_RATE_LIMIT_HEADERS } from '../harness/hostile';

/** The node options every draw runs with (the smallest Timeout the node accepts). */
export interface DrawOptions {
	timeout: number;
	maxRetries: number;
	maxConcurrency: number;
	/** Max Wait for Rate Limit (Ms): how long burst 429s and the pacer may hold one request. */
	maxRateLimitWait: number;
}

interface DrawBase {
	continueOnFail: boolean;
	options: DrawOptions;
	/**
	 * Whether the plan may tell the node to wait (Retry-After, X-RateLimit-* on any answer). Without
	 * it, every wait between attempts is the node's own backoff.
	 */
	serverWaits: boolean;
}

/** Get Call Log for each of `callIds` (one input item each); `steps[id]` answers that id's requests. */
export interface GetDraw extends DrawBase {
	operation: 'get';
	callIds: string[];
	steps: Record<string, ResponseSpec[]>;
	output: 'actions' | 'callLogs';
	/**
	 * Download Recording on: the recording of call `id` (one request more per call, through
	 * `client.requestBinary`) answers with `steps[id]`, then with a recording of `okBytes` bytes.
	 */
	recording?: { steps: Record<string, ResponseSpec[]>; maxRecordingMb: number };
}

/**
 * Get Many Call Logs (Output: Call Logs) or Get Many Agents for one input item. Page `p` answers
 * with `pageFaults[p]` first (in order), then with the listing's page (with `pageHeaders`).
 */
export interface GetManyDraw extends DrawBase {
	operation: 'getAll';
	/** Whose list: call logs (the default) or agents (`listing.entity` says the same). */
	resource?: 'callLog' | 'agent';
	returnAll: boolean;
	limit: number;
	listing: PageListing;
	pageFaults: Record<string, ResponseSpec[]>;
	pageHeaders?: Record<string, string | string[]>;
}

/** The per-item operations of Agent and Agent Action. */
export type RecordAction = 'get' | 'create' | 'update' | 'delete';

/**
 * An Agent or Agent Action operation for each of `keys` (one input item each): the id asked for
 * (get, update, delete) or the name given (create). A request is keyed `<METHOD> <key>` (see
 * `recordKey`); `steps[key]` answers it first, in order, then the documented answer. Agent Action
 * → Update reads (GET) and then writes (PUT): two keys per item.
 */
export interface RecordDraw extends DrawBase {
	operation: 'record';
	resource: 'agent' | 'agentAction';
	action: RecordAction;
	keys: string[];
	steps: Record<string, ResponseSpec[]>;
	/** How the documented answers name their id. */
	idKey: 'id' | '_id';
}

export type ListSearchMethod = 'searchAgents' | 'searchCalls' | 'searchAgentActions';

/**
 * One call of a picker's list search, with the transport's defaults (the pickers have no
 * Options). Requests are keyed `agents page <n>`, `calls page <n>` or `agent <id>`; `steps[key]`
 * answers first, and every key's steps end with the documented answer, so that a burst 429 is not
 * repeated for the whole of the default Max Wait for Rate Limit (5 minutes).
 */
export interface ListSearchDraw extends DrawBase {
	operation: 'listSearch';
	method: ListSearchMethod;
	filter?: string;
	paginationToken?: string;
	/** The agent whose actions searchAgentActions lists. */
	agentId: string;
	agents: PageListing;
	calls: PageListing;
	steps: Record<string, ResponseSpec[]>;
}

/**
 * One poll of the New Call trigger (active workflow). With `primed`, a clean poll ran first and
 * recorded the `primed` oldest calls of the listing (an activation), so this poll's job is to
 * emit the others once; without, this poll is the activation and emits nothing. Page `p` answers
 * with `pageFaults[p]` first, then the listing's page (with `pageHeaders`).
 */
export interface PollDraw extends DrawBase {
	operation: 'poll';
	primed?: number;
	listing: PageListing;
	output: 'actions' | 'callLogs';
	pageFaults: Record<string, ResponseSpec[]>;
	pageHeaders?: Record<string, string | string[]>;
}

/** What a webhook request's body is. */
export type WebhookBody =
	/**
	 * A VoiceAiCallEnd delivery with a webhookId of its own, dated `offsetSeconds` from the moment
	 * it is sent, with `actions` executed actions and, if drawn, one field given a hostile value.
	 */
	| {
			kind: 'delivery';
			offsetSeconds: number;
			actions: number;
			mutation?: { field: string; value: unknown };
	  }
	/** The exact bytes (and signature, if it had a valid one) of the `pick`-th request before. */
	| { kind: 'replay'; pick: number }
	/** Bytes drawn at random. */
	| { kind: 'bytes'; bytes: number[] }
	/** Any JSON value. */
	| { kind: 'json'; value: unknown }
	/** `depth` levels of nesting inside a delivery's field, or the whole body. */
	| { kind: 'nested'; depth: number; where: 'root' | 'field' }
	/** A delivery whose transcript is `bytes` letters. */
	| { kind: 'huge'; bytes: number };

/** The X-GHL-Signature a request carries. */
export type WebhookSignature =
	/** An Ed25519 signature of the bytes sent, by the test key the trigger is given. */
	| 'valid'
	/** A signature of the bytes by another key. */
	| 'otherKey'
	/** The valid signature of other bytes. */
	| 'otherBody'
	/** The valid signature and a second, different value (duplicated header). */
	| 'duplicated'
	| 'none'
	/** HighLevel's "no signature" placeholder. */
	| 'placeholder'
	/** Base64 of random bytes, or random text. */
	| { random: string };

export interface WebhookDelivery {
	body: WebhookBody;
	signature: WebhookSignature;
	/** The Content-Type n8n parses the body by; null sends none. */
	contentType: string | null;
	/** Further headers, some of them with random values. */
	headers: Record<string, string | string[]>;
}

/**
 * A sequence of requests from a hostile caller to the VoiceAiCallEnd webhook trigger, with the
 * trigger's static data kept between them as n8n keeps it. There is no server: `continueOnFail`
 * and `options` are unused (the bound counts deliveries).
 */
export interface WebhookDraw extends DrawBase {
	operation: 'webhook';
	output: 'actions' | 'callLogs';
	deliveries: WebhookDelivery[];
}

export type Draw = GetDraw | GetManyDraw | RecordDraw | ListSearchDraw | PollDraw | WebhookDraw;

/**
 * The bound on every draw, in one place. A run may need `rounds` requests one after another. For
 * each, the node may wait for the rate limit (burst 429s and its own pacer, whatever the server
 * says) for at most Max Wait for Rate Limit in all; apart from that it makes at most Max Retries + 1
 * attempts, plus one more that meets the end of that wait, each taking at most Timeout and preceded
 * by a wait of at most OWN_WAIT_CAP_MS (the transport's cap on any wait between two attempts of a
 * read that failed: its backoff, or a Retry-After on a 503). MARGIN_MS covers n8n start-up,
 * parsing big bodies and a shared, noisy machine.
 *
 *   bound = rounds × (maxRateLimitWait + (maxRetries + 2) × (timeout + OWN_WAIT_CAP_MS)) + margin
 *
 * rounds: Get = ⌈items / Max Concurrent Requests⌉, twice with Download Recording; Get Many =
 * ⌈min(limit, available) / 50⌉ + 2 (the pages the honest calls fill, one more to see the end, one
 * for a page that repeats); Agent and Agent Action = ⌈items / Max Concurrent Requests⌉, twice for
 * Agent Action → Update (GET, then PUT); a list search = its pages (searchCalls also reads up to 20
 * pages of agent names first); a poll = its pages (and the priming poll's). A picker has no
 * Options: its draws carry the transport's defaults, so its bound is long (see ListSearchDraw).
 * The webhook trigger makes no request: WEBHOOK_DELIVERY_MS per delivery.
 */
export const OWN_WAIT_CAP_MS = 10_000;
export const MARGIN_MS = 10_000;
export const PAGE_SIZE = 50;
/** The Max Wait for Rate Limit every draw uses, so that a server that keeps refusing ends fast. */
export const RATE_LIMIT_WAIT_MS = 3000;
/** A webhook delivery is checked and answered without any request: this covers a 5 MB body. */
export const WEBHOOK_DELIVERY_MS = 2000;
/** Pages of agent names searchCalls reads before the calls (1,000 agents, 50 a page). */
const AGENT_NAME_PAGES = 20;
/** Pages of calls searchCalls reads for a search text before it answers. */
const SEARCHED_CALL_PAGES = 5;

/** Pages a poll of `listing` may read: to a short page, or every page one poll reads. */
function pollPages(listing: PageListing): number {
	if (listing.mode === 'repeat' && listing.available >= PAGE_SIZE) return MAX_PAGES_PER_POLL;
	return Math.floor(listing.available / PAGE_SIZE) + 1;
}

export function roundsOf(draw: Draw): number {
	switch (draw.operation) {
		case 'get':
			return (
				Math.ceil(draw.callIds.length / draw.options.maxConcurrency) * (draw.recording ? 2 : 1)
			);
		case 'getAll': {
			const wanted = Math.min(draw.returnAll ? Infinity : draw.limit, draw.listing.available);
			return Math.ceil(wanted / PAGE_SIZE) + 2;
		}
		case 'record': {
			const perItem = draw.resource === 'agentAction' && draw.action === 'update' ? 2 : 1;
			return Math.ceil(draw.keys.length / draw.options.maxConcurrency) * perItem;
		}
		case 'listSearch':
			if (draw.method !== 'searchCalls') return 1;
			return AGENT_NAME_PAGES + (draw.filter?.trim() ? SEARCHED_CALL_PAGES : 1);
		case 'poll':
			return (
				(draw.primed === undefined ? 0 : Math.floor(draw.primed / PAGE_SIZE) + 1) +
				pollPages(draw.listing)
			);
		case 'webhook':
			return 0;
	}
}

export function boundMs(draw: Draw): number {
	if (draw.operation === 'webhook') return draw.deliveries.length * WEBHOOK_DELIVERY_MS + MARGIN_MS;
	const { timeout, maxRetries, maxRateLimitWait } = draw.options;
	return (
		roundsOf(draw) * (maxRateLimitWait + (maxRetries + 2) * (timeout + OWN_WAIT_CAP_MS)) + MARGIN_MS
	);
}

export const TIMEOUT_MS = 1000;
export const CALL_IDS = ['hostile-call-0', 'hostile-call-1', 'hostile-call-2'];

const echoArb = fc.constantFrom<Echo>(
	'none',
	'authorization',
	'longAuthorization',
	'urlEncoded',
	'base64',
);

/** Mostly on time; sometimes late, trickling, silent or cut. */
const timingArb: fc.Arbitrary<Timing | undefined> = fc.oneof(
	{ weight: 30, arbitrary: fc.constant(undefined) },
	{ weight: 2, arbitrary: fc.integer({ min: 1, max: 2500 }).map((delayMs) => ({ delayMs })) },
	{ weight: 1, arbitrary: fc.constantFrom(100, 300, 900).map((trickleMs) => ({ trickleMs })) },
	{ weight: 1, arbitrary: fc.constant({ hang: true }) },
	{
		weight: 2,
		arbitrary: fc.constantFrom<Timing>({ reset: 'beforeHeaders' }, { reset: 'midBody' }),
	},
);

const encodingArb: fc.Arbitrary<ResponseSpec['encoding']> = fc.oneof(
	{ weight: 20, arbitrary: fc.constant(undefined) },
	{
		weight: 4,
		arbitrary: fc.constantFrom<ResponseSpec['encoding']>('gzip', 'wrongGzip', 'wrongBr', 'unknown'),
	},
);

/** Headers that never ask the node to wait (that is hostileRateLimit.test.ts's business). */
const benignHeadersArb: fc.Arbitrary<Record<string, string | string[]> | undefined> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant(undefined) },
	{ weight: 3, arbitrary: fc.constant(SANE_RATE_LIMIT_HEADERS) },
	{
		weight: 1,
		arbitrary: fc.constant<Record<string, string | string[]>>({
			'X-Trace': ['a', 'b'],
			'Cache-Control': ['no-store', 'no-cache'],
		}),
	},
);

const nestErrorArb: fc.Arbitrary<BodySpec> = fc.record({
	kind: fc.constant('nestError' as const),
	text: fc.constantFrom(
		'Request failed',
		'Invalid token: access token is invalid',
		'The token does not have access to this location.',
		'version header is invalid',
		'Call log not found',
		'Too Many Requests',
	),
	list: fc.boolean(),
	echo: echoArb,
});

/** 2xx bodies that are not what the endpoint documents. */
const oddBodyArb: fc.Arbitrary<BodySpec> = fc.oneof(
	{ weight: 2, arbitrary: fc.constant<BodySpec>({ kind: 'empty' }) },
	{ weight: 2, arbitrary: echoArb.map<BodySpec>((echo) => ({ kind: 'html', echo })) },
	{ weight: 2, arbitrary: echoArb.map<BodySpec>((echo) => ({ kind: 'text', echo })) },
	{
		weight: 2,
		arbitrary: fc.boolean().map<BodySpec>((lyingLength) => ({ kind: 'truncated', lyingLength })),
	},
	{
		weight: 3,
		arbitrary: fc
			.constantFrom<unknown>(
				[],
				[1, 2],
				42,
				null,
				'a string',
				true,
				{ data: {} },
				{ total: 3, callLogs: null },
				{ callLogs: {} },
			)
			.map<BodySpec>((value) => ({ kind: 'json', value })),
	},
	{
		weight: 1,
		arbitrary: fc
			.constantFrom<'root' | 'field'>('root', 'field')
			.map<BodySpec>((where) => ({ kind: 'nested', depth: 10_000, where })),
	},
	{
		weight: 1,
		arbitrary: fc
			.constantFrom<UrlQueryShape>('pairs', 'equalsRun', 'openNames', 'openSemicolons')
			.map<BodySpec>((shape) => ({ kind: 'urlQuery', bytes: 40_000, shape })),
	},
	{
		weight: 1,
		arbitrary: fc
			.constantFrom(1_000_000, 50_000_000)
			.map<BodySpec>((bytes) => ({ kind: 'large', bytes })),
	},
	// 64 MB inflated: far past any sane limit, small enough not to hurt a shared machine.
	{ weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'gzipBomb', inflatedBytes: 64 << 20 }) },
);

const REDIRECT_TARGETS: RedirectTarget[] = [
	'otherOrigin',
	'https',
	'sameUrl',
	'elsewhereSameOrigin',
	'malformed',
	'none',
];

interface ResponseOptions {
	/** The documented success's status: 200, 201 for a create, 204 for a delete. */
	okStatus?: number;
	/** How late, slow or cut answers come. */
	timing?: fc.Arbitrary<Timing | undefined>;
}

/**
 * Late, trickling, cut or silent answers within what a picker's defaults (60 s Timeout, 3
 * retries) can take in a test run: no hang, no trickle (either would cost minutes per draw).
 */
const pickerTimingArb: fc.Arbitrary<Timing | undefined> = fc.oneof(
	{ weight: 30, arbitrary: fc.constant(undefined) },
	{ weight: 2, arbitrary: fc.integer({ min: 1, max: 2500 }).map((delayMs) => ({ delayMs })) },
	{
		weight: 2,
		arbitrary: fc.constantFrom<Timing>({ reset: 'beforeHeaders' }, { reset: 'midBody' }),
	},
);

/** One answer: `ok` is the documented success; everything else is how HighLevel or a proxy fails. */
function responseArb(
	ok: BodySpec | undefined,
	wrongButValid: fc.Arbitrary<BodySpec>,
	{ okStatus = 200, timing = timingArb }: ResponseOptions = {},
): fc.Arbitrary<ResponseSpec> {
	const status: fc.Arbitrary<ResponseSpec> = fc.oneof(
		{
			weight: 10,
			arbitrary: fc.constant<ResponseSpec>({ status: okStatus, ...(ok && { body: ok }) }),
		},
		{
			weight: 6,
			arbitrary: fc.record({
				status: fc.constantFrom(200, 200, 201),
				body: fc.oneof(
					{ weight: 3, arbitrary: oddBodyArb },
					{ weight: 1, arbitrary: wrongButValid },
				),
			}),
		},
		{ weight: 1, arbitrary: fc.constant<ResponseSpec>({ status: 204 }) },
		{
			weight: 3,
			arbitrary: fc.record({
				status: fc.constantFrom(301, 302, 303, 307, 308),
				redirectTo: fc.constantFrom(...REDIRECT_TARGETS),
				body: fc.constant<BodySpec>({ kind: 'html' }),
			}),
		},
		{
			weight: 3,
			arbitrary: fc.record({
				status: fc.constantFrom(400, 401, 403, 404, 422),
				body: nestErrorArb,
			}),
		},
		{
			weight: 2,
			arbitrary: fc.record({
				status: fc.constant(429),
				body: nestErrorArb,
				// Burst (no headers: the node's own backoff) or the daily quota spent (never retried).
				headers: fc.constantFrom<Record<string, string> | undefined>(undefined, {
					'X-RateLimit-Limit-Daily': '200000',
					'X-RateLimit-Daily-Remaining': '0',
				}),
			}),
		},
		{
			weight: 3,
			arbitrary: fc.record({
				status: fc.constantFrom(500, 502, 503, 504),
				body: fc.oneof(
					nestErrorArb,
					echoArb.map<BodySpec>((echo) => ({ kind: 'html', echo })),
					echoArb.map<BodySpec>((echo) => ({ kind: 'text', echo })),
					fc.constant<BodySpec>({ kind: 'empty' }),
				),
			}),
		},
	);
	return fc
		.tuple(status, benignHeadersArb, encodingArb, timing)
		.map(([spec, headers, encoding, timing]) => {
			const out: ResponseSpec = { ...spec };
			// A 429 with rate-limit headers tells the node to wait: not in these draws.
			if (headers && spec.status !== 429) out.headers = { ...headers, ...spec.headers };
			if (encoding) out.encoding = encoding;
			if (timing) out.timing = timing;
			return out;
		});
}

const callLogOk: BodySpec = { kind: 'callLog' };

/** Get's answers: the wrong-but-valid one is a call log for another id. */
export const getResponseArb = responseArb(
	callLogOk,
	fc.constant<BodySpec>({ kind: 'callLog', id: 'another-call-id' }),
);

function stepsArb(response: fc.Arbitrary<ResponseSpec>) {
	return fc.array(response, { minLength: 1, maxLength: 3 });
}

export const getDrawArb: fc.Arbitrary<GetDraw> = fc
	.record({
		itemCount: fc.integer({ min: 1, max: 3 }),
		steps: fc.tuple(stepsArb(getResponseArb), stepsArb(getResponseArb), stepsArb(getResponseArb)),
		continueOnFail: fc.boolean(),
		maxRetries: fc.constantFrom(0, 1),
		output: fc.constantFrom<'actions' | 'callLogs'>('actions', 'callLogs'),
	})
	.map(({ itemCount, steps, continueOnFail, maxRetries, output }) => {
		const callIds = CALL_IDS.slice(0, itemCount);
		return {
			operation: 'get' as const,
			callIds,
			steps: Object.fromEntries(callIds.map((id, index) => [id, steps[index]])),
			output,
			continueOnFail,
			options: {
				timeout: TIMEOUT_MS,
				maxRetries,
				maxConcurrency: 10,
				maxRateLimitWait: RATE_LIMIT_WAIT_MS,
			},
			serverWaits: false,
		};
	});

/** What `total` says: the truth, huge, negative, missing, not a number, or too small. */
const totalArb: fc.Arbitrary<{ total: unknown } | 'honest' | 'missing'> = fc.oneof(
	{ weight: 4, arbitrary: fc.constant<'honest'>('honest') },
	{
		weight: 2,
		arbitrary: fc
			.constantFrom(1e5, 1e9, 1e15, Number.MAX_SAFE_INTEGER, 1e308)
			.map((total) => ({ total })),
	},
	{ weight: 2, arbitrary: fc.constantFrom(-1, -50, -1e9).map((total) => ({ total })) },
	{ weight: 2, arbitrary: fc.constant<'missing'>('missing') },
	{
		weight: 2,
		arbitrary: fc
			.constantFrom<unknown>('12', null, true, {}, [], 'NaN', 12.5)
			.map((total) => ({ total })),
	},
	{ weight: 1, arbitrary: fc.constantFrom(0, 1).map((total) => ({ total })) },
);

export const listingArb: fc.Arbitrary<PageListing> = fc
	.record({
		total: totalArb,
		available: fc.oneof(
			{ weight: 3, arbitrary: fc.constant(0) },
			{ weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) },
			{ weight: 4, arbitrary: fc.integer({ min: 11, max: 75 }) },
		),
		mode: fc.constantFrom<PageListing['mode']>('honest', 'honest', 'repeat', 'emptyFrom'),
		emptyFrom: fc.integer({ min: 1, max: 3 }),
		junk: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
	})
	.map(({ total, available, mode, emptyFrom, junk }) => ({
		available,
		mode,
		...(mode === 'emptyFrom' && { emptyFrom }),
		...(junk && { junk }),
		...(total === 'honest' ? { total: available } : total === 'missing' ? {} : total),
	}));

/** Get Many's answers: wrong-but-valid ones are a call log, or pages of another shape. */
function pageResponseArb(listing: PageListing, timing?: fc.Arbitrary<Timing | undefined>) {
	const listKey = listing.entity === 'agent' ? 'agents' : 'callLogs';
	return responseArb(
		{ kind: 'page', listing },
		fc.constantFrom<BodySpec>(
			listing.entity === 'agent'
				? { kind: 'agent', id: 'not-a-page' }
				: { kind: 'callLog', id: 'not-a-page' },
			{ kind: 'json', value: { total: 5, [listKey]: 'five' } },
			{ kind: 'json', value: { [listKey]: [{ id: 7 }, { id: '' }] } },
		),
		{ timing },
	);
}

/** A listing of agents, their ids as `id` or `_id` (HighLevel's example uses `_id`). */
const agentListingArb: fc.Arbitrary<PageListing> = fc
	.tuple(listingArb, fc.constantFrom<'id' | '_id'>('id', '_id'))
	.map(([listing, idKey]) => ({ ...listing, entity: 'agent' as const, idKey }));

/** Get Many draws; `returnAll` is fixed per test, Limit is drawn; call logs unless `resource`. */
export function getManyDrawArb(
	returnAll: boolean,
	resource: 'callLog' | 'agent' = 'callLog',
): fc.Arbitrary<GetManyDraw> {
	return (resource === 'agent' ? agentListingArb : listingArb).chain((listing) => {
		const faults = fc.oneof(
			{ weight: 7, arbitrary: fc.constant(undefined) },
			{ weight: 3, arbitrary: stepsArb(pageResponseArb(listing)) },
		);
		return fc
			.record({
				limit: fc.integer({ min: 1, max: 120 }),
				faults: fc.tuple(faults, faults, faults),
				pageHeaders: benignHeadersArb,
				continueOnFail: fc.boolean(),
				maxRetries: fc.constantFrom(0, 1),
			})
			.map(({ limit, faults: [one, two, three], pageHeaders, continueOnFail, maxRetries }) => {
				const pageFaults: Record<string, ResponseSpec[]> = {};
				[one, two, three].forEach((steps, index) => {
					if (steps) pageFaults[String(index + 1)] = steps;
				});
				return {
					operation: 'getAll' as const,
					...(resource === 'agent' && { resource }),
					returnAll,
					limit,
					listing,
					pageFaults,
					...(pageHeaders && { pageHeaders }),
					continueOnFail,
					options: {
						timeout: TIMEOUT_MS,
						maxRetries,
						maxConcurrency: 10,
						maxRateLimitWait: RATE_LIMIT_WAIT_MS,
					},
					serverWaits: false,
				};
			});
	});
}

/** Numbers as rate-limit headers carry them, mostly nonsense: huge, zero or negative, not numbers. */
const headerNumberArb = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom('1e9', '1e308', '9007199254740993') },
	{ weight: 2, arbitrary: fc.constantFrom('0', '-1', '-1000') },
	{ weight: 1, arbitrary: fc.constantFrom('NaN', 'abc', '', 'Infinity') },
	{ weight: 1, arbitrary: fc.constantFrom('0.0001', '100', '10000') },
);
const headerValueArb: fc.Arbitrary<string | string[]> = fc.oneof(
	{ weight: 4, arbitrary: headerNumberArb },
	{ weight: 1, arbitrary: fc.tuple(headerNumberArb, headerNumberArb).map(([a, b]) => [a, b]) },
);
const retryAfterArb: fc.Arbitrary<string | string[]> = fc.oneof(
	headerValueArb,
	fc.constantFrom(
		'Fri, 31 Dec 9999 23:59:59 GMT',
		'Thu, 01 Jan 1970 00:00:00 GMT',
		'Wed, 21 Oct 2015 07:28:00 GMT',
	),
);

/** A header present `inTen` times in ten. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, inTen: number): fc.Arbitrary<T | undefined> {
	return fc.oneof(
		{ weight: 10 - inTen, arbitrary: fc.constant(undefined) },
		{ weight: inTen, arbitrary },
	);
}

/**
 * Rate-limit headers of a hostile answer. Remaining is often 0 and the interval often present, so
 * that the pacer really is fed the nonsense; Retry-After (which the node clamps today) less often.
 */
export const rateLimitHeadersArb: fc.Arbitrary<Record<string, string | string[]>> = fc
	.record({
		'X-RateLimit-Max': sometimes(headerValueArb, 4),
		'X-RateLimit-Remaining': sometimes(
			fc.oneof(
				{ weight: 3, arbitrary: fc.constant('0') },
				{ weight: 1, arbitrary: headerValueArb },
			),
			8,
		),
		'X-RateLimit-Interval-Milliseconds': sometimes(headerValueArb, 8),
		'X-RateLimit-Limit-Daily': sometimes(headerValueArb, 3),
		'X-RateLimit-Daily-Remaining': sometimes(headerValueArb, 3),
		'Retry-After': sometimes(retryAfterArb, 3),
	})
	.map((headers) => {
		const present: Record<string, string | string[]> = {};
		for (const [name, value] of Object.entries(headers))
			if (value !== undefined) present[name] = value;
		return present;
	});

const rateLimitResponseArb: fc.Arbitrary<ResponseSpec> = fc
	.record({ status: fc.constantFrom(200, 429, 429, 503), headers: rateLimitHeadersArb })
	.map(({ status, headers }) => ({
		status,
		headers,
		body: status === 200 ? callLogOk : { kind: 'nestError', text: 'Too Many Requests' },
	}));

/**
 * Get draws whose answers carry nonsense rate-limit headers. `retry`: one item, one retry (the
 * wait before it is server-told); `pace`: two items one at a time, no retries (the second waits
 * for the pacer the first answer fed).
 */
export const rateLimitDrawArb: fc.Arbitrary<GetDraw> = fc
	.record({
		shape: fc.constantFrom<'retry' | 'pace'>('retry', 'pace'),
		steps: fc.tuple(
			fc.array(rateLimitResponseArb, { minLength: 1, maxLength: 2 }),
			fc.array(rateLimitResponseArb, { minLength: 1, maxLength: 2 }),
		),
		continueOnFail: fc.boolean(),
	})
	.map(({ shape, steps, continueOnFail }) => {
		const callIds = CALL_IDS.slice(0, shape === 'retry' ? 1 : 2);
		return {
			operation: 'get' as const,
			callIds,
			steps: Object.fromEntries(callIds.map((id, index) => [id, steps[index]])),
			output: 'callLogs' as const,
			continueOnFail,
			options:
				shape === 'retry'
					? {
							timeout: TIMEOUT_MS,
							maxRetries: 1,
							maxConcurrency: 10,
							maxRateLimitWait: RATE_LIMIT_WAIT_MS,
						}
					: {
							timeout: TIMEOUT_MS,
							maxRetries: 0,
							maxConcurrency: 1,
							maxRateLimitWait: RATE_LIMIT_WAIT_MS,
						},
			serverWaits: true,
		};
	});

/** The options of every draw that has Options, with Max Retries drawn. */
function drawOptions(maxRetries: number): DrawOptions {
	return {
		timeout: TIMEOUT_MS,
		maxRetries,
		maxConcurrency: 10,
		maxRateLimitWait: RATE_LIMIT_WAIT_MS,
	};
}

/** A draw's steps for up to three keys: each key's faults, or none (the documented answer). */
function keyedSteps(
	keys: string[],
	response: fc.Arbitrary<ResponseSpec>,
	faultyInTen = 10,
): fc.Arbitrary<Record<string, ResponseSpec[]>> {
	const steps = fc.oneof(
		{ weight: 10 - faultyInTen, arbitrary: fc.constant(undefined) },
		{ weight: faultyInTen, arbitrary: stepsArb(response) },
	);
	return fc.array(steps, { minLength: keys.length, maxLength: keys.length }).map((drawn) => {
		const table: Record<string, ResponseSpec[]> = {};
		drawn.forEach((specs, index) => {
			if (specs) table[keys[index]] = specs;
		});
		return table;
	});
}

// --- Call Log → Get with Download Recording ---

/** The Max Recording Size the recording draws use; `large` recordings are twice that. */
export const RECORDING_MB = 1;

/** A recording's answers: audio, or what is not one (JSON, a page, text, none, too large). */
export const recordingResponseArb = responseArb(
	{ kind: 'recording' },
	fc.constantFrom<BodySpec>(
		{ kind: 'recording', bytes: 2 * RECORDING_MB * 1024 * 1024 },
		{ kind: 'recording', contentType: null },
		{ kind: 'recording', contentType: 'application/octet-stream' },
		{ kind: 'recording', contentType: 'audio/mpeg' },
		{ kind: 'recording', bytes: 0 },
		{ kind: 'json', value: { recording: 'somewhere else' } },
	),
);

export const getWithRecordingDrawArb: fc.Arbitrary<GetDraw> = fc
	.record({
		itemCount: fc.integer({ min: 1, max: 3 }),
		steps: keyedSteps(CALL_IDS, getResponseArb, 3),
		recordingSteps: keyedSteps(CALL_IDS, recordingResponseArb, 8),
		continueOnFail: fc.boolean(),
		maxRetries: fc.constantFrom(0, 1),
		output: fc.constantFrom<'actions' | 'callLogs'>('actions', 'callLogs'),
	})
	.map(({ itemCount, steps, recordingSteps, continueOnFail, maxRetries, output }) => {
		const callIds = CALL_IDS.slice(0, itemCount);
		const only = (table: Record<string, ResponseSpec[]>) =>
			Object.fromEntries(Object.entries(table).filter(([id]) => callIds.includes(id)));
		return {
			operation: 'get' as const,
			callIds,
			steps: only(steps),
			output,
			recording: { steps: only(recordingSteps), maxRecordingMb: RECORDING_MB },
			continueOnFail,
			options: drawOptions(maxRetries),
			serverWaits: false,
		};
	});

// --- Agent and Agent Action ---

export const AGENT_IDS = ['hostile-agent-0', 'hostile-agent-1', 'hostile-agent-2'];
export const ACTION_IDS = ['hostile-action-0', 'hostile-action-1', 'hostile-action-2'];
/** Names for creates (an agent name has at most 40 characters). */
export const NEW_NAMES = ['Hostile New 0', 'Hostile New 1', 'Hostile New 2'];

/** The HTTP method of each request an operation makes, in order. */
export function recordMethods(resource: RecordDraw['resource'], action: RecordAction): string[] {
	switch (action) {
		case 'get':
			return ['GET'];
		case 'create':
			return ['POST'];
		case 'delete':
			return ['DELETE'];
		case 'update':
			return resource === 'agent' ? ['PATCH'] : ['GET', 'PUT'];
	}
}

/** The key of a request in RecordDraw.steps. */
export function recordKey(method: string, key: string): string {
	return `${method} ${key}`;
}

/** The documented answer (status and body) of one request of an operation. */
export function recordAnswer(
	resource: RecordDraw['resource'],
	method: string,
	idKey: 'id' | '_id',
): ResponseSpec {
	if (method === 'DELETE') return { status: 204 };
	return { status: method === 'POST' ? 201 : 200, body: { kind: resource, idKey } };
}

/** Answers to one request of an Agent or Agent Action operation. */
function recordResponseArb(
	resource: RecordDraw['resource'],
	method: string,
	idKey: 'id' | '_id',
): fc.Arbitrary<ResponseSpec> {
	const ok = recordAnswer(resource, method, idKey);
	const wrong: fc.Arbitrary<BodySpec> =
		method === 'DELETE'
			? fc.constantFrom<BodySpec>(
					{ kind: 'json', value: { succeeded: true } },
					{ kind: 'json', value: null },
				)
			: method === 'POST'
				? fc.constantFrom<BodySpec>(
						{ kind: 'json', value: { message: 'created' } },
						{ kind: 'json', value: { [resource]: { id: 'nested-id' } } },
					)
				: fc.constant<BodySpec>({ kind: resource, id: 'another-id' });
	return responseArb(ok.body, wrong, { okStatus: ok.status });
}

/** Draws of one Agent or Agent Action operation, 1–3 items. */
export function recordDrawArb(
	resource: RecordDraw['resource'],
	action: RecordAction,
): fc.Arbitrary<RecordDraw> {
	const allKeys = action === 'create' ? NEW_NAMES : resource === 'agent' ? AGENT_IDS : ACTION_IDS;
	return fc.constantFrom<'id' | '_id'>('id', '_id').chain((idKey) => {
		const methods = recordMethods(resource, action);
		// Agent Action → Update: the read before the write fails less often, so the write is reached.
		const perMethod = methods.map((method) =>
			keyedSteps(
				allKeys.map((key) => recordKey(method, key)),
				recordResponseArb(resource, method, idKey),
				methods.length > 1 && method === 'GET' ? 3 : 10,
			),
		);
		return fc
			.record({
				itemCount: fc.integer({ min: 1, max: 3 }),
				steps: fc.tuple(...perMethod),
				continueOnFail: fc.boolean(),
				maxRetries: fc.constantFrom(0, 1),
			})
			.map(({ itemCount, steps, continueOnFail, maxRetries }) => {
				const keys = allKeys.slice(0, itemCount);
				const merged: Record<string, ResponseSpec[]> = {};
				for (const table of steps) {
					for (const [key, specs] of Object.entries(table)) {
						if (keys.includes(key.slice(key.indexOf(' ') + 1))) merged[key] = specs;
					}
				}
				return {
					operation: 'record' as const,
					resource,
					action,
					keys,
					steps: merged,
					idKey,
					continueOnFail,
					options: drawOptions(maxRetries),
					serverWaits: false,
				};
			});
	});
}

// --- The pickers' list searches ---

/** The transport's defaults, which the pickers use (they have no Options). */
export const PICKER_OPTIONS: DrawOptions = {
	timeout: DEFAULT_TRANSPORT_OPTIONS.timeoutMs,
	maxRetries: DEFAULT_TRANSPORT_OPTIONS.maxRetries,
	maxConcurrency: DEFAULT_TRANSPORT_OPTIONS.maxConcurrency,
	maxRateLimitWait: DEFAULT_TRANSPORT_OPTIONS.maxRateLimitWaitMs,
};

/** The agent searchAgentActions lists the actions of. */
export const PICKED_AGENT = 'hostile-agent-0';

/** What is typed into a picker's search box: names, ids, nothing, too much, control characters. */
const searchTextArb = fc.oneof(
	{ weight: 3, arbitrary: fc.constant(undefined) },
	{
		weight: 3,
		arbitrary: fc.constantFrom(
			'riley',
			'list-call-3',
			'Booking',
			'zzz-no-match',
			'   ',
			'a'.repeat(300),
			'%00%2F..',
			'\u202ereversed',
			'&locationId=other',
		),
	},
	{ weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** The page token n8n hands back: none, a page, or what a tampered request could carry. */
const paginationTokenArb = fc.oneof(
	{ weight: 4, arbitrary: fc.constant(undefined) },
	{
		weight: 2,
		arbitrary: fc.constantFrom('2', '0', '-1', 'abc', '1e309', '99999999999999999999', '1.5'),
	},
);

export function listSearchDrawArb(method: ListSearchMethod): fc.Arbitrary<ListSearchDraw> {
	return fc.tuple(agentListingArb, listingArb).chain(([agents, calls]) => {
		const agentKeys = ['agents page 1', 'agents page 2'];
		const callKeys = ['calls page 1', 'calls page 2', 'calls page 3'];
		const agentKey = `agent ${PICKED_AGENT}`;
		const steps =
			method === 'searchAgentActions'
				? keyedSteps(
						[agentKey],
						responseArb(
							{ kind: 'agent' },
							fc.constantFrom<BodySpec>(
								{ kind: 'agent', overrides: { actions: 'none' } },
								{ kind: 'agent', overrides: { actions: [null, 7, { name: 'no id' }] } },
								{ kind: 'json', value: { agent: {} } },
							),
							{ timing: pickerTimingArb },
						),
						7,
					)
				: fc
						.tuple(
							keyedSteps(agentKeys, pageResponseArb(agents, pickerTimingArb), 4),
							method === 'searchCalls'
								? keyedSteps(callKeys, pageResponseArb(calls, pickerTimingArb), 4)
								: fc.constant({}),
						)
						.map(([agentSteps, callSteps]) => ({ ...agentSteps, ...callSteps }));
		return fc
			.record({ filter: searchTextArb, paginationToken: paginationTokenArb, steps })
			.map(({ filter, paginationToken, steps }) => ({
				operation: 'listSearch' as const,
				method,
				...(filter !== undefined && { filter }),
				...(paginationToken !== undefined && { paginationToken }),
				agentId: PICKED_AGENT,
				agents,
				calls,
				steps,
				continueOnFail: false,
				options: PICKER_OPTIONS,
				serverWaits: false,
			}));
	});
}

// --- The polling trigger ---

export const pollDrawArb: fc.Arbitrary<PollDraw> = fc
	.tuple(listingArb, fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }))
	.chain(([listing, primed]) => {
		const faults = fc.oneof(
			{ weight: 6, arbitrary: fc.constant(undefined) },
			{ weight: 4, arbitrary: stepsArb(pageResponseArb(listing)) },
		);
		return fc
			.record({
				faults: fc.tuple(faults, faults, faults),
				pageHeaders: benignHeadersArb,
				maxRetries: fc.constantFrom(0, 1),
				output: fc.constantFrom<'actions' | 'callLogs'>('actions', 'callLogs'),
			})
			.map(({ faults, pageHeaders, maxRetries, output }) => {
				const pageFaults: Record<string, ResponseSpec[]> = {};
				faults.forEach((steps, index) => {
					if (steps) pageFaults[String(index + 1)] = steps;
				});
				return {
					operation: 'poll' as const,
					...(primed !== undefined && { primed: Math.min(primed, listing.available) }),
					listing,
					output,
					pageFaults,
					...(pageHeaders && { pageHeaders }),
					continueOnFail: false,
					options: drawOptions(maxRetries),
					serverWaits: false,
				};
			});
	});

// --- The webhook trigger: the caller is the hostile party ---

/** Fields of a delivery a hostile caller gives a hostile value. */
const DELIVERY_FIELDS = [
	'id',
	'webhookId',
	'timestamp',
	'type',
	'locationId',
	'agentId',
	'executedCallActions',
	'transcript',
	'extractedData',
	'duration',
	'__proto__',
	'constructor',
	'toString',
];

const hostileValueArb: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
	{
		weight: 3,
		arbitrary: fc.constantFrom<unknown>(
			null,
			'',
			'__proto__',
			'x'.repeat(300),
			[null, 7, 'a', {}, []],
			[{ actionType: 'SMS' }, { _id: 5 }, { actionId: { toString: null } }],
			{ toString: null, valueOf: 'x' },
			1e308,
			-1,
			'2026-99-99T99:99:99Z',
			'1970-01-01T00:00:00Z',
			'\u202e\u0000',
		),
	},
);

const webhookBodyArb: fc.Arbitrary<WebhookBody> = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.record({
			kind: fc.constant('delivery' as const),
			// Mostly well within the 5-minute tolerance, sometimes outside it.
			offsetSeconds: fc.oneof(
				{ weight: 4, arbitrary: fc.integer({ min: -200, max: 200 }) },
				{ weight: 1, arbitrary: fc.integer({ min: -900, max: 900 }) },
			),
			actions: fc.integer({ min: 0, max: 3 }),
			mutation: fc.option(
				fc.record({ field: fc.constantFrom(...DELIVERY_FIELDS), value: hostileValueArb }),
				{
					nil: undefined,
					freq: 3,
				},
			),
		}),
	},
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('bytes' as const),
			bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('json' as const),
			value: fc.jsonValue({ maxDepth: 4 }),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('nested' as const),
			depth: fc.constantFrom(65, 1000, 100_000),
			where: fc.constantFrom<'root' | 'field'>('root', 'field'),
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('huge' as const),
			// Below and above the trigger's 5 MB limit, below n8n's own 16 MB.
			bytes: fc.constantFrom(1_000_000, 6_000_000),
		}),
	},
);

const webhookSignatureArb: fc.Arbitrary<WebhookSignature> = fc.oneof(
	{ weight: 8, arbitrary: fc.constant<WebhookSignature>('valid') },
	{
		weight: 4,
		arbitrary: fc.constantFrom<WebhookSignature>(
			'otherKey',
			'otherBody',
			'duplicated',
			'none',
			'placeholder',
		),
	},
	{
		weight: 2,
		arbitrary: fc
			.oneof(
				fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes).toString('base64')),
				fc.string({ maxLength: 100 }),
				fc.constant('A'.repeat(10_000)),
			)
			.map((random) => ({ random })),
	},
);

const webhookHeadersArb: fc.Arbitrary<Record<string, string | string[]>> = fc.dictionary(
	fc.constantFrom(
		'x-wh-signature',
		'x-ghl-timestamp',
		'content-encoding',
		'x-forwarded-for',
		'user-agent',
		'x-ghl-webhook-id',
	),
	fc.oneof(
		fc.string({ maxLength: 60 }),
		fc.array(fc.string({ maxLength: 20 }), { minLength: 2, maxLength: 3 }),
	),
	{ maxKeys: 3 },
);

const webhookDeliveryArb: fc.Arbitrary<WebhookDelivery> = fc.record({
	body: webhookBodyArb,
	signature: webhookSignatureArb,
	contentType: fc.oneof(
		{ weight: 6, arbitrary: fc.constant<string | null>('application/json') },
		{
			weight: 3,
			arbitrary: fc.constantFrom<string | null>(
				'text/plain',
				'application/x-www-form-urlencoded',
				null,
				'application/json; charset=utf-16',
				'application/octet-stream',
			),
		},
	),
	headers: webhookHeadersArb,
});

export const webhookDrawArb: fc.Arbitrary<WebhookDraw> = fc
	.record({
		deliveries: fc.array(webhookDeliveryArb, { minLength: 5, maxLength: 25 }),
		output: fc.constantFrom<'actions' | 'callLogs'>('actions', 'callLogs'),
	})
	.map(({ deliveries, output }) => ({
		operation: 'webhook' as const,
		output,
		deliveries,
		continueOnFail: false,
		options: drawOptions(0),
		serverWaits: false,
	}));
