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
	/** Its place among our requests, in the order they were let go. */
	seq: number;
	/** When its answer (or failure) came back; the server counted it at some moment before this. */
	doneAt?: number;
	/** Answered with a 429: the server did not count it, so it holds no slot. */
	refused?: boolean;
	/** Sent beyond what the figures allowed, to find out whether there is room. */
	probe?: boolean;
}

export interface Ticket {
	readonly sent: Sent;
}

/** What one answer said about everybody else's requests in the window, and until when. */
interface ForeignSample {
	count: number;
	until: number;
}

interface Waiter {
	ticket?: Ticket;
	/** Ends its current pause: it was let go, or it is now first in line. */
	wake: () => void;
}

/** Waiting requests look again at least this often: the run may have been cancelled. */
const RECHECK_MS = 250;

/*
 * Cooperation with other processes (constants in parts of the limit or of an interval). They were
 * chosen with the simulation in test/harness/queueSimulation.js (bench/simulate-queue.js): 2 to 10
 * workers sharing one window keep 429s near 1 % (2 workers) to 5 % (10) of requests.
 */
/** Others count as present for this many holds after they were last seen. */
const PRESENCE_HOLDS = 3;
/** An answer that leaves at most this part of the limit finds the window full. */
const FULL = 0.02;
/** Full window: the share drops to this part of what we hold (at most once per interval)... */
const SHARE_DECREASE = 0.95;
/** ...unless we hold less than this part of the limit: below any fair share of up to 20 workers. */
const SMALL_SHARE = 0.05;
/** After a decrease the share stays put this many holds, so others see the room and take it. */
const GROWTH_PAUSE_HOLDS = 1.5;
/** While requests wait, the share grows by this part of the limit per interval... */
const SHARE_GROWTH = 0.005;
/** ...or by this part of the room the figures show, if that is more. */
const ROOM_TAKEN = 0.2;
/** A 429's figure is kept up to this part of a hold longer than one hold, at random. */
const REENTRY_JITTER = 0.5;

export interface RateLimiterOptions {
	/** HighLevel's documented burst: 100 requests per 10 s per location, until headers say otherwise. */
	max?: number;
	intervalMs?: number;
	now?: () => number;
	sleep: (ms: number) => Promise<void>;
	/** For the jitter of re-entry after a 429 and of probes. */
	random?: () => number;
}

/**
 * Paces requests to one HighLevel location so the burst limit is used fully but never exceeded,
 * also when other n8n processes (queue-mode workers) or apps spend the same location's budget.
 * The processes share nothing but the server's answers, so they cooperate through those.
 *
 * Invariant, our own requests: HighLevel counts a request when it arrives, and only the answer
 * tells us it has arrived (n8n's HTTP layer can hold a request for tens of milliseconds before it
 * leaves). So each of our requests holds a slot from the moment it is let go until one interval
 * after its answer came back; by then the server has certainly stopped counting it. In-flight
 * requests hold their slot; a request answered 429 holds none (the server did not count it). Alone
 * on the location, we never have more than `max` slots: the server never sees more than `max`
 * of our requests in a window.
 *
 * Invariant, other traffic: each answer's `X-RateLimit-Remaining` counts everybody's requests, a
 * 429 says the window was full. What the server counted beyond ours is foreign, read two ways: a
 * safe reading counts as ours every request of ours that could have arrived first, so it is never
 * positive when nobody else is there (one process alone keeps the whole budget); a close reading
 * counts only ours let go before this one (so answers to a burst of ours, coming back one by one,
 * do not look like others leaving). Others are present for PRESENCE_HOLDS holds after a positive
 * safe reading or a 429. While they are, we keep at most `max − foreign` slots, where foreign is
 * the largest close reading of the last one and a half holds (every process reuses its slots in
 * rounds about one hold apart; the first answers of a round come before the others' requests of
 * that round and count too few), or the latest reading when those have all expired.
 *
 * Sharing, while others are present: we also keep at most `share` slots, by additive increase and
 * multiplicative decrease. A full window (an answer leaving FULL of the limit or less, or a 429)
 * cuts the share to SHARE_DECREASE of what we hold, at most once per interval and never when we
 * hold less than SMALL_SHARE; then the share stays put for GROWTH_PAUSE_HOLDS, long enough for the
 * others' figures to show the freed room. While requests wait, it grows by SHARE_GROWTH of the
 * limit per interval, or by ROOM_TAKEN of the room nobody used for one and a half holds, whichever
 * is more: the same amount for every process. All processes see the same full window, so bigger shares shrink more and the
 * shares drift towards equal ones (Chiu and Jain's argument for AIMD). When the figures leave no
 * room but the share wants more, one request now and then (every one to two holds, at random)
 * goes anyway: a probe finds whether a slot is free, and room found is kept (the others then see
 * it taken). A 429's figure expires after one hold plus a random part of REENTRY_JITTER holds, so
 * processes shut out together come back apart. Without others, the share is the whole limit.
 *
 * Fairness inside the process: requests are let go in the order they asked (FIFO), so no
 * execution's request waits behind later ones. Every wait ends at the caller's deadline.
 */
