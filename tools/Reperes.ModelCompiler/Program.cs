// Nothing to run: this project exists for `dotnet ef dbcontext optimize` (see tools/compile-ef-model.sh).
Console.Error.WriteLine("Run tools/compile-ef-model.sh to compile the EF models of both engines.");
return 2;
