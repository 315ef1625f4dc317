import { sleep } from 'n8n-workflow';

/** The part of an AbortSignal the transport uses; n8n's execution cancel signal is one. */
export interface CancelSignal {
	readonly aborted: boolean;
	addEventListener?(type: 'abort', listener: () => void): void;
	removeEventListener?(type: 'abort', listener: () => void): void;
}

/**
 * Waits `ms`, or less if the execution is cancelled meanwhile: a stopped execution must not sit
 * in a retry or rate-limit wait. Resolves `true` when the wait ran out, `false` when cancelled.
 * (n8n-workflow's `sleep` cannot be cancelled; its timer simply fires later, harmlessly.)
 */
export async function waitUnlessCancelled(ms: number, signal?: CancelSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (!signal?.addEventListener) {
		await sleep(ms);
		return true;
	}
	let onAbort: () => void = () => {};
	const cancelled = new Promise<false>((resolve) => {
		onAbort = () => resolve(false);
		signal.addEventListener?.('abort', onAbort);
	});
	try {
		return await Promise.race([sleep(ms).then(() => true as const), cancelled]);
	} finally {
		signal.removeEventListener?.('abort', onAbort);
	}
}

/** A moment by which something must be done; `remaining()` never goes below zero. */
export class Deadline {
	private readonly at: number;

	constructor(
		ms: number,
		private readonly now: () => number = Date.now,
	) {
		this.at = now() + ms;
	}

	remaining(): number {
		return Math.max(0, this.at - this.now());
	}

	/**
	 * A promise that resolves with `value` when the deadline passes, for racing against I/O. Its
	 * timer (AbortSignal.timeout's) does not keep the process alive and dies with the promise, so
	 * thousands of finished requests leave no timers behind.
	 */
	async expiry<T>(value: T): Promise<T> {
		const ms = this.remaining();
		if (typeof AbortSignal === 'undefined' || typeof AbortSignal.timeout !== 'function') {
			await sleep(ms);
			return value;
		}
		const signal = AbortSignal.timeout(Math.max(1, Math.ceil(ms)));
		return await new Promise<T>((resolve) =>
			signal.addEventListener('abort', () => resolve(value), { once: true }),
		);
	}
}
