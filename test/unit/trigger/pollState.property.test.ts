import fc from 'fast-check';

import { pollScope, readPollState } from '../../../nodes/HighLevelVoiceAi/trigger/pollState';
import type { PollState } from '../../../nodes/HighLevelVoiceAi/trigger/pollState';
import { NUM_RUNS } from '../../tables/arbitraries';
import { ids, listCallLogs, pollOnce } from './simulatedCallLogs';
import type { SimulatedCall } from './simulatedCallLogs';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.parse('2026-12-01T12:00:00.000Z');
const SCOPE = pollScope({ locationId: 'loc-1' });
const OVERLAP = 30 * MINUTE;
/** n8n's clock is up to this far ahead of or behind HighLevel's. */
const MAX_SKEW = 3 * MINUTE;
const MAX_PAGE_TIME = 2 * SECOND;
const MAX_CALLS = 40;
/**
 * Longest wait before HighLevel lists a call. Exactly-once needs wait + one poll (at most
 * MAX_CALLS + 1 pages of MAX_PAGE_TIME here) + MAX_SKEW below the overlap.
 */
const MAX_DELAY = OVERLAP - MAX_SKEW - (MAX_CALLS + 2) * MAX_PAGE_TIME - MINUTE;

const callFields = {
	// On a 30 s grid, so that many calls share a createdAt and page boundaries split them.
	createdAt: fc.integer({ min: -120, max: 480 }).map((k) => T0 + k * 30 * SECOND),
	delay: fc.oneof(fc.integer({ min: 0, max: MAX_DELAY }), fc.constantFrom(0, MAX_DELAY)),
	tieRank: fc.nat(5),
	broken: fc.oneof(
		{ weight: 12, arbitrary: fc.constant(undefined) },
		fc.constantFrom('withoutId' as const, 'withoutCreatedAt' as const),
	),
};

const pollArb = fc.record({
	gap: fc.integer({ min: 0, max: 20 * MINUTE }),
	pageSize: fc.integer({ min: 1, max: 6 }),
	pageTime: fc.integer({ min: 0, max: MAX_PAGE_TIME }),
	/** The poll's budget ran out after this many pages. */
	maxPages: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
	/** Reading this page failed, so the poll threw and n8n kept the previous state. */
	failAtPage: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
});

const scenarioArb = fc.record({
	calls: fc.array(fc.record(callFields), { maxLength: MAX_CALLS - 12 }),
	/**
	 * Calls created up to 35 min before the first poll (createdAt here counts back from it): most
	 * are listed before it and must never be emitted, some are listed late and must be.
	 */
	history: fc.array(
		fc.record({
			...callFields,
			createdAt: fc.integer({ min: 0, max: 70 }).map((k) => -k * 30 * SECOND),
		}),
		{ maxLength: 12 },
	),
	polls: fc.array(pollArb, { minLength: 1, maxLength: 25 }),
	firstPollAt: fc.integer({ min: -30 * MINUTE, max: 90 * MINUTE }),
	skew: fc.integer({ min: -MAX_SKEW, max: MAX_SKEW }),
	maxSeen: fc.oneof(
		{ weight: 3, arbitrary: fc.constant(undefined) },
		fc.integer({ min: 1, max: 8 }),
	),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;
type Poll = Scenario['polls'][number];

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
	}
	return value;
}

/** What must hold of every stored state; a list of broken rules, empty when all hold. */
function brokenRules(state: PollState, previous: PollState | undefined, maxSeen: number): string[] {
	const broken: string[] = [];
	const { seen, horizon } = state;
	for (let i = 1; i < seen.length; i++) {
		const [id, createdAt] = seen[i];
		const [prevId, prevCreatedAt] = seen[i - 1];
		if (prevCreatedAt > createdAt || (prevCreatedAt === createdAt && prevId >= id)) {
			broken.push(`seen not sorted by createdAt then id, or repeated, at ${i}`);
		}
	}
	if (seen.length > maxSeen) broken.push(`seen holds ${seen.length} > ${maxSeen}`);
	if (seen.some(([, createdAt]) => createdAt < horizon)) broken.push('seen below the horizon');
	if (previous?.phase === 'polling' && state.watermark < previous.watermark) {
		broken.push('watermark went back');
	}
	if (previous?.phase === 'polling' && horizon < previous.horizon) broken.push('horizon went back');
	return broken;
}

/**
 * Runs the scenario's polls against a simulated HighLevel list, then two full polls once every
 * call is listed. HighLevel's clock is `t`; n8n's is `t + skew`; each page read takes pageTime.
 */
