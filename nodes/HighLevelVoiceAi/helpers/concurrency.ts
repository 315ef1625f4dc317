/**
 * Runs `task(0 … count-1)` with at most `limit` running at once and returns the results in index
 * order, whatever order they finish in. `shouldStop` lets a caller stop starting new tasks (for
 * example after a failure that will end the execution anyway).
 *
 * If a task throws, no new task starts; the ones already running are awaited (so none keeps
 * sending requests after the node has failed), then the first error is thrown.
 */
export async function mapWithConcurrency<T>(
	count: number,
	limit: number,
	task: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results: Array<T | undefined> = new Array(count);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (next < count && !failure && !shouldStop()) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
	if (failure) throw failure.error;
	return results;
}
