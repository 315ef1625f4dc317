import fc from 'fast-check';

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
}

/**
 * Get Many Call Logs (Output: Call Logs) for one input item. Page `p` answers with
 * `pageFaults[p]` first (in order), then with the listing's page (with `pageHeaders`).
 */
export interface GetManyDraw extends DrawBase {
	operation: 'getAll';
	returnAll: boolean;
	limit: number;
	listing: PageListing;
	pageFaults: Record<string, ResponseSpec[]>;
	pageHeaders?: Record<string, string | string[]>;
}

export type Draw = GetDraw | GetManyDraw;

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
 * rounds: Get = ⌈items / Max Concurrent Requests⌉; Get Many = ⌈min(limit, available) / 50⌉ + 2
 * (the pages the honest calls fill, one more to see the end, one for a page that repeats).
 */
export const OWN_WAIT_CAP_MS = 10_000;
export const MARGIN_MS = 10_000;
export const PAGE_SIZE = 50;
/** The Max Wait for Rate Limit every draw uses, so that a server that keeps refusing ends fast. */
export const RATE_LIMIT_WAIT_MS = 3000;

export function roundsOf(draw: Draw): number {
	if (draw.operation === 'get') return Math.ceil(draw.callIds.length / draw.options.maxConcurrency);
	const wanted = Math.min(draw.returnAll ? Infinity : draw.limit, draw.listing.available);
	return Math.ceil(wanted / PAGE_SIZE) + 2;
}

export function boundMs(draw: Draw): number {
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

/** One answer: `ok` is the documented success; everything else is how HighLevel or a proxy fails. */
function responseArb(
	ok: BodySpec,
	wrongButValid: fc.Arbitrary<BodySpec>,
): fc.Arbitrary<ResponseSpec> {
	const status: fc.Arbitrary<ResponseSpec> = fc.oneof(
		{ weight: 10, arbitrary: fc.constant<ResponseSpec>({ status: 200, body: ok }) },
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
		.tuple(status, benignHeadersArb, encodingArb, timingArb)
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
function pageResponseArb(listing: PageListing) {
	return responseArb(
		{ kind: 'page', listing },
		fc.constantFrom<BodySpec>(
			{ kind: 'callLog', id: 'not-a-page' },
			{ kind: 'json', value: { total: 5, callLogs: 'five' } },
			{ kind: 'json', value: { callLogs: [{ id: 7 }, { id: '' }] } },
		),
	);
}

/** Get Many draws; `returnAll` is fixed per test, Limit is drawn. */
export function getManyDrawArb(returnAll: boolean): fc.Arbitrary<GetManyDraw> {
	return listingArb.chain((listing) => {
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
