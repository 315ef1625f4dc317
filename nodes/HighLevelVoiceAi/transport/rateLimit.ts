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

/**
 * What a rate-limit header may sensibly say. A value outside its range is clamped to it; text that
 * is not a number (or is negative) is ignored, so HighLevel's documented defaults apply. A server
 * can therefore never make the node wait longer than a minute at a time, or spin without waiting.
 */
export const HEADER_BOUNDS = {
	max: { min: 1, max: 10_000 },
	remaining: { min: 0, max: 10_000 },
	intervalMs: { min: 100, max: 60_000 },
	daily: { min: 0, max: 100_000_000 },
	retryAfterMs: { min: 0, max: 60_000 },
} as const;

function clamp(value: number, bounds: { min: number; max: number }): number {
	return Math.min(bounds.max, Math.max(bounds.min, value));
}

function headerNumber(
	headers: IDataObject,
	name: string,
	bounds: { min: number; max: number },
): number | undefined {
	const raw = headers[name];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	// Plain decimal numbers only: "1e9", "0x10", "Infinity" or "10, 20" are not what HighLevel sends.
	if (!/^\d{1,16}(\.\d{1,6})?$/.test(text)) return undefined;
	return clamp(Number(text), bounds);
}

/** `Retry-After` is either seconds or an HTTP date; either way clamped to at most a minute. */
function retryAfterMs(headers: IDataObject, now: number): number | undefined {
	const raw = headers['retry-after'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d{1,16}(\.\d{1,6})?$/.test(text)) {
		return clamp(Number(text) * 1000, HEADER_BOUNDS.retryAfterMs);
	}
	// An HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"); Date.parse alone would read "-1" as a year.
	if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
	const date = Date.parse(text);
	return Number.isFinite(date) ? clamp(date - now, HEADER_BOUNDS.retryAfterMs) : undefined;
}

export function readRateLimitHeaders(
	headers: IDataObject = {},
	now = Date.now(),
): RateLimitHeaders {
	const lower: IDataObject = {};
	for (const [key, value] of Object.entries(headers)) lower[key.toLowerCase()] = value;
	const max = headerNumber(lower, 'x-ratelimit-max', HEADER_BOUNDS.max);
	const remaining = headerNumber(lower, 'x-ratelimit-remaining', HEADER_BOUNDS.remaining);
	// An interval of 0 is no interval at all: HighLevel's documented one applies, not the clamp.
	const intervalText = lower['x-ratelimit-interval-milliseconds'];
	const zeroInterval = Number(Array.isArray(intervalText) ? intervalText[0] : intervalText) === 0;
	return {
		max,
		// More remaining than the limit is nonsense; it cannot mean more room than the limit.
		remaining: remaining !== undefined && max !== undefined ? Math.min(remaining, max) : remaining,
		intervalMs: zeroInterval
			? undefined
			: headerNumber(lower, 'x-ratelimit-interval-milliseconds', HEADER_BOUNDS.intervalMs),
		dailyLimit: headerNumber(lower, 'x-ratelimit-limit-daily', HEADER_BOUNDS.daily),
		dailyRemaining: headerNumber(lower, 'x-ratelimit-daily-remaining', HEADER_BOUNDS.daily),
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
	private lastSeenAt = 0;
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

	/**
	 * Waits until a request may be sent without exceeding the limit, and books its slot. Gives up
	 * (resolves `undefined`, nothing booked) when the wait would pass `waitUntil` or `cancelled()`
	 * turns true, so no caller waits without bound whatever the server says.
	 */
	async acquire(
		waitUntil = Number.POSITIVE_INFINITY,
		cancelled: () => boolean = () => false,
	): Promise<Ticket | undefined> {
		for (;;) {
			const now = this.now();
			const { free, nextChangeAt } = this.capacity(now);
			if (free > 0) {
				const sent: Sent = { at: now };
				this.log.push(sent);
				return { sent };
			}
			if (cancelled() || now >= waitUntil) return undefined;
			const pause = Math.min(Math.max(nextChangeAt - now, 1), RECHECK_MS, waitUntil - now);
			await this.sleep(Math.max(pause, 1));
		}
	}

	/** When this limiter last booked or heard anything, so idle ones can be dropped. */
	get lastActivityAt(): number {
		let last = this.lastSeenAt;
		for (const sent of this.log) last = Math.max(last, sent.doneAt ?? sent.at);
		return last;
	}

	/** Records an answer (or a failure after sending): its headers are the server's latest word. */
	observe(ticket: Ticket, headers: RateLimitHeaders): void {
		const now = this.now();
		ticket.sent.doneAt = now;
		this.lastSeenAt = now;
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
