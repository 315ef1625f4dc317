import type { IDataObject } from 'n8n-workflow';

import seed from '../../../sandbox/fixtures/seed-call-log.json';
import { generateAgents } from '../../../sandbox/data';
import type { CallLog } from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import {
	splitExecutedActions,
	wholeCallLog,
} from '../../../nodes/HighLevelVoiceAi/helpers/callLog';
import {
	ITEM_FIELDS,
	selectFields,
	SIMPLIFIED_FIELDS,
	simplify,
} from '../../../nodes/HighLevelVoiceAi/helpers/simplify';

const seedCall = wholeCallLog(seed as unknown as CallLog, true);
const [seedAction] = splitExecutedActions(seed as unknown as CallLog, {
	actionTypes: [],
	redact: true,
}).actions;
const { agents, actions } = generateAgents();
const agent = { ...agents[0], actions: actions.filter((a) => a.agentId === agents[0].id) };

describe('Simplified', () => {
	it('a call: the ten fields most workflows use, with the actions as a short list', () => {
		expect(simplify(seedCall, 'callLog')).toEqual({
			id: '507f1f77bcf86cd799439011',
			agentId: '507f1f77bcf86cd799439013',
			contactId: '507f1f77bcf86cd799439012',
			fromNumber: '+1234567890',
			createdAt: '2024-01-15T10:30:00.000Z',
			duration: 180,
			summary: seed.summary,
			transcript: seed.transcript,
			extractedData: seed.extractedData,
			executedActions: seed.executedCallActions.map((action) => ({
				actionType: action.actionType,
				actionName: action.actionName,
				executedAt: action.executedAt,
			})),
		});
	});

	it('an executed action: the action and the call it belongs to', () => {
		expect(simplify(seedAction, 'executedAction')).toEqual({
			callId: '507f1f77bcf86cd799439011',
			agentId: '507f1f77bcf86cd799439013',
			contactId: '507f1f77bcf86cd799439012',
			fromNumber: '+1234567890',
			callCreatedAt: '2024-01-15T10:30:00.000Z',
			callSummary: seed.summary,
			extractedData: seed.extractedData,
			actionType: 'CALL_TRANSFER',
			actionName: 'Transfer to Manager',
			executedAt: '2024-01-15T10:32:00.000Z',
			actionParameters: seed.executedCallActions[0].actionParameters,
		});
	});

	it('an agent: who it is and how it answers, its actions as a short list', () => {
		const simplified = simplify(agent, 'agent');
		expect(Object.keys(simplified)).toEqual(SIMPLIFIED_FIELDS.agent);
		expect(simplified).toMatchObject({
			id: 'agent0000000000000000001',
			agentName: 'Riley (Front Desk)',
			language: 'en-US',
		});
		expect(simplified.actions).toEqual(
			agent.actions.map((action) => ({
				id: action.id,
				name: action.name,
				actionType: action.actionType,
			})),
		);
		expect(simplified).not.toHaveProperty('agentPrompt');
	});

	it('an agent action: its ids, name and type, and when it runs', () => {
		expect(
			simplify(
				{
					id: 'a1',
					agentId: 'g1',
					actionType: 'SMS',
					name: 'Send Link',
					actionParameters: { triggerPrompt: 'p', triggerMessage: 'm', messageBody: 'b' },
				},
				'agentAction',
			),
		).toEqual({
			id: 'a1',
			agentId: 'g1',
			name: 'Send Link',
			actionType: 'SMS',
			triggerPrompt: 'p',
			triggerMessage: 'm',
		});
	});

	it('leaves out what the item does not have, and derives no list from a list that is not one', () => {
		expect(simplify({ id: 'c', executedCallActions: null }, 'callLog')).toEqual({ id: 'c' });
		expect(
			simplify(
				{ id: 'c', executedCallActions: [null, 'x', { actionType: 'SMS', extra: 1 }] },
				'callLog',
			),
		).toEqual({ id: 'c', executedActions: [{ actionType: 'SMS' }] });
		expect(simplify({ id: 'a', actionParameters: 'text' }, 'agentAction')).toEqual({ id: 'a' });
	});

	it('keeps the webhook’s location, the only field of its delivery worth the short view', () => {
		expect(
			simplify({ ...seedCall, locationId: 'L1', webhook: { webhookId: 'w' } }, 'callLog'),
		).toMatchObject({
			id: seedCall.id,
			locationId: 'L1',
		});
		expect(simplify({ ...seedCall, webhook: {} }, 'callLog')).not.toHaveProperty('webhook');
	});

	it('lists only fields the full item can have, or derives', () => {
		const derived = ['executedActions', 'triggerPrompt', 'triggerMessage', 'locationId'];
		for (const [shape, fields] of Object.entries(SIMPLIFIED_FIELDS)) {
			for (const field of fields) {
				expect([...ITEM_FIELDS[shape as keyof typeof ITEM_FIELDS], ...derived]).toContain(field);
			}
		}
	});
});

describe('selectFields', () => {
	it('Raw returns the item itself', () => {
		expect(selectFields(seedCall, 'callLog', { mode: 'raw' })).toBe(seedCall);
	});

	it('Selected Fields: those named, in the order named, leaving out what the item lacks', () => {
		const selected = selectFields(seedCall, 'callLog', {
			mode: 'selected',
			fields: ['summary', 'id', 'noSuchField', 'extractedData'],
		});
		expect(Object.keys(selected)).toEqual(['summary', 'id', 'extractedData']);
		expect(selected).toEqual({
			summary: seed.summary,
			id: seed.id,
			extractedData: seed.extractedData,
		});
	});

	it('never lets a field named "__proto__" change the item’s prototype', () => {
		const hostile = JSON.parse('{"id":"c","__proto__":{"polluted":true}}') as IDataObject;
		const selected = selectFields(hostile, 'callLog', { mode: 'selected', fields: ['__proto__'] });
		expect(Object.getPrototypeOf(selected)).toBe(Object.prototype);
		expect(Object.keys(selected)).toEqual(['__proto__']);
		expect((selected as { polluted?: boolean }).polluted).toBeUndefined();
	});

	it('keeps secrets redacted: it only picks from the redacted item', () => {
		const custom = splitExecutedActions(seed as unknown as CallLog, {
			actionTypes: ['CUSTOM_ACTION'],
			redact: true,
		}).actions[0];
		expect(
			JSON.stringify(selectFields(custom, 'executedAction', { mode: 'simplified' })),
		).not.toContain('token123');
	});
});