function simulate(scenario: Scenario) {
	const maxSeen = scenario.maxSeen ?? 10_000;
	const firstPoll = T0 + scenario.firstPollAt + scenario.polls[0].gap;
	const calls: SimulatedCall[] = [
		...scenario.calls,
		...scenario.history.map((call) => ({ ...call, createdAt: firstPoll + call.createdAt })),
	].map((call, index) => ({
		id: `call-${index}`,
		createdAt: call.createdAt,
		visibleAt: call.createdAt + call.delay,
		tieRank: call.tieRank,
		broken: call.broken,
	}));
	let t = T0 + scenario.firstPollAt;
	let stored: unknown;
	const emitted: string[] = [];
	let activationStart: number | undefined;
	let activationEnd: number | undefined;
	let dropped = 0;
	let lastEmitted: string[] = [];

	const poll = ({ pageSize, pageTime, maxPages, failAtPage }: Omit<Poll, 'gap'>) => {
		const startedAt = t;
		const previous = readPollState(stored);
		const result = pollOnce(
			deepFreeze(stored),
			{ scope: SCOPE, now: t + scenario.skew, overlapMs: OVERLAP, pageSize, maxSeen },
			(query, page) => {
				t += pageTime;
				return deepFreeze(listCallLogs(calls, query, page, t));
			},
			{ maxPages, failAtPage },
		);
		if (result.failed) return;
		const { run } = result;
		expect(brokenRules(run.state, previous, maxSeen)).toEqual([]);
		for (const { fresh } of result.outcomes) {
			const unordered = fresh.findIndex((call, i) => {
				if (i === 0) return false;
				const before = fresh[i - 1];
				const [a, b] = [
					Date.parse(before.createdAt as string),
					Date.parse(call.createdAt as string),
				];
				return a > b || (a === b && (before.id as string) >= (call.id as string));
			});
			expect(unordered).toBe(-1);
		}
		if (run.mode === 'activate') expect(result.emitted).toEqual([]);
		if (run.reason === 'firstPoll') activationStart = startedAt;
		if (run.mode === 'activate' && run.state.phase === 'polling') activationEnd = t;
		dropped += result.outcomes.reduce((sum, outcome) => sum + outcome.dropped, 0);
		stored = result.stored;
		lastEmitted = ids(result.emitted);
		emitted.push(...lastEmitted);
	};

	for (const { gap, ...rest } of scenario.polls) {
		t += gap;
		poll(rest);
	}
	t = Math.max(t, ...calls.map((call) => call.visibleAt)) + MINUTE;
	const full = { pageSize: 50, pageTime: 0, maxPages: undefined, failAtPage: undefined };
	poll(full);
	poll(full);
	return { calls, emitted, lastEmitted, activationStart, activationEnd, dropped };
}

describe('the poll state against a simulated HighLevel list (property-based)', () => {
	it('emits every call listed after activation exactly once, and none listed before it', () => {
		fc.assert(
			fc.property(scenarioArb, (scenario) => {
				const { calls, emitted, lastEmitted, activationStart, activationEnd, dropped } =
					simulate(scenario);
				// Never twice, whatever happened (budget cuts, failures, shifted pages, a small maxSeen).
				expect(new Set(emitted).size).toBe(emitted.length);
				expect(lastEmitted).toEqual([]);
				expect(activationStart).toBeDefined();
				expect(activationEnd).toBeDefined();
				const byId = new Map(calls.map((call) => [call.id, call]));
				const unexpected = emitted.filter((id) => {
					const call = byId.get(id);
					return !call || call.broken || call.visibleAt <= activationStart!;
				});
				expect(unexpected).toEqual([]);
				// Calls listed while the activation was running may go either way; all later ones are
				// emitted, unless maxSeen made the state forget ids (it says so).
				if (dropped === 0) {
					const expected = calls
						.filter((call) => !call.broken && call.visibleAt > activationEnd!)
						.map((call) => call.id);
					expect(emitted).toEqual(expect.arrayContaining(expected));
				}
			}),
			{ numRuns: NUM_RUNS },
		);
	});

	it('emits exactly the calls listed after activation when the activation reads all at once', () => {
		// The same world with the first poll complete and instant: no call is listed during the
		// activation, so the emitted set is exactly the calls listed after it.
		fc.assert(
			fc.property(scenarioArb, (generated) => {
				const [first, ...rest] = generated.polls;
				const scenario = {
					...generated,
					maxSeen: undefined,
					polls: [
						{ ...first, pageSize: 50, pageTime: 0, maxPages: undefined, failAtPage: undefined },
						...rest,
					],
				};
				const { calls, emitted, activationStart, activationEnd } = simulate(scenario);
				expect(activationEnd).toBe(activationStart);
				const expected = calls
					.filter((call) => !call.broken && call.visibleAt > activationStart!)
					.map((call) => call.id);
				expect([...emitted].sort()).toEqual([...expected].sort());
			}),
			{ numRuns: NUM_RUNS },
		);
	});
});
