import { CALL_LOG_LIST } from '../../../sandbox/server';
import { OAUTH2_CREDENTIAL_TYPE } from '../../harness/n8n';
import { credentialsFor, oauth2CredentialsFor, useSandbox } from '../../harness/sandbox';
import type { LogEntry } from '../../tables/captureLogs';
import { captureLogs } from '../../tables/captureLogs';
import {
	AGENT_1,
	AGENT_2,
	AGENT_3,
	CALL_LOG_LIST_PATH,
	emittedIds,
	MINUTE,
	newCall,
	SECOND,
	trigger,
} from './triggerCalls';

/**
 * HighLevel's clock as the sandbox sees it, in steps: a call added with `visibleAt: n` is listed
 * from step n on. n8n's clock (the trigger's "now") is the real one; the calls are dated from it.
 */
let step = 0;
const sandboxOf = useSandbox({ clock: () => step });

let logged: LogEntry[];

beforeEach(() => {
	step = 0;
	logged = captureLogs();
});

const add = (call: ReturnType<typeof newCall>, visibleAt?: number) =>
	sandboxOf().addCallLog(call, visibleAt === undefined ? {} : { visibleAt });
const addMany = (calls: Array<ReturnType<typeof newCall>>) => calls.forEach((call) => add(call));
const ids = (calls: Array<{ id: string }>) => calls.map((call) => call.id);
const listRequests = () => sandboxOf().requests.filter((r) => r.path === CALL_LOG_LIST_PATH);

