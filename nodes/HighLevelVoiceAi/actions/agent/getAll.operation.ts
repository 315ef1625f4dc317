import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	agentFieldsProperties,
	agentOutputOptions,
	readAgentOutput,
} from '../../descriptions/agentOutput';
import { readListLimit, returnAllAndLimit } from '../../descriptions/listLimit';
import { optionsCollection } from '../../descriptions/requestOptions';
import { idOf } from '../../helpers/agent';
import { requireText } from '../../helpers/validation';
import { reportNotes } from '../../output/callLogItems';
import { agentItem } from '../../output/agentItems';
import type { VoiceAiClient } from '../../transport';
import { readList } from '../../transport/paging';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. front desk',
				description: 'Only agents whose name contains this text',
			},
		],
	},
	...agentFieldsProperties,
	optionsCollection(agentOutputOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getAll'] } },
	properties,
);

/** `GET /voice-ai/agents`, every page needed, one item per agent. No agent is an empty result. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const limit = readListLimit((name) => this.getNodeParameter(name, itemIndex));
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	// A blank search is no search; anything else must be text.
	const query =
		filters.query === undefined || (typeof filters.query === 'string' && !filters.query.trim())
			? undefined
			: requireText('Search', filters.query);
	const output = readAgentOutput(
		(name, fallback) => this.getNodeParameter(name, itemIndex, fallback),
		'agent',
	);

	const { entries, notes } = await readList<IDataObject>(client, {
		path: '/voice-ai/agents',
		qs: query === undefined ? {} : { query },
		listKey: 'agents',
		noun: { one: 'agent', many: 'agents' },
		scope: 'voice-ai-agents.readonly',
		itemIndex,
		limit,
		idOf,
	});
	if (entries.length === 0)
		notes.push(query ? `No agent matches "${query}"` : 'The location has no agents');
	reportNotes(this, notes);
	return entries.map((agent) => agentItem(agent, output));
}
