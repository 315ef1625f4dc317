import type { IDataObject } from 'n8n-workflow';

import {
	ACTION_FIELDS,
	actionChanges,
	additionalParameters,
	checkActionParameters,
	mergeParameters,
	newAction,
	updatedAction,
} from '../../../nodes/HighLevelVoiceAi/helpers/agentAction';
import { ACTION_TYPES } from '../../../nodes/HighLevelVoiceAi/helpers/constants';
import { refusal } from '../../harness/refusal';

/** Valid field values for each type, as the node's fields hold them. */
const VALID: Record<string, IDataObject> = {
	CALL_TRANSFER: {
		triggerPrompt: 'When asked',
		triggerMessage: 'Connecting',
		transferToValue: '+15550100200',
	},
	DATA_EXTRACTION: { contactFieldId: 'email', fieldDescription: 'Email', examples: ['a@b.co'] },
	IN_CALL_DATA_EXTRACTION: {
		contactFieldId: 'cf_1',
		fieldDescription: 'Insurer',
		examples: ['Cigna'],
	},
	WORKFLOW_TRIGGER: { triggerPrompt: 'p', triggerMessage: 'm', workflowId: 'wf1' },
	SMS: { triggerPrompt: 'p', triggerMessage: 'm', messageBody: 'b' },
	APPOINTMENT_BOOKING: {
		calendarId: 'cal1',
		daysOfOfferingDates: 3,
		slotsPerDay: 2,
		hoursBetweenSlots: 0.5,
	},
	CUSTOM_ACTION: {
		triggerPrompt: 'p',
		triggerMessage: 'm',
		apiUrl: 'https://api.example.com/x',
		apiMethod: 'POST',
	},
	KNOWLEDGE_BASE: { triggerPrompt: 'p', knowledgeBaseId: 'kb1' },
};

