import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { CallLog, CallLogPage } from '../../helpers/callLog';
import { isCallLog } from '../../helpers/callLog';
import { mapWithConcurrency } from '../../helpers/concurrency';
import { MAX_PAGE_SIZE } from '../../helpers/constants';
import {
	actionTypeList,
	booleanValue,
	epochMillis,
	idList,
	integerInRange,
	InvalidInputError,
	oneOf,
	optionalId,
} from '../../helpers/validation';
import type { VoiceAiClient } from '../../transport';
import { actionTypeOptions, optionsCollection, outputModeProperty } from '../common.descriptions';
import { emitCallLog, readOutputSettings } from './shared';

/** Keeps Limit within what a single run can sensibly hold in memory. */
const MAX_LIMIT = 100_000;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 507f1f77bcf86cd799439013',
				description: 'Only calls answered by this Voice AI agent',
			},
			{
				displayName: 'Call Type',
				name: 'callType',
				type: 'options',
				default: 'LIVE',
				options: [
					{ name: 'Live', value: 'LIVE', description: 'Real calls from callers' },
					{ name: 'Trial', value: 'TRIAL', description: 'Test calls made from the agent builder' },
				],
			},
			{
				displayName: 'Contact IDs',
				name: 'contactIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. contact123,contact456',
				description: 'Only calls with these contacts (comma-separated IDs)',
			},
			{
				displayName: 'Executed Action Types',
				name: 'actionTypes',
				type: 'multiOptions',
				default: [],
				options: actionTypeOptions,
				description: 'Only calls in which the agent executed at least one action of these types',
			},
			{
				displayName: 'From',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls made at or after this moment. Set "To" as well.',
			},
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'createdAt',
				options: [
					{ name: 'Call Time', value: 'createdAt' },
					{ name: 'Duration', value: 'duration' },
				],
				description: 'Without it, HighLevel returns the newest calls first',
			},
			{
				displayName: 'Sort Order',
				name: 'sortOrder',
				type: 'options',
				default: 'descend',
				options: [
					{ name: 'Ascending', value: 'ascend' },
					{ name: 'Descending', value: 'descend' },
				],
				description: 'Applies only with "Sort By"',
			},
			{
				displayName: 'To',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls made before this moment. Set "From" as well.',
			},
		],
	},
	outputModeProperty('callLogs'),
	optionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callLog'], operation: ['getAll'] } },
	properties,
);

/** Turns the Filters collection into HighLevel's query parameters, validating each. */
export function filtersToQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const agentId = optionalId('Agent ID', filters.agentId);
	if (agentId) qs.agentId = agentId;
	const contactIds = idList('Contact IDs', filters.contactIds);
	if (contactIds.length > 0) qs.contactId = contactIds.join(',');
	if (filters.callType !== undefined)
		qs.callType = oneOf('Call Type', filters.callType, ['LIVE', 'TRIAL']);
	const actionTypes = actionTypeList('Executed Action Types', filters.actionTypes);
	if (actionTypes.length > 0) qs.actionType = actionTypes.join(',');

	const startDate = epochMillis('From', filters.startDate);
	const endDate = epochMillis('To', filters.endDate);
	if ((startDate === undefined) !== (endDate === undefined)) {
		throw new InvalidInputError(
			startDate === undefined ? 'From' : 'To',
			'HighLevel needs both "From" and "To" for a date range',
			'Set both dates, or neither.',
		);
	}
	if (startDate !== undefined && endDate !== undefined) {
		if (startDate >= endDate) {
			throw new InvalidInputError(
				'From',
				'"From" must be before "To"',
				'Set "From" to an earlier moment than "To"; check both expressions if they are computed.',
			);
		}
		qs.startDate = startDate;
		qs.endDate = endDate;
	}
	// Sort Order is checked even without Sort By, so a bad value is reported, not silently dropped.
	const sortOrder = oneOf('Sort Order', filters.sortOrder ?? 'descend', ['ascend', 'descend']);
	if (filters.sortBy !== undefined) {
		qs.sortBy = oneOf('Sort By', filters.sortBy, ['createdAt', 'duration']);
		qs.sort = sortOrder;
	}
	return qs;
}

function isCallLogPage(body: IDataObject): boolean {
	return Array.isArray(body.callLogs);
}

/**
 * `GET /voice-ai/dashboard/call-logs`, page by page. The first page tells the total, so the other
 * pages are fetched side by side (paced by the transport), one request per 50 calls. If HighLevel
 * leaves the total out, pages are read one after another until a short page.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: VoiceAiClient,
): Promise<IDataObject[]> {
	const returnAll = booleanValue('Return All', this.getNodeParameter('returnAll', itemIndex));
	const limit = returnAll
		? Number.POSITIVE_INFINITY
		: integerInRange('Limit', this.getNodeParameter('limit', itemIndex), 1, MAX_LIMIT);
	const query = filtersToQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const settings = readOutputSettings(this, itemIndex);
	const concurrency = client.maxConcurrency;

	const pageSize = Math.min(MAX_PAGE_SIZE, limit);
	const fetchPage = async (page: number) =>
		await client.get<CallLogPage>({
			path: '/voice-ai/dashboard/call-logs',
			qs: { ...query, page, pageSize },
			subject: { noun: 'call log list' },
			itemIndex,
			expect: isCallLogPage,
		});

	const first = await fetchPage(1);
	const pages: CallLog[][] = [first.callLogs];
	let collected = first.callLogs.length;
	if (typeof first.total === 'number' && Number.isFinite(first.total)) {
		const wanted = Math.min(limit, first.total);
		const pageCount = Math.ceil(wanted / pageSize);
		const rest = await mapWithConcurrency(pageCount - 1, concurrency, async (index) => {
			return (await fetchPage(index + 2)).callLogs;
		});
		for (const page of rest) pages.push(page ?? []);
	} else {
		for (let page = 2; first.callLogs.length === pageSize && collected < limit; page++) {
			const next = (await fetchPage(page)).callLogs;
			pages.push(next);
			collected += next.length;
			if (next.length < pageSize) break;
		}
	}

	// Calls that arrive while paging shift later pages; keep each call once.
	const seen = new Set<string>();
	const output: IDataObject[] = [];
	let count = 0;
	for (const callLog of pages.flat()) {
		if (count >= limit) break;
		if (!isCallLog(callLog) || seen.has(callLog.id)) continue;
		seen.add(callLog.id);
		count++;
		for (const item of emitCallLog(this, callLog, settings)) output.push(item);
	}
	return output;
}
