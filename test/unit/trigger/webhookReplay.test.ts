import fc from 'fast-check';
import { ObservableObject } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import {
	checkReplay,
	checkTimestamp,
	DEFAULT_MAX_REMEMBERED_IDS,
	DEFAULT_TIMESTAMP_TOLERANCE_MS,
	parseIsoTimestamp,
	rememberWebhookId,
	WEBHOOK_ID_MEMORY_KEY,
} from '../../../nodes/HighLevelVoiceAi/trigger/webhookReplay';
import type {
	ReplayCheck,
	WebhookIdMemory,
} from '../../../nodes/HighLevelVoiceAi/trigger/webhookReplay';
import { NUM_RUNS } from '../../tables/arbitraries';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** What n8n does between two webhook calls: save the static data as JSON and load it again. */
const saved = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData));

const memoryOf = (staticData: IDataObject) =>
	staticData[WEBHOOK_ID_MEMORY_KEY] as unknown as WebhookIdMemory;

const idCount = (staticData: IDataObject) => Object.keys(memoryOf(staticData).forgetAfter).length;

function delivery(n: number, sentAt = T0) {
	return {
		webhookId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		timestamp: iso(sentAt),
	};
}

const accepted = (webhookId: string | null): ReplayCheck => ({
	accepted: true,
	reason: 'new',
	webhookId,
});

