import type { IDataObject } from 'n8n-workflow';

import {
	absorbPage,
	DEFAULT_FUTURE_MARGIN_MS,
	DEFAULT_OVERLAP_MS,
	planPoll,
	pollScope,
	readPollState,
} from '../../../nodes/HighLevelVoiceAi/trigger/pollState';
import type {
	CallLogWindowQuery,
	PollState,
} from '../../../nodes/HighLevelVoiceAi/trigger/pollState';
import { ids, listCallLogs, pollOnce, toCallLog } from './simulatedCallLogs';
import type { PollLimits, SimulatedCall } from './simulatedCallLogs';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const SCOPE = pollScope({ locationId: 'loc-1' });

/** A HighLevel location whose call list the test fills, polled by the trigger's loop. */
function location(options: { pageSize?: number; maxSeen?: number; overlapMs?: number } = {}) {
	const calls: SimulatedCall[] = [];
	let stored: unknown;
	return {
		calls,
		get stored() {
			return stored;
		},
		/** A call created at `createdAt`, listed from `visibleAt` (default: at once). */
		add(id: string, createdAt: number, visibleAt = createdAt, tieRank = 0) {
			calls.push({ id, createdAt, visibleAt, tieRank });
		},
		poll(now: number, limits: PollLimits = {}, scope = SCOPE) {
			const result = pollOnce(
				stored,
				{ scope, now, ...options },
				(query, page) => listCallLogs(calls, query, page, now),
				limits,
			);
			stored = result.stored;
			return result;
		},
	};
}

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const key of Object.keys(value)) deepFreeze((value as IDataObject)[key]);
	}
	return value;
}

describe('planPoll', () => {
	it('activates on the first poll, listing the overlap window oldest first', () => {
		const run = planPoll(undefined, { scope: SCOPE, now: T0 });
		expect(run.mode).toBe('activate');
		expect(run.reason).toBe('firstPoll');
		expect(run.query).toEqual({
			startDate: T0 - DEFAULT_OVERLAP_MS,
			endDate: T0 + DEFAULT_FUTURE_MARGIN_MS,
			sortBy: 'createdAt',
			sort: 'ascend',
			pageSize: 50,
		});
		expect(run.state).toMatchObject({ scope: SCOPE, phase: 'activating', watermark: T0, seen: [] });
	});

	it('starts over when the stored state is not one it wrote', () => {
		for (const stored of [{}, 'x', [], { version: 2 }, { version: 1, scope: SCOPE }]) {
			const run = planPoll(stored, { scope: SCOPE, now: T0 });
			expect([run.mode, run.reason]).toEqual(['activate', 'unreadableState']);
		}
		const valid = planPoll(undefined, { scope: SCOPE, now: T0 }).state;
		const broken = { ...valid, phase: 'polling', seen: [['a', 'not a time']] };
		expect(planPoll(broken, { scope: SCOPE, now: T0 }).reason).toBe('unreadableState');
	});

	it('keeps startDate before endDate when n8n’s clock went back', () => {
		const site = location();
		site.poll(T0);
		const run = planPoll(site.stored, { scope: SCOPE, now: T0 - 2 * DEFAULT_OVERLAP_MS });
		expect(run.query.endDate).toBeGreaterThan(run.query.startDate);
	});

	it('rejects options it cannot poll with', () => {
		const bad = [
			{ now: NaN },
			{ overlapMs: 0 },
			{ overlapMs: Infinity },
			{ futureMarginMs: -1 },
			{ pageSize: 51 },
			{ pageSize: 0 },
			{ pageSize: 2.5 },
			{ maxSeen: 0 },
		];
		for (const options of bad) {
			expect(() => planPoll(undefined, { scope: SCOPE, now: T0, ...options })).toThrow(
				/Invalid poll option/,
			);
		}
	});
});

