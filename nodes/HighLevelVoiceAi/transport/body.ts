/**
 * Reads an answer's body from n8n's HTTP layer (asked for as a stream) with two bounds that
 * axios itself does not give: a size limit on the decompressed bytes, so a small gzip answer
 * cannot inflate into gigabytes, and a deadline for the whole body, so a server that trickles one
 * byte at a time cannot keep a request alive past its timeout.
 */

/** What the transport needs of the stream axios returns (an http.IncomingMessage or a zlib stream). */
export interface ByteStream {
	on(event: 'data', listener: (chunk: unknown) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error' | 'aborted', listener: (error?: unknown) => void): unknown;
	destroy(error?: Error): unknown;
	readonly readableEnded?: boolean;
}

export type BodyReadResult =
	| { kind: 'complete'; bytes: Uint8Array }
	/** More than `maxBytes` arrived; reading stopped there. */
	| { kind: 'tooLarge'; limit: number }
	/** The deadline passed before the body ended. */
	| { kind: 'timeout' }
	/** The connection broke before the body ended (a reset, or fewer bytes than announced). */
	| { kind: 'cut'; received: number };

export function isByteStream(value: unknown): value is ByteStream {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as ByteStream).on === 'function' &&
		typeof (value as ByteStream).destroy === 'function'
	);
}

function toBytes(chunk: unknown): Uint8Array {
	if (chunk instanceof Uint8Array) return chunk;
	return new TextEncoder().encode(typeof chunk === 'string' ? chunk : '');
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}

/**
 * Reads `stream` to its end, or until `maxBytes` is exceeded or `expired` settles. Never throws;
 * destroys the stream (and so the connection) whenever it stops early.
 */
export async function readBody(
	stream: ByteStream,
	maxBytes: number,
	expired: Promise<'expired'>,
): Promise<BodyReadResult> {
	const chunks: Uint8Array[] = [];
	let received = 0;
	const reading = new Promise<BodyReadResult>((resolve) => {
		let settled = false;
		const settle = (result: BodyReadResult) => {
			if (settled) return;
			settled = true;
			if (result.kind !== 'complete') stream.destroy();
			resolve(result);
		};
		stream.on('data', (chunk) => {
			if (settled) return;
			const bytes = toBytes(chunk);
			received += bytes.length;
			if (received > maxBytes) return settle({ kind: 'tooLarge', limit: maxBytes });
			chunks.push(bytes);
		});
		stream.on('end', () => settle({ kind: 'complete', bytes: concat(chunks, received) }));
		stream.on('aborted', () => settle({ kind: 'cut', received }));
		stream.on('error', () => settle({ kind: 'cut', received }));
		// A stream closed without 'end' was cut short.
		stream.on('close', () => settle({ kind: 'cut', received }));
	});
	const result = await Promise.race([reading, expired]);
	if (result === 'expired') {
		stream.destroy();
		return { kind: 'timeout' };
	}
	return result;
}

/** A body that arrived whole but is not a usable shape: nested deeper than any HighLevel answer. */
export function nestingDepthExceeds(value: unknown, maxDepth: number): boolean {
	// Iterative, so a hostile 100,000-level document cannot overflow the stack.
	const stack: Array<[unknown, number]> = [[value, 0]];
	while (stack.length > 0) {
		const [current, depth] = stack.pop()!;
		if (current === null || typeof current !== 'object') continue;
		if (depth >= maxDepth) return true;
		const children = Array.isArray(current) ? current : Object.values(current as object);
		for (const child of children) {
			if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
		}
	}
	return false;
}
