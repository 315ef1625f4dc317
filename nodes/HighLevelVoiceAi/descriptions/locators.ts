import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';
import { requireId } from '../helpers/validation';

/**
 * Pickers for HighLevel objects ("From List" first, searchable; "By ID" second), shared by the
 * node's operations and the triggers. Read them with `extractValue: true`: that also reads a
 * plain-text ID, which is how workflows saved before the pickers existed hold Call ID and Agent ID.
 */

const ID_PATTERN = '[A-Za-z0-9_-]{1,128}';

/** The "By ID" check: what n8n checks in the editor; the node checks it again at run time. */
function idValidation(label: string): INodePropertyMode['validation'] {
	return [
		{
			type: 'regex',
			properties: {
				regex: ID_PATTERN,
				errorMessage: `${label} IDs contain only letters, digits, "-" and "_"`,
			},
		},
	];
}

/** A Voice AI agent of the credential's location. */
export function agentLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Voice AI agent',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an agent...',
				typeOptions: { searchListMethod: 'searchAgents', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 507f1f77bcf86cd799439013',
				validation: idValidation('Agent'),
			},
		],
		...overrides,
	};
}

/** A Voice AI call of the credential's location, newest first. */
export function callLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Call ID',
		name: 'callId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The Voice AI call. Each input item is one call: switch to "By ID" and drag the ID field from the previous node here.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a recent call...',
				typeOptions: { searchListMethod: 'searchCalls', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 507f1f77bcf86cd799439011',
				validation: idValidation('Call'),
			},
		],
		...overrides,
	};
}

/** An action of the agent chosen in the `agentId` parameter. */
export function agentActionLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Action',
		name: 'actionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The agent action. "From List" lists the actions of the agent chosen above.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an action...',
				typeOptions: { searchListMethod: 'searchAgentActions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 507f1f77bcf86cd799439015',
				validation: idValidation('Action'),
			},
		],
		...overrides,
	};
}

/** What a picker reads from: any execution context. */
interface PickerSource {
	getNodeParameter(
		name: string,
		itemIndex: number,
		fallback: undefined,
		options: { extractValue: true },
	): unknown;
}

/**
 * The ID a picker holds for one item (from the list, by ID, or as plain text in workflows saved
 * before the pickers existed), checked like every HighLevel id; `label` names it in errors.
 */
export function readPickedId(
	context: PickerSource,
	name: string,
	label: string,
	itemIndex: number,
): string {
	return requireId(
		label,
		context.getNodeParameter(name, itemIndex, undefined, { extractValue: true }),
	);
}
