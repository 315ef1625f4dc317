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
	/** The node's typeVersion, for parameters only a later version shows (default 1). */
	typeVersion?: number;
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

/** An agent of the sandbox, with actions (Call Transfer, SMS, Custom Action). */
export const SANDBOX_AGENT = 'agent0000000000000000001';
/** Its SMS action. */
export const SANDBOX_SMS_ACTION = 'action000000000000000002';

/** An Agent operation on the sandbox's agent (where one is needed), overridden by `parameters`. */
export const agentOp = (operation: string, parameters: IDataObject = {}): IDataObject => ({
	resource: 'agent',
	operation,
	...(['get', 'update', 'delete'].includes(operation) && { agentId: SANDBOX_AGENT }),
	...(operation === 'update' && { updateFields: { agentName: 'Renamed' } }),
	...parameters,
});

/** An Agent Action operation on the sandbox's SMS action (a new SMS action for create). */
export const actionOp = (operation: string, parameters: IDataObject = {}): IDataObject => ({
	resource: 'agentAction',
	operation,
	agentId: SANDBOX_AGENT,
	...(operation === 'create'
		? {
				actionType: 'SMS',
				name: 'Send Link',
				triggerPrompt: 'When the caller wants a link',
				triggerMessage: 'I will text you',
				messageBody: 'https://example.com',
			}
		: { actionId: SANDBOX_SMS_ACTION }),
	...(operation === 'update' && { actionType: 'SMS', updateFields: { name: 'Renamed' } }),
	...parameters,
});

const agentFields = (values: IDataObject) => agentOp('create', { agentFields: values });
const agentUpdate = (values: IDataObject) => agentOp('update', { updateFields: values });
const newAction = (actionType: string, values: IDataObject) =>
	actionOp('create', { actionType, name: 'New Action', ...values });
const actionUpdate = (actionType: string, values: IDataObject) =>
	actionOp('update', { actionType, updateFields: values });
const hours = (values: IDataObject) =>
	agentFields({
		agentWorkingHours: {
			intervals: [
				{ dayOfTheWeek: 1, startHour: 9, startMinute: 0, endHour: 17, endMinute: 0, ...values },
			],
		},
	});
const CUSTOM_POST = {
	triggerPrompt: 'p',
	triggerMessage: 'm',
	apiUrl: 'https://api.example.com/x',
	apiMethod: 'POST',
};

const options = (values: IDataObject) => get({ options: values });
const filters = (values: IDataObject) => getMany({ filters: values });
const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-02-01T00:00:00Z';

