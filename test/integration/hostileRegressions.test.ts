import type { Hostile, PageListing, ResponseSpec } from '../harness/hostile';
import {
	LOCATION_QUERY_MARKER,
	prepareGzipBomb,
	SANE_RATE_LIMIT_HEADERS,
	startHostile,
} from '../harness/hostile';
import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import type { Draw, GetDraw, GetManyDraw, RecordDraw } from '../tables/hostileArbitraries';
import {
	boundMs,
	CALL_IDS,
	RATE_LIMIT_WAIT_MS,
	recordKey,
	TIMEOUT_MS,
} from '../tables/hostileArbitraries';
import type { DrawRun } from '../tables/hostileChecks';
import { HOSTILE_CANARY, runDraw } from '../tables/hostileChecks';

// One named test per case of the issue "Trustworthy at the edges". Each runs the node through real
// n8n-core against the hostile server, checks every invariant of hostileChecks.ts (the run ends
// within boundMs, the token stays home, failures are plain NodeApiError/NodeOperationError, no
// secret anywhere) and then what the case itself demands.

/** HighLevel's documented burst window: a later, healthy execution may wait this long, no more. */
const NORMAL_INTERVAL_MS = 10_000;
/** A retry that honours nonsense like "wait 0 ms" still pauses at least this long. */
const MIN_RETRY_PAUSE_MS = 100;

const CALL = CALL_IDS[0];
const callLogAnswer: ResponseSpec = { status: 200, body: { kind: 'callLog' } };

function getDraw(steps: ResponseSpec[], overrides: Partial<GetDraw> = {}): GetDraw {
	return {
		operation: 'get',
		callIds: [CALL],
		steps: { [CALL]: steps },
		output: 'actions',
		continueOnFail: false,
		options: {
			timeout: TIMEOUT_MS,
			maxRetries: 0,
			maxConcurrency: 10,
			maxRateLimitWait: RATE_LIMIT_WAIT_MS,
		},
		serverWaits: false,
		...overrides,
	};
}

function getManyDraw(listing: PageListing, overrides: Partial<GetManyDraw> = {}): GetManyDraw {
	return {
		operation: 'getAll',
		returnAll: true,
		limit: 50,
		listing,
		pageFaults: {},
		continueOnFail: false,
		options: {
			timeout: TIMEOUT_MS,
			maxRetries: 0,
			maxConcurrency: 10,
			maxRateLimitWait: RATE_LIMIT_WAIT_MS,
		},
		serverWaits: false,
		...overrides,
	};
}

/** An Agent or Agent Action update of `id` whose `method` request answers with `steps`. */
function updateDraw(
	resource: RecordDraw['resource'],
	id: string,
	method: string,
	steps: ResponseSpec[],
): RecordDraw {
	return {
		operation: 'record',
		resource,
		action: 'update',
		keys: [id],
		steps: { [recordKey(method, id)]: steps },
		idKey: 'id',
		continueOnFail: false,
		options: {
			timeout: TIMEOUT_MS,
			maxRetries: 1,
			maxConcurrency: 10,
			maxRateLimitWait: RATE_LIMIT_WAIT_MS,
		},
		serverWaits: false,
	};
}

/** A jest timeout comfortably above a run's bound (the harness ends the run at the bound). */
const jestTimeout = (...bounds: number[]) => bounds.reduce((sum, bound) => sum + bound, 30_000);

const messages = (run: DrawRun) => (run.result?.hints ?? []).map((hint) => hint.message);
const errorText = (run: DrawRun) =>
	`${run.result?.error?.message ?? ''}\n${run.result?.error?.description ?? ''}`;

