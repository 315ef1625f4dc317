'use strict';
// Paths for the TypeScript harness, which the community lint keeps away from `path`/`__dirname`.
const path = require('path');

module.exports = { PACKAGE_ROOT: path.resolve(__dirname, '..', '..') };
