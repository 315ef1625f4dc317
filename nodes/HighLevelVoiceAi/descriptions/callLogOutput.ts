import type { INodeProperties } from 'n8n-workflow';

import type { CallLogItemSettings, OutputMode, WhenNoActions } from '../helpers/callLog';
import { ACTION_TYPE_LABELS, ACTION_TYPES } from '../helpers/constants';
import type { ParameterReader } from '../helpers/interfaces';
import type { TranscriptFormat } from '../helpers/transcript';
import { TRANSCRIPT_FORMATS } from '../helpers/transcript';
import { actionTypeList, booleanValue, oneOf } from '../helpers/validation';
import { outputFieldsProperties, readFieldSelection, selectedFieldsProperty } from './outputFields';

/**
 * How a call log becomes output items: what one item stands for ("One Item Per"), which fields it
 * has ("Output"), and the options that shape it. Shared by every operation and trigger that emits
 * call logs, with the reader that validates them.
 */

export const actionTypeOptions = ACTION_TYPES.map((value) => ({
	name: ACTION_TYPE_LABELS[value],
	value,
}));

/**
 * What becomes an output item: one per call, or one per executed action. Stored as `output`
 * (`callLogs` | `actions`), its name before "Output" came to mean the fields, so saved workflows
 * keep running.
 */
export function outputModeProperty(defaultMode: OutputMode): INodeProperties {
	return {
		displayName: 'One Item Per',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		default: defaultMode,
		description: 'What each output item stands for',
		options: [
			{
				name: 'Call',
				value: 'callLogs',
				description:
					'One item per call: the call log with its summary, transcript, extracted data and actions',
			},
			{
				name: 'Executed Action',
				value: 'actions',
				description:
					'One item for every action the agent executed, in call order, each with the call it belongs to',
			},
		],
	};
}

/** Where "Selected Fields" keeps its list, for each kind of item a call log becomes. */
const SELECTED_CALL_FIELDS = 'selectedCallFields';
const SELECTED_ACTION_FIELDS = 'selectedExecutedActionFields';

/**
 * Output (Simplified, Raw, Selected Fields) for call logs, and the two field lists of Selected
 * Fields: a call's fields with "One Item Per: Call", an executed action's otherwise. `extra`
 * names fields only some sources send (the webhook's location and delivery).
 */
export function callLogFieldsProperties(extra: string[] = []): INodeProperties[] {
	return [
		...outputFieldsProperties(
			'The fields most workflows use: for a call, who called, when, the summary, transcript, extracted data and a short list of the actions; for an executed action, the action with its parameters and the call’s contact, time, summary and extracted data',
			{ versioned: true },
		),
		selectedFieldsProperty(SELECTED_CALL_FIELDS, 'callLog', {
			show: { output: ['callLogs'] },
			extra,
		}),
		selectedFieldsProperty(SELECTED_ACTION_FIELDS, 'executedAction', {
			show: { output: ['actions'] },
			extra,
		}),
	];
}

/** Options that shape the items made from a call log (they go into an Options collection). */
export const callLogOutputOptions: INodeProperties[] = [
	{
		displayName: 'Action Types',
		name: 'actionTypes',
		type: 'multiOptions',
		default: [],
		options: actionTypeOptions,
		displayOptions: { show: { '/output': ['actions'] } },
		description:
			'Output only actions of these types. Leave empty for all, including types HighLevel adds later.',
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
		displayName: 'Transcript',
		name: 'transcript',
		type: 'options',
		default: 'text',
		displayOptions: { show: { '/output': ['callLogs'] } },
		description: 'How each call’s transcript is output',
		options: [
			{
				name: 'Include as Text',
				value: 'text',
				description:
					'As HighLevel writes it: lines that start with "bot:" (the agent) or "human:" (the caller)',
			},
			{
				name: 'Include as Turns',
				value: 'turns',
				description:
					'A list with one entry per turn, { speaker, text }, the speaker "bot" (the agent) or "human" (the caller)',
			},
			{
				name: 'Leave Out',
				value: 'omit',
				description: 'No transcript in the output (it is the longest field of a call)',
			},
		],
	},
	{
		displayName: 'When a Call Has No Actions',
		name: 'whenNoActions',
		type: 'options',
		default: 'emitCall',
		displayOptions: { show: { '/output': ['actions'] } },
		description: 'What to output for a call without (matching) executed actions',
		options: [
			{
				name: 'Output Nothing',
				value: 'skip',
				description: 'The call produces no item (n8n shows a hint saying so)',
			},
			{
				name: 'Output One Item for the Call',
				value: 'emitCall',
				description:
					'One item with the call’s fields and every action field empty (actionType is null), so the call is not silently lost',
			},
			{
				name: 'Stop With an Error',
				value: 'error',
				description: 'Stop the item as an error (an error item with "Continue On Fail")',
			},
		],
	},
];

/** Reads One Item Per, Output and the call-log options, validating values from expressions. */
export function readOutputSettings(parameter: ParameterReader): CallLogItemSettings {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	const mode = oneOf<OutputMode>('One Item Per', parameter('output'), ['actions', 'callLogs']);
	return {
		mode,
		actionTypes: actionTypeList('Action Types', options.actionTypes),
		redact: booleanValue('Redact Secrets', options.redactSecrets ?? true),
		whenNoActions: oneOf<WhenNoActions>(
			'When a Call Has No Actions',
			options.whenNoActions ?? 'emitCall',
			['emitCall', 'skip', 'error'],
		),
		fields: readFieldSelection(
			parameter,
			mode === 'callLogs' ? SELECTED_CALL_FIELDS : SELECTED_ACTION_FIELDS,
		),
		transcript: oneOf<TranscriptFormat>(
			'Transcript',
			options.transcript ?? 'text',
			TRANSCRIPT_FORMATS,
		),
	};
}