export class RateLimiter {
	private max: number;
	private intervalMs: number;
	/** Our requests: in flight, holding a slot, or recent enough to explain an answer's figure. */
	private log: Sent[] = [];
	private seq = 0;
	private samples: ForeignSample[] = [];
	/** The latest figure, standing in when all samples are old. */
	private lastForeign = 0;
	/** The next probe may go then. */
	private probeAt = 0;
	private share: number;
	private othersSeenAt = Number.NEGATIVE_INFINITY;
	private decreasedAt = Number.NEGATIVE_INFINITY;
	private grewAt = Number.NEGATIVE_INFINITY;
	private queue: Waiter[] = [];
	private nextChangeAt = 0;
	private lastSeenAt = 0;
	private readonly now: () => number;
	private readonly sleep: (ms: number) => Promise<void>;
	private readonly random: () => number;

	constructor(options: RateLimiterOptions) {
		this.max = options.max ?? 100;
		this.intervalMs = options.intervalMs ?? 10_000;
		this.share = this.max;
		this.now = options.now ?? Date.now;
		this.sleep = options.sleep;
		this.random = options.random ?? Math.random;
	}

	/** How long a slot stays taken after the answer: the interval plus room for clock granularity. */
	private get holdMs(): number {
		return this.intervalMs + Math.max(20, Math.ceil(this.intervalMs * 0.01));
	}

	private holdsSlot(sent: Sent, now: number): boolean {
		return !sent.refused && (sent.doneAt === undefined || sent.doneAt + this.holdMs > now);
	}

	/**
	 * Others were heard within PRESENCE_HOLDS holds: longer than the rounds (about one hold apart)
	 * in which a process reuses its slots, and than the time between two probes.
	 */
	private othersPresent(now: number): boolean {
		return now - this.othersSeenAt < PRESENCE_HOLDS * this.holdMs;
	}

	/**
	 * Others are there now. If we were alone until now, the share starts as the whole limit: the
	 * others' figures bound us anyway, and a full window cuts the share to part of what we hold.
	 */
	private noteOthers(now: number): void {
		if (!this.othersPresent(now)) {
			this.share = this.max;
			this.samples = [];
			this.lastForeign = 0;
			this.probeAt = now + this.holdMs * (1 + this.random());
		}
		this.othersSeenAt = now;
	}

	/** Requests of other processes in the window: the most any recent answer counted. */
	private foreign(now: number): { count: number; changeAt: number } {
		let count = 0;
		let changeAt = Number.POSITIVE_INFINITY;
		let live = false;
		for (const sample of this.samples) {
			if (sample.until <= now) continue;
			live = true;
			count = Math.max(count, sample.count);
			changeAt = Math.min(changeAt, sample.until);
		}
		return { count: live ? count : this.lastForeign, changeAt };
	}

	/** How many requests may start now, and the earliest moment that can change. */
	private capacity(now: number): { free: number; nextChangeAt: number; probe?: boolean } {
		const hold = this.holdMs;
		// Kept two holds: an answer that took up to an interval is explained by requests this old.
		this.log = this.log.filter((sent) => sent.doneAt === undefined || sent.doneAt + 2 * hold > now);
		this.samples = this.samples.filter((sample) => sample.until > now);
		let nextChangeAt = now + hold;
		let own = 0;
		for (const sent of this.log) {
			if (!this.holdsSlot(sent, now)) continue;
			own++;
			if (sent.doneAt !== undefined) nextChangeAt = Math.min(nextChangeAt, sent.doneAt + hold);
		}
		if (!this.othersPresent(now)) return { free: this.max - own, nextChangeAt };
		const foreign = this.foreign(now);
		nextChangeAt = Math.min(
			nextChangeAt,
			foreign.changeAt,
			this.othersSeenAt + PRESENCE_HOLDS * hold,
		);
		const limit = Math.min(Math.floor(this.share), this.max - foreign.count);
		if (limit - own > 0) return { free: limit - own, nextChangeAt };
		// Held back by the others' figures while our share wants more: now and then one request goes
		// anyway. Found room is kept (the others see it taken and leave it); a 429 costs one request.
		if (own < Math.floor(this.share) && this.queue.length > 0) {
			if (now >= this.probeAt) return { free: 1, nextChangeAt, probe: true };
			nextChangeAt = Math.min(nextChangeAt, this.probeAt);
		}
		return { free: limit - own, nextChangeAt };
	}

