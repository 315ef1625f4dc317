import type { INodeProperties } from 'n8n-workflow';

import type { FieldSelection, FieldsMode, ItemShape } from '../helpers/simplify';
import { FIELDS_MODES, ITEM_FIELDS } from '../helpers/simplify';
import type { ParameterReader } from '../helpers/interfaces';
import { InvalidInputError, oneOf, textList } from '../helpers/validation';
import { FROM_VERSION_1_1, IN_VERSION_1 } from './versions';

/**
 * The Output choice (Simplified, Raw, Selected Fields) of every operation and trigger that
 * outputs HighLevel data, with the one reader that validates it. helpers/simplify.ts applies it.
 */

const outputChoices = (simplified: string): INodeProperties['options'] => [
	{
		name: 'Raw',
		value: 'raw',
		description: 'Every field HighLevel returns, as it returns them (secrets still redacted)',
	},
	{
		name: 'Selected Fields',
		value: 'selected',
		description: 'Only the fields you pick',
	},
	{ name: 'Simplified', value: 'simplified', description: simplified },
];

/**
 * Output, with its default by node version: Raw for version 1, so that workflows saved before
 * this choice existed keep their output; Simplified from version 1.1 on, as n8n's own nodes
 * default to for answers with many fields. `versioned: false` gives one property that defaults
 * to Raw in every version (agent actions, whose five fields need no simplifying).
 */
export function outputFieldsProperties(
	simplified: string,
	{ versioned }: { versioned: boolean },
): INodeProperties[] {
	const base: INodeProperties = {
		displayName: 'Output',
		name: 'fields',
		type: 'options',
		noDataExpression: true,
		options: outputChoices(simplified),
		default: 'raw',
		description: 'Which fields each output item has',
	};
	if (!versioned) return [base];
	return [
		{ ...base, displayOptions: { show: IN_VERSION_1 } },
		{ ...base, default: 'simplified', displayOptions: { show: FROM_VERSION_1_1 } },
	];
}

/**
 * "Fields to Include" for Selected Fields: the fields of one kind of item to pick from (`extra`
 * adds fields only some sources have, such as the webhook's). `show` narrows where it appears,
 * e.g. only with "One Item Per: Call".
 */
export function selectedFieldsProperty(
	name: string,
	shape: ItemShape,
	{ show = {}, extra = [] }: { show?: Record<string, string[]>; extra?: string[] } = {},
): INodeProperties {
	const fields = [...new Set([...ITEM_FIELDS[shape], ...extra])].sort((a, b) => a.localeCompare(b));
	return {
		displayName: 'Fields to Include',
		name,
		type: 'multiOptions',
		options: fields.map((field) => ({ name: field, value: field })),
		default: [],
		description:
			'The fields each item has, in the order picked. A field HighLevel did not send for an item is left out of it. From an expression: a list or comma-separated text of field names.',
		displayOptions: { show: { fields: ['selected'], ...show } },
	};
}

/** The Output choice, and for Selected Fields the list read from `selectedName`. */
export function readFieldSelection(
	parameter: ParameterReader,
	selectedName: string,
): FieldSelection {
	const mode = oneOf<FieldsMode>('Output', parameter('fields', 'raw'), FIELDS_MODES);
	if (mode !== 'selected') return { mode };
	// Trimmed, blanks dropped, each field once.
	const fields = [...new Set(textList('Fields to Include', parameter(selectedName, []), true))];
	if (fields.length === 0) {
		throw new InvalidInputError(
			'Fields to Include',
			'Fields to Include is empty: pick at least one field',
			'Pick the fields each item should have, or choose Output "Simplified" or "Raw".',
		);
	}
	return { mode, fields };
}
