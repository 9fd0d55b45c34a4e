using DroneDelivery.Bench;

var options = BenchOptions.Parse(args);
var repoRoot = RepoRoot.Find();
var resultsDirectory = Path.Combine(Path.GetFullPath(options.ResultsDirectory, repoRoot), DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
Directory.CreateDirectory(resultsDirectory);

var run = new BenchRun(options, repoRoot, resultsDirectory, "dotnet run -c Release --project bench -- " + string.Join(' ', args));
var report = await run.RunAsync();
await run.WriteAsync(report);
Console.WriteLine();
Console.WriteLine(DroneDelivery.Bench.Report.ResultTable.Render(report));
Console.WriteLine($"Written: {resultsDirectory}/bench.json, table.md, latency.svg");
