import type { INodeProperties } from 'n8n-workflow';

import type { ActionField } from '../helpers/agentAction';
import {
	ACTION_FIELDS,
	ACTION_PARAMETERS_JSON,
	ADDITIONAL_PARAMETERS,
} from '../helpers/agentAction';
import { actionTypeOptions } from './callLogOutput';

/**
 * An agent action's parameters as node fields, one per documented parameter of each action type
 * (helpers/agentAction.ts lists them and checks them). Create shows a type's required fields on
 * their own and its optional ones under "Additional Fields"; Update shows them all under "Update
 * Fields". Both end with the JSON escape hatch for what HighLevel enforces without documenting.
 */

/** The node field for one action parameter; `show` decides the action types it appears for. */
function fieldProperty(field: ActionField, show: Record<string, string[]>): INodeProperties {
	const base = {
		displayName: field.label,
		name: field.name,
		description: field.description,
		displayOptions: { show },
	};
	switch (field.kind) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'count':
		case 'hours':
			return {
				...base,
				type: 'number',
				typeOptions: { minValue: field.kind === 'count' ? 1 : 0 },
				default: 1,
			};
		case 'method':
			return {
				...base,
				type: 'options',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
				],
				default: 'POST',
			};
		case 'examples':
		case 'paths':
			return {
				...base,
				type: 'string',
				typeOptions: {
					multipleValues: true,
					multipleValueButtonText: field.kind === 'examples' ? 'Add Example' : 'Add Path',
				},
				default: [],
			};
		case 'secret':
			return { ...base, type: 'string', typeOptions: { password: true }, default: '' };
		case 'headers':
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Header',
				default: {},
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'key', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			};
		case 'parameters':
			return {
				...base,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Parameter',
				default: {},
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{ displayName: 'Description', name: 'description', type: 'string', default: '' },
							{ displayName: 'Example', name: 'example', type: 'string', default: '' },
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{
								displayName: 'Type',
								name: 'type',
								type: 'string',
								default: 'string',
								placeholder: 'e.g. string',
							},
						],
					},
				],
			};
		case 'phone':
			return { ...base, type: 'string', default: '', placeholder: 'e.g. +15550100200' };
		case 'url':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. https://api.example.com/balance',
			};
		case 'text':
			return {
				...base,
				type: 'string',
				default: '',
				...(field.name === 'triggerPrompt' || field.name === 'messageBody'
					? { typeOptions: { rows: 2 } }
					: {}),
			};
		default:
			return { ...base, type: 'string', default: '' };
	}
}

const additionalParametersProperty: INodeProperties = {
	displayName: ADDITIONAL_PARAMETERS,
	name: 'additionalParameters',
	type: 'json',
	default: '{}',
	description:
		'More keys for the action’s parameters, as a JSON object, for what HighLevel checks without documenting it: e.g. {"transferBotType": "Default"} for a call transfer, or contactFieldKey for a data extraction. They are added on top of the fields above.',
};

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

export const actionTypeProperty: INodeProperties = {
	displayName: 'Action Type',
	name: 'actionType',
	type: 'options',
	options: actionTypeOptions,
	default: 'CALL_TRANSFER',
	description: 'What the agent does when the action triggers',
};

/**
 * Shown for the fields of one action type when the action is defined with fields. "defineAction"
 * comes first on purpose: n8n shows a field whose condition meets an expression, so with the type
 * from an expression ("Using JSON") the fields stay hidden only because this check fails first.
 */
const withFields = (show: Record<string, string[]>) => ({ defineAction: ['fields'], ...show });

/**
 * Create: with fields, the type's required fields on their own and its optional ones in
 * "Additional Fields"; with JSON, the type from an expression and the parameters as one object
 * (to copy actions from another agent, whatever their types).
 */
export const createActionProperties: INodeProperties[] = [
	{
		displayName: 'Define Action',
		name: 'defineAction',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Pick the type and fill in its fields',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description:
					'The type and the parameters from expressions or JSON, e.g. to copy another agent’s actions',
			},
		],
		default: 'fields',
	},
	{
		...actionTypeProperty,
		required: true,
		noDataExpression: true,
		displayOptions: { show: { defineAction: ['fields'] } },
	},
	{
		...actionTypeProperty,
		required: true,
		displayOptions: { show: { defineAction: ['json'] } },
		description:
			'What the agent does when the action triggers; may be an expression, e.g. mapped from the actionType of an action read with Get Agent',
	},
	{
		displayName: 'Action Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Transfer to Front Desk',
		description: 'The action’s name, as HighLevel lists it under the agent',
	},
	...ACTION_FIELDS.filter((field) => field.required.length > 0).map((field) => ({
		...fieldProperty(field, withFields({ actionType: [...field.required] })),
		required: true,
	})),
	fieldProperty(
		ACTION_FIELDS.find((field) => field.name === 'selectedPaths')!,
		withFields({ actionType: ['CUSTOM_ACTION'], apiMethod: ['GET'] }),
	),
	{
		displayName: ACTION_PARAMETERS_JSON,
		name: 'actionParameters',
		type: 'json',
		required: true,
		default: '{}',
		displayOptions: { show: { defineAction: ['json'] } },
		description:
			'The action’s parameters as one JSON object in HighLevel’s form, e.g. mapped from the actionParameters of an action read with Get Agent or Get Agent Action. Checked like the fields.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { defineAction: ['fields'] } },
		options: [
			...ACTION_FIELDS.filter(
				(field) => field.required.length === 0 && field.name !== 'selectedPaths',
			).map((field) => fieldProperty(field, { '/actionType': [...field.types] })),
			additionalParametersProperty,
		].sort(byName),
	},
];

/** Update: every field of the chosen type in "Update Fields"; only what is added there changes. */
export const updateActionProperties: INodeProperties[] = [
	{
		...actionTypeProperty,
		required: true,
		noDataExpression: true,
		description:
			'The action’s type. Keep its current type to change only the fields added below; choose another type to turn it into that type (then every required field of the new type must be added).',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Action Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The action’s new name',
			} as INodeProperties,
			...ACTION_FIELDS.map((field) => fieldProperty(field, { '/actionType': [...field.types] })),
			additionalParametersProperty,
		].sort(byName),
	},
];
