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
	/** When the request was handed to n8n's HTTP layer. */
	at: number;
	/** When its answer (or failure) came back; the server counted it at some moment before this. */
	doneAt?: number;
}

export interface Ticket {
	readonly sent: Sent;
}

/** Waiting requests look again at least this often: an answer may change the limit or interval. */
const RECHECK_MS = 250;

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
 * HighLevel counts a request when it arrives, and only the answer tells us it has arrived: n8n's
 * HTTP layer can hold a request for tens of milliseconds (more on a busy event loop) before it
 * leaves. So each of our requests holds a slot from the moment it is sent until one interval after
 * its answer came back; by then the server has certainly stopped counting it. In-flight requests
 * hold their slot.
 *
 * Every answer's `X-RateLimit-Remaining` also counts requests by other n8n workers, executions
 * or apps on the same location. What it counts beyond our own live requests is taken as foreign
 * traffic and keeps those slots taken for one interval (a fresher, lower figure does not shorten
 * that, because answers can arrive out of order).
 */
export class RateLimiter {
	private max: number;
	private intervalMs: number;
	private log: Sent[] = [];
	private foreign?: { count: number; until: number };
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(options: RateLimiterOptions) {
		this.max = options.max ?? 100;
		this.intervalMs = options.intervalMs ?? 10_000;
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep;
	}

	/** How long a slot stays taken after the answer: the interval plus room for clock granularity. */
	private get holdMs(): number {
		return this.intervalMs + Math.max(20, Math.ceil(this.intervalMs * 0.01));
	}

	/** How many requests may start now, and the earliest moment that can change. */
	private capacity(now: number): { free: number; nextChangeAt: number } {
		const hold = this.holdMs;
		this.log = this.log.filter((sent) => sent.doneAt === undefined || sent.doneAt + hold > now);
		// A request still in flight frees its slot one hold after its answer, so no sooner than that.
		let nextChangeAt = now + hold;
		for (const sent of this.log) {
			if (sent.doneAt !== undefined) nextChangeAt = Math.min(nextChangeAt, sent.doneAt + hold);
		}
		let free = this.max - this.log.length;
		if (this.foreign && now >= this.foreign.until) this.foreign = undefined;
		if (this.foreign) {
			free -= this.foreign.count;
			nextChangeAt = Math.min(nextChangeAt, this.foreign.until);
		}
		return { free, nextChangeAt };
	}

	/** Waits until a request may be sent without exceeding the limit, and books its slot. */
	async acquire(signal?: { aborted: boolean }): Promise<Ticket> {
		for (;;) {
			const now = this.now();
			const { free, nextChangeAt } = this.capacity(now);
			if (free > 0) {
				const sent: Sent = { at: now };
				this.log.push(sent);
				return { sent };
			}
			if (signal?.aborted)
				throw new Error('The execution was cancelled while waiting for the rate limit');
			await this.sleep(Math.min(Math.max(nextChangeAt - now, 1), RECHECK_MS));
		}
	}

	/** Records an answer (or a failure after sending): its headers are the server's latest word. */
	observe(ticket: Ticket, headers: RateLimitHeaders): void {
		const now = this.now();
		ticket.sent.doneAt = now;
		if (headers.max !== undefined && headers.max > 0) this.max = headers.max;
		if (headers.intervalMs !== undefined && headers.intervalMs > 0)
			this.intervalMs = headers.intervalMs;
		if (headers.remaining === undefined) return;
		this.capacity(now); // drops expired slots and a stale foreign figure
		const foreign = this.max - headers.remaining - this.log.length;
		if (foreign > 0 && (!this.foreign || foreign >= this.foreign.count)) {
			// Whatever the server counted arrived before this answer, so it is gone one hold from now.
			this.foreign = { count: foreign, until: now + this.holdMs };
		}
	}

	/** A request that never reached the server (connection refused) gives its slot back. */
	release(ticket: Ticket): void {
		const index = this.log.indexOf(ticket.sent);
		if (index >= 0 && ticket.sent.doneAt === undefined) this.log.splice(index, 1);
	}
}
