'use strict';
/**
 * What `npm pack` publishes, for tests. Plain JS because it runs npm and reads files (not allowed
 * in the linted .ts tests). Needs a build first (`npm test` builds).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
/** Inside the project, so that packages unpacked here resolve n8n-workflow from node_modules/. */
const SCRATCH_DIR = path.join(PROJECT_ROOT, '.n8n-local', 'pack-tests');

function npm(args, cwd = PROJECT_ROOT) {
	const result = spawnSync('npm', args, { cwd, encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`npm ${args.join(' ')} failed (exit ${result.status})\n${result.stderr}`);
	return result.stdout;
}

/** `npm pack --dry-run --json`: the paths the tarball would hold (sorted) and its sizes. */
function packDryRun() {
	const [packed] = JSON.parse(npm(['pack', '--dry-run', '--json']));
	return {
		files: packed.files.map((file) => file.path).sort(),
		entryCount: packed.entryCount,
		size: packed.size,
		unpackedSize: packed.unpackedSize,
	};
}

/** Packs the package for real and unpacks it into a new folder; returns that folder. */
function packAndUnpack() {
	fs.mkdirSync(SCRATCH_DIR, { recursive: true });
	const dir = fs.mkdtempSync(path.join(SCRATCH_DIR, 'unpacked-'));
	const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir]));
	const tarball = path.join(dir, packed.filename);
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', dir], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	fs.rmSync(tarball);
	return path.join(dir, 'package');
}

/** Removes a folder made by packAndUnpack (or any folder under the scratch folder). */
function removeScratch(dir) {
	if (!path.resolve(dir).startsWith(SCRATCH_DIR + path.sep))
		throw new Error(`refusing to remove ${dir}: not under ${SCRATCH_DIR}`);
	fs.rmSync(path.dirname(dir) === SCRATCH_DIR ? dir : path.dirname(dir), {
		recursive: true,
		force: true,
	});
}

/** Every file under `relativeDir` of the project, as project-relative POSIX paths (sorted). */
function listProjectFiles(relativeDir) {
	const root = path.join(PROJECT_ROOT, relativeDir);
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) =>
			path.relative(PROJECT_ROOT, path.join(entry.parentPath || entry.path, entry.name)),
		)
		.map((file) => file.split(path.sep).join('/'))
		.sort();
}

function readProjectFile(relativePath) {
	return fs.readFileSync(path.join(PROJECT_ROOT, relativePath), 'utf8');
}

/** Runs `node scripts/scan-package.js ...args`; resolves with its exit code and output. */
function runScan(args) {
	const result = spawnSync(process.execPath, [path.join('scripts', 'scan-package.js'), ...args], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
	});
	return { code: result.status, output: result.stdout + result.stderr };
}

/** Edits a JSON file in place. */
function editJson(file, edit) {
	const data = JSON.parse(fs.readFileSync(file, 'utf8'));
	edit(data);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
}

function appendText(file, text) {
	fs.appendFileSync(file, text);
}

module.exports = {
	PROJECT_ROOT,
	packDryRun,
	packAndUnpack,
	removeScratch,
	listProjectFiles,
	readProjectFile,
	runScan,
	editJson,
	appendText,
};
