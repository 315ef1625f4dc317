import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import { rateLimitDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// The rate-limit half of hostile.test.ts, kept apart because its draws may rightly take a minute:
// every answer carries X-RateLimit-* and Retry-After values drawn from nonsense (0, negative, NaN,
// text, 1e9, 1e308, far-future and far-past HTTP dates, duplicated headers), and a node that
// clamps server-told waits to SERVER_WAIT_CAP_MS (60 s) may wait that long once per draw. The
// bound is the same formula with that cap: 2 × (1 s + 60 s) + 10 s = 132 s per draw.
const RATE_LIMIT_DRAWS = 5;

describe('Hostile HighLevel: nonsense rate-limit headers', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const draws = drawsOf(rateLimitDrawArb, RATE_LIMIT_DRAWS, 3);
	test(
		`Call Log → Get, a retry or a paced second item: ${RATE_LIMIT_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('RateLimit', draws, logs)).toEqual([]);
		},
		timeoutFor(draws),
	);
});
