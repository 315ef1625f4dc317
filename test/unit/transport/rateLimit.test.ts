import fc from 'fast-check';

import { backoffMs, retryDelayMs } from '../../../nodes/HighLevelVoiceAi/transport';
import type { RateLimitHeaders } from '../../../nodes/HighLevelVoiceAi/transport/rateLimit';
import {
	HEADER_BOUNDS,
	RateLimiter,
	readRateLimitHeaders,
} from '../../../nodes/HighLevelVoiceAi/transport/rateLimit';

/** Virtual time: `sleep` parks a promise until `run` advances the clock to it. */
class VirtualClock {
	now = 0;
	private timers: Array<{ at: number; wake: () => void }> = [];

	readonly sleep = async (ms: number) =>
		await new Promise<void>((wake) => this.timers.push({ at: this.now + ms, wake }));

	/** Advances time timer by timer until `done` holds; fails if nothing is left to wake. */
	async run(done: () => boolean): Promise<void> {
		for (;;) {
			await settle();
			if (done()) return;
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift();
			if (!next) throw new Error('Nothing left to wake: the limiter is stuck');
			this.now = Math.max(this.now, next.at);
			next.wake();
		}
	}
}

async function settle() {
	for (let i = 0; i < 50; i++) await Promise.resolve();
}

/** A HighLevel-like gateway: counts arrivals in a sliding window and answers with the headers. */
class WindowServer {
	private arrivals: number[] = [];
	refused = 0;
	maxInWindow = 0;

	constructor(
		readonly max: number,
		readonly intervalMs: number,
	) {}

	arrive(now: number): RateLimitHeaders {
		this.arrivals = this.arrivals.filter((at) => at > now - this.intervalMs);
		if (this.arrivals.length >= this.max) {
			this.refused++;
			return { max: this.max, intervalMs: this.intervalMs, remaining: 0 };
		}
		this.arrivals.push(now);
		this.maxInWindow = Math.max(this.maxInWindow, this.arrivals.length);
		return {
			max: this.max,
			intervalMs: this.intervalMs,
			remaining: this.max - this.arrivals.length,
		};
	}
}

interface Trip {
	/** Time n8n's HTTP layer holds the request before it reaches the server. */
	sendDelay: number;
	latency: number;
}

/** Sends every trip through the limiter, `concurrency` at a time; returns send and answer times. */
async function simulate(
	limiter: RateLimiter,
	clock: VirtualClock,
	server: WindowServer,
	trips: Trip[],
	concurrency: number,
) {
	const sentAt: number[] = [];
	const answeredAt: number[] = [];
	let next = 0;
	let finished = 0;
	const worker = async () => {
		while (next < trips.length) {
			const { sendDelay, latency } = trips[next++];
			const ticket = (await limiter.acquire())!;
			sentAt.push(clock.now);
			await clock.sleep(sendDelay);
			const headers = server.arrive(clock.now);
			await clock.sleep(latency);
			answeredAt.push(clock.now);
			limiter.observe(ticket, headers);
			finished++;
		}
	};
	for (let i = 0; i < concurrency; i++) void worker();
	await clock.run(() => finished === trips.length);
	return { sentAt, answeredAt };
}

function newLimiter(clock: VirtualClock, max = 100, intervalMs = 10_000, random = Math.random) {
	return new RateLimiter({ max, intervalMs, now: () => clock.now, sleep: clock.sleep, random });
}

