// Removes the previous build so that files deleted from the source do not linger in dist/.
const fs = require('fs');
const path = require('path');

fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });
