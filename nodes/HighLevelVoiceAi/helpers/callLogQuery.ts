import type { IDataObject } from 'n8n-workflow';

import {
	actionTypeList,
	epochMillis,
	idList,
	InvalidInputError,
	oneOf,
	optionalId,
} from './validation';

/** Turns the Filters collection into HighLevel's query parameters, validating each (not sorting). */
export function filtersToQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const agentId = optionalId('Agent', filters.agentId);
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
	return qs;
}

/** Sort By and Sort Order as HighLevel's `sortBy` and `sort` (none without Sort By). */
export function sortToQuery(sort: IDataObject): IDataObject {
	// Sort Order is checked even without Sort By, so a bad value is reported, not silently dropped.
	const sortOrder = oneOf('Sort Order', sort.sortOrder ?? 'descend', ['ascend', 'descend']);
	if (sort.sortBy === undefined) return {};
	return { sortBy: oneOf('Sort By', sort.sortBy, ['createdAt', 'duration']), sort: sortOrder };
}
