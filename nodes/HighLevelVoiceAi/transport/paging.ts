import type { IDataObject } from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/concurrency';
import { MAX_PAGE_SIZE } from '../helpers/constants';
import type { Scope } from './errors';
import { printable } from './errors';
import type { VoiceAiClient } from './index';

/** Return All reads at most this many entries in one run (and Limit allows no more). */
export const MAX_LIST_ENTRIES = 100_000;

export interface ListRequest {
	path: string;
	/** Filters; `page` and `pageSize` are added per page. */
	qs: IDataObject;
	/** The list's key in each page, e.g. `callLogs`. */
	listKey: string;
	/** How messages name one entry and several, e.g. `call log` / `call logs`. */
	noun: { one: string; many: string };
	scope: Scope;
	itemIndex?: number;
	/** How many entries to return; `Infinity` for Return All. */
	limit: number;
	/** The id of a usable entry, or undefined for an entry that is not one (it is skipped). */
	idOf: (entry: unknown) => string | undefined;
}

export interface ListResult<T> {
	entries: T[];
	/** Things the user should know (skipped entries, fewer entries than HighLevel counted). */
	notes: string[];
}

/** HighLevel's `total`, if it is a count at all. */
function reportedTotal(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function plural(count: number, noun: { one: string; many: string }): string {
	return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/**
 * Reads a HighLevel list page by page (`page` is 1-based, `pageSize` at most 50) and returns its
 * entries in order, each once. Paging always ends, whatever the server says:
 * - the pages read are capped by what was asked (Limit) or by MAX_LIST_ENTRIES (Return All);
 * - with a believable `total`, the remaining pages are fetched side by side, and no new page is
 *   started once one comes back short, empty or repeating entries already seen;
 * - without one (missing, negative, not a number), pages are read one after another until such a
 *   page;
 * - Return All that fills every page up to what one run reads is refused in plain words (more
 *   may exist); fewer entries than `total` promised, and entries that are not usable, are
 *   reported as notes.
 */
export async function readList<T>(
	client: VoiceAiClient,
	request: ListRequest,
): Promise<ListResult<T>> {
	const { noun } = request;
	const limit = Math.min(request.limit, MAX_LIST_ENTRIES);
	const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	const maxPages = Math.ceil(limit / pageSize);

	const fetchPage = async (page: number) => {
		const body = await client.request({
			path: request.path,
			qs: { ...request.qs, page, pageSize },
			scope: request.scope,
			subject: { noun: `${noun.one} list` },
			itemIndex: request.itemIndex,
			check: (answer) => {
				const list = answer[request.listKey];
				if (Array.isArray(list)) return undefined;
				// An empty result may leave the list out; anything else must have it.
				if ((list === undefined || list === null) && reportedTotal(answer.total) === 0)
					return undefined;
				return `has no "${request.listKey}" list`;
			},
		});
		const list = body[request.listKey];
		return { total: body.total, entries: Array.isArray(list) ? (list as unknown[]) : [] };
	};

	const entries: T[] = [];
	const seen = new Set<string>();
	let skipped = 0;
	/** Adds a page's usable, new entries; says whether the list can go on after it. */
	const absorb = (page: unknown[]): boolean => {
		let fresh = 0;
		for (const entry of page) {
			const id = request.idOf(entry);
			if (id === undefined) {
				skipped++;
				continue;
			}
			if (seen.has(id)) continue;
			seen.add(id);
			fresh++;
			entries.push(entry as T);
		}
		// A short page is the last; a page of nothing new means the server ignores `page`.
		return page.length >= pageSize && fresh > 0;
	};

	const first = await fetchPage(1);
	const total = reportedTotal(first.total);
	let more = absorb(first.entries);

	if (more && total !== undefined) {
		// The pages the total promises, within what one run reads: fetched side by side, and no new
		// one started once a page comes back short (a total that lies only costs a few requests).
		const pageCount = Math.min(Math.ceil(Math.min(limit, total) / pageSize), maxPages);
		let ended = false;
		const pages = await mapWithConcurrency(
			Math.max(0, pageCount - 1),
			client.maxConcurrency,
			async (index) => {
				const page = await fetchPage(index + 2);
				if (page.entries.length < pageSize) ended = true;
				return page.entries;
			},
			() => ended,
		);
		for (const page of pages) {
			if (!page || !more) break;
			more = absorb(page);
		}
	} else {
		for (let page = 2; more && page <= maxPages && entries.length < limit; page++) {
			more = absorb((await fetchPage(page)).entries);
		}
	}
	// Return All that filled every page up to what one run reads: more may exist; say so plainly
	// rather than return a silently shortened list.
	if (more && request.limit === Number.POSITIVE_INFINITY && entries.length >= MAX_LIST_ENTRIES) {
		throw client.error(
			{
				retry: 'never',
				message: `HighLevel has more ${noun.many} for these filters than the ${MAX_LIST_ENTRIES.toLocaleString('en-US')} one run reads${total !== undefined ? ` (it reports ${plural(total, noun)})` : ''}`,
				description:
					'Narrow the filters (for call logs, set From and To) and run the workflow once for each part, or turn off Return All and set a Limit.',
			},
			request.itemIndex,
		);
	}

	const result = entries.slice(0, request.limit);
	const notes: string[] = [];
	if (total === undefined && first.total !== undefined && first.total !== null) {
		notes.push(
			`HighLevel reported a total of ${printable(JSON.stringify(first.total) ?? '', 40)}, which is not a count; the list was read page by page to its end, ${plural(result.length, noun)} in all`,
		);
	}
	if (skipped > 0) {
		notes.push(
			`Skipped ${skipped} entr${skipped === 1 ? 'y' : 'ies'} of HighLevel's list that ${skipped === 1 ? 'was not a' : 'were not'} ${skipped === 1 ? noun.one : noun.many}`,
		);
	}
	if (total !== undefined && result.length < Math.min(request.limit, total)) {
		notes.push(
			`HighLevel reported ${plural(total, noun)} in total but delivered only ${result.length.toLocaleString('en-US')}; the list may have changed while it was read, or HighLevel's count is off`,
		);
	}
	return { entries: result, notes };
}
