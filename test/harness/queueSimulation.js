'use strict';
// A virtual-time model of n8n queue mode against HighLevel's burst window: several processes
// (workers), each with its own RateLimiter, running executions whose requests all land in ONE
// sliding window. Nothing waits in real time; a run of ten virtual minutes takes a second or two.
// Used by test/unit/transport/cooperation.test.ts and bench/simulate-queue.js. Plain JS because
// draining promise chains between clock steps needs setImmediate.

// A deterministic random source (the sandbox's mulberry32), so a simulated run can be replayed.
const { seededRandom } = require('../../sandbox/data');

/** Virtual time: `sleep` parks a promise until `run` advances the clock to it (a binary heap). */
class VirtualClock {
	constructor() {
		this.now = 0;
		this.heap = [];
		this.order = 0;
		this.sleep = (ms) =>
			new Promise((wake) =>
				this.push({ at: this.now + Math.max(0, ms), order: this.order++, wake }),
			);
	}

	push(timer) {
		const heap = this.heap;
		heap.push(timer);
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (!this.before(heap[index], heap[parent])) break;
			[heap[index], heap[parent]] = [heap[parent], heap[index]];
			index = parent;
		}
	}

	pop() {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop();
		if (heap.length > 0) {
			heap[0] = last;
			let index = 0;
			for (;;) {
				const left = 2 * index + 1;
				const right = left + 1;
				let smallest = index;
				if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
				if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
				if (smallest === index) break;
				[heap[index], heap[smallest]] = [heap[smallest], heap[index]];
				index = smallest;
			}
		}
		return top;
	}

	before(a, b) {
		return a.at < b.at || (a.at === b.at && a.order < b.order);
	}

	/** Lets every promise chain that can move, move. */
	async settle() {
		await new Promise((resolve) => setImmediate(resolve));
	}

	/**
	 * Advances time, waking every timer due at the next moment together, until `done()` holds.
	 * Throws when nothing is left to wake (something is stuck) or time passes `limitMs`.
	 */
	async run(done, limitMs = Number.POSITIVE_INFINITY) {
		for (;;) {
			await this.settle();
			if (done()) return;
			if (this.heap.length === 0) throw new Error('Nothing left to wake: the simulation is stuck');
			const at = this.heap[0].at;
			if (at > limitMs) throw new Error(`The simulation ran past ${limitMs} ms of virtual time`);
			this.now = Math.max(this.now, at);
			while (this.heap.length > 0 && this.heap[0].at <= this.now) this.pop().wake();
		}
	}
}

/**
 * HighLevel's gateway as the sandbox models it: a sliding window counting arrivals, a 429 (not
 * counted) when it is full, X-RateLimit-Remaining after counting. `foreign(now)` may add requests
 * of somebody outside the simulation (counted like any other).
 */
class WindowServer {
	constructor(max, intervalMs) {
		this.max = max;
		this.intervalMs = intervalMs;
		this.arrivals = [];
		this.total = 0;
		this.refused = 0;
		this.maxInWindow = 0;
		this.admittedBy = new Map();
		this.refusedBy = new Map();
		this.admittedAt = [];
		this.admittedFrom = [];
	}

	prune(now) {
		let drop = 0;
		while (drop < this.arrivals.length && this.arrivals[drop] <= now - this.intervalMs) drop++;
		if (drop > 0) this.arrivals.splice(0, drop);
	}

	/** Counts `count` requests of somebody else arriving now (as many as the window still holds). */
	addForeign(now, count) {
		this.prune(now);
		const admitted = Math.max(0, Math.min(count, this.max - this.arrivals.length));
		for (let i = 0; i < admitted; i++) this.arrivals.push(now);
		this.maxInWindow = Math.max(this.maxInWindow, this.arrivals.length);
		return admitted;
	}

	/** One request from `source` arrives now: the headers of its answer. */
	arrive(now, source) {
		this.prune(now);
		this.total++;
		const headers = { max: this.max, intervalMs: this.intervalMs };
		if (this.arrivals.length >= this.max) {
			this.refused++;
			this.refusedBy.set(source, (this.refusedBy.get(source) || 0) + 1);
			return { status: 429, headers: { ...headers, remaining: 0 } };
		}
		this.arrivals.push(now);
		this.admittedAt.push(now);
		this.admittedFrom.push(source);
		this.admittedBy.set(source, (this.admittedBy.get(source) || 0) + 1);
		this.maxInWindow = Math.max(this.maxInWindow, this.arrivals.length);
		return { status: 200, headers: { ...headers, remaining: this.max - this.arrivals.length } };
	}
}

/**
 * Runs executions on several processes that share one window.
 *
 *   processes: [{ executions: [{ pages, gets, concurrency, startAt? }], startAt? }]
 *   createLimiter({ now, sleep, random }) → a RateLimiter (max and interval are learned from answers)
 *
 * Each execution makes `pages` requests one after another (Get Many, Return All), then `gets`
 * requests at most `concurrency` at a time (Get, one per call), as the node does. A request goes
 * as VoiceAiClient.send sends it: acquire a slot within the patience (`patienceMs` from the first
 * try), wait `sendDelay()` in n8n's HTTP layer, arrive, wait `latency()` for the answer, observe
 * it; a 429 waits the interval (the headers give no Retry-After) and tries again while the
 * patience allows, else the execution fails with the 429 surfaced. `cpuMs`: each process's single
 * event loop spends this long preparing each request and again handling each answer, one thing at
 * a time (n8n's work per request; it spreads a process's bursts). Returns what happened.
 */
