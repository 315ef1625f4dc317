/** Types for the queue-mode simulation (plain JS: draining promises between steps needs setImmediate). */
import type { RateLimitHeaders } from '../../nodes/HighLevelVoiceAi/transport/rateLimit';

export declare function seededRandom(seed: number): () => number;

export declare class VirtualClock {
	now: number;
	readonly sleep: (ms: number) => Promise<void>;
	settle(): Promise<void>;
	run(done: () => boolean, limitMs?: number): Promise<void>;
}

export declare class WindowServer {
	constructor(max: number, intervalMs: number);
	readonly max: number;
	readonly intervalMs: number;
	total: number;
	refused: number;
	maxInWindow: number;
	addForeign(now: number, count: number): number;
	arrive(now: number, source: number): { status: 200 | 429; headers: RateLimitHeaders };
}

/** What a simulated process needs of a limiter: RateLimiter fits. */
export interface SimulatedLimiter {
	acquire(waitUntil?: number): Promise<unknown | undefined>;
	observe(ticket: never, headers: RateLimitHeaders, refused?: boolean): void;
}

export interface SimulatedExecution {
	/** Requests one after another (Get Many's pages). */
	pages: number;
	/** Requests at most `concurrency` at a time (Get, one per call). */
	gets: number;
	concurrency: number;
	/** When it starts, in virtual ms (default: the process's `startAt`, else 0). */
	startAt?: number;
}

export interface QueueSimulationOptions {
	processes: Array<{ executions: SimulatedExecution[]; startAt?: number }>;
	createLimiter(options: {
		now: () => number;
		sleep: (ms: number) => Promise<void>;
		random: () => number;
	}): SimulatedLimiter;
	max?: number;
	intervalMs?: number;
	/** How long one request may wait for the rate limit, from its first try (the node's default: 300 000). */
	patienceMs?: number;
	seed?: number;
	sendDelay?: (random: () => number) => number;
	latency?: (random: () => number) => number;
	cpuMs?: number;
	/** Somebody outside the simulation sending `count` requests every `everyMs`. */
	foreignLoad?: { count: number; everyMs: number };
	/** Virtual time after which the run is declared stuck. */
	limitMs?: number;
}

export interface SimulatedExecutionResult {
	process: number;
	execution: number;
	requests: number;
	startedAt: number;
	endedAt: number;
	/** Why it failed ("429 surfaced", "rate-limit wait ran out before a slot"), if it did. */
	failed?: string;
	/** Its requests answered 429. */
	refused: number;
	longestWaitMs: number;
}

export interface QueueSimulationResult {
	executions: SimulatedExecutionResult[];
	succeeded: number;
	failed: number;
	/** Requests the server saw, and how many it answered 429. */
	total: number;
	refused: number;
	admitted: number;
	maxInWindow: number;
	admittedBy: number[];
	refusedBy: number[];
	/** When each admitted request arrived, and from which process. */
	admittedAt: number[];
	admittedFrom: number[];
	longestWaitMs: number;
	wallMs: number;
	lowerBoundMs: number;
}

export declare function simulateQueue(
	options: QueueSimulationOptions,
): Promise<QueueSimulationResult>;

/** Requests of each process admitted between `from` and `to` (virtual ms). */
export declare function admittedBetween(
	result: QueueSimulationResult,
	from: number,
	to: number,
	processes: number,
): number[];

/** Jain's fairness index: 1 when all counts are equal, 1/n when one has everything. */
export declare function jainIndex(counts: number[]): number;
