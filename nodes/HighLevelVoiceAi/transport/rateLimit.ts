import type { IDataObject } from 'n8n-workflow';

/** What HighLevel reports about the caller's budget on every response (429s included). */
export interface RateLimitHeaders {
	max?: number;
	remaining?: number;
	intervalMs?: number;
	dailyLimit?: number;
	dailyRemaining?: number;
	retryAfterMs?: number;
}

function headerNumber(headers: IDataObject, name: string): number | undefined {
	const raw = headers[name] ?? headers[name.toLowerCase()];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** `Retry-After` is either seconds or an HTTP date. */
function retryAfterMs(headers: IDataObject, now: number): number | undefined {
	const raw = headers['retry-after'];
	if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(raw));
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function readRateLimitHeaders(
	headers: IDataObject = {},
	now = Date.now(),
): RateLimitHeaders {
	const lower: IDataObject = {};
	for (const [key, value] of Object.entries(headers)) lower[key.toLowerCase()] = value;
	return {
		max: headerNumber(lower, 'x-ratelimit-max'),
		remaining: headerNumber(lower, 'x-ratelimit-remaining'),
		intervalMs: headerNumber(lower, 'x-ratelimit-interval-milliseconds'),
		dailyLimit: headerNumber(lower, 'x-ratelimit-limit-daily'),
		dailyRemaining: headerNumber(lower, 'x-ratelimit-daily-remaining'),
		retryAfterMs: retryAfterMs(lower, now),
	};
}

interface Sent {
	at: number;
	done: boolean;
	/** Whether the latest server snapshot already counted this request. */
	counted: boolean;
}

export interface Ticket {
	readonly sent: Sent;
}

export interface RateLimiterOptions {
	/** HighLevel's documented burst: 100 requests per 10 s per location, until headers say otherwise. */
	max?: number;
	intervalMs?: number;
	now?: () => number;
	sleep: (ms: number) => Promise<void>;
}

/**
 * Paces requests to one HighLevel location so the burst limit is used fully but never exceeded.
 *
 * Two sources of truth are combined. Locally, a sliding log of our own send times never lets more
 * than `max` requests start within one interval (plus a small margin for network jitter). From the
 * server, every response's `X-RateLimit-Remaining` is a snapshot that also counts requests made by
 * other n8n workers or executions on the same location; requests we started that the snapshot
 * cannot have seen are subtracted from it, and slots it did count come back as they age out.
 */
export class RateLimiter {
	private max: number;
	private intervalMs: number;
	private log: Sent[] = [];
	private snapshot?: { remaining: number; at: number; countedExpired: number };
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(options: RateLimiterOptions) {
		this.max = options.max ?? 100;
		this.intervalMs = options.intervalMs ?? 10_000;
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep;
	}

	/** Requests arrive at the server a little apart from when we send them; leave room for that. */
	private get windowMs(): number {
		return this.intervalMs + Math.max(50, Math.ceil(this.intervalMs * 0.02));
	}

	private prune(now: number): void {
		while (this.log.length > 0 && this.log[0].at <= now - this.windowMs) {
			const expired = this.log.shift() as Sent;
			if (expired.counted && this.snapshot) this.snapshot.countedExpired++;
		}
	}

	/** How many requests may start now; also the earliest moment that may change. */
	private capacity(now: number): { free: number; nextChangeAt: number } {
		this.prune(now);
		let free = this.max - this.log.length;
		let nextChangeAt = this.log.length > 0 ? this.log[0].at + this.windowMs : now;
		if (this.snapshot) {
			const staleAt = this.snapshot.at + this.windowMs;
			if (now >= staleAt) {
				// Everything the snapshot counted has aged out of the window by now.
				this.snapshot = undefined;
			} else {
				const serverFree =
					this.snapshot.remaining + this.snapshot.countedExpired - this.uncounted();
				free = Math.min(free, serverFree);
				if (serverFree <= 0 && this.log.length === 0) nextChangeAt = staleAt;
				else nextChangeAt = Math.min(nextChangeAt, staleAt);
			}
		}
		return { free, nextChangeAt };
	}

	/** Waits until a request may be sent without exceeding the limit, and books it. */
	async acquire(signal?: { aborted: boolean }): Promise<Ticket> {
		for (;;) {
			const now = this.now();
			const { free, nextChangeAt } = this.capacity(now);
			if (free > 0) {
				const sent: Sent = { at: now, done: false, counted: false };
				this.log.push(sent);
				return { sent };
			}
			if (signal?.aborted)
				throw new Error('The execution was cancelled while waiting for the rate limit');
			await this.sleep(Math.min(Math.max(nextChangeAt - now, 5), this.windowMs));
		}
	}

	/** Records a response: its headers are the server's latest word on the budget. */
	observe(ticket: Ticket, headers: RateLimitHeaders): void {
		ticket.sent.done = true;
		if (headers.max !== undefined && headers.max > 0) this.max = headers.max;
		if (headers.intervalMs !== undefined && headers.intervalMs > 0)
			this.intervalMs = headers.intervalMs;
		if (headers.remaining === undefined) return;
		const now = this.now();
		// A slow response can carry an older, higher count than one we already have: never let a
		// snapshot raise the budget above what the fresher one still allows.
		this.capacity(now); // prunes the log and drops a stale snapshot
		let remaining = headers.remaining;
		if (this.snapshot) {
			// This response was counted on top of the fresher snapshot, so it can report at most one less.
			remaining = Math.min(remaining, this.snapshot.remaining + this.snapshot.countedExpired - 1);
		}
		for (const sent of this.log) sent.counted = sent.done;
		this.snapshot = { remaining: Math.max(remaining, 0), at: now, countedExpired: 0 };
	}

	private uncounted(): number {
		return this.log.filter((sent) => !sent.counted).length;
	}

	/** A request that never reached the server (connection refused, cancelled) gives its slot back. */
	release(ticket: Ticket): void {
		const index = this.log.indexOf(ticket.sent);
		if (index >= 0 && !ticket.sent.done) this.log.splice(index, 1);
	}
}
