import type { IDataObject } from 'n8n-workflow';

/**
 * Input the node must refuse before sending anything, with a NodeOperationError that names the
 * field and the item. One row per case: to cover a new parameter, add one line.
 */
export interface BadInputCase {
	/** What the user did wrong, as the README lists it. */
	case: string;
	/** Node parameters (see `get` / `getMany` below). */
	parameters: IDataObject;
	/** Credential fields that differ from a working credential. */
	credentials?: IDataObject;
	/** The field the message must name. */
	field: string;
	/** The message without its " [item N]" suffix. */
	message: RegExp;
	/** n8n itself refuses to start the workflow (the node never runs); `message` is n8n's. */
	refusedByN8n?: boolean;
}

const SEED_CALL = '507f1f77bcf86cd799439011';

/** Get Call Log with a working Call ID, overridden by `parameters`. */
export const get = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'callLog',
	operation: 'get',
	callId: SEED_CALL,
	...parameters,
});

/** Get Many Call Logs with its defaults, overridden by `parameters`. */
export const getMany = (parameters: IDataObject = {}): IDataObject => ({
	resource: 'callLog',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	...parameters,
});

const options = (values: IDataObject) => get({ options: values });
const filters = (values: IDataObject) => getMany({ filters: values });
const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-02-01T00:00:00Z';