describe('newAction: every action type from its fields', () => {
	it.each(ACTION_TYPES.map((type) => [type]))(
		'%s: its documented parameters, as an object',
		(type) => {
			const action = newAction(type, ' Name ', VALID[type], undefined);
			expect(action.actionType).toBe(type);
			expect(action.name).toBe('Name');
			expect(typeof action.actionParameters).toBe('object');
			// Every required field of the type is there, nothing of other types.
			for (const field of ACTION_FIELDS) {
				const key = field.path[field.path.length - 1];
				const holder =
					field.path[0] === 'apiDetails'
						? (action.actionParameters.apiDetails as IDataObject)
						: action.actionParameters;
				if (field.required.includes(type)) expect(holder[key]).toBeDefined();
				if (!field.types.includes(type))
					expect(action.actionParameters).not.toHaveProperty(field.path[0]);
			}
		},
	);

	it('builds a call transfer exactly as the spec shows it', () => {
		expect(
			newAction('CALL_TRANSFER', 'T', { ...VALID.CALL_TRANSFER, hearWhisperMessage: true }, ''),
		).toEqual({
			actionType: 'CALL_TRANSFER',
			name: 'T',
			actionParameters: {
				triggerPrompt: 'When asked',
				triggerMessage: 'Connecting',
				transferToValue: '+15550100200',
				transferToType: 'number',
				hearWhisperMessage: true,
			},
		});
	});

	it('maps "Field Description" to description and keeps examples a list', () => {
		expect(
			newAction(
				'DATA_EXTRACTION',
				'E',
				{ ...VALID.DATA_EXTRACTION, examples: 'one, with comma' },
				undefined,
			).actionParameters,
		).toEqual({
			contactFieldId: 'email',
			description: 'Email',
			examples: ['one, with comma'],
		});
	});

	it('nests a custom action’s API details and turns its rows into lists', () => {
		const action = newAction(
			'CUSTOM_ACTION',
			'Look up',
			{
				...VALID.CUSTOM_ACTION,
				apiMethod: 'GET',
				selectedPaths: ['data.balance', ' data.due '],
				authenticationRequired: true,
				authenticationValue: 'Bearer abc',
				apiHeaders: { header: [{ key: 'X-Id', value: '7' }] },
				apiParameters: {
					parameter: [{ name: 'phone', description: '', type: 'string', example: '+1' }],
				},
			},
			undefined,
		);
		expect(action.actionParameters).toEqual({
			triggerPrompt: 'p',
			triggerMessage: 'm',
			apiDetails: {
				url: 'https://api.example.com/x',
				method: 'GET',
				authenticationRequired: true,
				authenticationValue: 'Bearer abc',
				headers: [{ key: 'X-Id', value: '7' }],
				parameters: [{ name: 'phone', type: 'string', example: '+1' }],
			},
			selectedPaths: ['data.balance', 'data.due'],
		});
	});

	it('ignores fields of other types that a hand-edited workflow may hold', () => {
		expect(
			newAction(
				'SMS',
				'S',
				{ ...VALID.SMS, transferToValue: 'junk', calendarId: '../x' },
				undefined,
			).actionParameters,
		).toEqual({
			triggerPrompt: 'p',
			triggerMessage: 'm',
			messageBody: 'b',
		});
	});

	it.each([
		[
			'CALL_TRANSFER',
			{ transferToValue: '15550100200' },
			'Transfer To Phone Number',
			'Transfer To Phone Number "15550100200" must start with "+" and have 11 to 16 characters, all digits after the "+"',
		],
		[
			'CALL_TRANSFER',
			{ transferToValue: '+155501002' },
			'Transfer To Phone Number',
			'Transfer To Phone Number "+155501002" must start with "+" and have 11 to 16 characters, all digits after the "+"',
		],
		[
			'CALL_TRANSFER',
			{ transferToValue: '+1555010020012345' },
			'Transfer To Phone Number',
			'Transfer To Phone Number "+1555010020012345" must start with "+" and have 11 to 16 characters, all digits after the "+"',
		],
		[
			'CALL_TRANSFER',
			{ transferToValue: '+1 555 010 0200' },
			'Transfer To Phone Number',
			'Transfer To Phone Number "+1 555 010 0200" must start with "+" and have 11 to 16 characters, all digits after the "+"',
		],
		['CALL_TRANSFER', { triggerPrompt: ' ' }, 'Trigger Prompt', 'Trigger Prompt is empty'],
		[
			'CALL_TRANSFER',
			{ triggerMessage: undefined },
			'Trigger Message',
			'Trigger Message is required for action type Call Transfer',
		],
		[
			'DATA_EXTRACTION',
			{ examples: [] },
			'Examples',
			'Examples has 0 entries; HighLevel needs 1 to 5',
		],
		[
			'DATA_EXTRACTION',
			{ examples: ['1', '2', '3', '4', '5', '6'] },
			'Examples',
			'Examples has 6 entries; HighLevel needs 1 to 5',
		],
		[
			'IN_CALL_DATA_EXTRACTION',
			{ overwriteExistingValue: 'true' },
			'Overwrite Existing Value',
			'Overwrite Existing Value must be true or false, but it is "true"',
		],
		[
			'WORKFLOW_TRIGGER',
			{ workflowId: 'wf 1' },
			'HighLevel Workflow ID',
			'HighLevel Workflow ID "wf 1" contains characters an id cannot have',
		],
		['SMS', { messageBody: '' }, 'Message Body', 'Message Body is required for action type SMS'],
		[
			'APPOINTMENT_BOOKING',
			{ daysOfOfferingDates: 0 },
			'Days to Offer',
			'Days to Offer must be a number 1 or more, but it is 0',
		],
		[
			'APPOINTMENT_BOOKING',
			{ slotsPerDay: 1.5 },
			'Slots per Day',
			'Slots per Day must be a whole number, but it is 1.5',
		],
		[
			'APPOINTMENT_BOOKING',
			{ hoursBetweenSlots: -1 },
			'Hours Between Slots',
			'Hours Between Slots must be a number 0 or more, but it is -1',
		],
		[
			'APPOINTMENT_BOOKING',
			{ calendarId: 'cal/1' },
			'Calendar ID',
			'Calendar ID "cal/1" contains characters an id cannot have',
		],
		[
			'CUSTOM_ACTION',
			{ apiUrl: 'ftp://example.com' },
			'API URL',
			'API URL "ftp://example.com" is not an http(s) address',
		],
		[
			'CUSTOM_ACTION',
			{ apiMethod: 'PUT' },
			'API Method',
			'API Method "PUT" is not one of GET, POST',
		],
		[
			'CUSTOM_ACTION',
			{ apiMethod: 'GET' },
			'Response Paths to Extract',
			'Response Paths to Extract is empty: a Custom Action that calls its API with GET needs at least one path',
		],
		[
			'CUSTOM_ACTION',
			{ selectedPaths: ['a.b'] },
			'Response Paths to Extract',
			'Response Paths to Extract must be empty for a Custom Action that calls its API with POST',
		],
		[
			'CUSTOM_ACTION',
			{ apiHeaders: { header: [{ key: 'X', value: '' }] } },
			'Headers (row 1): Value',
			'Headers (row 1): Value is empty',
		],
		[
			'CUSTOM_ACTION',
			{ apiParameters: { parameter: [{ description: 'no name' }] } },
			'Parameters (row 1): Name',
			'Parameters (row 1): Name is empty',
		],
		[
			'CUSTOM_ACTION',
			{ authenticationValue: '[REDACTED]' },
			'Authentication Value',
			'Authentication Value holds "[REDACTED]": it is a secret an earlier step hid, not the real value',
		],
		[
			'KNOWLEDGE_BASE',
			{ knowledgeBaseId: '' },
			'Knowledge Base ID',
			'Knowledge Base ID is required for action type Knowledge Base Lookup',
		],
	])('%s %j is refused', (type, values, field, message) => {
		const error = refusal(() => newAction(type, 'A', { ...VALID[type], ...values }, undefined));
		expect(error.field).toBe(field);
		expect(error.message).toBe(message);
	});

	it('accepts the phone number bounds: 11 and 16 characters', () => {
		for (const number of ['+1555010020', '+155501002001234']) {
			expect(
				newAction(
					'CALL_TRANSFER',
					'T',
					{ ...VALID.CALL_TRANSFER, transferToValue: number },
					undefined,
				).actionParameters.transferToValue,
			).toBe(number);
		}
	});

	it('refuses an unknown type and an empty name', () => {
		expect(refusal(() => newAction('CAP', 'A', {}, undefined)).field).toBe('Action Type');
		expect(refusal(() => newAction('SMS', '  ', VALID.SMS, undefined)).message).toBe(
			'Action Name is empty',
		);
	});
});

