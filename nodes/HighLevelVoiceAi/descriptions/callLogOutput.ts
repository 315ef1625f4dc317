import type { INodeProperties } from 'n8n-workflow';

import type { OutputMode, OutputSettings, WhenNoActions } from '../helpers/callLog';
import { ACTION_TYPE_LABELS, ACTION_TYPES } from '../helpers/constants';
import type { ParameterReader } from '../helpers/interfaces';
import { actionTypeList, booleanValue, oneOf } from '../helpers/validation';

/**
 * How a call log becomes output items: the Output choice and the options that shape the items.
 * Shared by every operation and trigger that emits call logs, with the reader that validates them.
 */

export const actionTypeOptions = ACTION_TYPES.map((value) => ({
	name: ACTION_TYPE_LABELS[value],
	value,
}));

/** What becomes an output item: one per call, or one per executed action. */
export function outputModeProperty(defaultMode: OutputMode): INodeProperties {
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

/** Options that shape the items made from a call log (they go into an Options collection). */
export const callLogOutputOptions: INodeProperties[] = [
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
		displayName: 'Redact Secrets',
		name: 'redactSecrets',
		type: 'boolean',
		default: true,
		description:
			'Whether to replace secrets in the output with [REDACTED]: a Custom Action’s authentication value, authorization-like headers, and values named like tokens, keys or passwords. Warning: turning this off sends those secrets down the workflow, into execution logs and to any service later steps call.',
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

/** Reads the Output parameter and the call-log options, validating values from expressions. */
export function readOutputSettings(parameter: ParameterReader): OutputSettings {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	return {
		mode: oneOf<OutputMode>('Output', parameter('output'), ['actions', 'callLogs']),
		actionTypes: actionTypeList('Action Types', options.actionTypes),
		redact: booleanValue('Redact Secrets', options.redactSecrets ?? true),
		whenNoActions: oneOf<WhenNoActions>(
			'When a Call Has No Actions',
			options.whenNoActions ?? 'emitCall',
			['emitCall', 'skip', 'error'],
		),
	};
}
