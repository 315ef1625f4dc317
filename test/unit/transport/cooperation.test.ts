import type { QueueSimulationOptions, SimulatedExecution } from '../../harness/queueSimulation';
import { admittedBetween, jainIndex, simulateQueue } from '../../harness/queueSimulation';
import { RateLimiter } from '../../../nodes/HighLevelVoiceAi/transport/rateLimit';

/*
 * Several n8n processes (queue-mode workers), each with its own RateLimiter, sharing ONE HighLevel
 * window, in virtual time (test/harness/queueSimulation.js). The scale is npm run bench:queue's
 * divided by ten in time: a window of 100 requests per second, answers in about 10 ms, a patience
 * of 30 s; the dynamics (latency and patience in windows) are the bench's.
 */
const INTERVAL = 1000;
const PATIENCE = 30 * INTERVAL;
/** A few seconds each in virtual time, but thousands of steps: room for a loaded machine. */
const SIMULATION_TIMEOUT = 120_000;
const scaled: Partial<QueueSimulationOptions> = {
	max: 100,
	intervalMs: INTERVAL,
	patienceMs: PATIENCE,
	sendDelay: (random) => 0.2 + random() * 2,
	latency: (random) => 8 + random() * 4,
	cpuMs: 0.5,
};

const createLimiter: QueueSimulationOptions['createLimiter'] = (options) =>
	new RateLimiter(options) as unknown as ReturnType<QueueSimulationOptions['createLimiter']>;

/** The bench's workflow: Get Many (5 pages, one after another), then Get for 237 calls. */
const benchExecution = (startAt: number): SimulatedExecution => ({
	pages: 5,
	gets: 237,
	concurrency: 10,
	startAt,
});

/** `executions` bench executions spread over `workers` processes, started a few ms apart. */
function benchWorkload(workers: number, executions: number) {
	return Array.from({ length: workers }, (_, worker) => ({
		executions: Array.from(
			{ length: Math.floor(executions / workers) + (worker < executions % workers ? 1 : 0) },
			(_, index) => benchExecution(5 * index + 3 * worker),
		),
	}));
}

describe('RateLimiter in queue mode: processes that share one window', () => {
	it(
		'two workers finish every execution near the budget, with few 429s and fair shares',
		async () => {
			const result = await simulateQueue({
				...scaled,
				processes: benchWorkload(2, 20),
				createLimiter,
				seed: 11,
			});

			expect(result.failed).toBe(0);
			expect(result.maxInWindow).toBeLessThanOrEqual(100);
			expect(result.refused / result.total).toBeLessThanOrEqual(0.02);
			expect(result.wallMs).toBeLessThanOrEqual(1.2 * result.lowerBoundMs);
			// While both are busy, neither takes most of the window for itself.
			const busyUntil = Math.min(...result.executions.map((execution) => execution.endedAt));
			const shares = admittedBetween(result, 5 * INTERVAL, busyUntil, 2);
			expect(jainIndex(shares)).toBeGreaterThanOrEqual(0.95);
		},
		SIMULATION_TIMEOUT,
	);

	it(
		'ten workers: every execution succeeds and no request comes near its patience',
		async () => {
			const result = await simulateQueue({
				...scaled,
				processes: benchWorkload(10, 20),
				createLimiter,
				seed: 12,
			});

			expect(result.failed).toBe(0);
			expect(result.longestWaitMs).toBeLessThan(0.8 * PATIENCE);
			expect(result.refused / result.total).toBeLessThanOrEqual(0.1);
			expect(result.wallMs).toBeLessThanOrEqual(1.25 * result.lowerBoundMs);
		},
		SIMULATION_TIMEOUT,
	);

	it(
		'a worker that starts while another holds the whole window gets in, and its part grows',
		async () => {
			const joinAt = 20 * INTERVAL;
			const result = await simulateQueue({
				...scaled,
				processes: [
					{ executions: [{ pages: 0, gets: 6000, concurrency: 20, startAt: 0 }] },
					{ executions: [{ pages: 0, gets: 1500, concurrency: 20, startAt: joinAt }] },
				],
				createLimiter,
				seed: 13,
			});

			expect(result.failed).toBe(0);
			expect(result.longestWaitMs).toBeLessThan(PATIENCE / 2);
			const newcomerPart = (from: number, to: number) => {
				const [incumbent, newcomer] = admittedBetween(result, joinAt + from, joinAt + to, 2);
				return newcomer / (incumbent + newcomer);
			};
			// The incumbent yields as it finds the window full; slowly (5 % of its part an interval at
			// most), so that two workers that share evenly lose little to the yielding.
			expect(newcomerPart(10 * INTERVAL, 25 * INTERVAL)).toBeGreaterThan(
				newcomerPart(0, 5 * INTERVAL),
			);
			expect(newcomerPart(10 * INTERVAL, 25 * INTERVAL)).toBeGreaterThanOrEqual(0.07);
			expect(result.refused / result.total).toBeLessThanOrEqual(0.02);
		},
		SIMULATION_TIMEOUT,
	);

	it('waits out the 429 of a window another process filled, and surfaces nothing', async () => {
		// Another process spent the whole window just before this one's first request.
		const result = await simulateQueue({
			...scaled,
			processes: [{ executions: [benchExecution(1)] }],
			foreignLoad: { count: 100, everyMs: 10 * PATIENCE },
			createLimiter,
			seed: 14,
		});

		expect(result.refused).toBeGreaterThanOrEqual(1);
		expect(result.failed).toBe(0);
		expect(result.executions[0].refused).toBe(result.refused);
	});

	it('shares the window with an app outside n8n that sends steadily', async () => {
		// A CRM sync spending 30 of the 100 requests every interval.
		const result = await simulateQueue({
			...scaled,
			processes: benchWorkload(1, 2),
			foreignLoad: { count: 30, everyMs: INTERVAL },
			createLimiter,
			seed: 15,
		});

		expect(result.failed).toBe(0);
		expect(result.refused / result.total).toBeLessThanOrEqual(0.05);
		// 484 requests in the 70 per interval left over take about 7 intervals; not much more.
		expect(result.wallMs).toBeLessThanOrEqual(1.3 * ((484 / 70) * INTERVAL));
	});

	it('alone, one execution keeps the whole budget: no 429, no slower than the window', async () => {
		const result = await simulateQueue({
			...scaled,
			processes: [{ executions: [benchExecution(0)] }],
			createLimiter,
			seed: 16,
		});

		expect(result.refused).toBe(0);
		// 242 requests: 100 at once, 100 one window later, 42 the window after; never a fourth.
		expect(result.wallMs).toBeLessThanOrEqual(3 * INTERVAL);
	});
});