	/** Lets waiting requests go, first come first served, as far as there is room. */
	private grant(): void {
		if (this.queue.length === 0) return;
		const now = this.now();
		const { free, nextChangeAt, probe } = this.capacity(now);
		this.nextChangeAt = nextChangeAt;
		if (probe) this.probeAt = now + this.holdMs * (1 + this.random());
		for (let room = free; room > 0 && this.queue.length > 0; room--) {
			const waiter = this.queue.shift()!;
			const sent: Sent = { at: now, seq: this.seq++, probe };
			this.log.push(sent);
			waiter.ticket = { sent };
			waiter.wake();
		}
		// Only the first in line watches for the next change; it may just have become first.
		this.queue[0]?.wake();
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
		const waiter: Waiter = { wake: () => {} };
		this.queue.push(waiter);
		this.grant();
		while (!waiter.ticket) {
			const now = this.now();
			if (cancelled() || now >= waitUntil) {
				this.queue.splice(this.queue.indexOf(waiter), 1);
				// Whoever was behind may now be first in line.
				this.grant();
				return undefined;
			}
			// The first in line waits for the next change; the others only look for a cancellation.
			const untilChange = this.queue[0] === waiter ? this.nextChangeAt - now : RECHECK_MS;
			const pause = Math.max(1, Math.min(untilChange, RECHECK_MS, waitUntil - now));
			await new Promise<void>((resolve) => {
				waiter.wake = resolve;
				void this.sleep(pause).then(resolve);
			});
			if (!waiter.ticket) this.grant();
		}
		return waiter.ticket;
	}

	/** When this limiter last booked or heard anything, so idle ones can be dropped. */
	get lastActivityAt(): number {
		let last = this.lastSeenAt;
		for (const sent of this.log) last = Math.max(last, sent.doneAt ?? sent.at);
		return last;
	}

	/**
	 * Records an answer (or a failure after sending): its headers are the server's latest word.
	 * `refused`: the answer was a 429, so the server did not count the request.
	 */
	observe(ticket: Ticket, headers: RateLimitHeaders, refused = false): void {
		const now = this.now();
		const { sent } = ticket;
		sent.doneAt = now;
		sent.refused = refused;
		this.lastSeenAt = now;
		if (headers.max !== undefined && headers.max > 0) this.max = headers.max;
		if (headers.intervalMs !== undefined && headers.intervalMs > 0)
			this.intervalMs = headers.intervalMs;
		// A 429 says the window was full without this request (its Retry-After is for the caller).
		if (refused) this.learn(sent, now, 0, true);
		else if (headers.remaining !== undefined) this.learn(sent, now, headers.remaining, false);
		this.grant();
	}

	/**
	 * Reads one answer's figure (`remaining`, or a 429: the window was full without this request):
	 * how much foreign traffic, whether others are present, and whether the window was full or had
	 * room, which shrinks or grows our share.
	 */
	private learn(sent: Sent, now: number, remaining: number, refused: boolean): void {
		const hold = this.holdMs;
		// An answer slower than an interval says too little about the window it arrived in.
		if (now - sent.at > this.intervalMs) return;
		this.capacity(now); // drops what has expired
		// Ours that the server could have counted when this one arrived, and those let go before it.
		let possible = 0;
		let before = 0;
		for (const other of this.log) {
			if (other.refused) continue;
			if (other.doneAt !== undefined && other.doneAt <= sent.at - this.intervalMs) continue;
			possible++;
			if (other.seq <= sent.seq) before++;
		}
		const counted = this.max - remaining;
		const safe = counted - possible;
		const close = Math.max(0, counted - before);
		if (safe > 0 || refused) this.noteOthers(now);
		if (!this.othersPresent(now)) return;
		// Kept one and a half holds: the next round of our answers comes about one hold later, and
		// its first answers, arriving before the others' requests of that round, count too few. A
		// 429's figure is kept a random part of a hold longer: shut out together, workers come
		// back apart.
		const keep = refused ? hold * (1 + REENTRY_JITTER * this.random()) : 1.5 * hold;
		this.samples.push({ count: close, until: now + keep });
		this.lastForeign = close;
		const own = this.log.filter((other) => this.holdsSlot(other, now)).length;
		if (refused || remaining <= this.max * FULL) {
			// A probe's 429 is what a probe risks; it says nothing new about our share.
			if (
				!sent.probe &&
				own > this.max * SMALL_SHARE &&
				now - this.decreasedAt >= this.intervalMs
			) {
				this.share = Math.max(1, Math.min(this.share, own) * SHARE_DECREASE);
				this.decreasedAt = now;
				this.grewAt = now;
			}
			return;
		}
		const elapsed = Math.min(this.intervalMs, Math.max(0, now - this.grewAt));
		this.grewAt = now;
		if (now - this.decreasedAt < GROWTH_PAUSE_HOLDS * hold) return;
		// Only a share that holds requests back grows: an unused one would let a later rush in at once.
		if (this.queue.length === 0 && own < Math.floor(this.share) - 1) return;
		// Room nobody used for one and a half holds is taken a part at a time, the same part for all:
		// the processes that hear most often (the biggest) would otherwise take all of it first.
		const room = Math.max(0, this.max - own - this.foreign(now).count);
		const growth = Math.max(SHARE_GROWTH * this.max, ROOM_TAKEN * room);
		this.share = Math.min(this.max, this.share + (growth * elapsed) / this.intervalMs);
	}

	/** A request that never reached the server (connection refused) gives its slot back. */
	release(ticket: Ticket): void {
		const index = this.log.indexOf(ticket.sent);
		if (index >= 0 && ticket.sent.doneAt === undefined) this.log.splice(index, 1);
		this.grant();
	}
}
