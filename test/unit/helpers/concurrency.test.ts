import fc from 'fast-check';

import { mapWithConcurrency } from '../../../nodes/HighLevelVoiceAi/helpers/concurrency';

/** A promise the test settles by hand, so finishing order is chosen, not timed. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

async function settle() {
	for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('mapWithConcurrency', () => {
	it('keeps index order and never runs more than the limit, whatever order tasks finish in', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 40 }),
				fc.integer({ min: 1, max: 12 }),
				fc.infiniteStream(fc.nat()),
				async (count, limit, picks) => {
					const pending = new Map<number, () => void>();
					let running = 0;
					let mostRunning = 0;
					const result = mapWithConcurrency(count, limit, async (index) => {
						running++;
						mostRunning = Math.max(mostRunning, running);
						await new Promise<void>((resolve) => pending.set(index, resolve));
						running--;
						return `item ${index}`;
					});
					// Finish the running tasks in an arbitrary order.
					const order = picks[Symbol.iterator]();
					for (;;) {
						await settle();
						if (pending.size === 0) break;
						const keys = [...pending.keys()];
						const key = keys[(order.next().value as number) % keys.length];
						pending.get(key)?.();
						pending.delete(key);
					}
					expect(await result).toEqual(Array.from({ length: count }, (_, i) => `item ${i}`));
					expect(mostRunning).toBeLessThanOrEqual(limit);
				},
			),
			{ numRuns: 50 },
		);
	});

	it('starts nothing new after a failure, waits for the running tasks, then throws', async () => {
		const gates = Array.from({ length: 10 }, () => deferred<string>());
		const started: number[] = [];
		const finished: number[] = [];
		const result = mapWithConcurrency(10, 3, async (index) => {
			started.push(index);
			const value = await gates[index].promise;
			finished.push(index);
			return value;
		});
		const outcome = result.then(
			() => 'resolved',
			(error: Error) => error.message,
		);

		await settle();
		expect(started).toEqual([0, 1, 2]);
		gates[1].reject(new Error('page 2 failed'));
		await settle();
		// Not settled yet: tasks 0 and 2 are still running.
		let settled = false;
		void outcome.then(() => (settled = true));
		await settle();
		expect(settled).toBe(false);

		gates[0].resolve('a');
		gates[2].resolve('c');
		expect(await outcome).toBe('page 2 failed');
		expect(started).toEqual([0, 1, 2]);
		expect(finished).toEqual([0, 2]);
	});

	it('stops starting tasks when the caller asks it to', async () => {
		let stop = false;
		const started: number[] = [];
		const results = await mapWithConcurrency(
			6,
			1,
			async (index) => {
				started.push(index);
				if (index === 2) stop = true;
				return index;
			},
			() => stop,
		);

		expect(started).toEqual([0, 1, 2]);
		expect(results).toEqual([0, 1, 2, undefined, undefined, undefined]);
	});
});
