// Copies the explorer's third-party libraries from tools/node_modules into src/PostTraining.Api/wwwroot/vendor,
// with their licences, so the page needs no CDN. Run after changing a version in package.json:
//   npm ci --prefix tools && npm run vendor --prefix tools
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const tools = dirname(fileURLToPath(import.meta.url));
const modules = join(tools, "node_modules");
const vendor = join(tools, "..", "src", "PostTraining.Api", "wwwroot", "vendor");

const copies = {
  katex: ["LICENSE", "package.json", "dist/katex.min.css", "dist/katex.min.js", "dist/fonts"],
  d3: ["LICENSE", "package.json", "dist/d3.min.js"],
};

for (const [pkg, files] of Object.entries(copies)) {
  const target = join(vendor, pkg);
  rmSync(target, { recursive: true, force: true });
  for (const file of files) {
    // dist/ is flattened so the CSS finds fonts/ beside itself; LICENSE gets an extension so the web server, which
    // serves only known file types, serves it too.
    const to = join(target, file.replace(/^dist\//, "").replace(/^LICENSE$/, "LICENSE.txt"));
    mkdirSync(dirname(to), { recursive: true });
    cpSync(join(modules, pkg, file), to, { recursive: true });
  }
  console.log(`vendored ${pkg} into ${target}`);
}