// prettier-ignore
export const BAD_INPUT: BadInputCase[] = [
	{ case: 'Resource not supported (hand-edited workflow)', parameters: get({ resource: 'contact' }), field: 'Resource', message: /^Resource "contact" is not one of agent, agentAction, callLog$/ },
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
	{ case: 'One Item Per not an option (hand-edited workflow)', parameters: get({ output: 'everything' }), field: 'One Item Per', message: /^One Item Per "everything" is not one of actions, callLogs$/ },
	{ case: 'Output not an option (hand-edited workflow)', parameters: get({ fields: 'everything' }), field: 'Output', message: /^Output "everything" is not one of raw, selected, simplified$/ },
	{ case: 'Output in version 1.1 not an option (hand-edited workflow)', parameters: get({ fields: 'all' }), typeVersion: 1.1, field: 'Output', message: /^Output "all" is not one of raw, selected, simplified$/ },
	{ case: 'Selected Fields with no field picked', parameters: get({ fields: 'selected', selectedExecutedActionFields: [] }), field: 'Fields to Include', message: /^Fields to Include is empty: pick at least one field$/ },
	{ case: 'Selected Fields of a call, only blanks (expression)', parameters: get({ output: 'callLogs', fields: 'selected', selectedCallFields: '={{ " , " }}' }), field: 'Fields to Include', message: /^Fields to Include is empty: pick at least one field$/ },
	{ case: 'Selected Fields a number (expression)', parameters: get({ fields: 'selected', selectedExecutedActionFields: '={{ 5 }}' }), field: 'Fields to Include', message: /^Fields to Include must be text, but it is a number$/ },
	{ case: 'Selected Fields an object (expression)', parameters: getMany({ fields: 'selected', selectedCallFields: '={{ { "id": true } }}' }), field: 'Fields to Include', message: /^Fields to Include must be a list of texts, but it is an object$/ },
	{ case: 'Transcript not an option (expression)', parameters: get({ output: 'callLogs', options: { transcript: '={{ "lines" }}' } }), field: 'Transcript', message: /^Transcript "lines" is not one of text, turns, omit$/ },
	{ case: 'Download Recording as text (expression)', parameters: options({ downloadRecording: '={{ "yes" }}' }), field: 'Download Recording', message: /^Download Recording must be true or false, but it is "yes"$/ },
	{ case: 'Max Recording Size 0', parameters: options({ downloadRecording: true, maxRecordingSize: 0 }), field: 'Max Recording Size (MB)', message: /^Max Recording Size \(MB\) must be a whole number from 1 to 1024, but it is 0$/ },
	{ case: 'Max Recording Size 1025 (expression)', parameters: options({ downloadRecording: true, maxRecordingSize: '={{ 1025 }}' }), field: 'Max Recording Size (MB)', message: /from 1 to 1024, but it is 1025$/ },
	{ case: 'Max Recording Size 2.5 (expression)', parameters: options({ downloadRecording: true, maxRecordingSize: '={{ 2.5 }}' }), field: 'Max Recording Size (MB)', message: /from 1 to 1024, but it is 2\.5$/ },
	{ case: 'Put Recording in Field empty', parameters: options({ downloadRecording: true, recordingBinaryProperty: '  ' }), field: 'Put Recording in Field', message: /^Put Recording in Field is empty$/ },
	{ case: 'Put Recording in Field a number (expression)', parameters: options({ downloadRecording: true, recordingBinaryProperty: '={{ 7 }}' }), field: 'Put Recording in Field', message: /^Put Recording in Field must be text, but it is a number$/ },
	{ case: 'When a Call Has No Actions not an option (expression)', parameters: options({ whenNoActions: '={{ "explode" }}' }), field: 'When a Call Has No Actions', message: /^When a Call Has No Actions "explode" is not one of emitCall, skip, error$/ },
	{ case: 'Redact Secrets as text (expression)', parameters: options({ redactSecrets: '={{ "false" }}' }), field: 'Redact Secrets', message: /^Redact Secrets must be true or false, but it is "false"$/ },
	{ case: 'Limit 0', parameters: getMany({ limit: 0 }), field: 'Limit', message: /^Limit must be a whole number from 1 to 100000, but it is 0$/ },
	{ case: 'Limit above 100000 (expression)', parameters: getMany({ limit: '={{ 100001 }}' }), field: 'Limit', message: /from 1 to 100000, but it is 100001$/ },
	{ case: 'Limit 1.5 (expression)', parameters: getMany({ limit: '={{ 1.5 }}' }), field: 'Limit', message: /from 1 to 100000, but it is 1\.5$/ },
	{ case: 'Limit as text (expression)', parameters: getMany({ limit: '={{ "50" }}' }), field: 'Limit', message: /from 1 to 100000, but it is a string$/ },
	{ case: 'Return All as text (expression)', parameters: getMany({ returnAll: '={{ "yes" }}' }), field: 'Return All', message: /^Return All must be true or false, but it is "yes"$/ },
	{ case: 'Get Many: One Item Per not an option (hand-edited workflow)', parameters: getMany({ output: 'everything' }), field: 'One Item Per', message: /^One Item Per "everything" is not one of actions, callLogs$/ },
	{ case: 'Agent filter with "/"', parameters: filters({ agentId: 'agent/../x' }), field: 'Agent', message: /^Agent "agent\/\.\.\/x" contains characters an id cannot have$/ },
	{ case: 'Agent filter a number (expression)', parameters: filters({ agentId: '={{ 42 }}' }), field: 'Agent', message: /^Agent must be text, but it is a number$/ },
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
	{ case: 'Sort: Sort By not an option (version 1.1, expression)', parameters: getMany({ sort: { sortBy: '={{ "name" }}' } }), typeVersion: 1.1, field: 'Sort By', message: /^Sort By "name" is not one of createdAt, duration$/ },
	{ case: 'Sort: Sort Order not an option (version 1.1, expression)', parameters: getMany({ sort: { sortBy: 'duration', sortOrder: '={{ "down" }}' } }), typeVersion: 1.1, field: 'Sort Order', message: /^Sort Order "down" is not one of ascend, descend$/ },
	{ case: 'Sort: Sort Order not an option, without Sort By (version 1.1)', parameters: getMany({ sort: { sortOrder: '={{ "up" }}' } }), typeVersion: 1.1, field: 'Sort Order', message: /^Sort Order "up" is not one of ascend, descend$/ },
	// Agents
	{ case: 'Agent operation not supported (hand-edited workflow)', parameters: agentOp('archive'), field: 'Operation', message: /^Operation "archive" is not one of create, delete, get, getAll, update$/ },
	{ case: 'Agent empty from an expression', parameters: agentOp('get', { agentId: '={{ "" }}' }), field: 'Agent', message: /^Agent is empty$/ },
	{ case: 'Agent picked "By ID" with "/" (n8n refuses the workflow)', parameters: agentOp('get', { agentId: { __rl: true, mode: 'id', value: 'a/b' } }), field: 'Agent', message: /Agent IDs contain only letters, digits/, refusedByN8n: true },
	{ case: 'Agent "By ID" with "/" from an expression', parameters: agentOp('delete', { agentId: { __rl: true, mode: 'id', value: '={{ "a/../b" }}' } }), field: 'Agent', message: /^Agent "a\/\.\.\/b" contains characters an id cannot have$/ },
	{ case: 'Agent a number (expression)', parameters: agentOp('update', { agentId: '={{ 7 }}' }), field: 'Agent', message: /^Agent must be text, but it is a number$/ },
	{ case: 'Agent Name over 40 characters', parameters: agentFields({ agentName: 'x'.repeat(41) }), field: 'Agent Name', message: /^Agent Name is 41 characters long; HighLevel allows at most 40$/ },
	{ case: 'Agent Name blank (expression)', parameters: agentFields({ agentName: '={{ "  " }}' }), field: 'Agent Name', message: /^Agent Name is empty$/ },
	{ case: 'Business Name blank', parameters: agentFields({ businessName: ' ' }), field: 'Business Name', message: /^Business Name is empty$/ },
	{ case: 'Welcome Message over 190 characters', parameters: agentFields({ welcomeMessage: 'w'.repeat(191) }), field: 'Welcome Message', message: /^Welcome Message is 191 characters long; HighLevel allows at most 190$/ },
	{ case: 'Welcome Message blank', parameters: agentUpdate({ welcomeMessage: '' }), field: 'Welcome Message', message: /^Welcome Message is empty$/ },
	{ case: 'Agent Prompt an object (expression)', parameters: agentFields({ agentPrompt: '={{ { "a": 1 } }}' }), field: 'Agent Prompt', message: /^Agent Prompt must be text, but it is an object$/ },
	{ case: 'Voice ID blank', parameters: agentUpdate({ voiceId: '  ' }), field: 'Voice ID', message: /^Voice ID is empty$/ },
	{ case: 'Max Call Duration below 180 seconds', parameters: agentFields({ maxCallDuration: 179 }), field: 'Max Call Duration (Seconds)', message: /^Max Call Duration \(Seconds\) must be a whole number from 180 to 900, but it is 179$/ },
	{ case: 'Max Call Duration above 900 seconds', parameters: agentUpdate({ maxCallDuration: 901 }), field: 'Max Call Duration (Seconds)', message: /from 180 to 900, but it is 901$/ },
	{ case: 'Idle reminder after 0 seconds', parameters: agentFields({ reminderAfterIdleTimeSeconds: 0 }), field: 'Idle Reminder After (Seconds)', message: /^Idle Reminder After \(Seconds\) must be a whole number from 1 to 20, but it is 0$/ },
	{ case: 'Idle reminder after 21 seconds', parameters: agentUpdate({ reminderAfterIdleTimeSeconds: 21 }), field: 'Idle Reminder After (Seconds)', message: /from 1 to 20, but it is 21$/ },
	{ case: 'Send Idle Reminders as text (expression)', parameters: agentFields({ sendUserIdleReminders: '={{ "yes" }}' }), field: 'Send Idle Reminders', message: /^Send Idle Reminders must be true or false, but it is "yes"$/ },
	{ case: 'Disable Agent as Backup as text (expression)', parameters: agentUpdate({ isAgentAsBackupDisabled: '={{ "no" }}' }), field: 'Disable Agent as Backup', message: /must be true or false, but it is "no"$/ },
	{ case: 'Language not one HighLevel speaks (expression)', parameters: agentFields({ language: '={{ "en" }}' }), field: 'Language', message: /^Language "en" is not one of en-US, pt-BR, es, fr, de, it, nl-NL, multi$/ },
	{ case: 'Patience Level not an option (expression)', parameters: agentUpdate({ patienceLevel: '={{ "zen" }}' }), field: 'Patience Level', message: /^Patience Level "zen" is not one of low, medium, high$/ },
	{ case: 'Timezone of one part', parameters: agentFields({ timezone: 'UTC' }), field: 'Timezone', message: /^Timezone "UTC" is not a timezone HighLevel accepts$/ },
	{ case: 'Timezone of three parts', parameters: agentUpdate({ timezone: 'America/Argentina/Buenos_Aires' }), field: 'Timezone', message: /^Timezone "America\/Argentina\/Buenos_Aires" is not a timezone HighLevel accepts$/ },
	{ case: 'Inbound Phone Number a number (expression)', parameters: agentFields({ inboundNumber: '={{ 15550100001 }}' }), field: 'Inbound Phone Number', message: /^Inbound Phone Number must be text, but it is a number$/ },
	{ case: 'Number Pool ID with "?"', parameters: agentFields({ numberPoolId: 'pool?x=1' }), field: 'Number Pool ID', message: /contains characters an id cannot have$/ },
	{ case: 'Call-End Workflow IDs: 11 workflows', parameters: agentFields({ callEndWorkflowIds: 'w1,w2,w3,w4,w5,w6,w7,w8,w9,w10,w11' }), field: 'Call-End Workflow IDs', message: /^Call-End Workflow IDs lists 11 workflows; HighLevel allows at most 10$/ },
	{ case: 'Call-End Workflow IDs with a bad id', parameters: agentUpdate({ callEndWorkflowIds: 'w1,w/2' }), field: 'Call-End Workflow IDs', message: /^Call-End Workflow IDs "w\/2" contains characters an id cannot have$/ },
	{ case: 'Working Hours: day 8 (expression)', parameters: hours({ dayOfTheWeek: '={{ 8 }}' }), field: 'Working Hours (row 1): Day', message: /^Working Hours \(row 1\): Day must be a whole number from 1 to 7, but it is 8$/ },
	{ case: 'Working Hours: start hour 24', parameters: hours({ startHour: 24 }), field: 'Working Hours (row 1): Start Hour', message: /Start Hour must be a whole number from 0 to 23, but it is 24$/ },
	{ case: 'Working Hours: end minute 60', parameters: hours({ endMinute: 60 }), field: 'Working Hours (row 1): End Minute', message: /End Minute must be a whole number from 0 to 59, but it is 60$/ },
	{ case: 'Working Hours: ends before it starts', parameters: hours({ startHour: 18, endHour: 9 }), field: 'Working Hours (row 1)', message: /^Working Hours \(row 1\): Monday ends at 09:00, which is not after its start at 18:00$/ },
	{ case: 'Working Hours: ends when it starts', parameters: hours({ endHour: 9 }), field: 'Working Hours (row 1)', message: /Monday ends at 09:00, which is not after its start at 09:00$/ },
	{ case: 'Post-Call Notifications: a custom e-mail that is not one', parameters: agentFields({ sendPostCallNotificationTo: { settings: { customEmails: 'ok@example.com, frontdesk' } } }), field: 'Post-Call Notifications: Custom Emails', message: /^Post-Call Notifications: Custom Emails "frontdesk" is not an e-mail address$/ },
	{ case: 'Post-Call Notifications: a bad user ID', parameters: agentUpdate({ sendPostCallNotificationTo: { settings: { specificUsers: 'u1,u 2' } } }), field: 'Post-Call Notifications: Specific User IDs', message: /contains characters an id cannot have$/ },
	{ case: 'Translation enabled for an English (en-US) agent', parameters: agentFields({ translation: { settings: { enabled: true, language: 'en-US' } } }), field: 'Translation', message: /^Translation can be enabled only for an agent whose language is not English \(en-US\)$/ },
	{ case: 'Translation enabled without a language (expression)', parameters: agentFields({ language: 'fr', translation: { settings: { enabled: true, language: '={{ "" }}' } } }), field: 'Translation', message: /^Translation: Language is required when translation is enabled$/ },
	{ case: 'Translation into neither the agent’s language nor en-US', parameters: agentUpdate({ language: 'fr', translation: { settings: { enabled: true, language: 'de' } } }), field: 'Translation', message: /^Translation: Language must be the agent’s language \(fr\) or en-US, but it is de$/ },
	{ case: 'Working Hours (JSON) not a list', parameters: agentFields({ agentWorkingHoursJson: '{"dayOfTheWeek": 1}' }), field: 'Working Hours (JSON)', message: /^Working Hours \(JSON\) must be a JSON list of days$/ },
	{ case: 'Working Hours (JSON) with day 0', parameters: agentUpdate({ agentWorkingHoursJson: '[{"dayOfTheWeek": 0, "intervals": [{"startHour": 9, "startMinute": 0, "endHour": 17, "endMinute": 0}]}]' }), field: 'Working Hours (JSON) (row 1): Day', message: /Day must be a whole number from 1 to 7, but it is 0$/ },
	{ case: 'Working Hours and Working Hours (JSON) both set', parameters: agentFields({ agentWorkingHours: {}, agentWorkingHoursJson: '[]' }), field: 'Working Hours (JSON)', message: /^Set Working Hours or Working Hours \(JSON\), not both$/ },
	{ case: 'Agent update with nothing to change', parameters: agentOp('update', { updateFields: {} }), field: 'Update Fields', message: /^Update Fields is empty: there is nothing to change$/ },
	{ case: 'Agent Get Many: Limit 0', parameters: agentOp('getAll', { limit: 0 }), field: 'Limit', message: /^Limit must be a whole number from 1 to 100000, but it is 0$/ },
	{ case: 'Agent Get Many: Search a number (expression)', parameters: agentOp('getAll', { filters: { query: '={{ 12 }}' } }), field: 'Search', message: /^Search must be text, but it is a number$/ },
	{ case: 'Agent Get: Redact Secrets as text (expression)', parameters: agentOp('get', { options: { redactSecrets: '={{ "off" }}' } }), field: 'Redact Secrets', message: /^Redact Secrets must be true or false, but it is "off"$/ },
	{ case: 'Agent Get: Selected Fields with no field picked', parameters: agentOp('get', { fields: 'selected', selectedAgentFields: [] }), field: 'Fields to Include', message: /^Fields to Include is empty: pick at least one field$/ },
	{ case: 'Agent Get Many: Output not an option (hand-edited workflow)', parameters: agentOp('getAll', { fields: 'short' }), typeVersion: 1.1, field: 'Output', message: /^Output "short" is not one of raw, selected, simplified$/ },
	{ case: 'Agent Create: Redact Secrets as text (expression)', parameters: agentOp('create', { agentFields: { agentName: 'A' }, options: { redactSecrets: '={{ "no" }}' } }), field: 'Redact Secrets', message: /^Redact Secrets must be true or false, but it is "no"$/ },
	// Agent actions
	{ case: 'Agent Action operation not supported (hand-edited workflow)', parameters: actionOp('getAll'), field: 'Operation', message: /^Operation "getAll" is not one of create, delete, get, update$/ },
	{ case: 'Action empty from an expression', parameters: actionOp('get', { actionId: '={{ "" }}' }), field: 'Action', message: /^Action is empty$/ },
	{ case: 'Action with "/" (expression)', parameters: actionOp('delete', { actionId: '={{ "x/y" }}' }), field: 'Action', message: /^Action "x\/y" contains characters an id cannot have$/ },
	{ case: 'Action Get: Agent with "?" (expression)', parameters: actionOp('get', { agentId: '={{ "a?b" }}' }), field: 'Agent', message: /contains characters an id cannot have$/ },
	{ case: 'Action Create: Agent empty (expression)', parameters: actionOp('create', { agentId: '={{ "" }}' }), field: 'Agent', message: /^Agent is empty$/ },
	{ case: 'Action Name left empty (n8n refuses the workflow)', parameters: actionOp('create', { name: '' }), field: 'Action Name', message: /Parameter "Action Name" is required/, refusedByN8n: true },
	{ case: 'Action Name blank (expression)', parameters: actionOp('create', { name: '={{ " " }}' }), field: 'Action Name', message: /^Action Name is empty$/ },
	{ case: 'Action Type not one HighLevel documents (hand-edited workflow)', parameters: actionOp('create', { actionType: 'CAP' }), field: 'Action Type', message: /^Action Type "CAP" is not one of APPOINTMENT_BOOKING, CALL_TRANSFER/ },
	{ case: 'Call Transfer: number without "+"', parameters: newAction('CALL_TRANSFER', { triggerPrompt: 'p', triggerMessage: 'm', transferToValue: '15550100200' }), field: 'Transfer To Phone Number', message: /^Transfer To Phone Number "15550100200" must start with "\+" and have 11 to 16 characters, all digits after the "\+"$/ },
	{ case: 'Call Transfer: number of 10 characters', parameters: newAction('CALL_TRANSFER', { triggerPrompt: 'p', triggerMessage: 'm', transferToValue: '+155501002' }), field: 'Transfer To Phone Number', message: /must start with "\+" and have 11 to 16 characters/ },
	{ case: 'Call Transfer: number of 17 characters', parameters: newAction('CALL_TRANSFER', { triggerPrompt: 'p', triggerMessage: 'm', transferToValue: '+1555010020012345' }), field: 'Transfer To Phone Number', message: /must start with "\+" and have 11 to 16 characters/ },
	{ case: 'Call Transfer: number with spaces', parameters: newAction('CALL_TRANSFER', { triggerPrompt: 'p', triggerMessage: 'm', transferToValue: '+1 555 010 0200' }), field: 'Transfer To Phone Number', message: /must start with "\+" and have 11 to 16 characters/ },
	{ case: 'Call Transfer: Trigger Prompt empty (expression)', parameters: newAction('CALL_TRANSFER', { triggerPrompt: '={{ "" }}', triggerMessage: 'm', transferToValue: '+15550100200' }), field: 'Trigger Prompt', message: /^Trigger Prompt is required for action type Call Transfer$/ },
	{ case: 'Data Extraction: no examples', parameters: newAction('DATA_EXTRACTION', { contactFieldId: 'email', fieldDescription: 'Email', examples: [] }), field: 'Examples', message: /^Examples has 0 entries; HighLevel needs 1 to 5$/ },
	{ case: 'Data Extraction: six examples', parameters: newAction('IN_CALL_DATA_EXTRACTION', { contactFieldId: 'email', fieldDescription: 'Email', examples: ['1', '2', '3', '4', '5', '6'] }), field: 'Examples', message: /^Examples has 6 entries; HighLevel needs 1 to 5$/ },
	{ case: 'Data Extraction: Contact Field ID empty (expression)', parameters: newAction('DATA_EXTRACTION', { contactFieldId: '={{ "" }}', fieldDescription: 'Email', examples: ['a@b.co'] }), field: 'Contact Field ID', message: /^Contact Field ID is required for action type Data Extraction \(After Call\)$/ },
	{ case: 'Data Extraction: Overwrite Existing Value as text (expression)', parameters: newAction('DATA_EXTRACTION', { contactFieldId: 'email', fieldDescription: 'Email', examples: ['a@b.co'], additionalFields: { overwriteExistingValue: '={{ "true" }}' } }), field: 'Overwrite Existing Value', message: /^Overwrite Existing Value must be true or false, but it is "true"$/ },
	{ case: 'Workflow Trigger: workflow ID with "/"', parameters: newAction('WORKFLOW_TRIGGER', { triggerPrompt: 'p', triggerMessage: 'm', workflowId: 'wf/1' }), field: 'HighLevel Workflow ID', message: /^HighLevel Workflow ID "wf\/1" contains characters an id cannot have$/ },
	{ case: 'SMS: Message Body empty (expression)', parameters: newAction('SMS', { triggerPrompt: 'p', triggerMessage: 'm', messageBody: '={{ "" }}' }), field: 'Message Body', message: /^Message Body is required for action type SMS$/ },
	{ case: 'Appointment Booking: 0 days', parameters: newAction('APPOINTMENT_BOOKING', { calendarId: 'cal1', daysOfOfferingDates: 0, slotsPerDay: 3, hoursBetweenSlots: 1 }), field: 'Days to Offer', message: /^Days to Offer must be a number 1 or more, but it is 0$/ },
	{ case: 'Appointment Booking: 1.5 slots per day', parameters: newAction('APPOINTMENT_BOOKING', { calendarId: 'cal1', daysOfOfferingDates: 3, slotsPerDay: 1.5, hoursBetweenSlots: 1 }), field: 'Slots per Day', message: /^Slots per Day must be a whole number, but it is 1\.5$/ },
	{ case: 'Appointment Booking: negative hours between slots', parameters: newAction('APPOINTMENT_BOOKING', { calendarId: 'cal1', daysOfOfferingDates: 3, slotsPerDay: 3, hoursBetweenSlots: -1 }), field: 'Hours Between Slots', message: /^Hours Between Slots must be a number 0 or more, but it is -1$/ },
	{ case: 'Appointment Booking: calendar ID with "#"', parameters: newAction('APPOINTMENT_BOOKING', { calendarId: 'cal#1', daysOfOfferingDates: 3, slotsPerDay: 3, hoursBetweenSlots: 1 }), field: 'Calendar ID', message: /contains characters an id cannot have$/ },
	{ case: 'Custom Action: API URL not http(s)', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, apiUrl: 'ftp://example.com/x' }), field: 'API URL', message: /^API URL "ftp:\/\/example\.com\/x" is not an http\(s\) address$/ },
	{ case: 'Custom Action: GET without response paths', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, apiMethod: 'GET', selectedPaths: [] }), field: 'Response Paths to Extract', message: /^Response Paths to Extract is empty: a Custom Action that calls its API with GET needs at least one path$/ },
	{ case: 'Custom Action: POST with response paths (JSON)', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, additionalFields: { additionalParameters: '{"selectedPaths": ["data.x"]}' } }), field: 'Response Paths to Extract', message: /^Response Paths to Extract must be empty for a Custom Action that calls its API with POST$/ },
	{ case: 'Custom Action: a header without a value', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, additionalFields: { apiHeaders: { header: [{ key: 'X-Id', value: '' }] } } }), field: 'Headers (row 1): Value', message: /^Headers \(row 1\): Value is empty$/ },
	{ case: 'Custom Action: a parameter without a name', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, additionalFields: { apiParameters: { parameter: [{ name: '', description: 'Phone' }] } } }), field: 'Parameters (row 1): Name', message: /^Parameters \(row 1\): Name is empty$/ },
	{ case: 'Custom Action: an authentication value an earlier step redacted', parameters: newAction('CUSTOM_ACTION', { ...CUSTOM_POST, additionalFields: { authenticationValue: '[REDACTED]' } }), field: 'Authentication Value', message: /^Authentication Value holds "\[REDACTED\]": it is a secret an earlier step hid, not the real value$/ },
	{ case: 'Knowledge Base: ID with a space', parameters: newAction('KNOWLEDGE_BASE', { triggerPrompt: 'p', knowledgeBaseId: 'kb 1' }), field: 'Knowledge Base ID', message: /contains characters an id cannot have$/ },
	{ case: 'Additional Parameters (JSON) not valid JSON', parameters: actionOp('create', { additionalFields: { additionalParameters: '{"transferBotType": ' } }), field: 'Additional Parameters (JSON)', message: /^Additional Parameters \(JSON\) is not valid JSON: / },
	{ case: 'Additional Parameters (JSON) a list', parameters: actionOp('create', { additionalFields: { additionalParameters: '[1, 2]' } }), field: 'Additional Parameters (JSON)', message: /^Additional Parameters \(JSON\) must be a JSON object$/ },
	{ case: 'Additional Parameters (JSON) holding a redacted secret', parameters: actionOp('create', { additionalFields: { additionalParameters: '{"auth": {"token": "[REDACTED]"}}' } }), field: 'Additional Parameters (JSON)', message: /holds "\[REDACTED\]" at auth\.token/ },
	{ case: 'Additional Parameters (JSON) setting a documented field badly', parameters: actionOp('create', { additionalFields: { additionalParameters: '{"messageBody": ""}' } }), field: 'Message Body', message: /^Message Body is required for action type SMS$/ },
	{ case: 'Action "Using JSON": parameters a list', parameters: actionOp('create', { defineAction: 'json', actionType: 'SMS', actionParameters: '[]' }), field: 'Action Parameters (JSON)', message: /^Action Parameters \(JSON\) must be a JSON object$/ },
	{ case: 'Action "Using JSON": a required parameter missing', parameters: actionOp('create', { defineAction: 'json', actionType: 'SMS', actionParameters: '{"triggerPrompt": "p", "triggerMessage": "m"}' }), field: 'Message Body', message: /^Message Body is required for action type SMS$/ },
	{ case: 'Action "Using JSON": type from an expression that is not one', parameters: actionOp('create', { defineAction: 'json', actionType: '={{ "CAP" }}', actionParameters: '{}' }), field: 'Action Type', message: /^Action Type "CAP" is not one of / },
	{ case: 'Action update with nothing to change', parameters: actionOp('update', { updateFields: {} }), field: 'Update Fields', message: /^Update Fields is empty: there is nothing to change$/ },
	{ case: 'Action update: a bad number (nothing is read or sent)', parameters: actionUpdate('CALL_TRANSFER', { transferToValue: '555-0100' }), field: 'Transfer To Phone Number', message: /must start with "\+" and have 11 to 16 characters/ },
	{ case: 'Action update: Action Name blank', parameters: actionUpdate('SMS', { name: '   ' }), field: 'Action Name', message: /^Action Name is empty$/ },
	{ case: 'Action update: Additional Parameters (JSON) a number (expression)', parameters: actionUpdate('SMS', { additionalParameters: '={{ 5 }}' }), field: 'Additional Parameters (JSON)', message: /^Additional Parameters \(JSON\) must be a JSON object$/ },
	{ case: 'Action Get: Selected Fields with no field picked', parameters: actionOp('get', { fields: 'selected' }), field: 'Fields to Include', message: /^Fields to Include is empty: pick at least one field$/ },
	{ case: 'Action Update: Selected Fields a number (expression)', parameters: actionOp('update', { fields: 'selected', selectedAgentActionFields: '={{ 1 }}' }), field: 'Fields to Include', message: /^Fields to Include must be text, but it is a number$/ },
	{ case: 'Action Delete: Agent empty (expression)', parameters: actionOp('delete', { agentId: '={{ "" }}' }), field: 'Agent', message: /^Agent is empty$/ },
];
