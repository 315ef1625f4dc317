import seed from '../../../sandbox/fixtures/seed-call-log.json';
import type { CallLog } from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import {
	callLogToItems,
	callWithoutActions,
	splitExecutedActions,
	wholeCallLog,
} from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import { REDACTED } from '../../../nodes/HighLevelVoiceAi/helpers/constants';
import { SEED_ACTION_ORDER } from '../../harness/sandbox';

const seedCall = seed as unknown as CallLog;
const all = { actionTypes: [], redact: true };

const SEED_ORDER = SEED_ACTION_ORDER;

function withActions(executedCallActions: unknown): CallLog {
	return { ...seedCall, executedCallActions } as CallLog;
}

describe('splitExecutedActions on the documented example response', () => {
	const { actions, skippedEntries, malformedActionList } = splitExecutedActions(seedCall, all);

	it('emits the 8 actions as 8 items, in the order HighLevel returned them', () => {
		expect(actions.map((item) => item.actionType)).toEqual(SEED_ORDER);
		expect(actions.map((item) => item.actionIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(skippedEntries).toBe(0);
		expect(malformedActionList).toBe(false);
	});

	it('gives every item the call context a later step needs', () => {
		for (const item of actions) {
			expect(item).toMatchObject({
				callId: '507f1f77bcf86cd799439011',
				agentId: '507f1f77bcf86cd799439013',
				contactId: '507f1f77bcf86cd799439012',
				fromNumber: '+1234567890',
				callCreatedAt: '2024-01-15T10:30:00.000Z',
				callDuration: 180,
				trialCall: false,
				callSummary: seedCall.summary,
				messageId: '507f1f77bcf86cd799439014',
				extractedData: seedCall.extractedData,
			});
		}
	});

	it("carries each action's own fields", () => {
		expect(actions[1]).toMatchObject({
			actionId: '507f1f77bcf86cd799439016',
			actionType: 'SMS',
			actionName: 'Send Confirmation SMS',
			actionDescription: 'Sends SMS confirmation to customer',
			executedAt: '2024-01-15T10:33:30.000Z',
			triggerReceivedAt: null,
			actionParameters: {
				triggerPrompt: 'When caller asks for booking confirmation',
				triggerMessage: "I'll send you a confirmation text",
				messageBody: 'Your appointment is confirmed for tomorrow at 2 PM',
			},
		});
	});

	it('never hands out the transcript per action, and never mutates the input', () => {
		const before = JSON.stringify(seedCall);
		const { actions: again } = splitExecutedActions(seedCall, all);
		again[0].extractedData = { changed: true };
		(again[5].actionParameters as { apiDetails: { url: string } }).apiDetails.url = 'x';
		expect(JSON.stringify(seedCall)).toBe(before);
		expect(actions[0]).not.toHaveProperty('transcript');
	});
});

describe('filtering by action type', () => {
	it('keeps only the chosen types, in call order', () => {
		const { actions } = splitExecutedActions(seedCall, {
			actionTypes: ['KNOWLEDGE_BASE', 'SMS'],
			redact: true,
		});
		expect(actions.map((item) => [item.actionType, item.actionIndex])).toEqual([
			['SMS', 1],
			['KNOWLEDGE_BASE', 7],
		]);
	});

	it('does not trip over an actionType that is not text (found by a property test)', () => {
		const call = withActions(JSON.parse('[{"actionType":{"toString":null}},{"actionType":"SMS"}]'));
		const { actions } = splitExecutedActions(call, { actionTypes: ['SMS'], redact: true });
		expect(actions.map((item) => item.actionIndex)).toEqual([1]);
	});

	it('drops unknown types when a filter is set, keeps them when not', () => {
		const call = withActions([{ actionType: 'FUTURE_TYPE', actionName: 'New' }]);
		expect(splitExecutedActions(call, { actionTypes: ['SMS'], redact: true }).actions).toEqual([]);
		expect(splitExecutedActions(call, all).actions[0].actionType).toBe('FUTURE_TYPE');
	});
});

describe('redaction', () => {
	const custom = () => splitExecutedActions(seedCall, all).actions[5];

	it("replaces a CUSTOM_ACTION's authenticationValue and keeps the rest", () => {
		const apiDetails = (custom().actionParameters as { apiDetails: Record<string, unknown> })
			.apiDetails;
		expect(apiDetails.authenticationValue).toBe(REDACTED);
		expect(apiDetails.authenticationRequired).toBe(true);
		expect(apiDetails.url).toBe('https://api.example.com/orders');
		expect(apiDetails.headers).toEqual([{ key: 'Content-Type', value: 'application/json' }]);
		expect(JSON.stringify(custom())).not.toContain('token123');
	});

	it('replaces the values of authorization-like headers', () => {
		const call = withActions([
			{
				actionType: 'CUSTOM_ACTION',
				actionName: 'Billing',
				actionParameters: {
					apiDetails: {
						headers: [
							{ key: 'Authorization', value: 'Basic dXNlcjpwYXNz' },
							{ key: 'X-Api-Key', value: 'k-123' },
							{ name: 'Cookie', value: 'session=abc' },
							{ key: 'Accept', value: 'application/json' },
						],
					},
				},
			},
		]);
		const [item] = splitExecutedActions(call, all).actions;
		expect(
			(item.actionParameters as { apiDetails: { headers: unknown } }).apiDetails.headers,
		).toEqual([
			{ key: 'Authorization', value: REDACTED },
			{ key: 'X-Api-Key', value: REDACTED },
			{ name: 'Cookie', value: REDACTED },
			{ key: 'Accept', value: 'application/json' },
		]);
	});

	it('can be turned off explicitly', () => {
		const { actions } = splitExecutedActions(seedCall, { actionTypes: [], redact: false });
		expect(JSON.stringify(actions[5])).toContain('token123');
	});

	it('applies to the whole call log output too', () => {
		expect(JSON.stringify(wholeCallLog(seedCall, true))).not.toContain('token123');
		expect(wholeCallLog(seedCall, true).transcript).toBe(seedCall.transcript);
		expect(JSON.stringify(wholeCallLog(seedCall, false))).toContain('token123');
	});
});

describe('odd shapes HighLevel is known to send', () => {
	it('uses _id when actionId is missing (webhook-style payloads)', () => {
		const call = withActions([{ _id: 'abc', actionType: 'SMS', actionName: 'Text' }]);
		expect(splitExecutedActions(call, all).actions[0].actionId).toBe('abc');
	});

	it('gives an empty object when actionParameters is missing or null', () => {
		const call = withActions([
			{ actionType: 'SMS', actionName: 'No params' },
			{ actionType: 'SMS', actionName: 'Null params', actionParameters: null },
		]);
		expect(splitExecutedActions(call, all).actions.map((item) => item.actionParameters)).toEqual([
			{},
			{},
		]);
	});

	it.each([
		['null', null],
		['missing', undefined],
		['empty', []],
	])('treats executedCallActions %s as a call without actions', (_label, value) => {
		const result = splitExecutedActions(withActions(value), all);
		expect(result.actions).toEqual([]);
		expect(result.malformedActionList).toBe(false);
	});

	it('reports a non-list executedCallActions instead of failing', () => {
		const result = splitExecutedActions(withActions({ actionType: 'SMS' }), all);
		expect(result).toEqual({ actions: [], skippedEntries: 0, malformedActionList: true });
	});

	it('skips entries that are not objects and counts them, keeping the real indexes', () => {
		const call = withActions([null, 'x', { actionType: 'SMS', actionName: 'Text' }, 7, []]);
		const result = splitExecutedActions(call, all);
		expect(result.skippedEntries).toBe(4);
		expect(result.actions.map((item) => item.actionIndex)).toEqual([2]);
	});
});

describe('a call without (matching) actions', () => {
	const empty = withActions([]);
	const settings = (whenNoActions: 'emitCall' | 'skip' | 'error') => ({
		mode: 'actions' as const,
		actionTypes: [],
		redact: true,
		whenNoActions,
	});

	it('by default yields one item with the call fields and null action fields', () => {
		const output = callLogToItems(empty, settings('emitCall'));
		expect(output.noActions).toBe(true);
		expect(output.items).toEqual([callWithoutActions(empty, true)]);
		expect(output.items[0]).toMatchObject({
			callId: '507f1f77bcf86cd799439011',
			actionType: null,
			actionId: null,
			actionParameters: null,
		});
		// Same keys as an action item, so expressions and the schema view do not change shape.
		const actionItem = splitExecutedActions(seedCall, all).actions[0];
		expect(Object.keys(output.items[0]).sort()).toEqual(Object.keys(actionItem).sort());
	});

	it('yields nothing with "Output Nothing", and flags it for "Stop With an Error"', () => {
		expect(callLogToItems(empty, settings('skip')).items).toEqual([]);
		expect(callLogToItems(empty, settings('error'))).toMatchObject({ items: [], noActions: true });
	});

	it('counts a call whose actions are all filtered out as without actions', () => {
		const output = callLogToItems(seedCall, { ...settings('emitCall'), actionTypes: ['SMS'] });
		expect(output.items).toHaveLength(1);
		const none = callLogToItems(withActions([{ actionType: 'SMS', actionName: 'x' }]), {
			...settings('emitCall'),
			actionTypes: ['CALL_TRANSFER'],
		});
		expect(none.noActions).toBe(true);
		expect(none.items[0].actionType).toBeNull();
	});

	it('is unaffected in "Call Logs" output', () => {
		const output = callLogToItems(empty, { ...settings('error'), mode: 'callLogs' });
		expect(output).toMatchObject({ noActions: false, items: [{ id: '507f1f77bcf86cd799439011' }] });
	});
});
