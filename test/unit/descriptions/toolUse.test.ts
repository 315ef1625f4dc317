import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	fromAi,
	MODEL_ARGUMENTS,
	TOOL_DESCRIPTIONS,
	withToolUse,
} from '../../../nodes/HighLevelVoiceAi/descriptions/toolUse';
import { HighLevelVoiceAi } from '../../../nodes/HighLevelVoiceAi/HighLevelVoiceAi.node';

const { properties } = new HighLevelVoiceAi().description;

/** Every resource → operation the node offers, from its Operation options. */
function operationsOfNode(): string[] {
	return properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.displayOptions?.show?.resource as string[]).flatMap((resource) =>
				(property.options as INodePropertyOptions[]).map((option) => `${resource}.${option.value}`),
			),
		)
		.sort();
}

describe('the tool variant’s descriptions', () => {
	it('cover every operation of the node, and only those', () => {
		const described = Object.entries(TOOL_DESCRIPTIONS)
			.flatMap(([resource, operations]) =>
				Object.keys(operations).map((operation) => `${resource}.${operation}`),
			)
			.sort();
		expect(described).toEqual(operationsOfNode());
	});

	it('are shown only on the tool variant, one per operation, first', () => {
		const descriptions = properties.filter((property) => property.name === 'toolDescription');
		expect(descriptions).toHaveLength(operationsOfNode().length);
		expect(properties.slice(0, descriptions.length)).toEqual(descriptions);
		for (const description of descriptions) {
			const { resource, operation, '@tool': tool } = description.displayOptions!.show!;
			expect(tool).toEqual([true]);
			expect(description.default).toBe(
				TOOL_DESCRIPTIONS[(resource as string[])[0]][(operation as string[])[0]],
			);
		}
	});
});

describe('fromAi', () => {
	it('writes the value as n8n’s editor writes "Let the model define this parameter"', () => {
		expect(fromAi('callId', 'The call')).toBe(
			"={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('callId', `The call`, 'string') }}",
		);
	});

	it.each(Object.entries(MODEL_ARGUMENTS))(
		'%s: a key n8n accepts and a description that fits in a template literal',
		(_name, { key, description }) => {
			expect(key).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
			expect(description).not.toMatch(/`|\$\{|\\/);
		},
	);
});

describe('withToolUse', () => {
	const callId: INodeProperties = {
		displayName: 'Call ID',
		name: 'callId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [],
		displayOptions: { show: { resource: ['callLog'], operation: ['get'] } },
	};
	const optionalAgent: INodeProperties = {
		displayName: 'Agent',
		name: 'agentId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [],
		displayOptions: { show: { resource: ['agentAction'], operation: ['get'] } },
	};
	const output: INodeProperties = {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'actions',
		options: [],
		displayOptions: { show: { resource: ['callLog'], operation: ['get'] } },
	};
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
	};

	const result = withToolUse([callId, optionalAgent, output, limit]);
	const added = result.filter((property) =>
		['toolDescription', 'toolOutputSize'].includes(property.name),
	);
	const rest = result.filter((property) => !added.includes(property));

	it('hides a required id on the tool variant and adds its twin that the model fills', () => {
		expect(rest[0]).toEqual({
			...callId,
			displayOptions: { show: callId.displayOptions!.show, hide: { '@tool': [true] } },
		});
		expect(rest[1]).toEqual({
			...callId,
			default: {
				__rl: true,
				mode: 'id',
				value: fromAi('callId', MODEL_ARGUMENTS.callId.description),
			},
			displayOptions: { show: { ...callId.displayOptions!.show, '@tool': [true] } },
		});
	});

	it('leaves an optional id to the user: a required key would make the model always give one', () => {
		expect(rest[2]).toBe(optionalAgent);
	});

	it('starts call-log output at one item per call on the tool variant', () => {
		expect(rest[3].displayOptions?.hide).toEqual({ '@tool': [true] });
		expect(rest[4]).toMatchObject({ name: 'output', default: 'callLogs' });
		expect(rest[4].displayOptions?.show).toEqual({
			...output.displayOptions!.show,
			'@tool': [true],
		});
	});

	it('keeps everything else as it is, in order, with the output size last', () => {
		expect(rest[5]).toBe(limit);
		expect(rest).toHaveLength(6);
		expect(result.at(-1)).toMatchObject({
			name: 'toolOutputSize',
			default: 'limited',
			displayOptions: { show: { '@tool': [true] } },
		});
	});
});
