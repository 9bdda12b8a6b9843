#!/usr/bin/env bash
# Regenerates openapi/v1.json from the running service (through the API tests' real-PostgreSQL fixture) and the
# Kiota client of samples/PostTraining.Client.Sample from it. Run after changing an endpoint; commit both.
set -euo pipefail
cd "$(dirname "$0")/.."

UPDATE_OPENAPI=1 dotnet test tests/PostTraining.Api.Tests --filter "FullyQualifiedName~CommittedOpenApiDocumentTests"

dotnet tool restore
# No hints, no update check, no telemetry: the generation needs nothing but the committed document.
KIOTA_TUTORIAL_ENABLED=false KIOTA_OFFLINE_ENABLED=true KIOTA_CLI_TELEMETRY_OPTOUT=true dotnet kiota generate \
  --language CSharp \
  --openapi openapi/v1.json \
  --output samples/PostTraining.Client.Sample/Client \
  --namespace-name PostTraining.Client \
  --class-name PostTrainingClient \
  --exclude-backward-compatible \
  --clean-output
echo "Regenerated openapi/v1.json and samples/PostTraining.Client.Sample/Client."