describe('RateLimiter', () => {
	it('sends a full burst at once, then waits one interval after the first answer', async () => {
		const clock = new VirtualClock();
		const server = new WindowServer(10, 1000);
		const trips = Array.from({ length: 11 }, () => ({ sendDelay: 0, latency: 50 }));

		const { sentAt } = await simulate(newLimiter(clock, 10, 1000), clock, server, trips, 11);

		expect(sentAt.slice(0, 10)).toEqual(new Array(10).fill(0));
		// The 11th waits for the first slot: answered at 50, held one interval plus a small margin.
		expect(sentAt[10]).toBeGreaterThanOrEqual(1050);
		expect(sentAt[10]).toBeLessThanOrEqual(1050 + 20);
		expect(server.refused).toBe(0);
	});

	it('never lets the server see more than its limit, however long requests take to leave', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						sendDelay: fc.integer({ min: 0, max: 300 }),
						latency: fc.integer({ min: 0, max: 800 }),
					}),
					{ minLength: 1, maxLength: 120 },
				),
				fc.integer({ min: 1, max: 30 }),
				async (trips, concurrency) => {
					const clock = new VirtualClock();
					const server = new WindowServer(20, 1000);
					await simulate(newLimiter(clock, 20, 1000), clock, server, trips, concurrency);
					expect(server.refused).toBe(0);
					expect(server.maxInWindow).toBeLessThanOrEqual(20);
				},
			),
			{ numRuns: 100 },
		);
	});

	it('counts a request until one interval after its answer, not after it was handed over', async () => {
		// Seen in real n8n: the first requests of a run wait ~100 ms in the HTTP layer before leaving.
		const clock = new VirtualClock();
		const server = new WindowServer(20, 1000);
		const trips = Array.from({ length: 60 }, (_, index) => ({
			sendDelay: index < 10 ? 120 : 0,
			latency: 20,
		}));

		await simulate(newLimiter(clock, 20, 1000), clock, server, trips, 20);

		expect(server.refused).toBe(0);
	});

	it('learns the limit from the headers when they differ from the documented default', async () => {
		const clock = new VirtualClock();
		const server = new WindowServer(5, 500);
		const trips = Array.from({ length: 30 }, () => ({ sendDelay: 5, latency: 30 }));

		// Starts believing 100 per 10 s; one request at a time until the first answer teaches it.
		await simulate(newLimiter(clock), clock, server, trips, 1);

		expect(server.refused).toBe(0);
		expect(server.maxInWindow).toBe(5);
	});

	it('uses the window fully: each slot is reused one interval after its answer', async () => {
		const clock = new VirtualClock();
		const server = new WindowServer(20, 1000);
		const trips = Array.from({ length: 200 }, () => ({ sendDelay: 0, latency: 100 }));

		const { sentAt, answeredAt } = await simulate(
			newLimiter(clock, 20, 1000),
			clock,
			server,
			trips,
			10,
		);

		// Request k+20 starts as soon as request k's slot is free again (answer + interval + margin).
		const answers = [...answeredAt].sort((a, b) => a - b);
		for (let k = 0; k + 20 < sentAt.length; k++) {
			expect(sentAt[k + 20]).toBeLessThanOrEqual(answers[k] + 1000 + 20);
		}
		// 200 requests at 20 per second with 100 ms latency: about 10 intervals, not more.
		expect(answers[199]).toBeLessThanOrEqual(10 * 1120);
		expect(server.refused).toBe(0);
	});

	it('leaves room for traffic the headers report from other workers', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 10, 1000);
		const first = (await limiter.acquire())!;
		// Another worker has used 6 of 10: after our one request, 3 remain.
		limiter.observe(first, { max: 10, intervalMs: 1000, remaining: 3 });

		const sent: number[] = [];
		const sendMany = async () => {
			for (let i = 0; i < 4; i++) {
				(await limiter.acquire())!;
				sent.push(clock.now);
			}
		};
		void sendMany();
		await clock.run(() => sent.length === 4);

		// Three go at once; the fourth waits until the other worker's requests have left the window.
		expect(sent.slice(0, 3)).toEqual([0, 0, 0]);
		expect(sent[3]).toBeGreaterThanOrEqual(1000);
	});

	it('does not let an older, higher figure that arrives late raise the budget', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 10, 1000);
		const [a, b] = [(await limiter.acquire())!, (await limiter.acquire())!];
		limiter.observe(a, { max: 10, intervalMs: 1000, remaining: 0 });
		limiter.observe(b, { max: 10, intervalMs: 1000, remaining: 8 });

		let sentAt: number | undefined;
		void limiter.acquire().then(() => (sentAt = clock.now));
		await clock.run(() => sentAt !== undefined);

		expect(sentAt).toBeGreaterThanOrEqual(1000);
	});

	it('gives back the slot of a request that never left', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 1, 1000);
		limiter.release((await limiter.acquire())!);

		let sentAt: number | undefined;
		void limiter.acquire().then(() => (sentAt = clock.now));
		await clock.run(() => sentAt !== undefined);

		expect(sentAt).toBe(0);
	});

	it('stops waiting, booking nothing, when the execution is cancelled', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 1, 1000);
		await limiter.acquire();

		await expect(limiter.acquire(Number.POSITIVE_INFINITY, () => true)).resolves.toBeUndefined();
	});

	it('lets waiting requests go in the order they asked', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 2, 1000);
		const order: number[] = [];
		const tickets = await Promise.all([limiter.acquire(), limiter.acquire()]);
		for (let index = 0; index < 6; index++) {
			void limiter.acquire().then((ticket) => {
				order.push(index);
				limiter.observe(ticket!, { max: 2, intervalMs: 1000, remaining: 0 });
			});
		}
		for (const ticket of tickets)
			limiter.observe(ticket!, { max: 2, intervalMs: 1000, remaining: 0 });
		await clock.run(() => order.length === 6);

		expect(order).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('alone, never takes its own requests for somebody else’s, however they are reordered', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						sendDelay: fc.integer({ min: 0, max: 300 }),
						latency: fc.integer({ min: 0, max: 800 }),
					}),
					{ minLength: 1, maxLength: 80 },
				),
				fc.integer({ min: 1, max: 30 }),
				async (trips, concurrency) => {
					const clock = new VirtualClock();
					const server = new WindowServer(20, 1000);
					const limiter = newLimiter(clock, 20, 1000);
					await simulate(limiter, clock, server, trips, concurrency);
					// Once every slot is free again, a whole window's worth goes at once: nothing of
					// ours was counted as another worker's traffic, which would hold some back.
					let granted = 0;
					const until = clock.now + 1100;
					void (async () => {
						await clock.sleep(1100);
						for (let i = 0; i < 20; i++) void limiter.acquire().then(() => granted++);
					})();
					await clock.run(() => clock.now >= until);
					await settle();
					expect(granted).toBe(20);
				},
			),
			{ numRuns: 60 },
		);
	});

	it('after a 429 from a full window, workers shut out together come back apart', async () => {
		const comeBack: number[] = [];
		for (const seed of [0.1, 0.9]) {
			const clock = new VirtualClock();
			const limiter = newLimiter(clock, 10, 1000, () => seed);
			const ticket = (await limiter.acquire())!;
			limiter.observe(ticket, { max: 10, intervalMs: 1000, remaining: 0 }, true);
			let sentAt: number | undefined;
			void limiter.acquire().then(() => (sentAt = clock.now));
			await clock.run(() => sentAt !== undefined);
			comeBack.push(sentAt!);
		}

		// Each waits at least one hold (the window was full), and the two do not return together.
		for (const at of comeBack) expect(at).toBeGreaterThanOrEqual(1020);
		expect(Math.abs(comeBack[0] - comeBack[1])).toBeGreaterThanOrEqual(200);
	});

	it('gives up when the wait would pass its deadline, and books nothing', async () => {
		const clock = new VirtualClock();
		const limiter = newLimiter(clock, 1, 1000);
		await limiter.acquire();

		let outcome: unknown = 'pending';
		void limiter.acquire(300).then((ticket) => (outcome = ticket));
		await clock.run(() => outcome !== 'pending');

		expect(outcome).toBeUndefined();
		expect(clock.now).toBeLessThanOrEqual(300);
	});
});