describe('polling for new calls', () => {
	it('emits nothing on activation, and then only calls listed after it', () => {
		const site = location();
		site.add('old-1', T0 - 10 * MINUTE);
		site.add('old-2', T0 - 2 * MINUTE);
		const activation = site.poll(T0);
		expect(activation.emitted).toEqual([]);
		expect(activation.run.state.phase).toBe('polling');
		expect(activation.run.state.seen.map(([id]) => id)).toEqual(['old-1', 'old-2']);

		site.add('new-1', T0 + MINUTE);
		expect(ids(site.poll(T0 + 2 * MINUTE).emitted)).toEqual(['new-1']);
	});

	it('emits calls arriving over several polls once each, oldest first', () => {
		const site = location();
		site.poll(T0);
		const emitted: string[] = [];
		for (let minute = 1; minute <= 6; minute++) {
			site.add(`b-${minute}`, T0 + minute * MINUTE + 1);
			site.add(`a-${minute}`, T0 + minute * MINUTE + 1);
			site.add(`c-${minute}`, T0 + minute * MINUTE);
			emitted.push(...ids(site.poll(T0 + minute * MINUTE + 30_000).emitted));
		}
		emitted.push(...ids(site.poll(T0 + 10 * MINUTE).emitted));
		const expected = [1, 2, 3, 4, 5, 6].flatMap((m) => [`c-${m}`, `a-${m}`, `b-${m}`]);
		expect(emitted).toEqual(expected);
	});

	it('emits a call that is listed late, inside the overlap window, once', () => {
		const site = location();
		site.poll(T0);
		site.add('quick', T0 + 20 * MINUTE);
		// A 14-minute call started before "quick" but is logged after the poll that emitted it.
		site.add('long', T0 + 10 * MINUTE, T0 + 24 * MINUTE);
		expect(ids(site.poll(T0 + 21 * MINUTE).emitted)).toEqual(['quick']);
		expect(ids(site.poll(T0 + 25 * MINUTE).emitted)).toEqual(['long']);
		expect(ids(site.poll(T0 + 26 * MINUTE).emitted)).toEqual([]);
	});

	it('delivers 130 calls that arrived between two polls over 3 pages of 50, in order', () => {
		const site = location();
		site.poll(T0);
		for (let i = 0; i < 130; i++) site.add(`call-${String(i).padStart(3, '0')}`, T0 + i * 1000);
		const result = site.poll(T0 + 5 * MINUTE);
		expect(result.outcomes.map((o) => [o.fresh.length, o.lastPage])).toEqual([
			[50, false],
			[50, false],
			[30, true],
		]);
		expect(ids(result.emitted)).toEqual(site.calls.map((c) => c.id));
		expect(site.poll(T0 + 6 * MINUTE).emitted).toEqual([]);
	});

	it('emits calls sharing one createdAt once when a page boundary splits them', () => {
		const site = location({ pageSize: 3 });
		site.poll(T0);
		const tie = T0 + MINUTE;
		site.add('before', tie - 1);
		for (const [rank, id] of ['t-e', 't-a', 't-d', 't-b', 't-c'].entries())
			site.add(id, tie, tie, rank);
		const first = site.poll(T0 + 2 * MINUTE);
		expect(first.outcomes.map((o) => ids(o.fresh))).toEqual([
			['before', 't-a', 't-e'],
			['t-b', 't-c', 't-d'],
		]);
		// Another call of that same millisecond, logged later, is still new.
		site.add('t-late', tie, T0 + 3 * MINUTE, 9);
		expect(ids(site.poll(T0 + 4 * MINUTE).emitted)).toEqual(['t-late']);
	});

	it('emits once a call that a shifted page shows again', () => {
		const site = location({ pageSize: 2 });
		site.poll(T0);
		for (const [i, id] of ['n-1', 'n-2', 'n-3', 'n-4'].entries())
			site.add(id, T0 + (i + 2) * MINUTE);
		const now = T0 + 10 * MINUTE;
		let at = now;
		// While the poll reads page 1, a log for an earlier call lands in front of it: page 2 then
		// starts with n-2 again.
		const result = pollOnce(site.stored, { scope: SCOPE, now, pageSize: 2 }, (query, page) => {
			if (page === 2) {
				site.add('early', T0 + MINUTE, now + 1);
				at = now + 1;
			}
			return listCallLogs(site.calls, query, page, at);
		});
		expect(result.outcomes.map((o) => ids(o.fresh))).toEqual([['n-1', 'n-2'], ['n-3'], ['n-4']]);
		expect(ids(result.emitted)).toEqual(['n-1', 'n-2', 'n-3', 'n-4']);
		const next = pollOnce(result.stored, { scope: SCOPE, now: now + MINUTE, pageSize: 2 }, (q, p) =>
			listCallLogs(site.calls, q, p, now + MINUTE),
		);
		expect(ids(next.emitted)).toEqual(['early']);
	});

	it('delivers exactly the rest of a backlog after a poll cut short by its budget', () => {
		const site = location();
		site.poll(T0);
		for (let i = 0; i < 130; i++) site.add(`call-${String(i).padStart(3, '0')}`, T0 + i * 1000);
		const all = site.calls.map((c) => c.id);
		const cut = site.poll(T0 + 5 * MINUTE, { maxPages: 1 });
		expect(ids(cut.emitted)).toEqual(all.slice(0, 50));
		// The next poll reads the overlap window again from its start (late calls may have landed
		// there), so with 2 pages it gets one page further.
		const secondCut = site.poll(T0 + 6 * MINUTE, { maxPages: 2 });
		expect(ids(secondCut.emitted)).toEqual(all.slice(50, 100));
		expect(ids(site.poll(T0 + 7 * MINUTE).emitted)).toEqual(all.slice(100, 130));
		expect(site.poll(T0 + 8 * MINUTE).emitted).toEqual([]);
	});

	it('delivers again what a failed poll had read, since n8n stored nothing', () => {
		const site = location({ pageSize: 2 });
		site.poll(T0);
		for (const id of ['f-1', 'f-2', 'f-3']) site.add(id, T0 + MINUTE);
		const failed = site.poll(T0 + 2 * MINUTE, { failAtPage: 2 });
		expect(failed.failed).toBe(true);
		expect(ids(site.poll(T0 + 3 * MINUTE).emitted)).toEqual(['f-1', 'f-2', 'f-3']);
	});

	it('finishes an activation cut short on the next poll, still without replaying history', () => {
		const site = location({ pageSize: 2 });
		for (let i = 1; i <= 5; i++) site.add(`old-${i}`, T0 - i * MINUTE);
		const cut = site.poll(T0, { maxPages: 1 });
		expect(cut.emitted).toEqual([]);
		expect(cut.run.state.phase).toBe('activating');
		site.add('new', T0 + 2 * MINUTE);
		// Calls listed while the activation is unfinished count as history too.
		const resumed = site.poll(T0 + 3 * MINUTE);
		expect(resumed.run.reason).toBe('activationUnfinished');
		expect(resumed.emitted).toEqual([]);
		expect(resumed.run.state.phase).toBe('polling');
		site.add('newer', T0 + 4 * MINUTE);
		expect(ids(site.poll(T0 + 5 * MINUTE).emitted)).toEqual(['newer']);
	});

	it('starts over, emitting nothing, when the location or filters change', () => {
		const site = location();
		site.poll(T0);
		site.add('a', T0 + MINUTE);
		const other = pollScope({ locationId: 'loc-1', agentId: 'agent-2' });
		const reset = site.poll(T0 + 2 * MINUTE, {}, other);
		expect([reset.run.mode, reset.run.reason]).toEqual(['activate', 'scopeChanged']);
		expect(reset.emitted).toEqual([]);
		expect(reset.run.state.scope).toBe(other);
		site.add('b', T0 + 3 * MINUTE);
		expect(ids(site.poll(T0 + 4 * MINUTE, {}, other).emitted)).toEqual(['b']);
	});

	it('forgets the oldest ids beyond maxSeen, says how many, and never emits them again', () => {
		const site = location({ maxSeen: 5 });
		site.poll(T0);
		for (let i = 1; i <= 12; i++) site.add(`s-${String(i).padStart(2, '0')}`, T0 + i * 1000);
		const result = site.poll(T0 + MINUTE);
		expect(result.emitted).toHaveLength(12);
		expect(result.outcomes[0].dropped).toBe(7);
		expect(result.run.state.seen.map(([id]) => id)).toEqual([
			's-08',
			's-09',
			's-10',
			's-11',
			's-12',
		]);
		expect(result.run.state.horizon).toBe(T0 + 7 * 1000 + 1);
		expect(site.poll(T0 + 2 * MINUTE).emitted).toEqual([]);
	});

	it('forgets ids once they fall behind the overlap window', () => {
		const site = location({ overlapMs: 10 * MINUTE });
		site.poll(T0);
		site.add('early', T0 + MINUTE);
		site.poll(T0 + 2 * MINUTE);
		site.add('later', T0 + 20 * MINUTE);
		const result = site.poll(T0 + 21 * MINUTE);
		expect(ids(result.emitted)).toEqual(['later']);
		expect(result.run.state.seen).toEqual([['later', T0 + 20 * MINUTE]]);
		expect(result.run.query.startDate).toBe(T0 + MINUTE - 10 * MINUTE);
		expect(
			planPoll(site.stored, { scope: SCOPE, now: T0 + 22 * MINUTE, overlapMs: 10 * MINUTE }).query
				.startDate,
		).toBe(T0 + 10 * MINUTE);
	});

	it('does not replay calls when the overlap grows, and narrows at once when it shrinks', () => {
		const site = location({ overlapMs: 10 * MINUTE });
		site.poll(T0);
		site.add('a', T0 - 15 * MINUTE);
		site.add('b', T0 + MINUTE);
		expect(ids(site.poll(T0 + 2 * MINUTE).emitted)).toEqual(['b']);
		const wider = pollOnce(
			site.stored,
			{ scope: SCOPE, now: T0 + 3 * MINUTE, overlapMs: 60 * MINUTE },
			(q, p) => listCallLogs(site.calls, q, p, T0 + 3 * MINUTE),
		);
		expect(wider.emitted).toEqual([]);
		expect(wider.run.query.startDate).toBe(T0 - 9 * MINUTE);
		const narrower = planPoll(site.stored, {
			scope: SCOPE,
			now: T0 + 3 * MINUTE,
			overlapMs: MINUTE,
		});
		expect(narrower.query.startDate).toBe(T0);
		expect(narrower.state.seen).toEqual([['b', T0 + MINUTE]]);
	});

	it('treats calls created before the horizon as handled, even if the server returns them', () => {
		const site = location({ overlapMs: 10 * MINUTE });
		site.add('history', T0 - 60 * MINUTE);
		site.add('before', T0 - 5 * MINUTE);
		site.poll(T0);
		site.add('new', T0 + 20 * MINUTE);
		// A server that ignores startDate/endDate (or pages that shifted by more than the window).
		const everything = (query: CallLogWindowQuery, page: number) =>
			listCallLogs(
				site.calls,
				{ ...query, startDate: 0, endDate: Infinity },
				page,
				T0 + 21 * MINUTE,
			);
		const result = pollOnce(
			site.stored,
			{ scope: SCOPE, now: T0 + 21 * MINUTE, overlapMs: 10 * MINUTE },
			everything,
		);
		expect(ids(result.emitted)).toEqual(['new']);
		expect(result.run.state.seen.map(([id]) => id)).toEqual(['new']);
	});

	it('remembers a call whose createdAt moved later for as long as it can be listed there', () => {
		const site = location({ overlapMs: 10 * MINUTE });
		site.poll(T0);
		site.add('moved', T0 + MINUTE);
		expect(ids(site.poll(T0 + 2 * MINUTE).emitted)).toEqual(['moved']);
		site.calls[0].createdAt = T0 + 15 * MINUTE;
		expect(site.poll(T0 + 16 * MINUTE).emitted).toEqual([]);
		site.add('other', T0 + 20 * MINUTE);
		expect(ids(site.poll(T0 + 21 * MINUTE).emitted)).toEqual(['other']);
		expect(site.poll(T0 + 22 * MINUTE).emitted).toEqual([]);
	});

	it('keeps a createdAt beyond the window from pushing the horizon past calls to come', () => {
		const run = planPoll(
			{ ...planPoll(undefined, { scope: SCOPE, now: T0 }).state, phase: 'polling' },
			{ scope: SCOPE, now: T0 },
		);
		const bogus = { id: 'bogus', createdAt: '2100-01-01T00:00:00.000Z' };
		const outcome = absorbPage(run, { callLogs: [bogus], total: 1 }, 1);
		expect(ids(outcome.fresh)).toEqual(['bogus']);
		expect(outcome.next.state.watermark).toBe(run.query.endDate);
		const later = planPoll(outcome.next.state, { scope: SCOPE, now: T0 + MINUTE });
		const real = toCallLog({ id: 'real', createdAt: T0 + 30_000, visibleAt: T0 + 30_000 });
		expect(ids(absorbPage(later, { callLogs: [real, bogus] }, 1).fresh)).toEqual(['real']);
	});
});