// prettier-ignore
export const BAD_INPUT: BadInputCase[] = [
	{ case: 'Resource not supported (hand-edited workflow)', parameters: get({ resource: 'agent' }), field: 'Resource', message: /^Resource "agent" is not one of callLog$/ },
	{ case: 'Operation not supported (hand-edited workflow)', parameters: get({ operation: 'delete' }), field: 'Operation', message: /^Operation "delete" is not one of get, getAll$/ },
	{ case: 'Call ID left empty (n8n refuses the workflow)', parameters: get({ callId: '' }), field: 'Call ID', message: /Parameter "Call ID" is required/, refusedByN8n: true },
	{ case: 'Call ID empty from an expression', parameters: get({ callId: '={{ "" }}' }), field: 'Call ID', message: /^Call ID is empty$/ },
	{ case: 'Call ID only whitespace', parameters: get({ callId: '   ' }), field: 'Call ID', message: /^Call ID is empty$/ },
	{ case: 'Call ID from a missing field', parameters: get({ callId: '={{ $json.nothing }}' }), field: 'Call ID', message: /^Call ID is empty$/ },
	{ case: 'Call ID with "../"', parameters: get({ callId: '../x' }), field: 'Call ID', message: /^Call ID "\.\.\/x" contains characters an id cannot have$/ },
	{ case: 'Call ID with "/"', parameters: get({ callId: 'a/b' }), field: 'Call ID', message: /^Call ID "a\/b" contains characters an id cannot have$/ },
	{ case: 'Call ID with "?"', parameters: get({ callId: '?x' }), field: 'Call ID', message: /contains characters an id cannot have$/ },
	{ case: 'Call ID with "%2F"', parameters: get({ callId: 'a%2Fb' }), field: 'Call ID', message: /contains characters an id cannot have$/ },
	{ case: 'Call ID with "#"', parameters: get({ callId: 'abc#frag' }), field: 'Call ID', message: /contains characters an id cannot have$/ },
	{ case: 'Call ID with a space inside', parameters: get({ callId: 'abc def' }), field: 'Call ID', message: /contains characters an id cannot have$/ },
	{ case: 'Call ID over 128 characters', parameters: get({ callId: 'a'.repeat(129) }), field: 'Call ID', message: /^Call ID is 129 characters long; HighLevel ids have at most 128$/ },
	{ case: 'Call ID a number from an expression', parameters: get({ callId: '={{ 12345 }}' }), field: 'Call ID', message: /^Call ID must be text, but it is a number$/ },
	{ case: 'Call ID an object from an expression', parameters: get({ callId: '={{ { "a": 1 } }}' }), field: 'Call ID', message: /^Call ID must be text, but it is an object$/ },
	{ case: 'Call ID a list from an expression', parameters: get({ callId: '={{ ["a", "b"] }}' }), field: 'Call ID', message: /^Call ID must be text, but it is a list$/ },
	{ case: 'Location ID empty in the credential', parameters: get(), credentials: { locationId: '' }, field: 'Location ID (in the credential)', message: /^Location ID \(in the credential\) is empty$/ },
	{ case: 'Location ID missing from the credential', parameters: get(), credentials: { locationId: undefined }, field: 'Location ID (in the credential)', message: /^Location ID \(in the credential\) is empty$/ },
	{ case: 'Location ID with "/" in the credential', parameters: get(), credentials: { locationId: 'loc/../x' }, field: 'Location ID (in the credential)', message: /contains characters an id cannot have$/ },
	{ case: 'Location ID with "?" in the credential', parameters: get(), credentials: { locationId: 'loc?x=1' }, field: 'Location ID (in the credential)', message: /contains characters an id cannot have$/ },
	{ case: 'Unknown API Version in the credential', parameters: get(), credentials: { apiVersion: '2099-01-01' }, field: 'API Version (in the credential)', message: /^API Version \(in the credential\) "2099-01-01" is not a version HighLevel publishes$/ },
	{ case: 'Empty API Version in the credential', parameters: get(), credentials: { apiVersion: '' }, field: 'API Version (in the credential)', message: /is not a version HighLevel publishes$/ },
	{ case: 'Base URL that is not an address', parameters: get(), credentials: { baseUrl: 'not a url' }, field: 'Base URL (in the credential)', message: /^Base URL \(in the credential\) "not a url" is not a valid http\(s\) address$/ },
	{ case: 'Base URL empty', parameters: get(), credentials: { baseUrl: '' }, field: 'Base URL (in the credential)', message: /is not a valid http\(s\) address$/ },
	{ case: 'Base URL not http(s)', parameters: get(), credentials: { baseUrl: 'ftp://example.com' }, field: 'Base URL (in the credential)', message: /is not a valid http\(s\) address$/ },
	{ case: 'Base URL with a query', parameters: get(), credentials: { baseUrl: 'https://example.com/?a=1' }, field: 'Base URL (in the credential)', message: /is not a valid http\(s\) address$/ },
	{ case: 'Base URL with user:password', parameters: get(), credentials: { baseUrl: 'https://user:pw@example.com' }, field: 'Base URL (in the credential)', message: /is not a valid http\(s\) address$/ },
	{ case: 'Action Types with an unknown value (expression)', parameters: options({ actionTypes: '={{ "SMS,FOO" }}' }), field: 'Action Types', message: /^Action Types has unknown value "FOO"$/ },
	{ case: 'Action Types with unknown values (expression list)', parameters: options({ actionTypes: '={{ ["BOOKING", "sms"] }}' }), field: 'Action Types', message: /^Action Types has unknown values "BOOKING", "sms"$/ },
	{ case: 'Action Types a number (expression)', parameters: options({ actionTypes: '={{ 5 }}' }), field: 'Action Types', message: /^Action Types must be a list of action types, but it is a number$/ },
	{ case: 'Max Concurrent Requests 0', parameters: options({ maxConcurrency: 0 }), field: 'Max Concurrent Requests', message: /^Max Concurrent Requests must be a whole number from 1 to 50, but it is 0$/ },
	{ case: 'Max Concurrent Requests 51 (expression)', parameters: options({ maxConcurrency: '={{ 51 }}' }), field: 'Max Concurrent Requests', message: /from 1 to 50, but it is 51$/ },
	{ case: 'Max Concurrent Requests 2.5 (expression)', parameters: options({ maxConcurrency: '={{ 2.5 }}' }), field: 'Max Concurrent Requests', message: /from 1 to 50, but it is 2\.5$/ },
	{ case: 'Max Concurrent Requests text (expression)', parameters: options({ maxConcurrency: '={{ "ten" }}' }), field: 'Max Concurrent Requests', message: /from 1 to 50, but it is a string$/ },
	{ case: 'Max Retries -1', parameters: options({ maxRetries: -1 }), field: 'Max Retries', message: /^Max Retries must be a whole number from 0 to 10, but it is -1$/ },
	{ case: 'Max Retries 11 (expression)', parameters: options({ maxRetries: '={{ 11 }}' }), field: 'Max Retries', message: /from 0 to 10, but it is 11$/ },
	{ case: 'Timeout below 1000 ms', parameters: options({ timeout: 999 }), field: 'Timeout (Ms)', message: /^Timeout \(Ms\) must be a whole number from 1000 to 600000, but it is 999$/ },
	{ case: 'Timeout above 600000 ms (expression)', parameters: options({ timeout: '={{ 600001 }}' }), field: 'Timeout (Ms)', message: /from 1000 to 600000, but it is 600001$/ },
	{ case: 'Output not an option', parameters: get({ output: 'everything' }), field: 'Output', message: /^Output "everything" is not one of actions, callLogs$/ },
	{ case: 'When a Call Has No Actions not an option (expression)', parameters: options({ whenNoActions: '={{ "explode" }}' }), field: 'When a Call Has No Actions', message: /^When a Call Has No Actions "explode" is not one of emitCall, skip, error$/ },
	{ case: 'Redact Secrets as text (expression)', parameters: options({ redactSecrets: '={{ "false" }}' }), field: 'Redact Secrets', message: /^Redact Secrets must be true or false, but it is "false"$/ },
	{ case: 'Limit 0', parameters: getMany({ limit: 0 }), field: 'Limit', message: /^Limit must be a whole number from 1 to 100000, but it is 0$/ },
	{ case: 'Limit above 100000 (expression)', parameters: getMany({ limit: '={{ 100001 }}' }), field: 'Limit', message: /from 1 to 100000, but it is 100001$/ },
	{ case: 'Limit 1.5 (expression)', parameters: getMany({ limit: '={{ 1.5 }}' }), field: 'Limit', message: /from 1 to 100000, but it is 1\.5$/ },
	{ case: 'Limit as text (expression)', parameters: getMany({ limit: '={{ "50" }}' }), field: 'Limit', message: /from 1 to 100000, but it is a string$/ },
	{ case: 'Return All as text (expression)', parameters: getMany({ returnAll: '={{ "yes" }}' }), field: 'Return All', message: /^Return All must be true or false, but it is "yes"$/ },
	{ case: 'Get Many: Output not an option', parameters: getMany({ output: 'everything' }), field: 'Output', message: /^Output "everything" is not one of actions, callLogs$/ },
	{ case: 'Agent ID with "/"', parameters: filters({ agentId: 'agent/../x' }), field: 'Agent ID', message: /^Agent ID "agent\/\.\.\/x" contains characters an id cannot have$/ },
	{ case: 'Agent ID a number (expression)', parameters: filters({ agentId: '={{ 42 }}' }), field: 'Agent ID', message: /^Agent ID must be text, but it is a number$/ },
	{ case: 'Contact IDs with a bad id', parameters: filters({ contactIds: 'c1,c2&x=1' }), field: 'Contact IDs', message: /^Contact IDs "c2&x=1" contains characters an id cannot have$/ },
	{ case: 'Contact IDs an object (expression)', parameters: filters({ contactIds: '={{ { "id": "c1" } }}' }), field: 'Contact IDs', message: /^Contact IDs must be text, but it is an object$/ },
	{ case: 'Call Type not an option (expression)', parameters: filters({ callType: '={{ "BOTH" }}' }), field: 'Call Type', message: /^Call Type "BOTH" is not one of LIVE, TRIAL$/ },
	{ case: 'Executed Action Types with an unknown value (expression)', parameters: filters({ actionTypes: '={{ "SMS,NOPE" }}' }), field: 'Executed Action Types', message: /^Executed Action Types has unknown value "NOPE"$/ },
	{ case: 'From without To', parameters: filters({ startDate: FROM }), field: 'To', message: /^HighLevel needs both "From" and "To" for a date range$/ },
	{ case: 'To without From', parameters: filters({ endDate: TO }), field: 'From', message: /^HighLevel needs both "From" and "To" for a date range$/ },
	{ case: 'From equal to To', parameters: filters({ startDate: FROM, endDate: FROM }), field: 'From', message: /^"From" must be before "To"$/ },
	{ case: 'From after To', parameters: filters({ startDate: TO, endDate: FROM }), field: 'From', message: /^"From" must be before "To"$/ },
	{ case: 'From not a date (expression)', parameters: filters({ startDate: '={{ "yesterday-ish" }}', endDate: TO }), field: 'From', message: /^From "yesterday-ish" is not a date$/ },
	{ case: 'To an object (expression)', parameters: filters({ startDate: FROM, endDate: '={{ { "d": 1 } }}' }), field: 'To', message: /^To must be a date, but it is an object$/ },
	{ case: 'Sort By not an option (expression)', parameters: filters({ sortBy: '={{ "name" }}' }), field: 'Sort By', message: /^Sort By "name" is not one of createdAt, duration$/ },
	{ case: 'Sort Order not an option (expression)', parameters: filters({ sortBy: 'duration', sortOrder: '={{ "up" }}' }), field: 'Sort Order', message: /^Sort Order "up" is not one of ascend, descend$/ },
	{ case: 'Sort Order not an option, without Sort By', parameters: filters({ sortOrder: '={{ "up" }}' }), field: 'Sort Order', message: /^Sort Order "up" is not one of ascend, descend$/ },
];