async function simulateQueue({
	processes,
	createLimiter,
	max = 100,
	intervalMs = 10000,
	patienceMs = 300000,
	seed = 1,
	sendDelay = (random) => 2 + random() * 20,
	latency = (random) => 80 + random() * 40,
	cpuMs = 0,
	foreignLoad,
	limitMs = 3600000,
}) {
	const clock = new VirtualClock();
	const random = seededRandom(seed);
	const server = new WindowServer(max, intervalMs);
	const results = [];
	let running = 0;

	const runProcess = async (spec, processIndex) => {
		const limiter = createLimiter({
			now: () => clock.now,
			sleep: clock.sleep,
			random: seededRandom(seed * 7919 + processIndex + 1),
		});
		// One event loop per process: preparing a request and handling its answer take turns.
		let cpuFreeAt = 0;
		const cpu = async () => {
			if (cpuMs <= 0) return;
			cpuFreeAt = Math.max(cpuFreeAt, clock.now) + cpuMs;
			await clock.sleep(cpuFreeAt - clock.now);
		};
		await Promise.all(
			spec.executions.map(async (execution, executionIndex) => {
				const result = {
					process: processIndex,
					execution: executionIndex,
					requests: execution.pages + execution.gets,
					startedAt: 0,
					endedAt: undefined,
					failed: undefined,
					refused: 0,
					/** The longest a request of it took, from first asking for a slot to its answer. */
					longestWaitMs: 0,
				};
				results.push(result);
				running++;
				await clock.sleep(execution.startAt ?? spec.startAt ?? 0);
				result.startedAt = clock.now;
				const send = async () => {
					const askedAt = clock.now;
					const patienceEnds = clock.now + patienceMs;
					for (;;) {
						const ticket = await limiter.acquire(patienceEnds);
						if (!ticket) throw new Error('rate-limit wait ran out before a slot');
						await cpu();
						await clock.sleep(sendDelay(random));
						const answer = server.arrive(clock.now, processIndex);
						await clock.sleep(latency(random));
						limiter.observe(ticket, answer.headers, answer.status === 429);
						await cpu();
						if (answer.status !== 429) {
							result.longestWaitMs = Math.max(result.longestWaitMs, clock.now - askedAt);
							return;
						}
						result.refused++;
						if (answer.headers.intervalMs > patienceEnds - clock.now)
							throw new Error('429 surfaced');
						await clock.sleep(answer.headers.intervalMs);
					}
				};
				try {
					for (let page = 0; page < execution.pages; page++) await send();
					let next = 0;
					let failure;
					const lane = async () => {
						while (next < execution.gets && !failure) {
							next++;
							try {
								await send();
							} catch (error) {
								failure = failure || error;
							}
						}
					};
					await Promise.all(
						Array.from({ length: Math.min(execution.concurrency, execution.gets) }, lane),
					);
					if (failure) throw failure;
				} catch (error) {
					result.failed = error.message;
				}
				result.endedAt = clock.now;
				running--;
			}),
		);
	};

	let stopForeign = false;
	if (foreignLoad) {
		// Somebody outside n8n sending `count` requests every `everyMs` (a CRM sync, another app).
		void (async () => {
			while (!stopForeign) {
				server.addForeign(clock.now, foreignLoad.count);
				await clock.sleep(foreignLoad.everyMs);
			}
		})();
	}
	const all = Promise.all(processes.map(runProcess));
	await clock.run(() => running === 0 && results.length > 0, limitMs);
	stopForeign = true;
	await all;

	const admitted = server.total - server.refused;
	const wallMs = Math.max(...results.map((result) => result.endedAt));
	return {
		executions: results,
		succeeded: results.filter((result) => !result.failed).length,
		failed: results.filter((result) => result.failed).length,
		total: server.total,
		refused: server.refused,
		admitted,
		maxInWindow: server.maxInWindow,
		admittedBy: processes.map((_, index) => server.admittedBy.get(index) || 0),
		refusedBy: processes.map((_, index) => server.refusedBy.get(index) || 0),
		admittedAt: server.admittedAt,
		admittedFrom: server.admittedFrom,
		longestWaitMs: Math.max(...results.map((result) => result.longestWaitMs)),
		wallMs,
		/** The budget's lower bound for the requests the executions needed. */
		lowerBoundMs: (results.reduce((sum, result) => sum + result.requests, 0) * intervalMs) / max,
	};
}

/** Requests of each process admitted between `from` and `to` (virtual ms). */
function admittedBetween(result, from, to, processes) {
	const counts = new Array(processes).fill(0);
	result.admittedAt.forEach((at, index) => {
		if (at >= from && at < to) counts[result.admittedFrom[index]]++;
	});
	return counts;
}

/** How evenly counts are shared: Jain's index, 1 when all are equal, 1/n when one has all. */
function jainIndex(counts) {
	const sum = counts.reduce((a, b) => a + b, 0);
	const squares = counts.reduce((a, b) => a + b * b, 0);
	return squares === 0 ? 1 : (sum * sum) / (counts.length * squares);
}

module.exports = {
	VirtualClock,
	WindowServer,
	simulateQueue,
	seededRandom,
	admittedBetween,
	jainIndex,
};