describe('absorbPage', () => {
	const pollingRun = () =>
		planPoll(
			{ ...planPoll(undefined, { scope: SCOPE, now: T0 }).state, phase: 'polling' },
			{ scope: SCOPE, now: T0 + MINUTE },
		);
	const at = (ms: number) => new Date(ms).toISOString();

	it('skips entries without an id or a createdAt, counts them, and emits the rest once', () => {
		const callLogs = [
			null,
			'call',
			7,
			[],
			{},
			{ id: 5, createdAt: at(T0) },
			{ id: '', createdAt: at(T0) },
			{ id: 'no-date' },
			{ id: 'bad-date', createdAt: 'yesterday-ish' },
			{ id: 'number-date', createdAt: T0 },
			{ id: 'null-date', createdAt: null },
			{ id: 'ok-2', createdAt: at(T0 + 2) },
			{ id: 'ok-1', createdAt: at(T0 + 1) },
			{ id: 'ok-2', createdAt: at(T0 + 2) },
		];
		const outcome = absorbPage(pollingRun(), { callLogs, total: callLogs.length }, 1);
		expect(ids(outcome.fresh)).toEqual(['ok-1', 'ok-2']);
		expect(outcome.skipped).toEqual({ withoutId: 7, withoutCreatedAt: 4 });
		expect(outcome.next.state.seen.map(([id]) => id)).toEqual(['ok-1', 'ok-2']);
	});

	it('throws when the page has no callLogs list, so that the poll stores nothing', () => {
		for (const response of [{}, { callLogs: {} }, null, 'page']) {
			expect(() => absorbPage(pollingRun(), response as never, 1)).toThrow(/callLogs/);
		}
	});

	it('says a full page is the last one when total is reached', () => {
		const run = planPoll(undefined, { scope: SCOPE, now: T0, pageSize: 2 });
		const callLogs = [
			{ id: 'a', createdAt: at(T0) },
			{ id: 'b', createdAt: at(T0) },
		];
		expect(absorbPage(run, { callLogs, total: 4 }, 2).lastPage).toBe(true);
		expect(absorbPage(run, { callLogs, total: 5 }, 2).lastPage).toBe(false);
		expect(absorbPage(run, { callLogs }, 2).lastPage).toBe(false);
		expect(absorbPage(run, { callLogs: [] }, 3).lastPage).toBe(true);
	});

	it('never modifies the run, its state or the response it is given', () => {
		const site = location();
		for (let i = 0; i < 3; i++) site.add(`x-${i}`, T0 - i * MINUTE);
		site.poll(T0);
		for (let i = 0; i < 3; i++) site.add(`y-${i}`, T0 + (i + 1) * MINUTE);
		const stored = deepFreeze(site.stored);
		const storedCopy = JSON.parse(JSON.stringify(stored));
		const run = deepFreeze(planPoll(stored, { scope: SCOPE, now: T0 + 5 * MINUTE, pageSize: 5 }));
		const runCopy = JSON.parse(JSON.stringify(run));
		const response = deepFreeze(listCallLogs(site.calls, run.query, 1, T0 + 5 * MINUTE));
		const responseCopy = JSON.parse(JSON.stringify(response));
		const outcome = absorbPage(run, response, 1);
		expect(ids(outcome.fresh)).toEqual(['y-0', 'y-1']);
		expect(outcome.next.state).not.toBe(run.state);
		expect(stored).toEqual(storedCopy);
		expect(run).toEqual(runCopy);
		expect(response).toEqual(responseCopy);
	});
});

