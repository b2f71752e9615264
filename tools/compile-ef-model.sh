#!/usr/bin/env bash
# Generates the compiled EF models of both engines (src/Reperes.Web/Data/CompiledModels/{Sqlite,PostgreSql}) from the
# entity configurations. Run it after any change to an entity or its configuration: Data/CompiledModelTests fails until
# then. Building the model at start-up took 2 s of every start at 100,000 structures (issue 19); the compiled one loads
# in a fraction of that. Needs the .NET SDK only (dotnet-ef comes from the local tool manifest, .config/).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build tools/Reperes.ModelCompiler --nologo -v quiet
for engine in Sqlite PostgreSql; do
  out=src/Reperes.Web/Data/CompiledModels/$engine
  rm -rf "$out"
  dotnet ef dbcontext optimize --no-build --project src/Reperes.Web --startup-project tools/Reperes.ModelCompiler \
    --context ReperesDbContext --output-dir "Data/CompiledModels/$engine" \
    --namespace "Reperes.Web.Data.CompiledModels.$engine" -- "${engine,,}" >/dev/null
  # Each engine's model is chosen by DatabaseSetup (UseModel): the attribute that would have EF pick one by itself goes.
  rm "$out/ReperesDbContextAssemblyAttributes.cs"
  echo "$out: $(ls "$out" | wc -l) files"
done
