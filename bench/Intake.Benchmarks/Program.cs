using Intake.Benchmarks;

// dotnet run -c Release --project bench/Intake.Benchmarks [-- --seconds 8 --clients 1,16,64]
var options = BenchmarkOptions.Parse(args);
var report = await BenchmarkRun.RunAsync(options);
if (report is null)
{
    return;
}

Console.WriteLine();
Console.WriteLine(report.Table());
var (json, markdown) = report.Write();
Console.WriteLine($"Written: {json} and {markdown}");