describe('HighLevel Voice AI Trigger: New Call, through n8n-core PollContext', () => {
	it('records the calls already there on its first poll and emits nothing, then emits only new ones', async () => {
		const t = trigger(sandboxOf);
		const existing = [newCall(Date.now() - 20 * MINUTE), newCall(Date.now() - 2 * MINUTE)];
		addMany(existing);

		const activation = await t.poll();
		expect(activation.error).toBeUndefined();
		expect(activation.result).toBeNull();
		expect(activation.requests).toBe(1);
		const state = t.state();
		expect(state).toMatchObject({
			phase: 'polling',
			seen: existing.map((c) => [c.id, expect.any(Number)]),
		});
		// "Now" is recorded: the watermark is the activation time, not a call's time.
		expect(state?.watermark).toBeGreaterThan(Date.parse(existing[1].createdAt as string));

		expect((await t.poll()).result).toBeNull();
		const fresh = newCall(Date.now() - 10 * SECOND);
		add(fresh);
		const next = await t.poll();
		expect(emittedIds(next)).toEqual([fresh.id]);
		expect(next.items[0].json).toMatchObject({ id: fresh.id, summary: fresh.summary });
		expect((await t.poll()).result).toBeNull();
	});

	it('emits calls arriving over several polls each once, oldest first', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const added: string[] = [];
		const emitted: string[] = [];
		for (const count of [2, 0, 3, 1, 0, 4]) {
			const batch = Array.from({ length: count }, (_, i) =>
				newCall(Date.now() - (count - i) * SECOND),
			);
			addMany(batch);
			added.push(...ids(batch));
			const result = await t.poll();
			expect(result.error).toBeUndefined();
			expect(emittedIds(result)).toEqual(ids(batch));
			emitted.push(...emittedIds(result));
		}
		expect(emitted).toEqual(added);
	});

	it('emits a call listed late, inside the Late Call Window, exactly once', async () => {
		const t = trigger(sandboxOf);
		const late = newCall(Date.now() - 20 * MINUTE);
		add(late, 2);
		await t.poll();
		const recent = newCall(Date.now() - MINUTE);
		add(recent);
		step = 1;
		expect(emittedIds(await t.poll())).toEqual([recent.id]);
		step = 2;
		// Older than the newest call already emitted, but inside the window: still emitted, once.
		expect(emittedIds(await t.poll())).toEqual([late.id]);
		step = 3;
		expect((await t.poll()).result).toBeNull();
	});

	it('misses a call listed later than the Late Call Window, and catches it with a longer window', async () => {
		const lateCall = () => {
			const call = newCall(Date.now() - 40 * MINUTE);
			add(call, 1);
			return call;
		};
		const standard = trigger(sandboxOf);
		const missed = lateCall();
		await standard.poll();
		step = 1;
		expect((await standard.poll()).result).toBeNull();
		// HighLevel lists it now, but too late for the trigger.
		expect(emittedIds(await standard.poll({ mode: 'manual' }))).toEqual([missed.id]);

		sandboxOf().reset();
		step = 0;
		const patient = trigger(sandboxOf, { parameters: { options: { lateCallWindow: 60 } } });
		const caught = lateCall();
		await patient.poll();
		step = 1;
		expect(emittedIds(await patient.poll())).toEqual([caught.id]);
		expect((await patient.poll()).result).toBeNull();
	});

	it('emits 130 calls that arrived between two polls, each once, in 3 pages', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const start = Date.now() - 10 * MINUTE;
		const calls = Array.from({ length: 130 }, (_, i) => newCall(start + i * SECOND));
		addMany(calls);
		const result = await t.poll();
		expect(result.error).toBeUndefined();
		expect(emittedIds(result)).toEqual(ids(calls));
		expect(result.requests).toBe(3);
		expect(
			listRequests()
				.slice(-3)
				.map((r) => [r.query.page, r.query.pageSize]),
		).toEqual([
			['1', '50'],
			['2', '50'],
			['3', '50'],
		]);
		// The next poll reads the same window again (130 calls: 3 pages) and finds nothing new.
		const again = await t.poll();
		expect(again.result).toBeNull();
		expect(again.requests).toBe(3);
	});

	it('emits calls sharing one timestamp across a page boundary once, also when a poll stops between the pages', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const at = Date.now() - 5 * MINUTE;
		const tied = Array.from({ length: 60 }, () => newCall(at));
		addMany(tied);

		// A budget of 0 ms: the poll reads its first page only and leaves the rest to the next one.
		const cut = await t.poll({ pollBudgetMs: 0 });
		expect(cut.requests).toBe(1);
		expect(emittedIds(cut)).toHaveLength(50);
		const rest = await t.poll();
		expect(rest.requests).toBe(2);
		expect(rest.items).toHaveLength(10);
		expect([...emittedIds(cut), ...emittedIds(rest)].sort()).toEqual(ids(tied).sort());

		const more = [newCall(at), newCall(at), newCall(at)];
		addMany(more);
		expect(emittedIds(await t.poll()).sort()).toEqual(ids(more).sort());
		expect((await t.poll()).result).toBeNull();
	});

	it('emits one item per executed action with Output "Executed Actions", keeping the action filter', async () => {
		const t = trigger(sandboxOf, {
			parameters: { output: 'actions', options: { actionTypes: ['SMS'] } },
		});
		await t.poll();
		const call = newCall(Date.now() - MINUTE, {
			executedCallActions: [
				{ actionId: 'actSms1', actionType: 'SMS', actionName: 'First text' },
				{ actionId: 'actTransfer1', actionType: 'CALL_TRANSFER', actionName: 'Transfer' },
				{ actionId: 'actSms2', actionType: 'SMS', actionName: 'Second text' },
			],
		});
		const silent = newCall(Date.now() - MINUTE, { executedCallActions: [] });
		addMany([call, silent]);
		const result = await t.poll();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ callId: call.id, actionId: 'actSms1', actionIndex: 0 }),
			expect.objectContaining({ callId: call.id, actionId: 'actSms2', actionIndex: 2 }),
			// A call without actions still shows up, as one item with empty action fields.
			expect.objectContaining({ callId: silent.id, actionId: null, actionType: null }),
		]);
	});

	it('with "When a Call Has No Actions" = nothing, moves past such calls and returns null', async () => {
		const t = trigger(sandboxOf, {
			parameters: { output: 'actions', options: { whenNoActions: 'skip' } },
		});
		await t.poll();
		add(newCall(Date.now() - MINUTE, { executedCallActions: [] }));
		const result = await t.poll();
		expect(result.error).toBeUndefined();
		expect(result.result).toBeNull();
		expect(t.state()?.seen).toHaveLength(1);
		expect(logged).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				message: expect.stringMatching(
					/output nothing because the call has no matching executed actions/,
				),
			}),
		);
	});

	it('filters by the agent picked (from the list or by ID) through HighLevel', async () => {
		const calls = [
			newCall(Date.now() - 3 * MINUTE, { agentId: AGENT_1 }),
			newCall(Date.now() - 2 * MINUTE, { agentId: AGENT_2 }),
			newCall(Date.now() - 1 * MINUTE, { agentId: AGENT_3 }),
		];
		const fromList = trigger(sandboxOf, {
			parameters: { filters: { agentId: { __rl: true, mode: 'list', value: AGENT_2 } } },
		});
		const byId = trigger(sandboxOf, {
			parameters: { filters: { agentId: { __rl: true, mode: 'id', value: ` ${AGENT_3} ` } } },
		});
		const every = trigger(sandboxOf);
		await fromList.poll();
		await byId.poll();
		await every.poll();
		addMany(calls);

		expect(emittedIds(await fromList.poll())).toEqual([calls[1].id]);
		expect(listRequests().at(-1)?.query.agentId).toBe(AGENT_2);
		expect(emittedIds(await byId.poll())).toEqual([calls[2].id]);
		expect(listRequests().at(-1)?.query.agentId).toBe(AGENT_3);
		expect(emittedIds(await every.poll())).toEqual(calls.map((call) => call.id));
		expect(listRequests().at(-1)?.query).not.toHaveProperty('agentId');
	});

	it('polls with the OAuth2 credential when Authentication says so', async () => {
		const t = trigger(sandboxOf, {
			parameters: { authentication: 'oAuth2' },
			credentialType: OAUTH2_CREDENTIAL_TYPE,
			credentials: oauth2CredentialsFor(sandboxOf()),
		});
		await t.poll();
		const call = newCall(Date.now() - MINUTE);
		add(call);
		expect(emittedIds(await t.poll())).toEqual([call.id]);
		expect(listRequests().at(-1)?.headers.authorization).toBe(
			'Bearer sandbox-oauth-access-signed-in',
		);
	});

	it('filters by call type: live by default, trial, or both', async () => {
		const live = newCall(Date.now() - 2 * MINUTE, { trialCall: false });
		const trial = newCall(Date.now() - MINUTE, { trialCall: true });
		const byDefault = trigger(sandboxOf);
		const trials = trigger(sandboxOf, { parameters: { callType: 'TRIAL' } });
		const both = trigger(sandboxOf, { parameters: { callType: 'BOTH' } });
		for (const t of [byDefault, trials, both]) await t.poll();
		addMany([live, trial]);

		expect(emittedIds(await byDefault.poll())).toEqual([live.id]);
		expect(listRequests().at(-1)?.query.callType).toBe('LIVE');
		expect(emittedIds(await trials.poll())).toEqual([trial.id]);
		expect(listRequests().at(-1)?.query.callType).toBe('TRIAL');
		expect(emittedIds(await both.poll())).toEqual([live.id, trial.id]);
		expect(listRequests().at(-1)?.query).not.toHaveProperty('callType');
	});

	it('filters by executed action types through HighLevel', async () => {
		const sms = newCall(Date.now() - 3 * MINUTE);
		const booking = newCall(Date.now() - 2 * MINUTE, {
			executedCallActions: [
				{ actionId: 'b1', actionType: 'APPOINTMENT_BOOKING', actionName: 'Book' },
			],
		});
		const none = newCall(Date.now() - MINUTE, { executedCallActions: [] });
		const t = trigger(sandboxOf, {
			parameters: { filters: { actionTypes: ['APPOINTMENT_BOOKING', 'CALL_TRANSFER'] } },
		});
		await t.poll();
		addMany([sms, booking, none]);
		expect(emittedIds(await t.poll())).toEqual([booking.id]);
		expect(listRequests().at(-1)?.query.actionType).toBe('APPOINTMENT_BOOKING,CALL_TRANSFER');
	});

	it('starts over (records, emits nothing) when the filters change', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const trial = newCall(Date.now() - MINUTE, { trialCall: true });
		add(trial);
		const changed = await t.poll({ parameters: { callType: 'BOTH' } });
		expect(changed.result).toBeNull();
		expect(t.state()?.seen).toEqual([[trial.id, expect.any(Number)]]);
		const next = newCall(Date.now() - 10 * SECOND, { trialCall: true });
		add(next);
		expect(emittedIds(await t.poll({ parameters: { callType: 'BOTH' } }))).toEqual([next.id]);
	});

	it('in manual mode returns the newest matching call with one request and leaves the state alone', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const stored = JSON.stringify(t.staticData);
		const older = newCall(Date.now() - 2 * MINUTE);
		const newest = newCall(Date.now() - MINUTE);
		const newestTrial = newCall(Date.now() - 30 * SECOND, { trialCall: true });
		addMany([older, newest, newestTrial]);

		const manual = await t.poll({ mode: 'manual' });
		expect(manual.error).toBeUndefined();
		expect(emittedIds(manual)).toEqual([newest.id]);
		expect(manual.requests).toBe(1);
		expect(listRequests().at(-1)?.query).toMatchObject({
			callType: 'LIVE',
			sortBy: 'createdAt',
			sort: 'descend',
			page: '1',
			pageSize: '1',
		});
		expect(listRequests().at(-1)?.query).not.toHaveProperty('startDate');
		expect(manual.staticDataReads).toBe(0);
		expect(JSON.stringify(t.staticData)).toBe(stored);

		// The active workflow's next poll still emits both new live calls.
		expect(emittedIds(await t.poll())).toEqual([older.id, newest.id]);
	});

	it('in manual mode before any poll stores nothing, and picks the newest call of the agent', async () => {
		const t = trigger(sandboxOf, {
			parameters: {
				filters: { agentId: { __rl: true, mode: 'id', value: AGENT_2 } },
				output: 'actions',
			},
		});
		const ofAgent2 = newCall(Date.now() - 2 * MINUTE, { agentId: AGENT_2 });
		addMany([ofAgent2, newCall(Date.now() - MINUTE, { agentId: AGENT_1 })]);
		const manual = await t.poll({ mode: 'manual' });
		expect(manual.items.map((item) => item.json.callId)).toEqual([ofAgent2.id]);
		expect(listRequests().at(-1)?.query).toMatchObject({ pageSize: '1', agentId: AGENT_2 });
		expect(manual.staticDataReads).toBe(0);
		expect(t.state()).toBeUndefined();
	});

	it('in manual mode says so in plain words when no call matches', async () => {
		const t = trigger(sandboxOf, {
			parameters: { filters: { agentId: { __rl: true, mode: 'id', value: 'agentWithoutCalls' } } },
		});
		const manual = await t.poll({ mode: 'manual' });
		expect(manual.error?.message).toBe("No call log in HighLevel matches the trigger's settings");
		expect(manual.error?.description).toMatch(/fetch again/);
	});

	it('throws a failed request in plain words, stores nothing, and the next poll delivers what it missed', async () => {
		const t = trigger(sandboxOf, { parameters: { options: { maxRetries: 0 } } });
		await t.poll();
		const stored = JSON.stringify(t.staticData);
		const missed = newCall(Date.now() - MINUTE);
		add(missed);

		sandboxOf().script(CALL_LOG_LIST, ['status:503', 'ok']);
		const failed = await t.poll();
		expect(failed.error?.constructor.name).toBe('NodeApiError');
		expect(failed.error?.httpCode).toBe('503');
		expect(failed.error?.message).toMatch(/HighLevel/);
		expect(JSON.stringify(t.staticData)).toBe(stored);

		expect(emittedIds(await t.poll())).toEqual([missed.id]);
		expect((await t.poll()).result).toBeNull();
	});

	it('throws when a later page fails, and the next poll delivers every call of the window once', async () => {
		const t = trigger(sandboxOf, { parameters: { options: { maxRetries: 0 } } });
		await t.poll();
		const stored = JSON.stringify(t.staticData);
		const calls = Array.from({ length: 70 }, (_, i) =>
			newCall(Date.now() - 5 * MINUTE + i * SECOND),
		);
		addMany(calls);

		sandboxOf().script(CALL_LOG_LIST, ['ok', 'reset', 'ok']);
		const failed = await t.poll();
		expect(failed.error?.message).toBe('The connection to HighLevel was closed before it answered');
		expect(failed.result).toBeNull();
		expect(JSON.stringify(t.staticData)).toBe(stored);

		expect(emittedIds(await t.poll())).toEqual(ids(calls));
	});

	it('retries a transient failure within the poll and goes on', async () => {
		const t = trigger(sandboxOf, { parameters: { options: { maxRetries: 1 } } });
		await t.poll();
		const call = newCall(Date.now() - MINUTE);
		add(call);
		sandboxOf().script(CALL_LOG_LIST, ['status:503', 'ok']);
		const result = await t.poll();
		expect(emittedIds(result)).toEqual([call.id]);
		expect(result.requests).toBe(2);
	});

	it('refuses bad settings before any request, naming the field', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[
				{ filters: { agentId: { __rl: true, mode: 'id', value: 'agent/../x' } } },
				/^Agent "agent\/..\/x" contains characters/,
			],
			[{ filters: { actionTypes: ['NOT_A_TYPE'] } }, /^Executed Action Types has unknown value/],
			[{ callType: 'ALL' }, /^Call Type "ALL" is not one of LIVE, TRIAL, BOTH/],
			[{ options: { lateCallWindow: 0 } }, /^Late Call Window \(Minutes\) must be a whole number/],
			[
				{ output: 'actions', options: { whenNoActions: 'error' } },
				/"Stop With an Error" is not available/,
			],
		];
		for (const [parameters, message] of cases) {
			const t = trigger(sandboxOf, { parameters });
			const result = await t.poll();
			expect(result.error?.constructor.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(message);
			expect(result.requests).toBe(0);
			expect(t.state()).toBeUndefined();
		}
	});

	it('throws when HighLevel refuses the token, and stores nothing', async () => {
		const t = trigger(sandboxOf);
		await t.poll();
		const stored = JSON.stringify(t.staticData);
		const result = await t.poll({
			credentials: credentialsFor(sandboxOf(), { token: 'pit-wrong' }),
		});
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.message).toBe(
			'HighLevel rejected the token: it is invalid, expired or revoked',
		);
		expect(JSON.stringify(t.staticData)).toBe(stored);
	});

	it('makes exactly one request per poll that finds nothing new', async () => {
		const t = trigger(sandboxOf);
		addMany([newCall(Date.now() - 10 * MINUTE), newCall(Date.now() - MINUTE)]);
		await t.poll();
		const before = Date.now();
		for (let i = 0; i < 3; i++) {
			const idle = await t.poll();
			expect(idle.result).toBeNull();
			expect(idle.error).toBeUndefined();
			expect(idle.requests).toBe(1);
		}
		const query = listRequests().at(-1)?.query ?? {};
		expect(query).toMatchObject({
			callType: 'LIVE',
			sortBy: 'createdAt',
			sort: 'ascend',
			page: '1',
			pageSize: '50',
			locationId: sandboxOf().locationId,
		});
		// The window reaches back the Late Call Window from the newest call seen, and a little ahead.
		expect(Number(query.startDate)).toBeLessThanOrEqual(before - 30 * MINUTE);
		expect(Number(query.endDate)).toBeGreaterThan(before);
	});

	describe('the poll budget', () => {
		it('stops starting pages when the budget runs out and drains the backlog over the next polls', async () => {
			// A 1-minute window, so that a backlog spread over 4 minutes is more than one window.
			const t = trigger(sandboxOf, { parameters: { options: { lateCallWindow: 1 } } });
			await t.poll();
			const start = Date.now() - 50 * SECOND;
			const calls = Array.from({ length: 120 }, (_, i) => newCall(start + i * 2 * SECOND));
			addMany(calls);

			const emitted: string[] = [];
			let polls = 0;
			for (;;) {
				const result = await t.poll({ pollBudgetMs: 0 });
				expect(result.error).toBeUndefined();
				expect(result.requests).toBe(1);
				polls++;
				if (!result.result) break;
				emitted.push(...emittedIds(result));
				expect(polls).toBeLessThan(20);
			}
			expect(emitted).toEqual(ids(calls));
			expect(polls).toBeGreaterThan(2);
		});

		it('reads one page when HighLevel answers slower than the budget allows, and the rest next poll', async () => {
			const t = trigger(sandboxOf);
			await t.poll();
			const calls = Array.from({ length: 70 }, (_, i) =>
				newCall(Date.now() - 5 * MINUTE + i * SECOND),
			);
			addMany(calls);
			// Every page takes at least 450 ms; no page starts after 80 % of 500 ms.
			sandboxOf().script(CALL_LOG_LIST, ['slow:450']);
			const cut = await t.poll({ pollBudgetMs: 500 });
			expect(cut.requests).toBe(1);
			expect(logged).toContainEqual(
				expect.objectContaining({
					level: 'debug',
					message: expect.stringMatching(/1 page\(s\), stopped for the poll budget/),
				}),
			);
			expect(emittedIds(cut)).toEqual(ids(calls.slice(0, 50)));
			sandboxOf().script(CALL_LOG_LIST, ['ok']);
			expect(emittedIds(await t.poll())).toEqual(ids(calls.slice(50)));
		});

		it('reads every page on an n8n without a poll budget', async () => {
			const t = trigger(sandboxOf, { pollBudgetMs: 'absent' });
			await t.poll();
			const calls = Array.from({ length: 110 }, (_, i) =>
				newCall(Date.now() - 5 * MINUTE + i * SECOND),
			);
			addMany(calls);
			const result = await t.poll();
			expect(result.requests).toBe(3);
			expect(emittedIds(result)).toEqual(ids(calls));
		});

		it('continues an activation cut short, and emits nothing from it', async () => {
			const t = trigger(sandboxOf);
			const history = Array.from({ length: 60 }, (_, i) =>
				newCall(Date.now() - 10 * MINUTE + i * SECOND),
			);
			addMany(history);
			const first = await t.poll({ pollBudgetMs: 0 });
			expect(first.result).toBeNull();
			expect(t.state()?.phase).toBe('activating');
			const second = await t.poll();
			expect(second.result).toBeNull();
			expect(t.state()?.phase).toBe('polling');
			const fresh = newCall(Date.now() - SECOND);
			add(fresh);
			expect(emittedIds(await t.poll())).toEqual([fresh.id]);
		});
	});
});