describe('readRateLimitHeaders', () => {
	it('reads every X-RateLimit header, whatever the case, and Retry-After in seconds', () => {
		expect(
			readRateLimitHeaders({
				'X-RateLimit-Max': '100',
				'x-ratelimit-remaining': ['42'],
				'X-RATELIMIT-INTERVAL-MILLISECONDS': '10000',
				'x-ratelimit-limit-daily': '200000',
				'x-ratelimit-daily-remaining': '0',
				'Retry-After': '3',
			}),
		).toEqual({
			max: 100,
			remaining: 42,
			intervalMs: 10_000,
			dailyLimit: 200_000,
			dailyRemaining: 0,
			retryAfterMs: 3000,
		});
	});

	it('reads Retry-After as an HTTP date and ignores values that are not numbers', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		const headers = readRateLimitHeaders(
			{ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT', 'x-ratelimit-remaining': 'soon' },
			now,
		);
		expect(headers.retryAfterMs).toBe(5000);
		expect(headers.remaining).toBeUndefined();
	});
});

describe('readRateLimitHeaders: nonsense never becomes a long or a busy wait', () => {
	it.each([
		[
			'an interval of 1e9 ms',
			{ 'x-ratelimit-interval-milliseconds': '1000000000' },
			'intervalMs',
			60_000,
		],
		['an interval of 0', { 'x-ratelimit-interval-milliseconds': '0' }, 'intervalMs', undefined],
		['an interval of 5 ms', { 'x-ratelimit-interval-milliseconds': '5' }, 'intervalMs', 100],
		['a negative interval', { 'x-ratelimit-interval-milliseconds': '-5' }, 'intervalMs', undefined],
		[
			'an interval in exponent notation',
			{ 'x-ratelimit-interval-milliseconds': '1e9' },
			'intervalMs',
			undefined,
		],
		['a limit of 0', { 'x-ratelimit-max': '0' }, 'max', 1],
		['a limit of NaN', { 'x-ratelimit-max': 'NaN' }, 'max', undefined],
		['duplicated headers joined by a comma', { 'x-ratelimit-max': '100, 5' }, 'max', undefined],
		['a Retry-After of an hour', { 'retry-after': '3600' }, 'retryAfterMs', 60_000],
		['a negative Retry-After', { 'retry-after': '-1' }, 'retryAfterMs', undefined],
		[
			'a Retry-After date in a year',
			{ 'retry-after': 'Fri, 01 Jan 2027 00:00:00 GMT' },
			'retryAfterMs',
			60_000,
		],
		[
			'a Retry-After date in the past',
			{ 'retry-after': 'Wed, 01 Jan 2025 00:00:00 GMT' },
			'retryAfterMs',
			0,
		],
		[
			'more remaining than the limit',
			{ 'x-ratelimit-max': '10', 'x-ratelimit-remaining': '5000' },
			'remaining',
			10,
		],
	])('%s', (_label, headers, field, expected) => {
		const read = readRateLimitHeaders(headers, Date.parse('2026-01-01T00:00:00Z'));
		expect(read[field as keyof RateLimitHeaders]).toBe(expected);
	});

	it('keeps every value it reports inside its bounds, whatever the text', () => {
		fc.assert(
			fc.property(
				fc.dictionary(
					fc.constantFrom(
						'x-ratelimit-max',
						'x-ratelimit-remaining',
						'x-ratelimit-interval-milliseconds',
						'x-ratelimit-daily-remaining',
						'retry-after',
					),
					fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String)),
				),
				(headers) => {
					const read = readRateLimitHeaders(headers);
					for (const [field, bounds] of [
						['max', HEADER_BOUNDS.max],
						['intervalMs', HEADER_BOUNDS.intervalMs],
						['retryAfterMs', HEADER_BOUNDS.retryAfterMs],
						['remaining', HEADER_BOUNDS.remaining],
					] as const) {
						const value = read[field];
						if (value === undefined) continue;
						expect(Number.isFinite(value)).toBe(true);
						expect(value).toBeGreaterThanOrEqual(bounds.min);
						expect(value).toBeLessThanOrEqual(bounds.max);
					}
				},
			),
		);
	});
});

