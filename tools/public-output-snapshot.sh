#!/usr/bin/env bash
# Writes what every public address answers for the demo data at the tests' fixed clock (HTML pages, feeds, sitemaps,
# the JSON and HSDS APIs, the exports) into a folder, one file per address, through PublicOutputTests.
# Run it before and after a refactoring, then compare: diff -r BEFORE AFTER (empty: nothing the public sees changed).
#   tools/public-output-snapshot.sh /tmp/before
set -euo pipefail
out="${1:?usage: $0 OUTPUT_FOLDER}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$(dirname "$0")/.."
REPERES_OUTPUT_SNAPSHOT="$out" dotnet test tests/Reperes.Web.Tests --filter "FullyQualifiedName~Architecture.PublicOutputTests" --logger "console;verbosity=minimal"
echo "$(ls "$out" | wc -l) answers written to $out"
