import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callLogFilters, callLogSort, readCallLogSort } from '../../descriptions/callLogFilters';
import {
	callLogFieldsProperties,
	callLogOutputOptions,
	outputModeProperty,
	readOutputSettings,
} from '../../descriptions/callLogOutput';
import { readListLimit, returnAllAndLimit } from '../../descriptions/listLimit';
import { optionsCollection } from '../../descriptions/requestOptions';
import type { CallLog } from '../../helpers/callLog';
import { isCallLog } from '../../helpers/callLog';
import { filtersToQuery, sortToQuery } from '../../helpers/callLogQuery';
import { callLogItems, reportNotes } from '../../output/callLogItems';
import type { VoiceAiClient } from '../../transport';
import { readList } from '../../transport/paging';

const properties: INodeProperties[] = [
	...returnAllAndLimit,
	callLogFilters,
	outputModeProperty('callLogs'),
	...callLogFieldsProperties(),
	optionsCollection(callLogOutputOptions),
	callLogSort,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['getAll'] } },
	properties,
);

/**
 * `GET /voice-ai/dashboard/call-logs`, every page needed (see readList), each call log turned into
 * items as the Output parameter asks. No matching call is an empty result, not an error.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<INodeExecutionData[]> {
	const limit = readListLimit((name) => this.getNodeParameter(name, itemIndex));
	const filters = { ...(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) };
	if (filters.agentId !== undefined) {
		// A picker now; workflows saved before it hold the ID as plain text, which reads the same.
		filters.agentId = this.getNodeParameter('filters.agentId', itemIndex, '', {
			extractValue: true,
		}) as IDataObject[string];
	}
	const sort = readCallLogSort(
		filters,
		this.getNodeParameter('sort', itemIndex, {}) as IDataObject,
	);
	const query = { ...filtersToQuery(filters), ...sortToQuery(sort) };
	const settings = readOutputSettings((name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback),
	);

	const { entries, notes } = await readList<CallLog>(client, {
		path: '/voice-ai/dashboard/call-logs',
		qs: query,
		listKey: 'callLogs',
		noun: { one: 'call log', many: 'call logs' },
		scope: 'voice-ai-dashboard.readonly',
		itemIndex,
		limit,
		idOf: (entry) => (isCallLog(entry) ? entry.id : undefined),
	});
	if (entries.length === 0) notes.push('No call logs match these filters');
	reportNotes(this, notes);
	return entries.flatMap((callLog) => callLogItems(this, callLog, settings));
}