describe('the stored state', () => {
	it('survives a JSON round trip through static data and reads back the same', () => {
		const site = location();
		site.add('a', T0 - MINUTE);
		const { run } = site.poll(T0);
		const staticData: IDataObject = { pollState: run.state };
		const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(readPollState(reloaded.pollState)).toEqual(run.state);
	});

	it('remembers an id that is also an object key such as __proto__', () => {
		const run = planPoll(
			{ ...planPoll(undefined, { scope: SCOPE, now: T0 }).state, phase: 'polling' } as PollState,
			{ scope: SCOPE, now: T0 },
		);
		const call = { id: '__proto__', createdAt: new Date(T0).toISOString() };
		const first = absorbPage(run, { callLogs: [call] }, 1);
		expect(ids(first.fresh)).toEqual(['__proto__']);
		const stored = JSON.parse(JSON.stringify(first.next.state));
		const again = absorbPage(planPoll(stored, { scope: SCOPE, now: T0 }), { callLogs: [call] }, 1);
		expect(again.fresh).toEqual([]);
	});
});

describe('pollScope', () => {
	it('ignores key order, list order, duplicates and empty values', () => {
		expect(
			pollScope({ locationId: 'l', contactId: ['b', 'a', 'b'], agentId: '', callType: undefined }),
		).toBe(pollScope({ contactId: ['a', 'b'], locationId: 'l', actionType: [] }));
	});

	it('differs when a filter differs', () => {
		const scopes = [
			pollScope({ locationId: 'l' }),
			pollScope({ locationId: 'm' }),
			pollScope({ locationId: 'l', agentId: 'a' }),
			pollScope({ locationId: 'l', contactId: ['a'] }),
			pollScope({ locationId: 'l', contactId: ['a', 'b'] }),
			pollScope({ locationId: 'l', callType: 'LIVE' }),
		];
		expect(new Set(scopes).size).toBe(scopes.length);
	});
});