describe('Create "Using JSON": the whole parameters as one object', () => {
	it('checks them like the fields, naming Action Parameters (JSON) for what is wrong with the JSON', () => {
		expect(
			newAction(
				'KNOWLEDGE_BASE',
				'K',
				{},
				{ triggerPrompt: 'p', knowledgeBaseId: 'kb1' },
				'Action Parameters (JSON)',
			),
		).toEqual({
			actionType: 'KNOWLEDGE_BASE',
			name: 'K',
			actionParameters: { triggerPrompt: 'p', knowledgeBaseId: 'kb1' },
		});
		expect(refusal(() => newAction('SMS', 'S', {}, '[]', 'Action Parameters (JSON)')).message).toBe(
			'Action Parameters (JSON) must be a JSON object',
		);
		expect(
			refusal(() => newAction('SMS', 'S', {}, { triggerPrompt: 'p' }, 'Action Parameters (JSON)'))
				.message,
		).toBe('Trigger Message is required for action type SMS');
	});
});

describe('Additional Parameters (JSON)', () => {
	it('adds undocumented keys on top, merging into apiDetails', () => {
		const action = newAction(
			'CALL_TRANSFER',
			'T',
			VALID.CALL_TRANSFER,
			'{"transferBotType": "Default"}',
		);
		expect(action.actionParameters.transferBotType).toBe('Default');
		const custom = newAction('CUSTOM_ACTION', 'C', VALID.CUSTOM_ACTION, {
			apiDetails: { timeoutMs: 500 },
		});
		expect(custom.actionParameters.apiDetails).toEqual({
			url: 'https://api.example.com/x',
			method: 'POST',
			timeoutMs: 500,
		});
	});

	it('is checked like the fields when it sets a documented key', () => {
		expect(
			refusal(() =>
				newAction('CALL_TRANSFER', 'T', VALID.CALL_TRANSFER, '{"transferToValue": "123"}'),
			).field,
		).toBe('Transfer To Phone Number');
		expect(
			refusal(() =>
				newAction('CUSTOM_ACTION', 'C', VALID.CUSTOM_ACTION, '{"selectedPaths": ["a"]}'),
			).field,
		).toBe('Response Paths to Extract');
	});

	it.each([
		['{"a": ', /^Additional Parameters \(JSON\) is not valid JSON: /],
		['[1, 2]', /^Additional Parameters \(JSON\) must be a JSON object$/],
		['"text"', /^Additional Parameters \(JSON\) must be a JSON object$/],
		[42, /^Additional Parameters \(JSON\) must be a JSON object$/],
	])('refuses %j', (value, message) => {
		expect(refusal(() => additionalParameters(value)).message).toMatch(message);
	});

	it('refuses a hidden secret in an undocumented key', () => {
		expect(
			refusal(() => newAction('SMS', 'S', VALID.SMS, { auth: { token: '[REDACTED]' } })).message,
		).toBe(
			'Additional Parameters (JSON) holds "[REDACTED]" at auth.token: it is a secret an earlier step hid, not the real value',
		);
	});

	it('treats empty JSON as nothing', () => {
		expect(additionalParameters('')).toEqual({});
		expect(additionalParameters('{}')).toEqual({});
		expect(additionalParameters(undefined)).toEqual({});
	});

	it('merges objects key by key and replaces lists', () => {
		expect(mergeParameters({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 })).toEqual({
			a: { b: 1, c: [2] },
			d: 1,
			e: 2,
		});
	});
});