describe('retry delays', () => {
	it('waits for Retry-After first', () => {
		expect(retryDelayMs('burst', 0, { retryAfterMs: 2000, intervalMs: 10_000 })).toBe(2000);
	});

	it('waits at most 10 s before retrying a failed read, whatever Retry-After says', () => {
		expect(retryDelayMs('transient', 0, { retryAfterMs: 60_000 })).toBe(10_000);
		expect(retryDelayMs('burst', 0, { retryAfterMs: 60_000 })).toBe(60_000);
	});

	it('waits one interval for a burst 429 without Retry-After', () => {
		expect(retryDelayMs('burst', 2, { intervalMs: 10_000 })).toBe(10_000);
	});

	it('backs off exponentially with jitter, within bounds, when nothing says how long', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10 }),
				fc.double({ min: 0, max: 0.999, noNaN: true }),
				(attempt, r) => {
					const delay = backoffMs(attempt, () => r);
					const base = 250 * 2 ** attempt;
					expect(delay).toBeGreaterThanOrEqual(Math.min(base, 10_000));
					expect(delay).toBeLessThanOrEqual(Math.min(base * 1.5, 10_000));
				},
			),
		);
		expect(backoffMs(0, () => 0)).toBe(250);
		expect(backoffMs(1, () => 0)).toBe(500);
	});
});