describe('parsing the envelope timestamp', () => {
	it.each([
		['2025-11-07T12:46:45.953Z', Date.UTC(2025, 10, 7, 12, 46, 45, 953)],
		['2025-11-07T12:46:45Z', Date.UTC(2025, 10, 7, 12, 46, 45)],
		['2025-11-07T12:46Z', Date.UTC(2025, 10, 7, 12, 46)],
		['2025-11-07t12:46:45.9z', Date.UTC(2025, 10, 7, 12, 46, 45, 900)],
		['2025-11-07T12:46:45.953123456Z', Date.UTC(2025, 10, 7, 12, 46, 45, 953)],
		['2025-11-07T14:46:45.953+02:00', Date.UTC(2025, 10, 7, 12, 46, 45, 953)],
		['2025-11-07T07:16:45.953-0530', Date.UTC(2025, 10, 7, 12, 46, 45, 953)],
		['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
		[' 2025-11-07T12:46:45.953Z ', Date.UTC(2025, 10, 7, 12, 46, 45, 953)],
	])('reads %s', (text, expected) => {
		expect(parseIsoTimestamp(text)).toBe(expected);
	});

	it.each([
		['a date without a zone (local time)', '2025-11-07T12:46:45.953'],
		['a date only', '2025-11-07'],
		['a year', '2025'],
		['words Date.parse accepts', 'March 7, 2025 12:00 UTC'],
		['31 February', '2025-02-31T00:00:00Z'],
		['29 February of a common year', '2025-02-29T00:00:00Z'],
		['hour 24', '2025-11-07T24:00:00Z'],
		['month 13', '2025-13-07T10:00:00Z'],
		['second 60', '2025-11-07T10:00:60Z'],
		['an offset hour of 24', '2025-11-07T10:00:00+24:00'],
		['epoch milliseconds', T0],
		['epoch milliseconds as text', String(T0)],
		['an object', { $date: '2025-11-07T12:46:45.953Z' }],
		['very long text', '2025-11-07T12:46:45.953Z'.padEnd(10_000, ' ')],
	])('refuses %s', (_label, value) => {
		expect(parseIsoTimestamp(value)).toBeUndefined();
	});
});

describe('checking the timestamp window', () => {
	it('accepts a timestamp up to the tolerance in the past or the future, boundaries included', () => {
		const tolerance = DEFAULT_TIMESTAMP_TOLERANCE_MS;
		expect(DEFAULT_TIMESTAMP_TOLERANCE_MS).toBe(5 * MINUTE);
		for (const offset of [0, -tolerance, tolerance, -1000, 1000]) {
			expect(checkTimestamp(iso(T0 + offset), T0)).toEqual({ ok: true, timestampMs: T0 + offset });
		}
	});

	it('refuses a stale timestamp and says how old it is', () => {
		const check = checkTimestamp(iso(T0 - 5 * MINUTE - 1), T0);
		expect(check).toEqual({ ok: false, reason: 'stale', message: expect.any(String) });
		expect(checkTimestamp(iso(T0 - 90 * MINUTE), T0)).toEqual(
			expect.objectContaining({
				reason: 'stale',
				message: expect.stringMatching(/90 minutes ago/),
			}),
		);
	});

	it('refuses a timestamp too far in the future and points at the clock', () => {
		expect(checkTimestamp(iso(T0 + 5 * MINUTE + 1), T0)).toEqual({
			ok: false,
			reason: 'future',
			message: expect.stringMatching(/future.*clock/),
		});
	});

	it('uses the tolerance given', () => {
		expect(checkTimestamp(iso(T0 - 20 * MINUTE), T0, { toleranceMs: 30 * MINUTE }).ok).toBe(true);
		expect(checkTimestamp(iso(T0 - 1), T0, { toleranceMs: 0 }).ok).toBe(false);
		expect(checkTimestamp(iso(T0), T0, { toleranceMs: 0 }).ok).toBe(true);
	});

	it('falls back to the default for an unusable tolerance', () => {
		for (const toleranceMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
			expect(checkTimestamp(iso(T0 - 4 * MINUTE), T0, { toleranceMs }).ok).toBe(true);
			expect(checkTimestamp(iso(T0 - 6 * MINUTE), T0, { toleranceMs }).ok).toBe(false);
		}
	});

	it('refuses a missing timestamp by default, and accepts it when asked to', () => {
		for (const missing of [undefined, null, '']) {
			expect(checkTimestamp(missing, T0)).toEqual({
				ok: false,
				reason: 'missing-timestamp',
				message: expect.any(String),
			});
			expect(checkTimestamp(missing, T0, { allowMissingTimestamp: true })).toEqual({
				ok: true,
				timestampMs: null,
			});
		}
	});

	it('refuses an unreadable timestamp even when missing ones are allowed', () => {
		for (const bad of ['yesterday', T0, '2025-11-07T12:46:45', {}, []]) {
			expect(checkTimestamp(bad, T0, { allowMissingTimestamp: true })).toEqual({
				ok: false,
				reason: 'bad-timestamp',
				message: expect.any(String),
			});
		}
	});
});

describe('remembering delivery ids', () => {
	it('accepts a delivery once and refuses its replay', () => {
		let staticData: IDataObject = {};
		expect(checkReplay(staticData, delivery(1), T0)).toEqual(accepted(delivery(1).webhookId));
		staticData = saved(staticData);
		expect(checkReplay(staticData, delivery(1), T0 + 1000)).toEqual({
			accepted: false,
			reason: 'duplicate',
			message: expect.any(String),
		});
		expect(checkReplay(staticData, delivery(2), T0 + 1000).accepted).toBe(true);
	});

	it('recognises a replay at every moment its timestamp still passes, then the window refuses it', () => {
		const staticData: IDataObject = {};
		const sentAt = T0 + 5 * MINUTE; // dated as far in the future as the window allows
		expect(checkReplay(staticData, delivery(1, sentAt), T0).accepted).toBe(true);
		for (let now = T0; now <= sentAt + 5 * MINUTE; now += 7_000) {
			expect(checkReplay(staticData, delivery(1, sentAt), now).reason).toBe('duplicate');
		}
		expect(checkReplay(staticData, delivery(1, sentAt), sentAt + 5 * MINUTE).reason).toBe(
			'duplicate',
		);
		expect(checkReplay(staticData, delivery(1, sentAt), sentAt + 5 * MINUTE + 1).reason).toBe(
			'stale',
		);
	});

	it('never accepts a replay, whenever it arrives and whatever the tolerance (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 60 * MINUTE }),
				fc.integer({ min: -60 * MINUTE, max: 60 * MINUTE }),
				fc.array(fc.integer({ min: 0, max: 3 * 60 * MINUTE }), { minLength: 1, maxLength: 10 }),
				fc.integer({ min: 0, max: 30 * MINUTE }),
				(toleranceMs, skew, replayDelays, rememberMs) => {
					let staticData: IDataObject = {};
					const options = { toleranceMs, rememberMs };
					const first = checkReplay(staticData, delivery(1, T0 + skew), T0, options);
					fc.pre(first.accepted);
					for (const delay of [...replayDelays].sort((a, b) => a - b)) {
						staticData = saved(staticData);
						expect(
							checkReplay(staticData, delivery(1, T0 + skew), T0 + delay, options).accepted,
						).toBe(false);
					}
				},
			),
			{ numRuns: NUM_RUNS },
		);
	});

	it('keeps an id at least `rememberMs`, for retries that might carry a fresh timestamp', () => {
		const staticData: IDataObject = {};
		const options = { rememberMs: 60 * MINUTE };
		expect(checkReplay(staticData, delivery(1, T0), T0, options).accepted).toBe(true);
		const retry = { ...delivery(1, T0 + 50 * MINUTE) };
		expect(checkReplay(staticData, retry, T0 + 50 * MINUTE, options).reason).toBe('duplicate');
		const later = { ...delivery(1, T0 + 70 * MINUTE) };
		expect(checkReplay(staticData, later, T0 + 70 * MINUTE, options).accepted).toBe(true);
	});

	it('forgets an id once its replay would be stale anyway', () => {
		const staticData: IDataObject = {};
		expect(checkReplay(staticData, delivery(1, T0), T0).accepted).toBe(true);
		// A new delivery long after: the old id is walked out of the memory.
		expect(checkReplay(staticData, delivery(2, T0 + 60 * MINUTE), T0 + 60 * MINUTE).accepted).toBe(
			true,
		);
		expect(Object.keys(memoryOf(staticData).forgetAfter)).toEqual([delivery(2).webhookId]);
		expect(memoryOf(staticData).size).toBe(1);
	});

	it('accepts 1,000 distinct deliveries in a row once each, through save and load', () => {
		let staticData: IDataObject = {};
		for (let n = 0; n < 1000; n++) {
			const now = T0 + n * 250;
			expect(checkReplay(staticData, delivery(n, now), now).accepted).toBe(true);
			staticData = saved(staticData);
		}
		// Sent a quarter-second apart, the last 5 minutes' worth (1,200) would all still be remembered.
		expect(idCount(staticData)).toBe(1000);
		const end = T0 + 1000 * 250;
		let replaysAccepted = 0;
		for (let n = 0; n < 1000; n++) {
			if (checkReplay(staticData, delivery(n, T0 + n * 250), end).accepted) replaysAccepted++;
		}
		expect(replaysAccepted).toBe(0);
		expect(JSON.stringify(staticData).length).toBeLessThan(1000 * 80);
	});

	it('stays within its bound through 100,000 distinct deliveries at once', () => {
		const staticData: IDataObject = {};
		let largest = 0;
		let acceptedCount = 0;
		for (let n = 0; n < 100_000; n++) {
			if (checkReplay(staticData, delivery(n, T0), T0).accepted) acceptedCount++;
			largest = Math.max(largest, memoryOf(staticData).size);
		}
		expect(acceptedCount).toBe(100_000);
		expect(largest).toBe(DEFAULT_MAX_REMEMBERED_IDS);
		expect(idCount(staticData)).toBeLessThanOrEqual(DEFAULT_MAX_REMEMBERED_IDS);
		expect(idCount(staticData)).toBe(memoryOf(staticData).size);
		// The newest ids are the ones kept.
		expect(checkReplay(staticData, delivery(99_999, T0), T0).reason).toBe('duplicate');
	});

	it('forgets expired ids before live ones, and then the ones closest to expiry', () => {
		const staticData: IDataObject = {};
		const options = { maxIds: 10 };
		for (let n = 0; n < 5; n++) checkReplay(staticData, delivery(n, T0), T0, options);
		// An hour later the first five have expired; ten fresh ones fit without evicting any of them.
		const later = T0 + 60 * MINUTE;
		for (let n = 100; n < 110; n++) {
			expect(checkReplay(staticData, delivery(n, later + n), later + n, options).accepted).toBe(
				true,
			);
		}
		expect(idCount(staticData)).toBe(10);
		for (let n = 100; n < 110; n++) {
			expect(checkReplay(staticData, delivery(n, later + n), later + 200, options).reason).toBe(
				'duplicate',
			);
		}
		// One more is over the bound: the oldest live ids go, down to 90% of it.
		checkReplay(staticData, delivery(200, later + 200), later + 200, options);
		expect(idCount(staticData)).toBe(9);
		const forgetAfter = memoryOf(staticData).forgetAfter;
		expect(Object.keys(forgetAfter)).not.toContain(delivery(100).webhookId);
		expect(Object.keys(forgetAfter)).toContain(delivery(200).webhookId);
		expect(memoryOf(staticData).nextExpiry).toBe(Math.min(...Object.values(forgetAfter)));
	});

	it('when full, first forgets expired ids, and only then live ones', () => {
		const staticData: IDataObject = {};
		const options = { maxIds: 10 };
		expect(rememberWebhookId(staticData, 'expiring', T0 + 10, T0, options)).toBe('new');
		for (let n = 0; n < 9; n++)
			rememberWebhookId(staticData, `live-${n}`, T0 + MINUTE, T0, options);
		// Not yet time to walk for expiry, but the bound is reached: the expired id alone makes room.
		expect(rememberWebhookId(staticData, 'newest', T0 + MINUTE, T0 + 20, options)).toBe('new');
		const kept = Object.keys(memoryOf(staticData).forgetAfter);
		expect(kept).toHaveLength(10);
		expect(kept).not.toContain('expiring');
		expect(kept).toContain('live-0');
	});

	it('refuses a body without webhookId by default, and accepts it unremembered when asked', () => {
		const staticData: IDataObject = {};
		for (const webhookId of [undefined, null, '']) {
			expect(checkReplay(staticData, { webhookId, timestamp: iso(T0) }, T0)).toEqual({
				accepted: false,
				reason: 'missing-webhook-id',
				message: expect.any(String),
			});
			expect(
				checkReplay(staticData, { webhookId, timestamp: iso(T0) }, T0, {
					allowMissingWebhookId: true,
				}),
			).toEqual(accepted(null));
		}
		expect(staticData[WEBHOOK_ID_MEMORY_KEY]).toBeUndefined();
	});

	it('refuses a webhookId that is not a delivery id', () => {
		for (const webhookId of [42, {}, ['a'], 'x'.repeat(257), '__proto__']) {
			const staticData: IDataObject = {};
			expect(checkReplay(staticData, { webhookId, timestamp: iso(T0) }, T0).reason).toBe(
				'bad-webhook-id',
			);
			expect(Object.getPrototypeOf(staticData)).toBe(Object.prototype);
		}
	});

	it('treats ids named like Object properties as plain ids', () => {
		const staticData: IDataObject = {};
		for (const webhookId of ['constructor', 'toString', 'hasOwnProperty', '0', '1']) {
			expect(checkReplay(staticData, { webhookId, timestamp: iso(T0) }, T0).accepted).toBe(true);
			expect(checkReplay(staticData, { webhookId, timestamp: iso(T0) }, T0).reason).toBe(
				'duplicate',
			);
		}
		expect(memoryOf(saved(staticData)).size).toBe(5);
	});

	it('checks the time before the id, and records nothing for a refused delivery', () => {
		const staticData: IDataObject = {};
		expect(checkReplay(staticData, delivery(1, T0 - 60 * MINUTE), T0).reason).toBe('stale');
		expect(checkReplay(staticData, delivery(1, T0), T0).accepted).toBe(true);
	});

	it('replaces a memory that is not one, and heals hand-edited counters', () => {
		for (const stored of ['text', 42, null, [], { forgetAfter: [] }, { forgetAfter: 'x' }]) {
			const staticData: IDataObject = { [WEBHOOK_ID_MEMORY_KEY]: stored as IDataObject, other: 1 };
			expect(checkReplay(staticData, delivery(1), T0).accepted).toBe(true);
			expect(memoryOf(staticData)).toEqual({
				forgetAfter: { [delivery(1).webhookId]: T0 + 5 * MINUTE },
				size: 1,
				nextExpiry: T0 + 5 * MINUTE,
			});
			expect(staticData.other).toBe(1);
		}
		const staticData: IDataObject = {
			[WEBHOOK_ID_MEMORY_KEY]: {
				forgetAfter: { a: T0 + MINUTE, b: 'soon', c: null, d: T0 - MINUTE },
				size: null,
				nextExpiry: 'x',
			},
		};
		expect(checkReplay(staticData, { webhookId: 'a', timestamp: iso(T0) }, T0).reason).toBe(
			'duplicate',
		);
		expect(checkReplay(staticData, { webhookId: 'b', timestamp: iso(T0) }, T0).accepted).toBe(true);
		expect(memoryOf(staticData).forgetAfter).toEqual({ a: T0 + MINUTE, b: T0 + 5 * MINUTE });
		expect(memoryOf(staticData).size).toBe(2);
	});

	it("changes n8n's observed static data in place, so n8n knows to save it", () => {
		// What getWorkflowStaticData returns: the loaded JSON wrapped as n8n wraps it.
		const loaded = saved({});
		checkReplay(loaded, delivery(1), T0);
		const staticData = ObservableObject.create(saved(loaded)) as IDataObject;
		expect(staticData.__dataChanged).toBe(false);
		expect(checkReplay(staticData, delivery(2), T0).accepted).toBe(true);
		expect(staticData.__dataChanged).toBe(true);
		expect(idCount(staticData)).toBe(2);

		const fresh = ObservableObject.create({}) as IDataObject;
		checkReplay(fresh, delivery(1), T0);
		expect(fresh.__dataChanged).toBe(true);
		expect(checkReplay(fresh, delivery(1), T0).reason).toBe('duplicate');
	});

	it('lets a caller record ids with its own expiry', () => {
		const staticData: IDataObject = {};
		expect(rememberWebhookId(staticData, 'a', T0 + 10, T0)).toBe('new');
		expect(rememberWebhookId(staticData, 'a', T0 + 99, T0 + 10)).toBe('duplicate');
		expect(memoryOf(staticData).forgetAfter.a).toBe(T0 + 10);
		// Past its expiry it is new again, even before the ids are next walked.
		expect(rememberWebhookId(staticData, 'a', T0 + 99_999, T0 + 11)).toBe('new');
		expect(memoryOf(staticData).size).toBe(1);
	});

	it('changes nothing for an id it cannot store, and keeps times JSON can save', () => {
		const staticData: IDataObject = {};
		for (const webhookId of ['', '__proto__', 'x'.repeat(257), 42 as unknown as string]) {
			expect(rememberWebhookId(staticData, webhookId, T0 + 10, T0)).toBe('unusable');
		}
		expect(staticData).toEqual({});
		expect(Object.getPrototypeOf(staticData)).toBe(Object.prototype);
		rememberWebhookId(staticData, 'a', Number.NaN, T0);
		rememberWebhookId(staticData, 'b', Number.POSITIVE_INFINITY, T0);
		expect(saved(staticData)).toEqual(staticData);
		expect(rememberWebhookId(saved(staticData), 'a', T0, T0 + 1e12)).toBe('duplicate');
	});
});
