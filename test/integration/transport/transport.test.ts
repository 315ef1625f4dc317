import type { IDataObject } from 'n8n-workflow';

import type { RunOptions } from '../../harness/n8n';
import { runNode } from '../../harness/n8n';
import type { Sandbox } from '../../harness/sandbox';
import { credentialsFor, startSandbox } from '../../harness/sandbox';

// The mechanics of the transport (pacing, retries, concurrency, order) through real n8n-core.
// What the errors say is covered in faults.test.ts; here only counts, order and lower bounds.

/** A burst window scaled down so the suite stays fast; the node learns it from the headers. */
const BURST = { max: 20, intervalMs: 1000 };

describe('Transport: pacing, retries and concurrency', () => {
	let sandbox: Sandbox;
	let callIds: string[];

	beforeAll(async () => {
		sandbox = await startSandbox({ latencyMs: 20, rateLimit: BURST, data: { count: 244 } });
		callIds = sandbox.dataset.callLogs.map((call) => call.id);
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.reset();
		sandbox.setRateLimit(BURST);
		sandbox.setOption('faultRetryAfter', undefined);
	});

	const getCallLogs = (ids: string[], options: IDataObject = {}, extra: Partial<RunOptions> = {}) =>
		runNode({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				callId: '={{ $json.callId }}',
				output: 'callLogs',
				options: { maxConcurrency: 10, timeout: 1000, ...options },
			},
			input: ids.map((callId) => ({ callId })),
			credentials: credentialsFor(sandbox),
			...extra,
		});

	const requestsFor = (callId: string) =>
		sandbox.requests.filter((request) => request.path.endsWith(`/${callId}`));

	it('paces a burst larger than the window so that no 429 happens', async () => {
		const ids = callIds.slice(0, 50);
		const { items, error } = await getCallLogs(ids);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(sandbox.stats.status429).toBe(0);
		expect(sandbox.stats.total).toBe(50);
		expect(sandbox.stats.maxInWindow).toBeLessThanOrEqual(BURST.max);
		// 50 requests at 20 per second cannot fit in fewer than two full intervals.
		const arrivals = sandbox.requests.map((request) => request.at);
		expect(arrivals[49] - arrivals[0]).toBeGreaterThanOrEqual(2 * BURST.intervalMs);
	});

	it('shares one budget between executions running at the same time', async () => {
		const [first, second] = await Promise.all([
			getCallLogs(callIds.slice(0, 25)),
			getCallLogs(callIds.slice(25, 50)),
		]);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items).toHaveLength(25);
		expect(second.items).toHaveLength(25);
		expect(sandbox.stats.status429).toBe(0);
		expect(sandbox.stats.maxInWindow).toBeLessThanOrEqual(BURST.max);
	});

	it('keeps at most Max Concurrent Requests open at once', async () => {
		const { items, error } = await getCallLogs(callIds.slice(0, 15), { maxConcurrency: 3 });

		expect(error).toBeUndefined();
		expect(items).toHaveLength(15);
		expect(sandbox.stats.maxInFlight).toBeLessThanOrEqual(3);
	});

	it('retries a burst 429 after the interval the headers give', async () => {
		sandbox.setRateLimit({ intervalMs: 400 });
		const id = callIds[0];
		sandbox.script(id, ['burst429', 'ok']);

		const { items, error } = await getCallLogs([id]);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([id]);
		const [refused, retried] = requestsFor(id);
		expect(requestsFor(id)).toHaveLength(2);
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(400);
	});

	it('prefers Retry-After over the interval when the server sends it', async () => {
		sandbox.setOption('faultRetryAfter', 1);
		sandbox.setRateLimit({ intervalMs: 200 });
		const id = callIds[1];
		sandbox.script(id, ['burst429', 'ok']);

		const { items, error } = await getCallLogs([id]);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const [refused, retried] = requestsFor(id);
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(1000);
	});

	it('fails a daily-quota 429 at once, without retrying', async () => {
		const { items, error } = await getCallLogs(['fault-daily-429'], { maxRetries: 5 });

		expect(items).toHaveLength(0);
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toMatch(/daily/i);
		expect(requestsFor('fault-daily-429')).toHaveLength(1);
	});

	it('retries a 503 and succeeds', async () => {
		const { items, error } = await getCallLogs(['fault-503-once']);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(['fault-503-once']);
		expect(requestsFor('fault-503-once')).toHaveLength(2);
	});

	it.each([
		['a persistent 502', 'fault-502'],
		['a connection reset', 'fault-reset'],
		['a timeout', 'fault-timeout'],
	])('retries %s Max Retries times, then reports it', async (_name, id) => {
		const { items, error } = await getCallLogs([id], { maxRetries: 2 });

		expect(items).toHaveLength(0);
		expect(error).toBeDefined();
		expect(requestsFor(id)).toHaveLength(3);
	});

	it('does not retry at all with Max Retries set to 0', async () => {
		const { error } = await getCallLogs(['fault-503-once'], { maxRetries: 0 });

		expect(error?.httpCode).toBe('503');
		expect(requestsFor('fault-503-once')).toHaveLength(1);
	});

	it.each([
		['422', 'fault-422'],
		['400 (unknown call)', 'noSuchCall000000000000000'],
		['500', 'fault-500'],
	])('never retries a %s', async (_name, id) => {
		const { error } = await getCallLogs([id], { maxRetries: 3 });

		expect(error).toBeDefined();
		expect(requestsFor(id)).toHaveLength(1);
	});

	it('keeps input order and pairedItem when answers finish out of order', async () => {
		const ids = callIds.slice(0, 30);
		// Early items answer late, and some only after a retry.
		ids.forEach((id, index) => {
			if (index % 3 === 0) sandbox.script(id, [`slow:${200 - index * 5}`, 'ok']);
			if (index % 7 === 1) sandbox.script(id, ['status:503', 'ok']);
		});

		const { items, error } = await getCallLogs(ids);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		// Several were open at once, so the slow early ones finished after later ones.
		expect(sandbox.stats.maxInFlight).toBeGreaterThan(1);
	});

	it('pairs every action item with its input when splitting actions concurrently', async () => {
		const ids = callIds.slice(0, 20);
		const { items, error } = await runNode({
			parameters: {
				resource: 'callLog',
				operation: 'get',
				callId: '={{ $json.callId }}',
				options: { maxConcurrency: 10 },
			},
			input: ids.map((callId) => ({ callId })),
			credentials: credentialsFor(sandbox),
		});

		expect(error).toBeUndefined();
		for (const item of items) {
			const { item: index } = item.pairedItem as { item: number };
			expect(item.json.callId).toBe(ids[index]);
		}
		const pairedOrder = items.map((item) => (item.pairedItem as { item: number }).item);
		expect(pairedOrder).toEqual([...pairedOrder].sort((a, b) => a - b));
		expect(new Set(pairedOrder).size).toBe(ids.length);
	});

	it('with Continue On Fail keeps one item per input, good and failing alike, in order', async () => {
		const ids = [
			callIds[0],
			'fault-422',
			callIds[1],
			'fault-503',
			'fault-503-once',
			'noSuchCall000000000000000',
			'fault-reset',
			callIds[2],
		];

		const { items, error } = await getCallLogs(
			ids,
			{ maxRetries: 1 },
			{ onError: 'continueRegularOutput' },
		);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		const failed = items.map((item) => item.json.error !== undefined);
		expect(failed).toEqual([false, true, false, true, false, true, true, false]);
		expect(items[4].json.id).toBe('fault-503-once');
		// Failing ids were retried only when worth it.
		expect(requestsFor('fault-422')).toHaveLength(1);
		expect(requestsFor('fault-503')).toHaveLength(2);
		expect(requestsFor('fault-reset')).toHaveLength(2);
	});

	it('Return All makes exactly one request per 50 calls, without a 429', async () => {
		const total = sandbox.dataset.callLogs.length;
		const { items, error } = await runNode({
			parameters: {
				resource: 'callLog',
				operation: 'getAll',
				returnAll: true,
				output: 'callLogs',
				options: { maxConcurrency: 10 },
			},
			credentials: credentialsFor(sandbox),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(total);
		expect(sandbox.stats.total).toBe(Math.ceil(total / 50));
		expect(sandbox.stats.status429).toBe(0);
	});
});
