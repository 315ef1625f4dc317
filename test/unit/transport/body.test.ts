import type { ByteStream } from '../../../nodes/HighLevelVoiceAi/transport/body';
import { nestingDepthExceeds, readBody } from '../../../nodes/HighLevelVoiceAi/transport/body';

/** A stream the test drives by hand, recording whether the reader destroyed it. */
class FakeStream implements ByteStream {
	destroyed = false;
	private listeners: Record<string, Array<(arg?: unknown) => void>> = {};

	on(event: string, listener: (arg?: unknown) => void) {
		(this.listeners[event] ??= []).push(listener);
		return this;
	}

	emit(event: string, arg?: unknown) {
		for (const listener of this.listeners[event] ?? []) listener(arg);
	}

	destroy() {
		this.destroyed = true;
		return this;
	}
}

const never = new Promise<'expired'>(() => {});

describe('readBody: bounded in size and in time, whatever the server sends', () => {
	it('reads a whole body', async () => {
		const stream = new FakeStream();
		const reading = readBody(stream, 100, never);
		stream.emit('data', Buffer.from('{"a":'));
		stream.emit('data', Buffer.from('1}'));
		stream.emit('end');
		const result = await reading;
		expect(result.kind).toBe('complete');
		expect(Buffer.from((result as { bytes: Uint8Array }).bytes).toString()).toBe('{"a":1}');
		expect(stream.destroyed).toBe(false);
	});

	it('stops at the size limit and closes the connection', async () => {
		const stream = new FakeStream();
		const reading = readBody(stream, 10, never);
		stream.emit('data', Buffer.alloc(8));
		stream.emit('data', Buffer.alloc(8));
		expect(await reading).toEqual({ kind: 'tooLarge', limit: 10 });
		expect(stream.destroyed).toBe(true);
	});

	it('reports a body cut off by the connection', async () => {
		const stream = new FakeStream();
		const reading = readBody(stream, 100, never);
		stream.emit('data', Buffer.alloc(5));
		stream.emit('aborted');
		expect(await reading).toEqual({ kind: 'cut', received: 5 });
	});

	it('reports a stream that closes without ending as cut', async () => {
		const stream = new FakeStream();
		const reading = readBody(stream, 100, never);
		stream.emit('close');
		expect(await reading).toEqual({ kind: 'cut', received: 0 });
	});

	it('gives up at the deadline, even while bytes keep trickling in', async () => {
		const stream = new FakeStream();
		let expire: (value: 'expired') => void = () => {};
		const reading = readBody(stream, 100, new Promise((resolve) => (expire = resolve)));
		stream.emit('data', Buffer.from('{'));
		expire('expired');
		stream.emit('data', Buffer.from('"'));
		expect(await reading).toEqual({ kind: 'timeout' });
		expect(stream.destroyed).toBe(true);
	});
});

describe('nestingDepthExceeds', () => {
	it('measures depth without recursion, even a million levels deep', () => {
		const text = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
		expect(nestingDepthExceeds(JSON.parse(text), 100)).toBe(true);
	});

	it('accepts a call log', () => {
		const callLog = {
			id: 'x',
			executedCallActions: [{ actionParameters: { apiDetails: { headers: [{ key: 'a' }] } } }],
		};
		expect(nestingDepthExceeds(callLog, 100)).toBe(false);
		expect(nestingDepthExceeds(callLog, 5)).toBe(true);
	});
});
