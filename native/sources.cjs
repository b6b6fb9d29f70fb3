// Lists the addon's C++ sources for binding.gyp (node-gyp has no glob), so adding a file needs no edit here.
const fs = require('fs');
const path = require('path');
const root = __dirname;
function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'kernels' ? [] : walk(p);
    return e.name.endsWith('.cc') ? [path.relative(path.dirname(root), p)] : [];
  });
}
const files = walk(root).sort();
if (require.main === module) console.log(files.join(' '));
module.exports = files;