describe('Hostile HighLevel: the cases of "Trustworthy at the edges"', () => {
	let logs: LogEntry[] = [];
	let hostile: Hostile;
	let location = 0;

	beforeAll(() => {
		logs = captureLogs();
	});
	// A fresh pair per test, so a run abandoned at its bound cannot reach the next test's server.
	beforeEach(async () => {
		hostile = await startHostile({ token: HOSTILE_CANARY });
		location++;
	});
	afterEach(async () => {
		await hostile.close();
	});

	const run = async (draw: Draw, allowanceMs = 0) =>
		await runDraw(draw, {
			hostile,
			logs,
			locationId: `hostileRegression${location}`,
			allowanceMs,
		});

	describe('Get Many: an empty answer', () => {
		const empty: PageListing = { total: 0, available: 0, mode: 'honest' };

		test(
			'with Limit: zero items, no error',
			async () => {
				const result = await run(getManyDraw(empty, { returnAll: false, limit: 10 }));
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				expect(result.result?.items).toEqual([]);
			},
			jestTimeout(boundMs(getManyDraw(empty))),
		);

		test(
			'with Return All: zero items, no error',
			async () => {
				const result = await run(getManyDraw(empty));
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				expect(result.result?.items).toEqual([]);
			},
			jestTimeout(boundMs(getManyDraw(empty))),
		);
	});

	describe('Get: redirects', () => {
		test.each([301, 302, 307, 308])(
			'%d to another origin: a plain error naming only the host; nothing sent there with the token',
			async (status) => {
				const result = await run(
					getDraw([{ status, redirectTo: 'otherOrigin', body: { kind: 'html' } }]),
				);
				const withToken = hostile.other.requests
					.filter((request) => request.headers.authorization)
					.map((request) => `${request.method} ${request.path}: ${request.headers.authorization}`);
				expect(withToken).toEqual([]);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeDefined();
				expect(errorText(result)).toContain(hostile.other.host);
				// The host, not the address: no path or query of the Location.
				expect(errorText(result)).not.toContain(LOCATION_QUERY_MARKER);
				expect(errorText(result)).not.toContain('/voice-ai/');
			},
			jestTimeout(boundMs(getDraw([]))),
		);

		test(
			'a redirect loop on the same origin: a plain error',
			async () => {
				const result = await run(
					getDraw([{ status: 302, redirectTo: 'sameUrl', body: { kind: 'html' } }]),
				);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeDefined();
			},
			jestTimeout(boundMs(getDraw([]))),
		);
	});

	describe('Get: X-RateLimit-Interval-Milliseconds taken as it comes', () => {
		const limited = (interval: string): ResponseSpec => ({
			status: 429,
			headers: { 'X-RateLimit-Interval-Milliseconds': interval },
			body: { kind: 'nestError', text: 'Too Many Requests' },
		});
		const tight = (interval: string) =>
			getDraw([limited(interval)], {
				options: {
					timeout: TIMEOUT_MS,
					maxRetries: 3,
					maxConcurrency: 10,
					maxRateLimitWait: RATE_LIMIT_WAIT_MS,
				},
				serverWaits: true,
			});

		// An interval that is not a plain number of milliseconds is ignored, so HighLevel's documented
		// 10 s applies: the 429 says the window is full for that long, which outlasts the 3 s of
		// patience here. The run ends at the patience with a plain rate-limit error: never the 11
		// days "1e9" once asked for, never a tight loop for "0" or "-1".
		test.each(['1e9', '0', '-1'])(
			'%s on every 429: a plain rate-limit error within the patience, not a tight loop',
			async (interval) => {
				const result = await run(tight(interval));
				expect(result.violations).toEqual([]);
				expect(result.result?.error?.message).toMatch(/rate limit/);
				const arrivals = hostile.requests.map((request) => request.at);
				expect(arrivals.length).toBeGreaterThanOrEqual(1);
				expect(arrivals.length).toBeLessThanOrEqual(RATE_LIMIT_WAIT_MS / MIN_RETRY_PAUSE_MS);
				const pauses = arrivals.slice(1).map((at, index) => at - arrivals[index]);
				for (const pause of pauses) expect(pause).toBeGreaterThanOrEqual(MIN_RETRY_PAUSE_MS);
			},
			jestTimeout(boundMs(tight('0'))),
		);

		const poisoned = getDraw(
			[
				{
					...callLogAnswer,
					headers: {
						'X-RateLimit-Max': '1',
						'X-RateLimit-Remaining': '0',
						'X-RateLimit-Interval-Milliseconds': '1e9',
					},
				},
			],
			{ serverWaits: true },
		);
		// The later execution is patient enough to wait out one interval (the most the hostile answer
		// may cost it), but not the 11 days that answer once asked for.
		const healthy = getDraw([{ ...callLogAnswer, headers: SANE_RATE_LIMIT_HEADERS }], {
			options: {
				timeout: TIMEOUT_MS,
				maxRetries: 0,
				maxConcurrency: 10,
				maxRateLimitWait: 2 * NORMAL_INTERVAL_MS,
			},
			callIds: CALL_IDS,
			steps: Object.fromEntries(
				CALL_IDS.map((id) => [id, [{ ...callLogAnswer, headers: SANE_RATE_LIMIT_HEADERS }]]),
			),
		});

		test(
			'one hostile answer does not slow a later execution against a healthy server beyond one normal interval',
			async () => {
				const first = await run(poisoned);
				expect(first.violations).toEqual([]);
				// Same Base URL and location: the node's per-location pacer is shared by both runs.
				const later = await run(healthy, NORMAL_INTERVAL_MS);
				expect(later.violations).toEqual([]);
				expect(later.result?.error).toBeUndefined();
				expect(later.result?.items).toHaveLength(CALL_IDS.length * 2);
			},
			jestTimeout(boundMs(poisoned), boundMs(healthy) + NORMAL_INTERVAL_MS),
		);
	});

	describe('Get: bodies that are expensive to read', () => {
		test.each(['openSemicolons', 'openNames', 'equalsRun', 'pairs'] as const)(
			'a 40 kB URL-query-shaped text (%s) in a call log: output within the bound',
			async (shape) => {
				const result = await run(
					getDraw([
						{ status: 200, body: { kind: 'urlQuery', bytes: 40_000, shape, actionCount: 8 } },
					]),
				);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				expect(result.result?.items).toHaveLength(8);
			},
			// The event loop may be blocked past the bound; jest's own timer cannot fire meanwhile.
			jestTimeout(boundMs(getDraw([])), 120_000),
		);

		test.each([
			['field', 'actions'],
			['field', 'callLogs'],
			['root', 'actions'],
		] as const)(
			'10,000 levels of nesting (%s, output %s): a plain error or items, no crash',
			async (where, output) => {
				const result = await run(
					getDraw([{ status: 200, body: { kind: 'nested', depth: 10_000, where } }], { output }),
				);
				expect(result.violations).toEqual([]);
				expect(result.result).toBeDefined();
				expect(Boolean(result.result!.error) || result.result!.items.length > 0).toBe(true);
			},
			jestTimeout(boundMs(getDraw([]))),
		);

		test(
			'a gzip bomb (200 MB inflated): a plain "too large" error',
			async () => {
				// Compressing 200 MB takes seconds; done before the run, the server answers at once.
				await prepareGzipBomb(200 << 20);
				// Inflating the 32 MB the node reads before it stops takes a while on a busy machine: a
				// generous timeout keeps this about the size limit, not the clock.
				const result = await run(
					getDraw([{ status: 200, body: { kind: 'gzipBomb', inflatedBytes: 200 << 20 } }], {
						options: { ...getDraw([]).options, timeout: 10_000 },
					}),
				);
				expect(result.violations).toEqual([]);
				expect(result.result?.error?.message).toMatch(/too large/i);
			},
			jestTimeout(
				boundMs({ ...getDraw([]), options: { ...getDraw([]).options, timeout: 10_000 } }),
			),
		);

		test(
			'a body trickling one byte every 200 ms: a timeout error within the bound',
			async () => {
				const result = await run(getDraw([{ ...callLogAnswer, timing: { trickleMs: 200 } }]));
				expect(result.violations).toEqual([]);
				expect(result.result?.error?.message).toMatch(/did not answer within 1000 ms/);
			},
			jestTimeout(boundMs(getDraw([]))),
		);

		test(
			'a 200 whose call log has another id: a plain error',
			async () => {
				const result = await run(
					getDraw([{ status: 200, body: { kind: 'callLog', id: 'another-call-id' } }]),
				);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeDefined();
				expect(result.result?.items).toEqual([]);
			},
			jestTimeout(boundMs(getDraw([]))),
		);
	});

	describe('Get Many, Return All: a total that lies', () => {
		const cases: Array<[string, PageListing, number, boolean]> = [
			['total huge (1e9), 60 calls', { total: 1e9, available: 60, mode: 'honest' }, 60, true],
			['total negative (-1), 60 calls', { total: -1, available: 60, mode: 'honest' }, 60, false],
			['total 120, every page is page 1', { total: 120, available: 120, mode: 'repeat' }, 50, true],
			[
				'total 120, page 2 comes back empty',
				{ total: 120, available: 120, mode: 'emptyFrom', emptyFrom: 2 },
				50,
				true,
			],
			['no total, every page is page 1', { available: 120, mode: 'repeat' }, 50, false],
		];

		test.each(cases)(
			'%s: ends, outputs what arrived, and says when fewer calls than the total arrived',
			async (_name, listing, arrived, short) => {
				const result = await run(getManyDraw(listing));
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				expect(result.result?.items).toHaveLength(arrived);
				if (short) {
					expect(messages(result)).toEqual(
						expect.arrayContaining([expect.stringMatching(new RegExp(`\\b${arrived}\\b`))]),
					);
				}
			},
			jestTimeout(boundMs(getManyDraw({ available: 120, mode: 'honest' }))),
		);
	});

	// Found by hostileAgents.test.ts (FC_SEED=20261125): a PATCH answered 200 with no body, or 204,
	// output `{ id: null }`, so the step after it no longer knew which agent had been updated.
	describe('Update answered without a body', () => {
		const agentCases: Array<[string, ResponseSpec]> = [
			['200 with an empty body', { status: 200, body: { kind: 'empty' } }],
			['204', { status: 204 }],
		];
		test.each(agentCases)(
			'Agent → Update, %s: one PATCH, and the item names the agent',
			async (_name, answer) => {
				const draw = updateDraw('agent', 'hostile-agent-0', 'PATCH', [answer]);
				const result = await run(draw);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				expect(result.result?.items.map((item) => item.json.id)).toEqual(['hostile-agent-0']);
				expect(hostile.requests.filter((request) => request.method === 'PATCH')).toHaveLength(1);
			},
			jestTimeout(boundMs(updateDraw('agent', 'hostile-agent-0', 'PATCH', []))),
		);

		test(
			'Agent Action → Update, PUT answered 204: the item is the action as sent, with its id',
			async () => {
				const draw = updateDraw('agentAction', 'hostile-action-0', 'PUT', [{ status: 204 }]);
				const result = await run(draw);
				expect(result.violations).toEqual([]);
				expect(result.result?.error).toBeUndefined();
				const [item] = result.result?.items ?? [];
				expect(item?.json).toMatchObject({
					id: 'hostile-action-0',
					actionType: 'SMS',
					name: 'Renamed',
				});
				expect(hostile.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
			},
			jestTimeout(boundMs(updateDraw('agentAction', 'hostile-action-0', 'PUT', []))),
		);
	});
});
