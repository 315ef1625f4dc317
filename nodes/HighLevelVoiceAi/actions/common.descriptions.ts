import type { INodeProperties } from 'n8n-workflow';

import { ACTION_TYPE_LABELS, ACTION_TYPES } from '../helpers/constants';

export const actionTypeOptions = ACTION_TYPES.map((value) => ({
	name: ACTION_TYPE_LABELS[value],
	value,
}));

/** What becomes an output item: shared by Get and Get Many, with a different default each. */
export function outputModeProperty(defaultMode: 'actions' | 'callLogs'): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		default: defaultMode,
		options: [
			{
				name: 'Call Logs (One Item per Call)',
				value: 'callLogs',
				description:
					'The whole call log as one item: summary, transcript, extracted data and all actions',
			},
			{
				name: 'Executed Actions (One Item per Action)',
				value: 'actions',
				description:
					'One item for every action the agent executed, in call order, each with the call it belongs to',
			},
		],
	};
}

/** Options every call-log operation understands. */
export const outputOptions: INodeProperties[] = [
	{
		displayName: 'Action Types',
		name: 'actionTypes',
		type: 'multiOptions',
		default: [],
		options: actionTypeOptions,
		description:
			'Output only actions of these types (with "Executed Actions" output). Leave empty for all, including types HighLevel adds later.',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 10,
		description:
			'How many requests to HighLevel may run at once. Requests are always paced by HighLevel’s rate-limit headers, so this rarely needs changing. Read from the first item.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 3,
		description:
			'How often to retry a request that hit the burst rate limit, a 502/503/504, a reset connection or a timeout. Other answers are never retried. Read from the first item.',
	},
	{
		displayName: 'Redact Secrets',
		name: 'redactSecrets',
		type: 'boolean',
		default: true,
		description:
			'Whether to replace secrets in the output with [REDACTED]: a Custom Action’s authentication value, authorization-like headers, and values named like tokens, keys or passwords. Warning: turning this off sends those secrets down the workflow, into execution logs and to any service later steps call.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000, maxValue: 600000 },
		default: 60000,
		description:
			'How long to wait for HighLevel to answer one request before retrying it, in milliseconds. Read from the first item.',
	},
	{
		displayName: 'When a Call Has No Actions',
		name: 'whenNoActions',
		type: 'options',
		default: 'emitCall',
		description:
			'What to output for a call without (matching) executed actions, with "Executed Actions" output',
		options: [
			{
				name: 'Output One Item for the Call',
				value: 'emitCall',
				description:
					'One item with the call’s fields and every action field empty (actionType is null), so the call is not silently lost',
			},
			{
				name: 'Output Nothing',
				value: 'skip',
				description: 'The call produces no item (n8n shows a hint saying so)',
			},
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Treat the call as failed (an error item with "Continue On Fail")',
			},
		],
	},
];

export const optionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: outputOptions,
};