describe('updating an action: PUT replaces it, so the changes merge onto what HighLevel holds', () => {
	const current = {
		id: 'x1',
		actionType: 'CUSTOM_ACTION',
		name: 'Look up',
		actionParameters: {
			triggerPrompt: 'p',
			triggerMessage: 'm',
			apiDetails: {
				url: 'https://old.example.com',
				method: 'GET',
				authenticationValue: 'Bearer real',
				hiddenFlag: true,
			},
			selectedPaths: ['data.x'],
			undocumented: 'kept',
		},
	};

	it('changes only what was set and keeps everything else, undocumented keys included', () => {
		const changes = actionChanges(
			'CUSTOM_ACTION',
			{ apiUrl: 'https://new.example.com' },
			undefined,
		);
		expect(updatedAction(current, changes)).toEqual({
			actionType: 'CUSTOM_ACTION',
			name: 'Look up',
			actionParameters: {
				...current.actionParameters,
				apiDetails: { ...current.actionParameters.apiDetails, url: 'https://new.example.com' },
			},
		});
	});

	it('renames without touching the parameters', () => {
		const renamed = updatedAction(
			current,
			actionChanges('CUSTOM_ACTION', { name: 'Balance' }, '{}'),
		);
		expect(renamed).toEqual({
			actionType: 'CUSTOM_ACTION',
			name: 'Balance',
			actionParameters: current.actionParameters,
		});
	});

	it('checks a rule involving what HighLevel holds after the merge', () => {
		const changes = actionChanges('CUSTOM_ACTION', { apiMethod: 'POST' }, undefined);
		expect(refusal(() => updatedAction(current, changes)).message).toBe(
			'Response Paths to Extract must be empty for a Custom Action that calls its API with POST',
		);
		const cleared = actionChanges(
			'CUSTOM_ACTION',
			{ apiMethod: 'POST', selectedPaths: [] },
			undefined,
		);
		expect(updatedAction(current, cleared).actionParameters.selectedPaths).toEqual([]);
	});

	it('starts from nothing when the type changes, so the new type’s required fields must be set', () => {
		const partial = actionChanges('SMS', { messageBody: 'Hi' }, undefined);
		expect(refusal(() => updatedAction(current, partial)).message).toBe(
			'Trigger Prompt is required for action type SMS',
		);
		const whole = actionChanges('SMS', VALID.SMS, undefined);
		expect(updatedAction(current, whole)).toEqual({
			actionType: 'SMS',
			name: 'Look up',
			actionParameters: { triggerPrompt: 'p', triggerMessage: 'm', messageBody: 'b' },
		});
	});

	it('refuses bad input before anything is read', () => {
		expect(refusal(() => actionChanges('SMS', {}, '{}')).message).toBe(
			'Update Fields is empty: there is nothing to change',
		);
		expect(
			refusal(() => actionChanges('CALL_TRANSFER', { transferToValue: '555' }, undefined)).field,
		).toBe('Transfer To Phone Number');
		expect(refusal(() => actionChanges('CALL_TRANSFER', { name: ' ' }, undefined)).message).toBe(
			'Action Name is empty',
		);
		expect(refusal(() => actionChanges('NOPE', { name: 'x' }, undefined)).field).toBe(
			'Action Type',
		);
		// A method alone cannot be judged before the read: the paths HighLevel holds decide.
		expect(actionChanges('CUSTOM_ACTION', { apiMethod: 'GET' }, undefined).touched).toEqual(
			new Set(['apiMethod']),
		);
	});

	it('does not judge what HighLevel already holds when the user did not touch it', () => {
		const odd = {
			actionType: 'CALL_TRANSFER',
			name: 'Old',
			actionParameters: {
				transferToValue: 'legacy value',
				triggerPrompt: 'p',
				triggerMessage: 'm',
			},
		};
		expect(
			updatedAction(odd, actionChanges('CALL_TRANSFER', { name: 'New' }, undefined)).name,
		).toBe('New');
	});

	it('checks a full set of parameters the same way as a create', () => {
		expect(() => checkActionParameters('SMS', { triggerPrompt: 'p', triggerMessage: 'm' })).toThrow(
			'Message Body is required for action type SMS',
		);
	});
});
